// `tongbiao serve --workers N`: N processes (node:cluster) serve the same port, so pages render on every core.
// Nothing a request needs lives only in one process: sessions and the login rate limit are in the database,
// and each process's caches of big aggregates are checked against the data version on every request.
//
// The primary opens the database once (so that migrations run once), forks the workers, says where it serves
// when every worker listens, restarts a worker that dies, and stops them all on Ctrl-C / SIGTERM.
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { TongbiaoError } from '../errors.js';

/** At most this many by default: beyond it the database, not rendering, is the limit. */
export const MAX_DEFAULT_WORKERS = 4;

export function defaultWorkers(): number {
  return Math.max(1, Math.min(MAX_DEFAULT_WORKERS, availableParallelism()));
}

export function parseWorkers(value: string | undefined): number {
  if (value === undefined) return defaultWorkers();
  if (!/^\d{1,2}$/.test(value) || Number(value) < 1 || Number(value) > 64) {
    throw new TongbiaoError(`--workers must be a number from 1 to 64 (got '${value}')`);
  }
  return Number(value);
}

export const isWorker = (): boolean => cluster.isWorker;

/** What a worker tells the primary. */
type WorkerMessage = { type: 'tongbiao:fatal'; message: string };
/** What the primary tells a worker. */
const STOP = { type: 'tongbiao:stop' } as const;

export interface WorkerGroup {
  url: string;
  port: number;
  /** pids of the workers now running */
  pids(): number[];
  /** Stops every worker (they finish what they are answering) and resolves when all have exited. */
  close(): Promise<void>;
}

/**
 * Primary: forks `count` workers running `args` (the same CLI command; each sees `isWorker()`), resolves when all
 * listen. A worker that fails before listening makes the whole start fail with its message (port in use …).
 */
export function startWorkers(options: {
  count: number;
  host: string;
  args: string[];
  /** added to each worker's environment */
  env?: Record<string, string>;
  onLog: (line: string) => void;
}): Promise<WorkerGroup> {
  cluster.setupPrimary({ args: options.args });
  const workers = new Set<Worker>();
  /** the workers that listen: they have their stop handlers in place */
  const serving = new Set<Worker>();
  let stopping = false;
  let started = false;
  let port = 0;
  const restarts: number[] = [];

  return new Promise((resolve, reject) => {
    let listening = 0;
    const fail = (message: string) => {
      if (stopping) return;
      stopping = true;
      for (const w of workers) w.process.kill('SIGTERM');
      reject(new TongbiaoError(message));
    };

    const fork = (): void => {
      if (stopping) return;
      const worker = cluster.fork(options.env);
      workers.add(worker);
      let fatal: string | undefined;
      worker.on('message', (message: WorkerMessage) => {
        if (message?.type === 'tongbiao:fatal') fatal = message.message;
      });
      worker.on('listening', (address) => {
        serving.add(worker);
        if (started) return;
        port = address.port;
        if (++listening === options.count) {
          started = true;
          const host = options.host.includes(':') ? `[${options.host}]` : options.host;
          resolve({
            url: `http://${host}:${port}/`,
            port,
            pids: () => [...workers].map((w) => w.process.pid!).filter((pid) => pid !== undefined),
            close: () => stopAll(),
          });
        }
      });
      worker.on('exit', (code, signal) => {
        workers.delete(worker);
        serving.delete(worker);
        if (stopping) return;
        if (!started) {
          fail(fatal ?? `a worker could not start (exit ${code ?? signal})`);
          return;
        }
        // a worker died while serving: replace it, unless they keep dying
        const now = Date.now();
        restarts.push(now);
        while (restarts.length > 0 && now - restarts[0]! > 60_000) restarts.shift();
        options.onLog(`worker ${worker.process.pid} exited (${code ?? signal}); starting another`);
        if (restarts.length > 10) {
          options.onLog('workers keep exiting; not restarting any more');
          return;
        }
        setTimeout(fork, 200).unref();
      });
    };

    const stopAll = (): Promise<void> => {
      stopping = true;
      if (workers.size === 0) return Promise.resolve();
      return new Promise((done) => {
        let left = workers.size;
        for (const w of workers) {
          const kill = setTimeout(() => w.process.kill('SIGKILL'), 10_000);
          kill.unref();
          w.once('exit', () => {
            clearTimeout(kill);
            if (--left === 0) done();
          });
          // a serving worker finishes what it answers; one still starting has nothing to finish
          if (serving.has(w) && w.isConnected()) w.send(STOP);
          else w.process.kill('SIGTERM');
        }
      });
    };

    for (let i = 0; i < options.count; i++) fork();
  });
}

/** Worker: tells the primary why it cannot serve (before exiting with an error); resolves once sent. */
export function reportFatal(message: string): Promise<void> {
  return new Promise((resolve) => {
    if (!cluster.isWorker || !process.send || !process.connected) return resolve();
    process.send({ type: 'tongbiao:fatal', message } satisfies WorkerMessage, undefined, {}, () => resolve());
  });
}

/** Worker: resolves when the primary asks it to stop, goes away, or the process gets SIGINT / SIGTERM. */
export function untilWorkerStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.off('message', onMessage);
      process.off('disconnect', stop);
      resolve();
    };
    const onMessage = (message: unknown) => {
      if ((message as { type?: string } | null)?.type === STOP.type) stop();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    process.on('message', onMessage);
    process.on('disconnect', stop);
  });
}

/** Worker: lets go of the primary so the process can end. */
export function leavePrimary(): void {
  if (cluster.isWorker && process.connected) process.disconnect();
}
