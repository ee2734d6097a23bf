// The review state is written three ways (store/review-state.ts): the pages' per-row lookup (VERDICT_JOIN +
// STATUS_SQL, seen through the queue), stateOf (the sync's counts) and the review_states view of migration
// 0003. They must agree for every way a verdict can stand.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { queue } from '../../src/store/read/queue.js';
import { stateOf } from '../../src/store/review-state.js';
import { decide } from '../../src/store/reviews.js';
import { discrepancies, reviewStatesView } from '../../src/store/schema.js';
import { recordSync, testApp } from '../web/seed.js';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

test('queue states agree with the review_states view', async () => {
  const db = t.store.db;
  const fp = (key: string) => t.discrepancies.find((d) => d.key === key)!.fingerprint;
  const act = (key: string, decision: string, fingerprint = fp(key)) =>
    decide(db, { key, fingerprint, decision, reason: 'r', actor: 'admin' }).then((o) => expect(o.ok).toBe(true));
  await act(t.keys.conditions, 'accepted'); // decided
  await act(t.keys.visits, 'fix-requested');
  await act(t.keys.visits, 'reopened'); // open again
  await act(t.keys.lockedName, 'comment'); // a comment only: no verdict
  await act(t.keys.unknown, 'accepted');
  await act(t.keys.xss, 'fix-requested');
  await act(t.keys.xss, 'comment'); // a comment after a verdict changes nothing
  // a sync: one key changes its fingerprint (outdated), one disappears (resolved)
  await db.update(discrepancies).set({ fingerprint: 'changed0000000000' }).where(eq(discrepancies.key, t.keys.unknown));
  await db.delete(discrepancies).where(eq(discrepancies.key, t.keys.xss));
  await recordSync(t.store);

  const viewRows = await db.select().from(reviewStatesView);
  const view = new Map(viewRows.map((r) => [r.key, r.state]));
  for (const r of viewRows) {
    const verdict = { decision: r.decision, fingerprint: r.reviewFingerprint };
    expect(stateOf(verdict, r.currentFingerprint ?? undefined), r.key).toBe(r.state);
  }
  const open = await queue(db, { scope: 'subtree', page: 1, per: 500 });
  const resolved = await queue(db, { scope: 'subtree', status: 'resolved', page: 1, per: 500 });
  const ours = new Map([...open.rows, ...resolved.rows].map((r) => [r.key, r.status]));
  for (const [key, state] of view) expect(ours.get(key), key).toBe(state);
  expect(Object.fromEntries(view)).toEqual({
    [t.keys.conditions]: 'decided',
    [t.keys.visits]: 'open',
    [t.keys.unknown]: 'outdated',
    [t.keys.xss]: 'resolved',
  });
  // keys without a verdict are open in the queue and absent from the view
  expect(ours.get(t.keys.lockedName)).toBe('open');
  expect(ours.get(t.keys.missingPermit)).toBe('open');
  expect(open.facets.status).toEqual({ open: 3, decided: 1, outdated: 1, resolved: 1 });
});
