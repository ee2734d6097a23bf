// The queue's state of a discrepancy (reviews.ts: a per-row lookup) must agree with the review_states view
// (migration 0003, read by the sync's review-state.ts) for every way a verdict can stand.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { queue } from '../../src/store/queries.js';
import { reviewStates } from '../../src/store/review-state.js';
import { decide } from '../../src/store/reviews.js';
import { discrepancies } from '../../src/store/schema.js';
import { recordSync, testApp } from './seed.js';

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

  const view = new Map((await reviewStates(db)).map((r) => [r.key, r.state]));
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
