// Review verdicts as decisions.yaml entries (spec §6): the latest verdict per discrepancy key — accepted,
// fix-requested, or reopened (which takes a decision back) — read for `decisions export` and the UI's count of
// decisions not yet in git. Comments are not decisions.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { VERDICT_LIST, type VerdictDecision } from './review-state.js';
import { mergeDecisions, type Decision, type DecisionKind, type Verdict } from '../catalog/decisions.js';
import { gitDecisions, items, reviews } from './schema.js';

/** The latest verdict on a key, with the time it was made as an ISO 8601 time with offset. */
export interface StoredVerdict {
  key: string;
  region: string;
  fingerprint: string;
  decision: VerdictDecision;
  reason: string;
  by: string;
  at: string;
  /** with fix-requested: the fix as a unified diff */
  patch?: string;
}

/** Every key's latest verdict, of one region or of all. */
export async function latestVerdicts(db: Db, region?: string): Promise<StoredVerdict[]> {
  const latest = sql`${reviews.id} = (SELECT max(r2.id) FROM reviews r2 WHERE r2.key = ${reviews.key} AND r2.decision IN (${VERDICT_LIST}))`;
  const rows = await db
    .select({ key: reviews.key, region: reviews.region, fingerprint: reviews.fingerprint, decision: reviews.decision, reason: reviews.reason, by: reviews.author, createdAt: reviews.createdAt, patch: reviews.patch })
    .from(reviews)
    .where(region === undefined ? latest : and(latest, eq(reviews.region, region)))
    .orderBy(reviews.key);
  return rows.map(({ createdAt, patch, ...row }) => ({
    ...row, decision: row.decision as StoredVerdict['decision'], at: chinaTime(createdAt), ...(patch && row.decision === 'fix-requested' ? { patch } : {}),
  }));
}

/** `2026-12-06T02:15:00.123Z` → `2026-12-06T10:15:00+08:00`: decisions are read by people in China. */
export function chinaTime(utc: string): string {
  const ms = Date.parse(utc.endsWith('Z') || /[+-]\d\d:\d\d$/.test(utc) ? utc : `${utc}Z`);
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';
}

/** Where an item's file is and which blob was synced, for a fix patch made from the file itself. */
export async function itemSource(db: Db, region: string, catalogCode: string): Promise<{ file: string; blob: string } | undefined> {
  const [row] = await db.select({ file: items.file, blob: items.blob }).from(items)
    .where(and(eq(items.region, region), eq(items.catalogCode, catalogCode), sql`${items.removedAt} IS NULL`));
  return row;
}

/**
 * Per region, how many of the database's decisions git does not hold as they are: a latest verdict (accepted,
 * fix-requested) without the same entry in the synced decisions.yaml, or a reopened one whose entry is still there.
 */
export async function notInGitByRegion(db: Db): Promise<Map<string, number>> {
  const rows = await db.all<{ region: string; n: number }>(sql`SELECT r.region AS region, count(*) AS n FROM reviews r
    LEFT JOIN git_decisions g ON g.key = r.key
    WHERE r.id = (SELECT max(r2.id) FROM reviews r2 WHERE r2.key = r.key AND r2.decision IN ('accepted', 'fix-requested', 'reopened'))
      AND CASE WHEN r.decision = 'reopened' THEN g.key IS NOT NULL
          ELSE g.key IS NULL OR g.fingerprint <> r.fingerprint OR g.decision <> r.decision OR coalesce(g.reason, '') <> r.reason END
    GROUP BY r.region`);
  return new Map(rows.map((r) => [String(r.region), Number(r.n)]));
}

/** The decisions.yaml a region's entries make once the database's verdicts are brought in (what export writes). */
export async function regionDecisions(db: Db, region: string): Promise<Decision[]> {
  const inGit = new Map<string, Decision>();
  for (const g of await db.select().from(gitDecisions).where(eq(gitDecisions.region, region))) {
    const { reason, patch, decision, ...rest } = g;
    inGit.set(g.key, { ...rest, decision: decision as DecisionKind, ...(reason === null ? {} : { reason }), ...(patch === null ? {} : { patch }) });
  }
  return mergeDecisions(inGit, (await latestVerdicts(db, region)).map(asVerdict));
}

/** A stored verdict as decisions.yaml speaks of it. */
export function asVerdict({ region, reason, ...v }: StoredVerdict): Verdict {
  void region;
  return v.decision === 'reopened' ? { key: v.key, decision: 'reopened', at: v.at } : { ...v, decision: v.decision, ...(reason ? { reason } : {}) };
}
