// A worker thread of the import's write pool (write-pool.ts): renders new item files the one way item files are
// laid out (src/levels/item-yaml.ts) and writes them under their staged names, refusing to overwrite anything.
//
// A batch is rendered first and its files are then created holding its folder's lock (shared by the pool's
// workers): creating a file takes the folder's lock in the kernel, and two threads creating files in one folder
// spin on it. On an ext4 without a journal, each creation soon after many files were deleted also scans every
// recently freed inode while holding that lock; with two writers in one folder, that spinning was most of a
// province import's system time (perf: 19 % of all samples in rwsem_spin_on_owner, 126 s of system time
// against 12 s). Rendering, the larger part, stays parallel.
import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { itemYaml, itemYamlOfElements } from '../levels/item-yaml.js';
import { FolderLocks, type FileJobs } from './write-pool.js';

const locks = new FolderLocks(workerData as SharedArrayBuffer);

parentPort!.on('message', (message: FileJobs) => {
  const jobs = 'files' in message ? message.files : message.jobs;
  const texts: string[] = [];
  let at = 0;
  try {
    for (; at < jobs.length; at++) {
      const job = jobs[at]!;
      texts.push('elements' in job ? itemYamlOfElements(job.elements, job.modeline) : itemYaml(job.item, job.modeline));
    }
    for (at = 0; at < jobs.length; ) {
      const folder = dirname(jobs[at]!.path);
      locks.hold(folder, () => {
        for (; at < jobs.length && dirname(jobs[at]!.path) === folder; at++) writeFileSync(jobs[at]!.path, texts[at]!, { flag: 'wx' });
      });
    }
  } catch (error) {
    parentPort!.postMessage({ done: jobs.length, error: `${jobs[at]!.path}: ${(error as Error).message}` });
    return;
  }
  parentPort!.postMessage({ done: jobs.length });
});
