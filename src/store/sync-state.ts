// What a sync reads from the store and writes to it, apart from building the rows (src/sync/ decides those):
// the previous run, the stored state of the items and discrepancies in scope, the totals, the run's record,
// the reviews a sync turned outdated or resolved, and the column lists of the bulk INSERTs — named through
// the drizzle schema (rows.ts columnNames), sent as raw multi-row statements (sql.ts) for speed.
import type { Client, InStatement, InValue, Transaction } from '@libsql/client';
import { stateOf } from './review-state.js';
import { columnNames } from './rows.js';
import { discrepancies, findings, items, itemVersions, regions } from './schema.js';
import { inStatements, pairInStatements } from './sql.js';

type Executor = Pick<Client, 'execute'> | Transaction;

export const FINDING_COLUMNS = columnNames(findings, ['file', 'region', 'catalogCode', 'rule', 'severity', 'line', 'column', 'path', 'messageZh', 'messageEn']);
export const DISCREPANCY_COLUMNS = columnNames(discrepancies, ['key', 'region', 'catalogCode', 'against', 'path', 'field', 'kind', 'rule', 'ours', 'theirs', 'fingerprint', 'since', 'file']);
export const ITEM_COLUMNS = columnNames(items, ['id', 'region', 'catalogCode', 'file', 'blob', 'revision', 'body', 'name', 'type', 'errors', 'warnings', 'uncommitted', 'removedAt']);
export const ITEM_UPSERT = `ON CONFLICT (region, catalog_code) DO UPDATE SET id = coalesce(items.id, excluded.id), file = excluded.file, blob = excluded.blob,
  revision = excluded.revision, body = excluded.body, name = excluded.name, type = excluded.type, errors = excluded.errors,
  warnings = excluded.warnings, uncommitted = excluded.uncommitted, removed_at = NULL`;
/** items_fts is a virtual table (FTS5) drizzle does not know; its rowid is the item's id. */
export const FTS_COLUMNS = ['rowid', 'region', 'catalog_code', 'name', 'conditions', 'materials'];
export const VERSION_COLUMNS = columnNames(itemVersions, ['region', 'catalogCode', 'file', 'commit', 'author', 'date', 'message', 'change', 'blob', 'body', 'previousFile']);
export const REGION_COLUMNS = columnNames(regions, ['code', 'name', 'level', 'parent', 'dir', 'lineage', 'localItems']);

export interface PreviousRun {
  id: number;
  revision: string;
  worktree: boolean;
  dirty: string[];
}

export async function lastRun(client: Client): Promise<PreviousRun | undefined> {
  const result = await client.execute(`SELECT id, revision, worktree, dirty FROM sync_runs ORDER BY id DESC LIMIT 1`);
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    id: Number(row.id),
    revision: String(row.revision),
    worktree: Number(row.worktree) === 1,
    dirty: row.dirty ? (JSON.parse(String(row.dirty)) as string[]) : [],
  };
}

/** The id of the latest recorded run (undefined: none), read inside the write transaction. */
export async function latestRunId(tx: Executor): Promise<number | undefined> {
  const id = (await tx.execute('SELECT max(id) AS id FROM sync_runs')).rows[0]?.id ?? null;
  return id === null ? undefined : Number(id);
}

/** A run that found nothing to do. */
export async function recordNoop(client: Executor, revision: string, previous: PreviousRun, worktree: boolean, ms: number): Promise<void> {
  await client.execute({
    sql: `INSERT INTO sync_runs (finished_at, revision, previous_revision, worktree, outcome, counts, dirty)
          VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), ?, ?, ?, 'noop', ?, ?)`,
    args: [revision, previous.revision, worktree ? 1 : 0, JSON.stringify({ ms }), previous.worktree ? JSON.stringify(previous.dirty) : null],
  });
}

/** A run that wrote its results (inside their transaction); `counts` as the summary has them. */
export async function recordRun(
  tx: Executor,
  run: { started: number; revision: string; previous: string | null; worktree: boolean; dirty: string[]; counts: Record<string, number | boolean> },
): Promise<void> {
  await tx.execute({
    sql: `INSERT INTO sync_runs (started_at, finished_at, revision, previous_revision, worktree, outcome, counts, dirty)
          VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ','now'), ?, ?, ?, 'ok', ?, ?)`,
    args: [
      new Date(run.started).toISOString(), run.revision, run.previous, run.worktree ? 1 : 0,
      JSON.stringify(Object.fromEntries(Object.entries(run.counts).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v]))),
      run.worktree ? JSON.stringify(run.dirty) : null,
    ] as InValue[],
  });
}

/** The id the next new item gets. */
export async function nextItemId(client: Executor): Promise<number> {
  return Number((await client.execute('SELECT coalesce(max(id), 0) + 1 AS id FROM items')).rows[0]!.id);
}

export interface ItemState {
  id: number | null;
  region: string;
  catalogCode: string;
  file: string;
  blob: string;
  revision: string;
  removed: boolean;
  uncommitted: boolean;
}

