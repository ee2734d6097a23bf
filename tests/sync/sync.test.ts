// The sync against real git repositories and real databases: an embedded file and a libSQL server (sqld).
import { spawn } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import type { InValue } from '@libsql/client';
import { openStore, type Store } from '../../src/store/db.js';
import { syncCatalog, type SyncSummary } from '../../src/sync/sync.js';
import { TongbiaoError } from '../../src/errors.js';
import { itemFromV1 } from '../../src/catalog/v1.js';
import {
  catalogCodeFor,
  itemData,
  itemPath,
  itemYaml,
  makeGitCatalog,
  regionYaml,
  smallCatalog,
  SMALL_REGIONS,
  type TempGitCatalog,
} from '../helpers/git-repo.js';
import { stringify } from 'yaml';
import { BACKENDS, fileBackend, type Database } from '../helpers/backends.js';

const [PROVINCE, CITY, COUNTY, DIRECT] = SMALL_REGIONS as [typeof SMALL_REGIONS[0], typeof SMALL_REGIONS[0], typeof SMALL_REGIONS[0], typeof SMALL_REGIONS[0]];
const C1 = catalogCodeFor(1);
const C2 = catalogCodeFor(2);
const C3 = catalogCodeFor(3);
const C4 = catalogCodeFor(4);
const C5 = catalogCodeFor(5);

type Rows = Record<string, unknown>[];

