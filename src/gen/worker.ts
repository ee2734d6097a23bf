// A worker thread of `generateCatalog` (see runWorkers): loads the generator, claims its share by moving
// its state from starting to running (unless the waiting thread has taken it over), writes it while
// counting files in shared memory, answers on its port, then wakes the waiting thread. Everything that
// can fail is inside a try, so the waiting thread is always woken.
import { workerData } from 'node:worker_threads';
import type { WorkerAnswer, WorkerInput } from './generate.js';

const { task, index, workers, port, counters } = workerData as WorkerInput;
const shared = new Int32Array(counters);
const state = workers + index;
const wake = 2 * workers;
// The same numbers as WORKER_STATE, which cannot be imported before the generator has loaded.
const STARTING = 0, RUNNING = 1, ANSWERED = 2, COULD_NOT_LOAD = 4;
const bump = () => {
  Atomics.add(shared, wake, 1);
  Atomics.notify(shared, wake);
};

let generator: typeof import('./generate.js') | undefined;
try {
  generator = await import('./generate.js');
} catch {
  if (Atomics.compareExchange(shared, state, STARTING, COULD_NOT_LOAD) === STARTING) bump();
}
if (generator && Atomics.compareExchange(shared, state, STARTING, RUNNING) === STARTING) {
  let answer: WorkerAnswer;
  try {
    answer = { type: 'done', result: generator.writeUnits(task.root, task.options, task.units, (n) => Atomics.add(shared, index, n), 500) };
  } catch (error) {
    answer = { type: 'error', message: (error as Error).stack ?? String(error) };
  }
  port.postMessage(answer);
  Atomics.store(shared, state, ANSWERED);
  bump();
}
