// A check worker: loads the catalog once, then computes the work plans it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { loadCatalog } from '../catalog/load.js';
import { computeWork, type WorkPlan } from './compute.js';
import { sourceFrom, type SourceDescription } from './pool.js';

const { source, version } = workerData as { source: SourceDescription; version: string };
const catalog = loadCatalog(await sourceFrom(source));

parentPort!.on('message', async (plan: WorkPlan | null) => {
  if (plan === null) {
    process.exit(0);
  }
  try {
    parentPort!.postMessage({ ok: await computeWork(await catalog, plan, version) });
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).stack ?? String(error) });
  }
});
