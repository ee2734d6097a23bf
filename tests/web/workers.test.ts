// `tongbiao serve --workers N` as real processes (node:cluster): both workers answer on the one port, a session
// made through one is good on the other, the login rate limit counts attempts across them (it lives in the
// database), a worker that dies is replaced, and SIGTERM stops them all.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { addUser } from '../../src/store/users.js';
import { BIN, runCli } from '../helpers/cli.js';
import { PASSWORD, seed, tempStore, type TempStore } from './seed.js';

const linux = existsSync('/proc/self/stat');

let temp: TempStore;
let db: string;

beforeAll(async () => {
  temp = await tempStore();
  await seed(temp.store);
  await addUser(temp.store.db, { name: 'jiangan', password: PASSWORD, region: '420102', role: 'reviewer' }, 'test');
  await addUser(temp.store.db, { name: 'wuchang', password: PASSWORD, region: '420106', role: 'reviewer' }, 'test');
  temp.store.close();
  db = 'file:' + join(temp.dir, 'test.db');
});
afterAll(() => temp.cleanup());

interface Serving {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function startServing(args: string[]): Promise<Serving> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: PACKAGE_ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /serving (http:\/\/\S+\/)/.exec(out);
      if (m) resolve({ child, url: m[1]!, output: () => out });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`exited ${code} before serving:\n${out}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

function children(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text ? text.split(/\s+/).map(Number) : [];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** CPU time a process has used, in clock ticks. */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The login form's CSRF cookie and token, then a login attempt with them. */
async function loginForm(url: string): Promise<{ cookie: string; token: string }> {
  const res = await fetch(url + 'login');
  const token = /name="_csrf" value="([^"]+)"/.exec(await res.text())![1]!;
  return { cookie: res.headers.getSetCookie()[0]!.split(';')[0]!, token };
}

function attempt(url: string, csrf: { cookie: string; token: string }, name: string, password: string): Promise<Response> {
  return fetch(url + 'login', {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: csrf.cookie },
    body: new URLSearchParams({ name, password, _csrf: csrf.token }).toString(),
  });
}

describe.skipIf(!linux)('tongbiao serve --workers', () => {
  test('two worker processes answer on one port; a session from one works on the other; SIGTERM stops all', async () => {
    const serving = await startServing(['serve', '--port', '0', '--db', db, '--workers', '2']);
    const pid = serving.child.pid!;
    let workers: number[] = [];
    try {
      expect(serving.output()).toMatch(/serving http:\/\/127\.0\.0\.1:\d+\/ with 2 workers/);
      workers = children(pid);
      expect(workers).toHaveLength(2);
      // log in (through whichever worker), then use the session for many requests: round-robin spreads them
      const csrf = await loginForm(serving.url);
      const login = await attempt(serving.url, csrf, 'jiangan', PASSWORD);
      expect(login.status).toBe(303);
      const session = login.headers.getSetCookie().find((c) => c.startsWith('tb_session='))!.split(';')[0]!;
      const before = workers.map(cpuTicks);
      for (let i = 0; i < 60; i++) {
        const res = await fetch(serving.url + 'queue', { headers: { Cookie: session } });
        expect(res.status).toBe(200);
        expect(await res.text()).toContain('jiangan');
      }
      const used = workers.map((w, i) => cpuTicks(w) - before[i]!);
      // both processes rendered pages (60 queue pages are well over a clock tick each way)
      expect(used.every((ticks) => ticks > 0)).toBe(true);
      // logout through one worker ends the session for all of them
      const page = await (await fetch(serving.url + 'queue', { headers: { Cookie: session } })).text();
      const token = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
      const logout = await fetch(serving.url + 'logout', {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: session },
        body: new URLSearchParams({ _csrf: token }).toString(),
      });
      expect(logout.status).toBe(303);
      for (let i = 0; i < 4; i++) expect((await fetch(serving.url + 'queue', { headers: { Cookie: session } })).status).toBe(401);
    } finally {
      expect(await stop(serving.child)).toBe(0);
    }
    await waitFor(() => workers.every((w) => !alive(w)));
  });

  test('the login rate limit counts attempts made through every worker', async () => {
    const serving = await startServing(['serve', '--port', '0', '--db', db, '--workers', '2']);
    try {
      const csrf = await loginForm(serving.url);
      // at once, alternating workers, the name in two spellings: the check and the count are one transaction in
      // the shared database, so exactly the 3 free failures of a name + address get to try a password, and the
      // rest wait for the backoff (rate-limit.ts)
      const started = performance.now();
      const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(serving.url, csrf, i % 2 ? 'wuchang' : 'WuChang', `wrong ${i}`)));
      const seconds = (performance.now() - started) / 1000;
      const counts = burst.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
      // A loaded machine may stretch the burst past the first backoff (1 s, then 2 s, 4 s …): each backoff that
      // ends within the burst lets one more attempt through. Counted per worker, 6 would pass at once.
      const backoffsEnded = Math.floor(Math.log2(seconds + 1));
      expect(counts[401]).toBeGreaterThanOrEqual(3);
      expect(counts[401]).toBeLessThanOrEqual(3 + backoffsEnded);
      expect((counts[401] ?? 0) + (counts[429] ?? 0)).toBe(12);
      if (seconds < 1) expect(counts).toEqual({ 401: 3, 429: 9 });
      const limited = burst.find((r) => r.status === 429)!;
      expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    } finally {
      expect(await stop(serving.child)).toBe(0);
    }
  });

  test('a worker that dies is replaced and the others keep serving', async () => {
    const serving = await startServing(['serve', '--port', '0', '--db', db, '--workers', '2']);
    const pid = serving.child.pid!;
    try {
      const [first, second] = children(pid) as [number, number];
      process.kill(first, 'SIGKILL');
      await waitFor(() => {
        const now = children(pid);
        return now.length === 2 && !now.includes(first);
      });
      expect(children(pid)).toContain(second);
      await waitFor(() => serving.output().includes('starting another'));
      for (let i = 0; i < 6; i++) expect((await fetch(serving.url + 'healthz')).status).toBe(200);
    } finally {
      expect(await stop(serving.child)).toBe(0);
    }
  });

  test('--workers 1 serves from the one process; bad values exit 2; a port in use is reported', async () => {
    const single = await startServing(['serve', '--port', '0', '--db', db, '--workers', '1']);
    try {
      expect(single.output()).not.toContain('workers');
      expect(children(single.child.pid!)).toEqual([]);
      expect((await fetch(single.url + 'healthz')).status).toBe(200);
      // the same port again, with workers: the start fails with the reason
      const port = new URL(single.url).port;
      const busy = runCli(['serve', '--port', port, '--db', db, '--workers', '2']);
      expect(busy.code).toBe(2);
      expect(busy.stderr).toContain('already in use');
    } finally {
      expect(await stop(single.child)).toBe(0);
    }
    for (const bad of ['0', 'abc', '65']) {
      const result = runCli(['serve', '--workers', bad, '--db', db]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--workers must be a number from 1 to 64');
    }
  });
});
