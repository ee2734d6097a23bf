// Upgrading a database synced from a v1 catalog by the code that compared v1 items as written (made by c496d4a,
// tests/fixtures/rekey/v1-store.db): once v1 items are compared in their v2 reading, the keys of renamed
// elements change (`…/materials/@X/form` → `…/type`) and some values are mapped (全区通办 → 全县); every review
// stays on the same discrepancy in the same state, under its new key.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/db.js';
import { syncCatalog } from '../../src/sync/sync.js';
import { openOldStore } from '../fixtures/rekey/upgrade.js';
import { v1FirstCommit, v1SecondCountyItem } from '../fixtures/rekey/v1-catalog.js';
import type { TempGitCatalog } from '../helpers/git-repo.js';

const ITEM = '420106/000100104000#';

describe('re-keying a database synced from a v1 catalog as written', () => {
  let store: Store;
  let repo: TempGitCatalog;
  let cleanup: () => void;
  beforeEach(async () => {
    ({ store, repo, cleanup } = await openOldStore('v1-store.db', v1FirstCommit(), v1SecondCountyItem()));
  });
  afterEach(() => cleanup());

  /** Each review's key, state and verdict, with the kind of the discrepancy it is attached to (null when resolved). */
  async function reviews(): Promise<string[]> {
    const rows = await store.client.execute(`SELECT s.review_id, s.key, s.state, s.decision, d.kind
      FROM review_states s LEFT JOIN discrepancies d ON d.key = s.key ORDER BY s.review_id`);
    return rows.rows.map((r) => `${String(r.key).slice(ITEM.length)} ${String(r.state)} ${String(r.decision)} ${String(r.kind)}`);
  }

  it('keeps every review on the same discrepancy, in the same state, under the key of the v2 reading', async () => {
    expect(await reviews()).toEqual([
      '/handleArea decided accepted review',
      '/materials/@学历证书/copies decided fix-requested looser',
      '/materials/@居民身份证/form decided accepted review',
      '/materials/@教师资格认定体格检查表 decided accepted tightened',
      '/materials/@普通话水平测试等级证书/medium outdated accepted review',
      '/onlineDepth decided accepted looser',
      '/conditions open reopened review',
    ].sort((a, b) => order(a) - order(b)));

    const summary = await syncCatalog(store, { catalogDir: repo.catalog });
    // the catalog has not moved since the database's last sync: without the re-keying this would be a no-op
    expect(summary).toMatchObject({ outcome: 'ok', previousRevision: repo.head(), full: true, reviewsOutdated: 0, reviewsResolved: 0 });
    expect(await reviews()).toEqual([
      // the free-text 全区通办 is 全县 now: narrower than the city's 全省 (looser), and the decision on it stands
      '/handleArea decided accepted looser',
      '/materials/@学历证书/originals decided fix-requested looser',
      '/materials/@居民身份证/type decided accepted review',
      '/materials/@教师资格认定体格检查表/deferrable decided accepted tightened',
      '/materials/@普通话水平测试等级证书/format outdated accepted review',
      '/onlineDepth decided accepted looser',
      '/conditions open reopened review',
    ].sort((a, b) => order(a) - order(b)));
    expect((await store.client.execute('SELECT * FROM store_meta')).rows).toEqual([]);
    // no review is left on a v1 key
    const left = await store.client.execute(`SELECT count(*) AS n FROM reviews WHERE key GLOB '*/form' OR key GLOB '*/medium' OR key GLOB '*/copies'`);
    expect(Number(left.rows[0]!.n)).toBe(0);
    // a second sync of the same revision is a no-op again
    expect((await syncCatalog(store, { catalogDir: repo.catalog })).outcome).toBe('noop');
  });
});

/** The fixture's reviews in the order they were made (verdicts by key, then the comment and reopening). */
function order(line: string): number {
  return line.startsWith('/conditions') ? 1 : 0;
}
