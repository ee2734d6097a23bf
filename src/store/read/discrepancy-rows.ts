// A discrepancy as the queue, the item page and the decision form show it (one row: the discrepancy, its
// item's name and type, its regions' names, its state and latest verdict), and the SQL that reads it.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.js';
import { STATUS_SQL, VERDICT_JOIN, type Status } from '../review-state.js';
import { parseJson, str, strOrNull, type Row } from '../rows.js';

export interface QueueRow {
  key: string;
  region: string;
  regionName: string | null;
  catalogCode: string;
  itemName: string | null;
  type: string | null;
  against: string;
  againstName: string | null;
  path: string;
  field: string;
  kind: string | null;
  rule: string | null;
  ours: unknown;
  theirs: unknown;
  fingerprint: string | null;
  since: string | null;
  status: Status;
  verdict?: { decision: string; author: string; at: string; reason: string; fingerprint: string };
}

export const TYPE_SQL = sql`COALESCE(i.type, a.type)`;

export const ITEM_JOINS = sql`LEFT JOIN items i ON i.region = d.region AND i.catalog_code = d.catalog_code
    LEFT JOIN items a ON a.region = d.against AND a.catalog_code = d.catalog_code`;

export function queueFrom(): SQL {
  return sql`FROM discrepancies d ${ITEM_JOINS} ${VERDICT_JOIN}`;
}

// A queue row comes back from SQLite as one JSON array (one column), not 22 columns: @libsql/client builds each
// row as an object with a property per column by name and by index, which cost more than the query itself on a
// page of 50 rows; JSON.parse of the array is native. ours and theirs stay JSON text inside it (NULL: absent).
export const ROW_JSON = sql`json_array(d.key, d.region, r.name, d.catalog_code, COALESCE(i.name, a.name),
      ${TYPE_SQL}, d.against, ra.name, d.path, d.field, d.kind, d.rule, d.ours, d.theirs,
      d.fingerprint, d.since, ${STATUS_SQL},
      vr.decision, vr.author, vr.created_at, vr.reason, vr.fingerprint) AS row`;

/** ROW_JSON's arrays as queue rows (the same order). */
export function rowsFromJson(rows: Row[]): QueueRow[] {
  return rows.map((r) => queueRowFromArray(JSON.parse(str(r.row)) as unknown[]));
}

export function queueRowFromArray(v: unknown[]): QueueRow {
  const row: QueueRow = {
    key: str(v[0]),
    region: str(v[1]),
    regionName: strOrNull(v[2]),
    catalogCode: str(v[3]),
    itemName: strOrNull(v[4]),
    type: strOrNull(v[5]),
    against: str(v[6]),
    againstName: strOrNull(v[7]),
    path: str(v[8]),
    field: str(v[9]),
    kind: strOrNull(v[10]),
    rule: strOrNull(v[11]),
    ours: parseJson(v[12]),
    theirs: parseJson(v[13]),
    fingerprint: strOrNull(v[14]),
    since: strOrNull(v[15]),
    status: str(v[16]) as Status,
  };
  if (v[17] !== null && v[17] !== undefined) {
    row.verdict = { decision: str(v[17]), author: str(v[18]), at: str(v[19]), reason: str(v[20]), fingerprint: str(v[21]) };
  }
  return row;
}

export const REGION_JOINS = sql`LEFT JOIN regions r ON r.code = d.region LEFT JOIN regions ra ON ra.code = d.against`;

/** One row of the queue, as the queue shows it (after a decision, htmx swaps it in place). */
export async function queueRow(db: Db, key: string): Promise<QueueRow | undefined> {
  const rows = await db.all<Row>(sql`SELECT ${ROW_JSON} ${queueFrom()} ${REGION_JOINS} WHERE d.key = ${key}`);
  return rowsFromJson(rows)[0];
}

