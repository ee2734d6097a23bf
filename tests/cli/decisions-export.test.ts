// End to end on a real repository: a reviewer accepts a looser finding over real HTTP → `decisions export` writes
// the region's decisions.yaml → commit → a fresh clone's `validate --format sarif` shows the finding suppressed and
// exits 0 where it exited 1 → the county edits the value again and the run fails again.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openStore } from '../../src/store/db.js';
import { addUser, createSession } from '../../src/store/users.js';
import { listen, type Listening } from '../../src/web/server.js';
import { readTree } from '../helpers/files.js';
import { makeGitCatalog, type TempGitCatalog } from '../helpers/git-repo.js';
import { runCli, startServing, stop } from '../helpers/cli.js';

const DEMO = join(import.meta.dirname, '..', '..', 'catalog-yaml');
const ITEM = '420000/420100/420106/items/000100105000.yaml';
const DECISIONS = '420000/420100/420106/decisions.yaml';

let repo: TempGitCatalog;
let work: string;
let db: string;
beforeAll(() => {
  repo = makeGitCatalog({ files: Object.fromEntries(readTree(DEMO)), commit: 'demo' });
  work = mkdtempSync(join(tmpdir(), 'tongbiao-decisions-e2e-'));
  db = 'file:' + join(work, 'review.db');
  setPromised(repo.catalog, 12);
  repo.commit('武昌区 extends the promised limit');
});
afterAll(() => {
  repo.cleanup();
  rmSync(work, { recursive: true, force: true });
});

