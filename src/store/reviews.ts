// People's decisions on discrepancies (审核). A review is stored against the discrepancy's key and the
// fingerprint it was made on; the state of a discrepancy is derived, never stored:
//   open      no verdict yet, or the latest verdict is `reopened`
//   decided   the latest verdict (accepted / fix-requested) was made on the current fingerprint
//   outdated  the latest verdict was made on another fingerprint: the difference changed, look again
//   resolved  the key is gone from the discrepancies (the item now agrees) but it had decisions
// Comments never change the state.
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from './db.js';
import { auditLog, discrepancies, reviews } from './schema.js';

export const DECISIONS = ['accepted', 'fix-requested', 'comment', 'reopened'] as const;
export type Decision = (typeof DECISIONS)[number];
/** Decisions that set the state; comments do not. */
export const VERDICTS: readonly Decision[] = ['accepted', 'fix-requested', 'reopened'];

export const STATUSES = ['open', 'decided', 'outdated', 'resolved'] as const;
export type Status = (typeof STATUSES)[number];

/**
 * Joins discrepancy `d` with its latest verdict `vr` (a reviews row): the same rule as the review_states
 * view of migration 0003, written as a per-row index lookup so that a page of 50 rows costs 50 lookups
 * instead of materialising the view over every review (tests/web/review-state.test.ts checks they agree).
 */
export const VERDICT_JOIN: SQL = sql`LEFT JOIN reviews vr ON vr.id = (SELECT max(r2.id) FROM reviews r2
  WHERE r2.key = d.key AND r2.decision IN ('accepted', 'fix-requested', 'reopened'))`;

/** SQL for the state of discrepancy `d` (needs VERDICT_JOIN). */
export const STATUS_SQL: SQL = sql`CASE WHEN vr.id IS NULL OR vr.decision = 'reopened' THEN 'open'
  WHEN vr.fingerprint = d.fingerprint THEN 'decided' ELSE 'outdated' END`;

export function statusOf(current: string, verdict: { fingerprint: string; decision: string } | undefined): Exclude<Status, 'resolved'> {
  if (!verdict || verdict.decision === 'reopened') return 'open';
  return verdict.fingerprint === current ? 'decided' : 'outdated';
}

export interface Review {
  id: number;
  key: string;
  fingerprint: string;
  region: string;
  catalogCode: string;
  path: string;
  decision: Decision;
  reason: string;
  author: string;
  createdAt: string;
}

export async function reviewsFor(db: Db, keys: string[]): Promise<Map<string, Review[]>> {
  const out = new Map<string, Review[]>();
  if (keys.length === 0) return out;
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .select()
      .from(reviews)
      .where(inArray(reviews.key, keys.slice(i, i + 500)))
      .orderBy(desc(reviews.id));
    for (const row of rows) {
      const list = out.get(row.key) ?? [];
      list.push(row as Review);
      out.set(row.key, list);
    }
  }
  return out;
}

export type DecideOutcome =
  | { ok: true; review: Review }
  | { ok: false; reason: 'not-found' | 'changed' | 'reason-required' | 'bad-decision' | 'not-decided' };

/**
 * Records a decision on the discrepancy `key` as seen with `fingerprint`. Fails with `changed` when the
 * discrepancy changed since the person looked (a sync ran in between), so nobody decides on stale content.
 * Access control is the caller's job (the web layer checks the region before calling).
 */
export async function decide(
  db: Db,
  input: { key: string; fingerprint: string; decision: string; reason: string; actor: string },
): Promise<DecideOutcome> {
  if (!(DECISIONS as readonly string[]).includes(input.decision)) return { ok: false, reason: 'bad-decision' };
  const decision = input.decision as Decision;
  const reason = input.reason.trim();
  if ((decision === 'accepted' || decision === 'comment' || decision === 'fix-requested') && reason === '') {
    return { ok: false, reason: 'reason-required' };
  }
  return db.transaction(async (tx) => {
    const [d] = await tx.select().from(discrepancies).where(eq(discrepancies.key, input.key));
    if (!d) return { ok: false, reason: 'not-found' } as const;
    if (d.fingerprint !== input.fingerprint) return { ok: false, reason: 'changed' } as const;
    if (decision === 'reopened') {
      const [last] = await tx
        .select({ decision: reviews.decision })
        .from(reviews)
        .where(and(eq(reviews.key, d.key), inArray(reviews.decision, [...VERDICTS])))
        .orderBy(desc(reviews.id))
        .limit(1);
      if (!last || last.decision === 'reopened') return { ok: false, reason: 'not-decided' } as const;
    }
    const [row] = await tx
      .insert(reviews)
      .values({
        key: d.key,
        fingerprint: d.fingerprint,
        region: d.region,
        catalogCode: d.catalogCode,
        path: d.path,
        decision,
        reason,
        author: input.actor,
      })
      .returning();
    await tx.insert(auditLog).values({
      actor: input.actor,
      action: `review.${decision}`,
      region: d.region,
      target: `${d.catalogCode}${d.path}`,
      detail: { key: d.key, fingerprint: d.fingerprint, kind: d.kind, reason },
    });
    return { ok: true, review: row as Review } as const;
  });
}