describe.each(BACKENDS)('sync on $name', (backend) => {
  let db: Database;
  let store: Store;
  let repo: TempGitCatalog;
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeEach(async () => {
    db = await backend.start();
    store = await openStore(db.url);
    repo = makeGitCatalog({ prefix: 'catalog-yaml' });
  });
  afterEach(async () => {
    store.close();
    await db.stop();
    repo.cleanup();
    while (cleanups.length) await cleanups.pop()!();
  });

  const q = async (sql: string, args: InValue[] = []): Promise<Rows> =>
    (await store.client.execute({ sql, args })).rows as unknown as Rows;
  const sync = (options: { rev?: string; worktree?: boolean } = {}) => syncCatalog(store, { catalogDir: repo.catalog, ...options });

  /** The incremental result must be exactly what a fresh full sync of the same revision stores. */
  async function expectSameAsFullSync(rev?: string, worktree = false): Promise<void> {
    const fresh = await fileBackend.start();
    const other = await openStore(fresh.url);
    try {
      await syncCatalog(other, { catalogDir: repo.catalog, ...(rev ? { rev } : {}), ...(worktree ? { worktree } : {}) });
      const ours = await snapshot(store);
      expect(ours.unlinked).toEqual([{ noId: 0, strayFts: 0, missingFts: 0 }]);
      expect(ours).toEqual(await snapshot(other));
    } finally {
      other.close();
      await fresh.stop();
    }
  }

  it('first sync stores items, regions, history, search rows; a second sync is a no-op', async () => {
    const files = smallCatalog(3);
    repo.writeAll(Object.fromEntries(Object.entries(files).filter(([p]) => !p.startsWith('420000/4'))));
    const first = repo.commit('省级基准目录', { author: '省厅', date: '2024-01-01T09:00:00+08:00' });
    repo.writeAll(files);
    const second = repo.commit('市县认领', { author: '市局', date: '2024-01-02T09:00:00+08:00' });

    const summary = await sync();
    expect(summary).toMatchObject({
      outcome: 'ok', revision: second, previousRevision: null, full: true, commits: 2,
      itemsAdded: 12, itemsChanged: 0, itemsRemoved: 0, versions: 12, items: 12, errors: 0, discrepancies: 0,
    });
    expect(await q('SELECT code, name, level, parent, lineage FROM regions ORDER BY code')).toEqual([
      { code: '420000', name: '湖北省', level: '省级', parent: null, lineage: '420000' },
      { code: '420100', name: '武汉市', level: '市级', parent: '420000', lineage: '420000/420100' },
      { code: '420102', name: '江岸区', level: '县级', parent: '420100', lineage: '420000/420100/420102' },
      { code: '429004', name: '仙桃市', level: '县级', parent: '420000', lineage: '420000/429004' },
    ]);
    const item = (await q('SELECT * FROM items WHERE region = ? AND catalog_code = ?', ['420000', C1]))[0]!;
    expect(item).toMatchObject({ file: itemPath(PROVINCE, C1), revision: first, errors: 0, uncommitted: 0, removed_at: null });
    // The test catalog is format v1: the body is the item's v2 reading.
    expect(JSON.parse(String(item.body))).toEqual(itemFromV1(itemData({ catalogCode: C1, region: '420000', level: '省级' })));
    expect(item.blob).toBe(repo.git('rev-parse', `HEAD:catalog-yaml/${itemPath(PROVINCE, C1)}`));
    const versions = await q('SELECT "commit", author, date, message, change, blob, body FROM item_versions WHERE region = ? AND catalog_code = ?', ['420000', C1]);
    expect(versions).toEqual([
      expect.objectContaining({ commit: first, author: '省厅 <test@tongbiao.invalid>', date: '2024-01-01T09:00:00+08:00', message: '省级基准目录', change: 'A', blob: item.blob }),
    ]);
    expect(JSON.parse(String(versions[0]!.body))).toEqual(JSON.parse(String(item.body)));
    expect((await q('SELECT "commit" FROM item_versions WHERE region = ?', ['420102'])).every((r) => r.commit === second)).toBe(true);
    expect(await q('SELECT count(*) AS n FROM items_fts')).toEqual([{ n: 12 }]);
    expect(await q('SELECT outcome, revision FROM sync_runs')).toEqual([{ outcome: 'ok', revision: second }]);

    const again = await sync();
    expect(again).toMatchObject({ outcome: 'noop', revision: second, itemsAdded: 0, versions: 0, items: 12 });
    expect(await q('SELECT outcome FROM sync_runs ORDER BY id')).toEqual([{ outcome: 'ok' }, { outcome: 'noop' }]);
    expect(await q('SELECT count(*) AS n FROM item_versions')).toEqual([{ n: 12 }]);
  });

  it('a commit that edits, adds, deletes and renames items changes just those, with history kept', async () => {
    repo.writeAll(smallCatalog(3));
    repo.commit('init');
    await sync();

    const edited = itemData({ catalogCode: C1, region: COUNTY.code, level: '县级', set: { conditions: '本区户籍人员' } });
    repo.write(itemPath(COUNTY, C1), stringify(edited));
    repo.write(itemPath(PROVINCE, C4), itemYaml({ catalogCode: C4, region: PROVINCE.code, level: '省级' }));
    repo.remove(itemPath(DIRECT, C2));
    repo.rename(itemPath(COUNTY, C3), itemPath(COUNTY, C5));
    const change = repo.commit('编辑、新增、删除、改名', { author: '李四', date: '2024-02-01T10:00:00+08:00' });

    const summary = await sync();
    expect(summary).toMatchObject({ outcome: 'ok', full: false, commits: 1, itemsAdded: 2, itemsChanged: 1, itemsRemoved: 2, versions: 5 });
    expect(summary.files).toBeLessThan(16);

    const items = await q('SELECT region, catalog_code, removed_at FROM items ORDER BY region, catalog_code');
    expect(items).toContainEqual({ region: DIRECT.code, catalog_code: C2, removed_at: change });
    expect(items).toContainEqual({ region: COUNTY.code, catalog_code: C3, removed_at: change });
    expect(items).toContainEqual({ region: COUNTY.code, catalog_code: C5, removed_at: null });
    expect(items).toContainEqual({ region: PROVINCE.code, catalog_code: C4, removed_at: null });

    const history = async (region: string, code: string) =>
      (await q('SELECT change, blob IS NULL AS noblob, previous_file FROM item_versions WHERE region = ? AND catalog_code = ? ORDER BY id', [region, code]));
    expect(await history(COUNTY.code, C1)).toEqual([
      { change: 'A', noblob: 0, previous_file: null },
      { change: 'M', noblob: 0, previous_file: null },
    ]);
    expect(await history(DIRECT.code, C2)).toEqual([
      { change: 'A', noblob: 0, previous_file: null },
      { change: 'D', noblob: 1, previous_file: null },
    ]);
    expect(await history(COUNTY.code, C5)).toEqual([{ change: 'R', noblob: 0, previous_file: itemPath(COUNTY, C3) }]);
    expect(await history(COUNTY.code, C3)).toEqual([
      { change: 'A', noblob: 0, previous_file: null },
      { change: 'D', noblob: 1, previous_file: null },
    ]);

    const discrepancies = await q('SELECT region, catalog_code, kind, path FROM discrepancies ORDER BY region, catalog_code, path');
    expect(discrepancies).toEqual(
      expect.arrayContaining([
        { region: COUNTY.code, catalog_code: C1, kind: 'review', path: '/conditions' },
        { region: CITY.code, catalog_code: C4, kind: 'missing', path: '' },
        { region: COUNTY.code, catalog_code: C4, kind: 'missing', path: '' },
        { region: DIRECT.code, catalog_code: C4, kind: 'missing', path: '' },
        { region: DIRECT.code, catalog_code: C2, kind: 'missing', path: '' },
        { region: COUNTY.code, catalog_code: C3, kind: 'missing', path: '' },
        { region: COUNTY.code, catalog_code: C5, kind: 'unknown', path: '' },
      ]),
    );
    expect(await q("SELECT rule FROM findings WHERE file = ? AND rule = 'file-name'", [itemPath(COUNTY, C5)])).toHaveLength(1);
    expect(await q('SELECT count(*) AS n FROM items_fts')).toEqual([{ n: 12 }]);
    await expectSameAsFullSync();
  });

  it('a province edit re-compares the same item in every city and county', async () => {
    repo.writeAll(smallCatalog(3));
    repo.commit('init');
    await sync();
    const province = itemData({ catalogCode: C2, region: PROVINCE.code, level: '省级', set: { name: '新的事项名称', conditions: '新的受理条件' } });
    repo.write(itemPath(PROVINCE, C2), stringify(province));
    repo.commit('省级修改事项名称与受理条件');

    const summary = await sync();
    expect(summary).toMatchObject({ itemsChanged: 1, itemsAdded: 0 });
    const rows = await q('SELECT region, kind, path, against FROM discrepancies WHERE catalog_code = ? ORDER BY region, path', [C2]);
    expect(rows).toEqual([
      { region: CITY.code, kind: 'review', path: '/conditions', against: PROVINCE.code },
      { region: CITY.code, kind: 'locked', path: '/name', against: PROVINCE.code },
      // the county compares review fields with its parent (the city, unchanged), locked ones with the baseline
      { region: COUNTY.code, kind: 'locked', path: '/name', against: PROVINCE.code },
      { region: DIRECT.code, kind: 'review', path: '/conditions', against: PROVINCE.code },
      { region: DIRECT.code, kind: 'locked', path: '/name', against: PROVINCE.code },
    ]);
    await expectSameAsFullSync();

    // …and a useLevel change makes the item missing-or-not below
    repo.write(itemPath(PROVINCE, C4), itemYaml({ catalogCode: C4, region: PROVINCE.code, level: '省级', set: { useLevel: ['省级', '县级'] } }));
    repo.commit('新增只到县级的事项');
    await sync();
    expect(await q("SELECT region FROM discrepancies WHERE catalog_code = ? AND kind = 'missing' ORDER BY region", [C4])).toEqual([
      { region: COUNTY.code },
      { region: DIRECT.code },
    ]);
    await expectSameAsFullSync();
  });

  it('three commits synced at once record three versions, in order, with author, date and message', async () => {
    repo.writeAll(smallCatalog(2));
    repo.commit('init');
    await sync();
    const path = itemPath(CITY, C1);
    const commits: string[] = [];
    for (const [i, who] of ['王五', '赵六', '钱七'].entries()) {
      repo.write(path, stringify(itemData({ catalogCode: C1, region: CITY.code, level: '市级', set: { handleArea: `第${i + 1}版` } })));
      commits.push(repo.commit(`第 ${i + 1} 次修改\n\n说明 ${i + 1}`, { author: who, date: `2024-03-0${i + 1}T08:00:00+08:00` }));
    }
    const summary = await sync();
    expect(summary).toMatchObject({ commits: 3, versions: 3, itemsChanged: 1 });
    const versions = await q('SELECT "commit", author, date, message, body FROM item_versions WHERE region = ? AND catalog_code = ? AND change = ? ORDER BY date', [CITY.code, C1, 'M']);
    expect(versions.map((v) => v.commit)).toEqual(commits);
    expect(versions.map((v) => String(v.author).split(' ')[0])).toEqual(['王五', '赵六', '钱七']);
    expect(versions.map((v) => v.message)).toEqual(['第 1 次修改\n\n说明 1', '第 2 次修改\n\n说明 2', '第 3 次修改\n\n说明 3']);
    expect(versions.map((v) => (JSON.parse(String(v.body)) as { handleArea: string }).handleArea)).toEqual(['第1版', '第2版', '第3版']);
    expect(await q('SELECT revision FROM items WHERE region = ? AND catalog_code = ?', [CITY.code, C1])).toEqual([{ revision: commits[2] }]);
    // an item untouched since the first sync keeps the revision it was last changed at
    expect((await q('SELECT DISTINCT revision FROM items WHERE region = ?', [PROVINCE.code])).length).toBe(1);
  });

  it('a bad revision, a catalog outside git or a missing catalog stops with one line and writes nothing', async () => {
    repo.writeAll(smallCatalog(1));
    repo.commit('init');
    await sync();
    const before = await snapshot(store);
    const runs = await q('SELECT count(*) AS n FROM sync_runs');
    const error = await sync({ rev: 'no-such-rev' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TongbiaoError);
    expect((error as Error).message).toMatch(/^revision 'no-such-rev' not found/);
    await expect(sync({ rev: 'HEAD~5' })).rejects.toThrow(/not found/);
    await expect(sync({ rev: 'HEAD', worktree: true })).rejects.toThrow(/cannot be combined/);
    await expect(syncCatalog(store, { catalogDir: '/nonexistent/catalog' })).rejects.toThrow(/catalog folder not found/);
    expect(await q('SELECT count(*) AS n FROM sync_runs')).toEqual(runs);
    expect(await snapshot(store)).toEqual(before);
    // the lease was given back: a good sync still runs at once
    repo.write(itemPath(PROVINCE, C2), itemYaml({ catalogCode: C2, region: PROVINCE.code, level: '省级' }));
    repo.commit('more');
    expect((await sync()).outcome).toBe('ok');
  });

  it('reviews survive 20 re-syncs untouched, their state following the discrepancy', async () => {
    repo.writeAll(smallCatalog(3));
    repo.commit('init');
    await sync();
    const path = itemPath(COUNTY, C1);
    const variant = (conditions: string | undefined, visits = 1) =>
      stringify(itemData({ catalogCode: C1, region: COUNTY.code, level: '县级', set: { conditions: conditions ?? '参保人员跨统筹地区就业并办理转移接续', visits } }));
    repo.write(path, variant('本区户籍', 2));
    repo.commit('local variation');
    await sync();
    const discrepancies = await q('SELECT key, fingerprint, region, catalog_code, path FROM discrepancies WHERE region = ? AND catalog_code = ? ORDER BY path', [COUNTY.code, C1]);
    expect(discrepancies.map((d) => d.path)).toEqual(['/conditions', '/visits']);
    const [conditions, visits] = discrepancies as [Rows[0], Rows[0]];
    const insert = async (d: Rows[0], decision: string, author: string) =>
      store.client.execute({
        sql: 'INSERT INTO reviews (key, fingerprint, region, catalog_code, path, decision, reason, author) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        args: [d.key as string, d.fingerprint as string, d.region as string, d.catalog_code as string, d.path as string, decision, '本地规定', author],
      });
    await insert(conditions, 'accepted', 'reviewer1');
    await insert(conditions, 'comment', 'reviewer2');
    await insert(visits, 'fix-requested', 'reviewer1');
    const reviewsBefore = await q('SELECT * FROM reviews ORDER BY id');
    const state = async () => Object.fromEntries((await q('SELECT path, state FROM review_states WHERE region = ?', [COUNTY.code])).map((r) => [r.path, r.state]));
    expect(await state()).toEqual({ '/conditions': 'decided', '/visits': 'decided' });

    let outdated = 0;
    let resolved = 0;
    for (let round = 0; round < 20; round++) {
      // cycle: change the condition (outdated), restore it (decided), drop the visits difference (resolved), restore
      const step = round % 4;
      const text = step === 0 ? `第${round}轮的条件` : '本区户籍';
      const v = step === 2 ? 1 : 2;
      repo.write(path, variant(text, v));
      if (round % 5 === 4) repo.write(itemPath(CITY, C2), variant(`无关修改${round}`).replace(/420102/g, '420100'));
      repo.commit(`round ${round}`);
      const summary = await sync();
      outdated += summary.reviewsOutdated;
      resolved += summary.reviewsResolved;
      expect(await q('SELECT * FROM reviews ORDER BY id')).toEqual(reviewsBefore);
      expect(await state()).toEqual({
        '/conditions': step === 0 ? 'outdated' : 'decided',
        '/visits': step === 2 ? 'resolved' : 'decided',
      });
      if (step === 0) expect(summary.reviewsOutdated).toBe(1);
      if (step === 2) expect(summary.reviewsResolved).toBe(1);
    }
    expect(outdated).toBe(5);
    expect(resolved).toBe(5);
    // the view, by subtree: both verdicts lie under the city, none under the directly administered county
    const under = (code: string) => q(`SELECT s.state, count(*) AS n FROM review_states s JOIN regions g ON g.code = s.region
      JOIN regions root ON root.code = ? WHERE g.lineage = root.lineage OR g.lineage LIKE root.lineage || '/%' GROUP BY 1`, [code]);
    expect(await under(CITY.code)).toEqual([{ state: 'decided', n: 2 }]);
    expect(await under(DIRECT.code)).toEqual([]);
    expect(await q('SELECT count(*) AS n FROM item_versions WHERE region = ? AND catalog_code = ?', [COUNTY.code, C1])).toEqual([{ n: 22 }]);
    await expectSameAsFullSync();
  });

  it('--worktree syncs uncommitted files, marked uncommitted; the next committed sync clears them', async () => {
    repo.writeAll(smallCatalog(2));
    const head = repo.commit('init');
    await sync();
    repo.write(itemPath(COUNTY, C1), stringify(itemData({ catalogCode: C1, region: COUNTY.code, level: '县级', set: { conditions: '草稿' } })));
    repo.write(itemPath(COUNTY, C4), 'not: [valid\n');
    const summary = await sync({ worktree: true });
    expect(summary).toMatchObject({ outcome: 'ok', worktree: true, revision: head, itemsAdded: 1, itemsChanged: 1, versions: 0 });
    expect(await q('SELECT catalog_code, uncommitted FROM items WHERE uncommitted = 1 ORDER BY catalog_code')).toEqual([
      { catalog_code: C1, uncommitted: 1 },
      { catalog_code: C4, uncommitted: 1 },
    ]);
    expect(await q("SELECT rule FROM findings WHERE file = ?", [itemPath(COUNTY, C4)])).toEqual([{ rule: 'yaml-syntax' }]);
    await expectSameAsFullSync(undefined, true);

    // back to the committed state without any commit: the uncommitted rows are read again
    repo.git('checkout', '--', '.');
    repo.remove(itemPath(COUNTY, C4));
    const back = await sync();
    expect(back).toMatchObject({ outcome: 'ok', worktree: false, itemsChanged: 1, itemsRemoved: 1 });
    expect(await q('SELECT count(*) AS n FROM items WHERE uncommitted = 1')).toEqual([{ n: 0 }]);
    // The test catalog is format v1: its one format-version info is all that is left.
    expect(await q('SELECT rule FROM findings')).toEqual([{ rule: 'format-version' }]);
    await expectSameAsFullSync();
  });

  it('syncs an older revision, and resyncs everything when the last synced commit is gone from history', async () => {
    repo.writeAll(smallCatalog(2));
    const first = repo.commit('init');
    repo.write(itemPath(CITY, C2), stringify(itemData({ catalogCode: C2, region: CITY.code, level: '市级', set: { conditions: '二' } })));
    repo.commit('second');
    await sync();
    const back = await sync({ rev: first });
    expect(back).toMatchObject({ revision: first, itemsChanged: 1, versions: 0 });
    await expectSameAsFullSync(first);

    // rewrite history: the synced commit disappears
    repo.git('reset', '-q', '--hard', first);
    repo.write(itemPath(CITY, C1), stringify(itemData({ catalogCode: C1, region: CITY.code, level: '市级', set: { conditions: '改写' } })));
    repo.commit('rewritten');
    repo.git('reflog', 'expire', '--expire=now', '--all');
    repo.git('gc', '-q', '--prune=now');
    await sync();
    // now make the DB's last revision unknown
    await store.client.execute({ sql: 'UPDATE sync_runs SET revision = ? WHERE id = (SELECT max(id) FROM sync_runs)', args: ['0123456789abcdef0123456789abcdef01234567'] });
    const full = await sync();
    expect(full).toMatchObject({ outcome: 'ok', full: true, itemsAdded: 0, itemsChanged: 0, itemsRemoved: 0 });
    await expectSameAsFullSync();
  });

  it('two syncs at once never interleave: one writes, the other waits and finds nothing new', async () => {
    repo.writeAll(smallCatalog(4));
    repo.commit('init');
    const other = await openStore(db.url);
    cleanups.push(() => other.close());
    let waited = 0;
    const results = await Promise.all([
      syncCatalog(store, { catalogDir: repo.catalog, onWait: () => waited++ }),
      syncCatalog(other, { catalogDir: repo.catalog, onWait: () => waited++ }),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['noop', 'ok']);
    expect(waited).toBe(1);
    expect(await q('SELECT outcome FROM sync_runs ORDER BY id')).toEqual([{ outcome: 'ok' }, { outcome: 'noop' }]);
    expect(await q('SELECT count(*) AS n FROM item_versions')).toEqual([{ n: 16 }]);
    expect(await q("SELECT holder FROM sync_lock")).toEqual([{ holder: '' }]);

    // different targets at once: both apply, one after the other
    repo.write(itemPath(CITY, C1), stringify(itemData({ catalogCode: C1, region: CITY.code, level: '市级', set: { conditions: 'x' } })));
    const mid = repo.commit('one');
    repo.write(itemPath(CITY, C2), stringify(itemData({ catalogCode: C2, region: CITY.code, level: '市级', set: { conditions: 'y' } })));
    repo.commit('two');
    const [a, b] = await Promise.all([sync({ rev: mid }), syncCatalog(other, { catalogDir: repo.catalog })]);
    expect([a.outcome, b.outcome]).toEqual(['ok', 'ok']);
    const runs = await q("SELECT revision, previous_revision FROM sync_runs WHERE outcome = 'ok' ORDER BY id");
    // each run starts where the previous one ended
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.previous_revision).toBe(runs[i - 1]!.revision);
    await expectSameAsFullSync(String(runs.at(-1)!.revision));
  });

  it('a review saved (by another process) while a sync writes is kept, and the sync still completes', async () => {
    repo.writeAll(smallCatalog(3));
    repo.commit('init');
    let events = 0;
    let starts = 0;
    let competitor: Promise<{ code: number | null; stderr: string }> | undefined;
    const summary = await syncCatalog(store, {
      catalogDir: repo.catalog,
      onProgress: (p) => {
        if (p.phase !== 'writing') return;
        events++;
        if (p.done === 0) starts++;
        if (events === 1) competitor = saveReview(db.url);
        // the sync stalls while the review waits for the write lock; on sqld longer than the server lets a
        // writer wait (5 s): it rolls the sync's transaction back, and the sync writes again
        else if (events === 2) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, backend.name === 'sqld' ? 6500 : 1500);
      },
    });
    expect(await competitor).toEqual({ code: 0, stderr: '' });
    expect(summary).toMatchObject({ outcome: 'ok', itemsAdded: 12 });
    // on sqld the write ran twice: rolled back once by the server, then retried with the same plan
    expect(starts).toBe(backend.name === 'sqld' ? 2 : 1);
    expect(await q('SELECT author FROM reviews')).toEqual([{ author: 'ui' }]);
    expect(await q('SELECT outcome FROM sync_runs')).toEqual([{ outcome: 'ok' }]);
    await expectSameAsFullSync();
  }, 30_000);

  it('keeps findings of broken files, links and strays, and clears them when fixed', async () => {
    repo.writeAll(smallCatalog(1));
    repo.write(itemPath(CITY, C1), 'name: [broken\n');
    repo.write('420000/notes.txt', 'stray');
    repo.symlink(itemPath(COUNTY, C2), '../../../../tongbiao.yaml');
    repo.commit('broken things');
    await sync();
    const rules = async () => (await q('SELECT file, rule FROM findings ORDER BY file, rule')).map((r) => `${r.file} ${r.rule}`);
    expect(await rules()).toEqual(expect.arrayContaining([
      `${itemPath(CITY, C1)} yaml-syntax`,
      '420000/notes.txt stray-file',
      `${itemPath(COUNTY, C2)} file-read`,
    ]));
    expect(await q('SELECT body, errors FROM items WHERE region = ? AND catalog_code = ?', [CITY.code, C1])).toEqual([{ body: null, errors: 1 }]);
    repo.write(itemPath(CITY, C1), itemYaml({ catalogCode: C1, region: CITY.code, level: '市级' }));
    repo.remove('420000/notes.txt');
    repo.remove(itemPath(COUNTY, C2));
    repo.commit('fixed');
    await sync();
    expect(await rules()).toEqual(['tongbiao.yaml format-version']);
    await expectSameAsFullSync();
  });

  it('region.yaml changes re-check the region; a new region and a removed region come and go', async () => {
    repo.writeAll(smallCatalog(2));
    repo.commit('init');
    await sync();
    repo.write(`${COUNTY.dir}/region.yaml`, regionYaml(COUNTY.code, '江岸区', '市级'));
    repo.writeAll({
      '420000/420500/region.yaml': regionYaml('420500', '宜昌市', '市级'),
      [`420000/420500/items/${C1}.yaml`]: itemYaml({ catalogCode: C1, region: '420500', level: '市级' }),
    });
    repo.remove(DIRECT.dir);
    repo.commit('regions');
    const summary = await sync();
    expect(summary).toMatchObject({ itemsAdded: 1, itemsRemoved: 2 });
    expect((await q('SELECT code FROM regions ORDER BY code')).map((r) => r.code)).toEqual(['420000', '420100', '420102', '420500']);
    expect(await q("SELECT count(*) AS n FROM findings WHERE file = ? AND rule = 'region'", [`${COUNTY.dir}/region.yaml`])).toEqual([{ n: 1 }]);
    await expectSameAsFullSync();
  });

  it('a changed tongbiao.yaml re-reports everything', async () => {
    repo.writeAll(smallCatalog(2));
    repo.write(itemPath(CITY, C1), stringify(itemData({ catalogCode: C1, region: CITY.code, level: '市级', set: { consultPhone: '12' } })));
    repo.commit('init');
    await sync();
    expect(await q("SELECT severity FROM findings WHERE rule = 'phone'")).toEqual([{ severity: 'warning' }]);
    repo.write('tongbiao.yaml', 'formatVersion: 1\nrules:\n  phone: off\n');
    repo.commit('phone off');
    const summary = await sync();
    expect(summary.full).toBe(true);
    expect(await q("SELECT count(*) AS n FROM findings WHERE rule = 'phone'")).toEqual([{ n: 0 }]);
    await expectSameAsFullSync();
  });

  it.runIf(process.platform === 'linux')('a sync failing after writing every row keeps the previous state; its spill file is open only while it runs and never on disk', async () => {
    repo.writeAll(smallCatalog(3));
    repo.commit('init');
    await sync();
    expect(openSpills()).toEqual([]);
    const state = async () => ({
      ...(await snapshot(store)),
      versions: await q('SELECT region, catalog_code, "commit", change, blob, body FROM item_versions ORDER BY id'),
      runs: await q('SELECT id, revision, outcome FROM sync_runs ORDER BY id'),
      ids: await q('SELECT id, region, catalog_code, removed_at FROM items ORDER BY id'),
    });
    const before = await state();

    repo.write(itemPath(COUNTY, C1), stringify(itemData({ catalogCode: C1, region: COUNTY.code, level: '县级', set: { conditions: '本区户籍人员' } })));
    repo.write(itemPath(PROVINCE, C4), itemYaml({ catalogCode: C4, region: PROVINCE.code, level: '省级' }));
    repo.remove(itemPath(DIRECT, C2));
    repo.commit('编辑、新增、删除');

    const whileWriting: string[][] = [];
    await expect(
      syncCatalog(store, {
        catalogDir: repo.catalog,
        onProgress: (p) => {
          if (p.phase !== 'writing') return;
          whileWriting.push(openSpills());
          if (p.done === p.total) throw new Error('disk full');
        },
      }),
    ).rejects.toThrow(/nothing was written: disk full/);
    expect(whileWriting.length).toBeGreaterThan(1);
    for (const open of whileWriting) expect(open).toEqual([expect.stringMatching(/tongbiao-sync-\w+\/texts \(deleted\)$/)]);
    expect(openSpills()).toEqual([]);
    expect(await state()).toEqual(before);
    expect(await q('SELECT holder FROM sync_lock')).toEqual([{ holder: '' }]);

    const summary = await sync();
    expect(summary).toMatchObject({ outcome: 'ok', itemsAdded: 1, itemsChanged: 1, itemsRemoved: 1, versions: 3 });
    expect(openSpills()).toEqual([]);
    expect(await q('SELECT conditions FROM items_fts WHERE region = ? AND catalog_code = ?', [COUNTY.code, C1])).toEqual([{ conditions: '本区户籍人员' }]);
    await expectSameAsFullSync();
  });
});

