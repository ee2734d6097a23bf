// Bulk SQL for the sync: multi-row INSERTs (≈ 500 rows a statement is ≈ 2.5× row-by-row, stack-facts) sent a
// few statements per round trip, and IN-lists cut into chunks below SQLite's variable limit.
import type { InArgs, InStatement, InValue, Transaction } from '@libsql/client';

/** Rows per INSERT statement. */
export const ROWS_PER_INSERT = 500;
/** Statements per round trip (matters over ws:// / http://, harmless on a file). */
export const STATEMENTS_PER_BATCH = 8;
/** Values per IN list. */
export const IN_CHUNK = 500;

export type Row = InValue[];

/** Sends statements in small batches inside an open transaction. */
export async function runAll(tx: Transaction, statements: InStatement[]): Promise<void> {
  for (let i = 0; i < statements.length; i += STATEMENTS_PER_BATCH) {
    const slice = statements.slice(i, i + STATEMENTS_PER_BATCH);
    if (slice.length === 1) await tx.execute(slice[0]!);
    else await tx.batch(slice);
  }
}

/**
 * `INSERT [OR REPLACE] INTO table (columns) VALUES (…), (…), …` statements, ROWS_PER_INSERT rows each.
 * `suffix` is appended to each statement (e.g. an ON CONFLICT clause).
 */
export function insertStatements(
  table: string,
  columns: readonly string[],
  rows: readonly Row[],
  options: { verb?: 'INSERT' | 'INSERT OR REPLACE' | 'INSERT OR IGNORE'; suffix?: string } = {},
): InStatement[] {
  const verb = options.verb ?? 'INSERT';
  const head = `${verb} INTO ${table} (${columns.map(quoteId).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const out: InStatement[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    const args: InValue[] = [];
    for (const row of chunk) {
      if (row.length !== columns.length) throw new Error(`insert into ${table}: row has ${row.length} values, expected ${columns.length}`);
      args.push(...row);
    }
    out.push({ sql: head + chunk.map(() => tuple).join(', ') + (options.suffix ? ' ' + options.suffix : ''), args });
  }
  return out;
}

/** `rows` cut into runs of ROWS_PER_INSERT: one INSERT's worth each, for building statements as they are sent. */
export function* slices<T>(rows: readonly T[]): Generator<readonly T[]> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) yield rows.slice(i, i + ROWS_PER_INSERT);
}

/** `sql` with `(?)` replaced by `(?, ?, …)` for each chunk of `values`: one statement per chunk. */
export function inStatements(sql: string, values: readonly InValue[], before: InValue[] = []): InStatement[] {
  const out: InStatement[] = [];
  for (let i = 0; i < values.length; i += IN_CHUNK) {
    const chunk = values.slice(i, i + IN_CHUNK);
    out.push({ sql: sql.replace('(?)', `(${chunk.map(() => '?').join(', ')})`), args: [...before, ...chunk] as InArgs });
  }
  return out;
}

/**
 * `sql` with `(?)` replaced by `(VALUES (?, ?), …)` for each chunk of `pairs`: a row-value IN that SQLite
 * answers from a two-column index, e.g. `WHERE (region, catalog_code) IN (?)`.
 */
export function pairInStatements(sql: string, pairs: ReadonlyArray<readonly [InValue, InValue]>, before: InValue[] = []): InStatement[] {
  const out: InStatement[] = [];
  for (let i = 0; i < pairs.length; i += IN_CHUNK) {
    const chunk = pairs.slice(i, i + IN_CHUNK);
    out.push({ sql: sql.replace('(?)', `(VALUES ${chunk.map(() => '(?, ?)').join(', ')})`), args: [...before, ...chunk.flat()] as InArgs });
  }
  return out;
}

export function quoteId(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

/** JSON text for a JSON column, or null. */
export function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
