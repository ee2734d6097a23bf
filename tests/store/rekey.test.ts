// Upgrading a database keyed by index path (made by the code before identity-path keys, tests/fixtures/rekey)
// keeps every review on the same discrepancy in the same state; and later reorders keep them there.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { Store } from '../../src/store/db.js';
import { syncCatalog } from '../../src/sync/sync.js';
import { COUNTY_FILE, firstCommit, secondCountyItem } from '../fixtures/rekey/catalog.js';
import { openOldStore } from '../fixtures/rekey/upgrade.js';
import type { TempGitCatalog } from '../helpers/git-repo.js';

const ITEM = '420106/000100104000#';

interface Attached {
  reviewId: number;
  state: string;
  decision: string;
  kind: string | null;
  path: string | null;
  ours: string | null;
  theirs: string | null;
}

describe('re-keying a database synced with index-path keys', () => {
  let store: Store;
  let repo: TempGitCatalog;
  let cleanup: () => void;
  beforeEach(async () => {
    ({ store, repo, cleanup } = await openOldStore('old-store.db', firstCommit(), secondCountyItem()));
  });
  afterEach(() => cleanup());

  /** Each review's state and the discrepancy it is attached to (null when resolved). */
  async function attached(): Promise<Attached[]> {
    const rows = await store.client.execute(`SELECT s.review_id, s.state, s.decision, d.kind, d.path, d.ours, d.theirs
      FROM review_states s LEFT JOIN discrepancies d ON d.key = s.key ORDER BY s.review_id`);
    return rows.rows.map((r) => ({
      reviewId: Number(r.review_id), state: String(r.state), decision: String(r.decision),
      kind: r.kind as string | null, path: r.path as string | null, ours: r.ours as string | null, theirs: r.theirs as string | null,
    }));
  }

  const keys = async () => (await store.client.execute('SELECT key, kind FROM discrepancies ORDER BY key')).rows.map((r) => [String(r.key), String(r.kind)]);

  it('keeps every review on the same discrepancy, in the same state, and re-keys all of them', async () => {
    const before = await attached();
    expect(before.map((a) => a.state).sort()).toEqual(['decided', 'decided', 'decided', 'open', 'outdated', 'resolved']);
    expect((await keys()).some(([key]) => key === `${ITEM}/materials/1`)).toBe(true);

    const summary = await syncCatalog(store, { catalogDir: repo.catalog });
    // the catalog has not moved since the database's last sync: without the re-keying this would be a no-op
    expect(summary).toMatchObject({ outcome: 'ok', previousRevision: repo.head(), full: true, reviewsOutdated: 0, reviewsResolved: 0 });
    expect(await attached()).toEqual(before);
    expect(await keys()).toEqual([
      [`${ITEM}/materials/@个人承诺书`, 'looser'],
      [`${ITEM}/materials/@学历学位证书`, 'looser'],
      [`${ITEM}/materials/@学历证书`, 'tightened'],
      [`${ITEM}/materials/@教师资格认定体格检查表/source`, 'review'],
      [`${ITEM}/promisedLimit`, 'tightened'],
      [`${ITEM}/steps/@审查/days`, 'review'],
    ]);
    // the discrepancy the old keys lost is there now, with no review yet
    const lost = await store.client.execute({ sql: 'SELECT count(*) AS n FROM reviews WHERE key = ?', args: [`${ITEM}/materials/@学历学位证书`] });
    expect(Number(lost.rows[0]!.n)).toBe(0);
    expect((await store.client.execute('SELECT * FROM store_meta')).rows).toEqual([]);
    // a comment moved with its verdicts: every review of the promised limit is on one key
    const limit = await store.client.execute({ sql: 'SELECT decision FROM reviews WHERE key = ? ORDER BY id', args: [`${ITEM}/promisedLimit`] });
    expect(limit.rows.map((r) => r.decision)).toEqual(['accepted', 'comment', 'reopened']);

    // a second sync of the same revision is a no-op again
    expect((await syncCatalog(store, { catalogDir: repo.catalog })).outcome).toBe('noop');
  });

  it('after the upgrade, reordering materials and steps (a new step order is a review of its own) keeps every state', async () => {
    const before = await attached();
    await syncCatalog(store, { catalogDir: repo.catalog });
    const doc = parseDocument(secondCountyItem());
    const materials = doc.getIn(['materials']) as { items: unknown[] };
    materials.items.reverse();
    const steps = doc.getIn(['steps']) as { items: unknown[] };
    [steps.items[1], steps.items[2]] = [steps.items[2], steps.items[1]];
    repo.write(COUNTY_FILE, doc.toString());
    repo.commit('调整顺序', { date: '2026-01-03T09:00:00+08:00' });
    const summary = await syncCatalog(store, { catalogDir: repo.catalog });
    expect(summary).toMatchObject({ outcome: 'ok', full: false, reviewsOutdated: 0, reviewsResolved: 0 });
    const after = await attached();
    expect(after.map(({ path: _path, ...rest }) => rest)).toEqual(before.map(({ path: _path, ...rest }) => rest));
    // the paths follow the entries to their new places
    expect(after.find((a) => a.kind === 'looser' && a.ours?.includes('个人承诺书'))!.path).toBe('/materials/0');
    expect((await keys()).map(([key]) => key)).toContain(`${ITEM}/steps`);
  });
});
