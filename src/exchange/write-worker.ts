// A worker thread of the import's write pool (write-pool.ts): renders a new item file the one way item files
// are laid out (src/levels/item-yaml.ts) and writes it under its staged name, refusing to overwrite anything.
import { writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { itemYaml } from '../levels/item-yaml.js';
import type { FileJob, FileJobs } from './write-pool.js';

parentPort!.on('message', (message: FileJobs) => {
  const jobs = 'json' in message ? (JSON.parse(message.json) as FileJob[]) : message.jobs;
  for (const job of jobs) {
    try {
      writeFileSync(job.path, itemYaml(job.item, job.modeline), { flag: 'wx' });
    } catch (error) {
      parentPort!.postMessage({ done: jobs.length, error: `${job.path}: ${(error as Error).message}` });
      return;
    }
  }
  parentPort!.postMessage({ done: jobs.length });
});