/** Spill files this process has open (an unlinked file shows as "… (deleted)"). */
function openSpills(): string[] {
  const out: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.includes('tongbiao-sync-')) out.push(target);
    } catch {
      /* closed meanwhile (the fd of readdir itself) */
    }
  }
  return out;
}

/** Another process (as the review UI would be) inserting a review. */
function saveReview(url: string): Promise<{ code: number | null; stderr: string }> {
  const script = `
    import { createClient } from '@libsql/client';
    const client = createClient({ url: process.argv[1], timeout: 30000 });
    await client.execute("INSERT INTO reviews (key, fingerprint, region, catalog_code, path, decision, author) VALUES ('k', 'f', '420102', 'x', '/x', 'comment', 'ui')");
    client.close();`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, url], { cwd: PACKAGE_ROOT });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** What a sync produced, without row ids and timestamps, in a stable order. */
async function snapshot(store: Store) {
  const rows = async (sql: string) => (await store.client.execute(sql)).rows.map((r) => ({ ...r }));
  return {
    items: await rows('SELECT region, catalog_code, file, blob, body, name, type, errors, warnings, uncommitted FROM items WHERE removed_at IS NULL ORDER BY region, catalog_code'),
    findings: await rows('SELECT file, region, catalog_code, rule, severity, line, "column", path, message_zh, message_en FROM findings ORDER BY file, rule, path, line, "column", message_en'),
    discrepancies: await rows('SELECT key, region, catalog_code, against, path, field, kind, rule, ours, theirs, fingerprint, file FROM discrepancies ORDER BY key'),
    fts: await rows('SELECT region, catalog_code, name, conditions, materials FROM items_fts ORDER BY region, catalog_code'),
    regions: await rows('SELECT * FROM regions ORDER BY code'),
    // every current item has its own id and exactly its search row under that id
    unlinked: await rows(`SELECT
      (SELECT count(*) FROM items WHERE id IS NULL) AS noId,
      (SELECT count(*) FROM items_fts) - (SELECT count(*) FROM items_fts f JOIN items i
        ON i.id = f.rowid AND i.region = f.region AND i.catalog_code = f.catalog_code AND i.removed_at IS NULL) AS strayFts,
      (SELECT count(*) FROM items WHERE removed_at IS NULL) - (SELECT count(*) FROM items_fts) AS missingFts`),
  };
}

export type { SyncSummary };