const setPromised = (dir: string, days: number) => {
  const path = join(dir, ITEM);
  writeFileSync(path, readFileSync(path, 'utf8').replace(/promisedLimit: \{ days: \d+/, `promisedLimit: { days: ${days}`));
};
const sarif = (dir: string) => {
  const result = runCli(['validate', '--catalog', dir, '--format', 'sarif']);
  // 武昌区's looser finding (the demo has one of its own, accepted, in 大智街道)
  const results = (JSON.parse(result.stdout).runs[0].results as any[]).filter((r) => r.ruleId === 'level-looser' && r.locations[0].physicalLocation.artifactLocation.uri.endsWith(ITEM));
  return { code: result.code, results };
};

/** 武昌区's looser finding on ITEM, if any. */
const looserOf = (dir: string) =>
  JSON.parse(runCli(['validate', '--catalog', dir, '--format', 'json']).stdout).findings.find((f: any) => f.rule === 'level-looser' && f.file.endsWith(ITEM));

async function acceptOverHttp(key: string, fingerprint: string): Promise<void> {
  const store = await openStore(db);
  let server: Listening | undefined;
  try {
    const user = await addUser(store.db, { name: 'wuchang', region: '420106', role: 'reviewer', password: 'correct horse battery' }, 'test');
    const session = await createSession(store.db, user.id);
    server = await listen({ store, port: 0, host: '127.0.0.1' });
    const body = new URLSearchParams({ _csrf: session.csrfToken, key, fingerprint, decision: 'accepted', reason: '经区政府常务会议研究同意延长' });
    const res = await fetch(new URL('/decide', server.url), {
      method: 'POST', body, redirect: 'manual',
      headers: { Cookie: `tb_session=${session.token}`, 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url.slice(0, -1) },
    });
    expect(res.status).toBe(303);
  } finally {
    await server?.close();
    store.close();
  }
}

describe('decisions travel from the review UI into git and CI', () => {
  it('accept → export → commit → CI passes on a fresh clone → a changed value fails it again', async () => {
    expect(runCli(['sync', '--catalog', repo.catalog, '--db', db]).code).toBe(0);
    const before = sarif(repo.catalog);
    expect(before.code).toBe(1);
    expect(before.results).toHaveLength(1);
    expect(before.results[0].suppressions).toBeUndefined();

    const finding = looserOf(repo.catalog);
    await acceptOverHttp(finding.key, finding.fingerprint);

    const check = runCli(['decisions', 'export', '--check', '--catalog', repo.catalog, '--db', db]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('1 decision in the database not yet in git');
    expect(readFileSync(join(repo.catalog, DECISIONS), 'utf8')).not.toContain(finding.key); // only the demo's fix request

    const exported = runCli(['decisions', 'export', '--catalog', repo.catalog, '--db', db, '--format', 'json']);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const untouched = (region: string) => expect.objectContaining({ region, added: 0, changed: 0, removed: 0 }); // the demo's own
    expect(JSON.parse(exported.stdout).regions).toEqual([
      untouched('420102001'),
      expect.objectContaining({ region: '420106', added: 1, changed: 0, removed: 0 }),
      untouched('420502'),
      untouched('429004'),
    ]);
    const entries = parse(readFileSync(join(repo.catalog, DECISIONS), 'utf8'));
    // the demo's fix request came in through sync and goes back with its patch (changed: 0 above)
    const request = { key: '420106/000100104000#/materials/@学历证书/copies', decision: 'fix-requested', patch: expect.stringContaining('\n-    copies: 1\n') };
    expect(entries).toEqual([expect.objectContaining(request), {
      key: finding.key, fingerprint: finding.fingerprint, decision: 'accepted', reason: '经区政府常务会议研究同意延长', by: 'wuchang',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/),
    }]);
    expect(runCli(['decisions', 'export', '--check', '--catalog', repo.catalog, '--db', db]).code).toBe(0);
    // exporting again changes nothing
    const text = readFileSync(join(repo.catalog, DECISIONS), 'utf8');
    expect(runCli(['decisions', 'export', '--catalog', repo.catalog, '--db', db]).code).toBe(0);
    expect(readFileSync(join(repo.catalog, DECISIONS), 'utf8')).toBe(text);
    repo.commit('decisions of 江岸区');

    const clone = join(work, 'clone');
    execFileSync('git', ['clone', '-q', repo.top, clone]);
    const after = sarif(clone);
    expect(after.code).toBe(0);
    expect(after.results[0]).toMatchObject({ level: 'error', suppressions: [{ kind: 'external', status: 'accepted', justification: '经区政府常务会议研究同意延长' }] });

    setPromised(clone, 13);
    const changed = sarif(clone);
    expect(changed.code).toBe(1);
    expect(changed.results[0].suppressions).toBeUndefined();
  });
});

describe('serve --commit-decisions', () => {
  it('a decision posted to the server lands as a commit on the branch, authored by the reviewer, HEAD untouched', async () => {
    expect(runCli(['sync', '--catalog', repo.catalog, '--db', db]).code).toBe(0);
    const store = await openStore(db);
    let session: { token: string; csrfToken: string };
    try {
      const user = await addUser(store.db, { name: 'jiangan', region: '420102', role: 'reviewer', password: 'correct horse battery' }, 'test');
      session = await createSession(store.db, user.id);
    } finally {
      store.close();
    }
    const head = repo.head();
    const finding = JSON.parse(runCli(['validate', '--catalog', repo.catalog, '--format', 'json']).stdout).findings
      .find((f: any) => f.rule === 'level-review' && f.region === '420102');
    const { child, url } = await startServing(['serve', '--port', '0', '--db', db, '--commit-decisions', 'review-decisions', '--catalog', repo.catalog], repo.catalog);
    try {
      const res = await fetch(new URL('/decide', url), {
        method: 'POST', redirect: 'manual',
        body: new URLSearchParams({ _csrf: session.csrfToken, key: finding.key, fingerprint: finding.fingerprint, decision: 'accepted', reason: '本区实际情况' }),
        headers: { Cookie: `tb_session=${session.token}`, 'Content-Type': 'application/x-www-form-urlencoded', Origin: url.slice(0, -1) },
      });
      expect(res.status).toBe(303);
      let log = '';
      for (let i = 0; i < 100 && log === ''; i++) {
        await new Promise((r) => setTimeout(r, 100));
        try {
          log = repo.git('log', '--format=%an|%s', 'review-decisions', '--not', head).trim();
        } catch {
          // not written yet: the branch does not exist
        }
      }
      expect(log).toBe(`jiangan|decisions: jiangan accept ${finding.key}`);
    } finally {
      await stop(child);
    }
    const entries = parse(repo.git('show', 'review-decisions:420000/420100/420102/decisions.yaml'));
    expect(entries).toEqual([expect.objectContaining({ key: finding.key, fingerprint: finding.fingerprint, decision: 'accepted', by: 'jiangan' })]);
    expect(repo.head()).toBe(head);
    expect(repo.git('status', '--porcelain', '--', '.')).toBe('');
  });
});

describe('request fix', () => {
  it('offers the fix as a patch that git apply takes on a fresh clone, and records it with the decision', async () => {
    expect(runCli(['sync', '--catalog', repo.catalog, '--db', db]).code).toBe(0);
    const looser = looserOf(repo.catalog);
    const store = await openStore(db);
    let server: Listening | undefined;
    try {
      const user = await addUser(store.db, { name: 'wuhan', region: '420100', role: 'officer', password: 'correct horse battery' }, 'test');
      const session = await createSession(store.db, user.id);
      server = await listen({ store, port: 0, host: '127.0.0.1', catalogDir: repo.catalog });
      const headers = { Cookie: `tb_session=${session.token}` };
      const form = await (await fetch(new URL(`/decide?key=${encodeURIComponent(looser.key)}`, server.url), { headers })).text();
      expect(form).toContain('/decide/patch?key=');
      const patch = await fetch(new URL(`/decide/patch?key=${encodeURIComponent(looser.key)}&download=1`, server.url), { headers });
      expect(patch.status).toBe(200);
      expect(patch.headers.get('content-disposition')).toContain('-fix.patch');
      const text = await patch.text();
      expect(text).toContain('-promisedLimit: { days: 12, unit: 工作日 }');
      expect(text).toContain('+promisedLimit: { days: 10, unit: 工作日 }');

      const clone = join(work, 'patch-clone');
      execFileSync('git', ['clone', '-q', repo.top, clone]);
      writeFileSync(join(work, 'fix.patch'), text);
      execFileSync('git', ['apply', join(work, 'fix.patch')], { cwd: clone });
      expect(execFileSync('git', ['diff', '--stat'], { cwd: clone, encoding: 'utf8' })).toContain('000100105000.yaml | 2 +-');
      expect(looserOf(clone)).toBeUndefined();

      const res = await fetch(new URL('/decide', server.url), {
        method: 'POST', redirect: 'manual',
        body: new URLSearchParams({ _csrf: session.csrfToken, key: looser.key, fingerprint: looser.fingerprint, decision: 'fix-requested', reason: '请恢复为 10 个工作日' }),
        headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url.slice(0, -1) },
      });
      expect(res.status).toBe(303);
    } finally {
      await server?.close();
      store.close();
    }
    expect(runCli(['decisions', 'export', '--catalog', repo.catalog, '--db', db]).code).toBe(0);
    const entries = parse(readFileSync(join(repo.catalog, DECISIONS), 'utf8')) as Array<{ key: string; decision: string; patch?: string }>;
    expect(entries.find((e) => e.key === looser.key)).toMatchObject({ decision: 'fix-requested', patch: expect.stringContaining('+promisedLimit: { days: 10, unit: 工作日 }') });
  });
});
