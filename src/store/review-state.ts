// The one definition of a discrepancy's review state (审核状态). A review is stored against the discrepancy's
// key and the fingerprint it was made on; the state is derived, never stored:
//   open      no verdict yet, or the latest verdict is `reopened`
//   decided   the latest verdict (accepted / fix-requested) was made on the current fingerprint
//   outdated  the latest verdict was made on another fingerprint: the difference changed, look again
//   resolved  the key is gone from the discrepancies (the item now agrees) but it had decisions
// Comments never change the state. The rule is written three ways, all here or checked against here:
// stateOf (TypeScript, for the sync's counts), VERDICT_JOIN + STATUS_SQL (a per-row lookup for pages), and
// the review_states view of migration 0003 (migrations are frozen SQL; tests/store/review-state.test.ts
// checks that the view and the pages agree on every way a verdict can stand).
import { sql, type SQL } from 'drizzle-orm';

export const DECISIONS = ['accepted', 'fix-requested', 'comment', 'reopened'] as const;
export type Decision = (typeof DECISIONS)[number];
/** Decisions that set the state; comments do not. */
export const VERDICTS = ['accepted', 'fix-requested', 'reopened'] as const satisfies readonly Decision[];
export type VerdictDecision = (typeof VERDICTS)[number];

export const STATUSES = ['open', 'decided', 'outdated', 'resolved'] as const;
export type Status = (typeof STATUSES)[number];

/** The latest verdict on a key, as far as the state needs it. */
export interface Verdict {
  decision: string;
  fingerprint: string;
}

/** The state of a key whose latest verdict is `verdict`, the key now having `current` (undefined: gone). */
export function stateOf(verdict: Verdict | undefined, current: string | undefined): Status {
  if (current === undefined) return verdict ? 'resolved' : 'open';
  if (!verdict || verdict.decision === 'reopened') return 'open';
  return verdict.fingerprint === current ? 'decided' : 'outdated';
}

/** VERDICTS as an SQL list, for `decision IN (…)`. */
export const VERDICT_LIST: SQL = sql.raw(VERDICTS.map((d) => `'${d}'`).join(', '));

/**
 * Joins discrepancy `d` with its latest verdict `vr` (a reviews row): the review_states view's rule written as
 * a per-row index lookup, so that a page of 50 rows costs 50 lookups instead of materialising the view over
 * every review.
 */
export const VERDICT_JOIN: SQL = sql`LEFT JOIN reviews vr ON vr.id = (SELECT max(r2.id) FROM reviews r2
  WHERE r2.key = d.key AND r2.decision IN (${VERDICT_LIST}))`;

/** SQL for the state of discrepancy `d` (needs VERDICT_JOIN); never `resolved`, as `d` exists. */
export const STATUS_SQL: SQL = sql`CASE WHEN vr.id IS NULL OR vr.decision = 'reopened' THEN 'open'
  WHEN vr.fingerprint = d.fingerprint THEN 'decided' ELSE 'outdated' END`;

/** SQL condition: discrepancy `d` has a verdict (the few reviewed keys among many). */
export const REVIEWED: SQL = sql`d.key IN (SELECT key FROM reviews WHERE decision IN (${VERDICT_LIST}))`;
