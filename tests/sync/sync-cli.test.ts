// `tongbiao sync` as a process: output, exit codes, concurrent processes, and kill -9 at any moment.
// Runs the built CLI (bin/tongbiao.js → dist/); `npm test` builds first.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/db.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { syncCatalog } from '../../src/sync/sync.js';
import { stringify } from 'yaml';
import { bigRegions, catalogCodeFor, itemData, itemPath, makeGitCatalog, smallCatalog, SMALL_REGIONS, type TempGitCatalog } from '../helpers/git-repo.js';
import { BACKENDS, type Database } from '../helpers/backends.js';

const BIN = join(PACKAGE_ROOT, 'bin', 'tongbiao.js');

beforeAll(() => {
  if (!existsSync(join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'commands', 'sync.js'))) {
    throw new Error('the CLI is not built: run `npm run build` (npm test does)');
  }
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? PACKAGE_ROOT,
      env: { ...process.env, CI: '1', TONGBIAO_DB: '', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.each(BACKENDS)('tongbiao sync (process) on $name', (backend) => {
  let db: Database;
  let repo: TempGitCatalog;

  beforeEach(async () => {
    db = await backend.start();
    repo = makeGitCatalog({ prefix: 'catalog-yaml', files: smallCatalog(2), commit: 'init' });
  });
  afterEach(async () => {
    await db.stop();
    repo.cleanup();
  });

  it('prints a one-line summary, JSON with --format json, and says when there is nothing new', async () => {
    const first = await cli(['sync', repo.catalog, '--db', db.url]);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^synced [0-9a-f]{12}, 1 commit \(full\): items \+8 ~0 -0 \(8 in all\), 1 findings \(0 errors\), 0 discrepancies, reviews 0 outdated 0 resolved, \d+ files checked in [\d.]+ s\n$/);
    const again = await cli(['sync', '--catalog', repo.catalog, '--format', 'json'], { env: { TONGBIAO_DB: db.url } });
    expect(again.code).toBe(0);
    const summary = JSON.parse(again.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ outcome: 'noop', revision: repo.head(), items: 8 });
    const text = await cli(['sync'], { cwd: repo.top, env: { TONGBIAO_DB: db.url } }); // finds ./catalog-yaml
    expect(text.stdout).toMatch(/^already up to date at [0-9a-f]{12}: nothing to sync/);
  });

  it('a bad revision or a catalog outside git: exit 2, one line on stderr, nothing written', async () => {
    const bad = await cli(['sync', repo.catalog, '--db', db.url, '--rev', 'nope']);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toMatch(/^tongbiao: revision 'nope' not found in .*\n$/);
    const plain = makeGitCatalog({ files: smallCatalog(1) });
    try {
      spawnSync('rm', ['-rf', join(plain.top, '.git')]);
      const outside = await cli(['sync', plain.catalog, '--db', db.url]);
      expect(outside).toMatchObject({ code: 2, stdout: '' });
      expect(outside.stderr).toMatch(/^tongbiao: the catalog .* is not in a git repository.*\n$/);
    } finally {
      plain.cleanup();
    }
    const store = await openStore(db.url);
    try {
      expect((await store.client.execute('SELECT count(*) AS n FROM sync_runs')).rows[0]!.n).toBe(0);
    } finally {
      store.close();
    }
  });

  it('two sync processes at once: one syncs, the other waits and finds it done', async () => {
    const [a, b] = await Promise.all([cli(['sync', repo.catalog, '--db', db.url]), cli(['sync', repo.catalog, '--db', db.url])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const outs = [a.stdout, b.stdout].sort();
    expect(outs[0]).toMatch(/^already up to date/);
    expect(outs[1]).toMatch(/^synced /);
  });

  it('kill -9 at any point leaves the previous complete state, and the next sync works', async () => {
    // a catalog big enough that reading and writing take a while
    const regions = bigRegions(4, 3);
    const big = makeGitCatalog({ prefix: 'catalog-yaml' });
    try {
      big.write('tongbiao.yaml', 'formatVersion: 1\n');
      const ITEMS = 180; // × 17 regions ≈ 3,000 item files
      for (const region of regions) {
        big.write(`${region.dir}/region.yaml`, stringify({ code: region.code, name: region.name, level: region.level }));
        for (let n = 1; n <= ITEMS; n++) {
          const data = itemData({ catalogCode: catalogCodeFor(n), region: region.code, level: region.level });
          if (region.level !== '省级' && n % 10 === 0) data.conditions = `${region.name}的受理条件`;
          big.write(itemPath(region, catalogCodeFor(n)), stringify(data));
        }
      }
      big.commit('big catalog');
      // the previous state: the same catalog one commit earlier, synced completely
      const store = await openStore(db.url);
      try {
        big.git('checkout', '-q', '-b', 'old', 'HEAD');
        for (const region of regions.slice(1)) big.remove(region.dir.split('/').slice(0, 2).join('/'));
        big.commit('province only');
        const previous = await syncCatalog(store, { catalogDir: big.catalog });
        big.git('checkout', '-q', 'main');
        const before = await dump(store);
        expect(previous.items).toBe(ITEMS);

        for (const phase of ['checking', 'reading history', 'writing rows', 'writing rows']) {
          const child = spawn(process.execPath, [BIN, 'sync', big.catalog, '--db', db.url, '--rev', 'main', '--progress'], {
            env: { ...process.env, CI: '1' },
          });
          let stderr = '';
          let killedAt = '';
          await new Promise<void>((resolve) => {
            child.stderr.on('data', (d: Buffer) => {
              stderr += d.toString();
              if (!killedAt && stderr.includes(`sync: ${phase}`)) {
                killedAt = stderr.trim().split('\n').at(-1)!;
                child.kill('SIGKILL');
              }
            });
            child.on('close', () => resolve());
          });
          expect(killedAt, `the sync ended before reaching '${phase}': ${stderr}`).not.toBe('');
          expect(await dump(store), `killed at: ${killedAt}`).toEqual(before);
          // the killed sync's lease is left behind; the next sync takes it over (its process is gone)
          expect(String((await store.client.execute('SELECT holder FROM sync_lock')).rows[0]!.holder)).toContain(` ${child.pid} `);
        }

        const done = await cli(['sync', big.catalog, '--db', db.url, '--rev', 'main', '--format', 'json']);
        expect(done.code, done.stderr).toBe(0);
        const summary = JSON.parse(done.stdout) as Record<string, number>;
        expect(summary).toMatchObject({ outcome: 'ok', items: ITEMS * regions.length, itemsAdded: ITEMS * (regions.length - 1) });
        expect(summary.discrepancies).toBe(18 * (regions.length - 1));
        const after = await dump(store);
        expect(after.runs).toHaveLength(before.runs.length + 1);
        expect((await store.client.execute('SELECT holder FROM sync_lock')).rows.map((r) => r.holder)).toEqual(['']);
      } finally {
        store.close();
      }
    } finally {
      big.cleanup();
    }
  }, 120_000);
});

describe('tongbiao sync with an unreachable database', () => {
  it('exits 2 with one line', async () => {
    const repo = makeGitCatalog({ files: smallCatalog(1), commit: 'init' });
    try {
      const run = await cli(['sync', repo.catalog, '--db', 'ws://127.0.0.1:9']);
      expect(run).toMatchObject({ code: 2, stdout: '' });
      expect(run.stderr).toMatch(/^tongbiao: cannot open database ws:\/\/127\.0\.0\.1:9: .*\n$/);
    } finally {
      repo.cleanup();
    }
  });
});

/** Everything a sync writes, for before/after comparison. */
async function dump(store: Store) {
  const all = async (sql: string) => (await store.client.execute(sql)).rows.map((r) => ({ ...r }));
  return {
    runs: await all('SELECT id, revision, outcome, counts FROM sync_runs ORDER BY id'),
    items: await all('SELECT region, catalog_code, blob, revision, removed_at, errors, warnings FROM items ORDER BY region, catalog_code'),
    versions: await all('SELECT count(*) AS n, max(id) AS last FROM item_versions'),
    findings: await all('SELECT count(*) AS n FROM findings'),
    discrepancies: await all('SELECT key, fingerprint, since FROM discrepancies ORDER BY key'),
    fts: await all('SELECT count(*) AS n FROM items_fts'),
    regions: await all('SELECT * FROM regions ORDER BY code'),
  };
}

export { SMALL_REGIONS };
