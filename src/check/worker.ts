// A check worker: loads the catalog once, then computes the work plans it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { loadCatalog } from '../catalog/load.js';
import { computeWork, type ItemOutcome, type WorkPlan } from './compute.js';
import { packJson, sourceFrom, type SourceDescription, type WorkerMessage } from './pool.js';

const { source, version } = workerData as { source: SourceDescription; version: string };
const catalog = loadCatalog(await sourceFrom(source));

parentPort!.on('message', async (plan: WorkPlan | null) => {
  if (plan === null) {
    process.exit(0);
  }
  let message: WorkerMessage;
  try {
    const json = (outcomes: ItemOutcome[]) => {
      const packed = packJson(outcomes);
      parentPort!.postMessage({ json: packed } satisfies WorkerMessage, [packed.bytes]);
    };
    message = { ok: await computeWork(await catalog, plan, version, json) };
  } catch (error) {
    message = { error: (error as Error).stack ?? String(error) };
  }
  parentPort!.postMessage(message);
});
