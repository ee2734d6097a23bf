// What every page reads besides its own data: the region tree, the last sync, and the data versions that tell
// the web app when a kept value (Memo) is stale.
import { sql } from 'drizzle-orm';
import type { Db } from '../db.js';
import { jsonObject, num, SELECT_REGION, str, strOrNull, toRegion, type RegionRow, type Row, type SyncInfo } from '../rows.js';

export type { RegionRow, SyncInfo };

export async function listRegions(db: Db): Promise<RegionRow[]> {
  return (await db.all<Row>(sql`${SELECT_REGION} ORDER BY lineage`)).map(toRegion);
}

export async function getRegion(db: Db, code: string): Promise<RegionRow | undefined> {
  const [row] = await db.all<Row>(sql`${SELECT_REGION} WHERE code = ${code}`);
  return row ? toRegion(row) : undefined;
}

/** The top region (the province): the one without a parent. */
export async function topRegion(db: Db): Promise<RegionRow | undefined> {
  const [row] = await db.all<Row>(sql`${SELECT_REGION} WHERE parent IS NULL ORDER BY lineage LIMIT 1`);
  return row ? toRegion(row) : undefined;
}

export async function lastSync(db: Db): Promise<SyncInfo | undefined> {
  const [r] = await db.all<Row>(
    sql`SELECT id, revision, started_at, finished_at, outcome, worktree, counts FROM sync_runs
        WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1`,
  );
  if (!r) return undefined;
  return {
    id: num(r.id),
    revision: str(r.revision),
    startedAt: str(r.started_at),
    finishedAt: strOrNull(r.finished_at),
    outcome: str(r.outcome),
    worktree: Boolean(num(r.worktree)),
    counts: (jsonObject(r.counts) as Record<string, number> | null) ?? {},
  };
}

export interface DataVersions {
  /** changes when a sync finishes: everything read from the catalog */
  sync: string;
  /** changes when a sync finishes or a review is written: the states of discrepancies */
  reviews: string;
}

/**
 * Cheap tokens that change whenever what the pages show may have changed. Every writer leaves a trace here:
 * a sync records a run, a decision a review. Used to reuse expensive aggregates until then.
 */
export async function dataVersions(db: Db): Promise<DataVersions> {
  const [r] = await db.all<Row>(
    sql`SELECT (SELECT max(id) FROM sync_runs) AS s, (SELECT max(finished_at) FROM sync_runs) AS f, (SELECT max(id) FROM reviews) AS r`,
  );
  const sync = `${str(r?.s)}|${str(r?.f)}`;
  return { sync, reviews: `${sync}|${str(r?.r)}` };
}

/**
 * Reuses a computed value while the data it depends on is unchanged: `sync` for what only a sync changes,
 * `reviews` (default) for what a decision changes too. The web app passes one; without, nothing is reused.
 */
export type Memo = <T>(key: string, compute: () => Promise<T>, scope?: keyof DataVersions) => Promise<T>;

export const noMemo: Memo = (_key, compute) => compute();

/** The last finished sync, kept per sync (the dashboard shows it; item files are read at its revision). */
export const lastSyncOf = (db: Db, memo: Memo): Promise<SyncInfo | undefined> => memo('last-sync', () => lastSync(db), 'sync');

/** The region list, kept per sync. */
export const regionsOf = (db: Db, memo: Memo): Promise<RegionRow[]> => memo('regions', () => listRegions(db), 'sync');
