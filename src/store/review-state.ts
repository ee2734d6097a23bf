// Whether a person's decision still stands after syncs: derived by joining reviews with the current
// discrepancies on key (the review_states view, migration 0003), never stored — a sync never writes reviews.
//   decided   the latest verdict was made on the discrepancy's current fingerprint
//   outdated  the key is still there with another fingerprint (the difference changed: look again)
//   resolved  the key is gone (the item now agrees with its parent, or was removed)
//   open      the latest verdict is `reopened`
// Only keys with at least one verdict (accepted / fix-requested / reopened) appear; comments do not count.
import { and, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from './db.js';
import { regions, reviewStatesView } from './schema.js';

export const REVIEW_STATES = ['decided', 'outdated', 'resolved', 'open'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export type ReviewStateRow = typeof reviewStatesView.$inferSelect;

export interface ReviewStateFilter {
  /** only these discrepancy keys */
  keys?: readonly string[];
  /** only this region (not its subtree) */
  region?: string;
  /** this region and every region below it */
  under?: string;
  state?: ReviewState;
  catalogCode?: string;
}

/** The current state of every reviewed key matching the filter, newest verdict first. */
export async function reviewStates(db: Db, filter: ReviewStateFilter = {}): Promise<ReviewStateRow[]> {
  const where = conditions(filter);
  if (where === false) return [];
  return db
    .select()
    .from(reviewStatesView)
    .where(where)
    .orderBy(sql`${reviewStatesView.reviewId} DESC`);
}

/** How many reviewed keys are in each state (e.g. for a dashboard). */
export async function reviewStateCounts(db: Db, filter: Omit<ReviewStateFilter, 'state'> = {}): Promise<Record<ReviewState, number>> {
  const counts: Record<ReviewState, number> = { decided: 0, outdated: 0, resolved: 0, open: 0 };
  const where = conditions(filter);
  if (where === false) return counts;
  const rows = await db
    .select({ state: reviewStatesView.state, n: sql<number>`count(*)` })
    .from(reviewStatesView)
    .where(where)
    .groupBy(reviewStatesView.state);
  for (const row of rows) counts[row.state] = Number(row.n);
  return counts;
}

function conditions(filter: ReviewStateFilter): SQL | undefined | false {
  const parts: SQL[] = [];
  if (filter.keys !== undefined) {
    if (filter.keys.length === 0) return false;
    parts.push(inArray(reviewStatesView.key, [...filter.keys]));
  }
  if (filter.region !== undefined) parts.push(eq(reviewStatesView.region, filter.region));
  if (filter.under !== undefined) {
    const lineage = sql`(SELECT ${regions.lineage} FROM ${regions} WHERE ${regions.code} = ${filter.under})`;
    parts.push(
      or(
        eq(reviewStatesView.region, filter.under),
        inArray(
          reviewStatesView.region,
          sql`(SELECT ${regions.code} FROM ${regions} WHERE ${like(regions.lineage, sql`${lineage} || '/%'`)})`,
        ),
      )!,
    );
  }
  if (filter.state !== undefined) parts.push(eq(reviewStatesView.state, filter.state));
  if (filter.catalogCode !== undefined) parts.push(eq(reviewStatesView.catalogCode, filter.catalogCode));
  return parts.length === 0 ? undefined : and(...parts);
}