/** The stored state of the given items (all items on a full sync). */
export async function readItems(
  client: Executor,
  full: boolean,
  items: ReadonlyArray<{ region: string; catalogCode: string }>,
): Promise<Map<string, ItemState>> {
  const out = new Map<string, ItemState>();
  const add = (rows: ReadonlyArray<Record<string, unknown>>) => {
    for (const row of rows) {
      const state: ItemState = {
        id: row.id === null ? null : Number(row.id),
        region: String(row.region), catalogCode: String(row.catalog_code), file: String(row.file), blob: String(row.blob),
        revision: String(row.revision), removed: row.removed_at !== null, uncommitted: Number(row.uncommitted) === 1,
      };
      out.set(`${state.region}/${state.catalogCode}`, state);
    }
  };
  const columns = 'id, region, catalog_code, file, blob, revision, removed_at, uncommitted';
  const statements = full
    ? [{ sql: `SELECT ${columns} FROM items`, args: [] }]
    : pairInStatements(`SELECT ${columns} FROM items WHERE (region, catalog_code) IN (?)`, items.map((i) => [i.region, i.catalogCode] as const));
  for (const statement of statements) add((await client.execute(statement)).rows as unknown as Record<string, unknown>[]);
  return out;
}

/** Stored discrepancies by key: their fingerprint and the revision it was first seen at. */
export type StoredDiscrepancies = Map<string, { fingerprint: string; since: string }>;

/** Key → fingerprint and since of the stored discrepancies reported on the given files (all on a full sync). */
export async function readDiscrepancies(client: Executor, full: boolean, paths: ReadonlySet<string>): Promise<StoredDiscrepancies> {
  const out: StoredDiscrepancies = new Map();
  const statements = full
    ? [{ sql: 'SELECT key, fingerprint, since FROM discrepancies', args: [] }]
    : inStatements('SELECT key, fingerprint, since FROM discrepancies WHERE file IN (?)', [...paths]);
  for (const statement of statements) {
    for (const row of (await client.execute(statement)).rows) {
      out.set(String(row.key), { fingerprint: String(row.fingerprint), since: String(row.since) });
    }
  }
  return out;
}

/**
 * Reviewed keys this sync turned outdated (decided on the fingerprint the key had before, and it changed) or
 * resolved (the key is gone, and its verdict was not a reopen): review-state.ts's stateOf before and after.
 */
export async function reviewTransitions(
  tx: Executor,
  before: StoredDiscrepancies,
  changed: string[],
  gone: string[],
): Promise<{ outdated: number; resolved: number }> {
  const verdicts = async (keys: string[]) => {
    const out = new Map<string, { fingerprint: string; decision: string }>();
    for (const statement of inStatements('SELECT key, review_fingerprint, decision FROM review_states WHERE key IN (?)', keys)) {
      for (const row of (await tx.execute(statement)).rows) {
        out.set(String(row.key), { fingerprint: String(row.review_fingerprint), decision: String(row.decision) });
      }
    }
    return out;
  };
  let outdated = 0;
  for (const [key, verdict] of await verdicts(changed)) if (stateOf(verdict, before.get(key)?.fingerprint) === 'decided') outdated++;
  let resolved = 0;
  for (const [key, verdict] of await verdicts(gone)) if (stateOf(verdict, before.get(key)?.fingerprint) !== 'open') resolved++;
  return { outdated, resolved };
}

/**
 * What a sync replaces before writing: everything (full), or the findings and discrepancies reported on the
 * files in scope and the search rows of the items it writes or removes.
 */
export function clearStatements(full: boolean, scope: ReadonlySet<string>, ftsIds: readonly number[]): InStatement[] {
  if (full) return [{ sql: 'DELETE FROM findings', args: [] }, { sql: 'DELETE FROM discrepancies', args: [] }, { sql: 'DELETE FROM items_fts', args: [] }];
  return [
    ...inStatements('DELETE FROM findings WHERE file IN (?)', [...scope]),
    ...inStatements('DELETE FROM discrepancies WHERE file IN (?)', [...scope]),
    ...inStatements('DELETE FROM items_fts WHERE rowid IN (?)', ftsIds),
  ];
}

/** Items whose files are gone are marked removed at `revision` (their history stays). */
export function removalStatements(revision: string, removed: ReadonlyArray<{ region: string; catalogCode: string }>): InStatement[] {
  return pairInStatements(
    'UPDATE items SET removed_at = ?, uncommitted = 0 WHERE removed_at IS NULL AND (region, catalog_code) IN (?)',
    removed.map((r) => [r.region, r.catalogCode] as const),
    [revision],
  );
}

/** What the store holds after a sync. */
export async function readTotals(executor: Executor) {
  const result = await executor.execute(`SELECT
      (SELECT count(*) FROM items WHERE removed_at IS NULL) AS items,
      (SELECT count(*) FROM findings) AS findings,
      (SELECT count(*) FROM findings WHERE severity = 'error') AS errors,
      (SELECT count(*) FROM discrepancies) AS discrepancies`);
  const row = result.rows[0]!;
  return { items: Number(row.items), findings: Number(row.findings), errors: Number(row.errors), discrepancies: Number(row.discrepancies) };
}
