// A worker thread of `generateCatalog`: writes its share of the region subtrees, counts files written in
// shared memory, answers on its port, then wakes the waiting thread (see runWorkers). Everything that can
// fail, loading the generator included, is inside the try, so the waiting thread is always woken.
import { workerData } from 'node:worker_threads';
import type { WorkerAnswer, WorkerInput } from './generate.js';

const { task, index, port, counters } = workerData as WorkerInput;
const shared = new Int32Array(counters);
const done = shared.length - 1;
let answer: WorkerAnswer;
try {
  const { writeUnits } = await import('./generate.js');
  answer = { type: 'done', result: writeUnits(task.root, task.options, task.units, (n) => Atomics.add(shared, index, n), 500) };
} catch (error) {
  answer = { type: 'error', message: (error as Error).stack ?? String(error) };
}
port.postMessage(answer);
Atomics.add(shared, done, 1);
Atomics.notify(shared, done);
