// The typed row layer every read of the store shares: row types derived from the drizzle schema (schema.ts is
// the one place a column is declared), the decoders for what SQLite hands back (plain objects from `sql`
// templates, or JSON arrays where a page's rows come back as one column), and the SQL pieces several reads
// use. Reads go through drizzle's `sql` templates on `Db`; only the sync's bulk writes build raw statements
// (sql.ts), with their column names taken from the schema too (columnNames).
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { auditLog, findings, items, itemVersions, regions, reviews, syncRuns } from './schema.js';

/** A region as pages use it: its row without the folder, and its depth below the province (0). */
export type RegionRow = Omit<typeof regions.$inferSelect, 'dir' | 'localItems'> & { depth: number };
/** An item's stored state (without the sync's bookkeeping: blob, id). */
export type ItemRow = Omit<typeof items.$inferSelect, 'blob' | 'id'>;
export type FindingRow = Omit<typeof findings.$inferSelect, 'id' | 'region' | 'catalogCode'>;
export type VersionRow = Omit<typeof itemVersions.$inferSelect, 'region' | 'catalogCode' | 'blob' | 'previousFile'>;
export type ReviewRow = typeof reviews.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect & { regionName: string | null };
export type SyncInfo = Omit<typeof syncRuns.$inferSelect, 'previousRevision' | 'dirty'>;

/** A row as a `sql` template returns it: column name → value. */
export type Row = Record<string, unknown>;

export const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** A JSON column's value (text as SQLite stores it); undefined for NULL, the text itself if it is not JSON. */
export function parseJson(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** A JSON object column's value, or null. */
export const jsonObject = (v: unknown): Record<string, unknown> | null => (parseJson(v) as Record<string, unknown> | undefined) ?? null;

const REGION_COLUMNS = sql`code, name, level, parent, lineage`;

/** `SELECT <a region's columns> FROM regions`: what toRegion decodes. */
export const SELECT_REGION = sql`SELECT ${REGION_COLUMNS} FROM regions`;

export function toRegion(r: Row): RegionRow {
  const lineage = str(r.lineage);
  return {
    code: str(r.code),
    name: strOrNull(r.name),
    level: strOrNull(r.level),
    parent: strOrNull(r.parent),
    lineage,
    depth: lineage.split('/').length - 1,
  };
}

export function toItem(r: Row): ItemRow {
  return {
    region: str(r.region),
    catalogCode: str(r.catalog_code),
    file: str(r.file),
    revision: str(r.revision),
    body: jsonObject(r.body),
    name: strOrNull(r.name),
    type: strOrNull(r.type),
    errors: num(r.errors),
    warnings: num(r.warnings),
    uncommitted: Boolean(num(r.uncommitted)),
    removedAt: strOrNull(r.removed_at),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// SQL pieces

/**
 * "`lineage` is the region `root` or lies below it": the one definition of a subtree. Lineages are the codes
 * from the province down joined by `/` (regions.lineage), so a subtree is a prefix.
 */
export function inSubtree(lineage: string, rootLineage: string): boolean {
  return lineage === rootLineage || lineage.startsWith(rootLineage + '/');
}

/** SQL condition: `column` is a region code in the subtree rooted at the region with `lineage` (inSubtree). */
export function subtreeSql(column: SQL, lineage: string): SQL {
  // lineages are digits and slashes: no LIKE wildcard to escape (an ESCAPE clause would cost the prefix index)
  return sql`${column} IN (SELECT code FROM regions WHERE lineage = ${lineage} OR lineage LIKE ${lineage + '/%'})`;
}

/** Escapes LIKE wildcards; use with `ESCAPE '\'`. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => '\\' + ch);
}

/** `column IN (values)`; a long list is one JSON parameter rather than hundreds of bound values. */
export function inList(column: SQL, values: readonly string[]): SQL {
  if (values.length === 0) return sql`0`;
  if (values.length > 30) return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
  return sql`${column} IN (${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;
}

export function whereSql(conditions: SQL[]): SQL {
  return conditions.length === 0 ? sql`` : sql`WHERE ${sql.join(conditions, sql` AND `)}`;
}

/** Text order as SQLite's default (BINARY) collation gives it for ASCII keys, codes and dates. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The SQL names of a table's columns, given by their schema (TypeScript) names: the sync's bulk INSERTs name
 * their columns through this, so a renamed column is renamed in one place.
 */
export function columnNames<T extends SQLiteTable>(table: T, keys: ReadonlyArray<keyof T['$inferInsert'] & string>): string[] {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  return keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`no column ${key}`);
    return column.name;
  });
}
