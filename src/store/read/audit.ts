// The audit log (审计日志): who did what, newest first, filtered by region subtree, actor and action.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.js';
import { jsonObject, likeEscape, num, str, strOrNull, subtreeSql, whereSql, type AuditRow, type RegionRow, type Row } from '../rows.js';

export type { AuditRow };

export interface AuditFilter {
  /** decisions only (no sign-ins, addresses or account changes): what anonymous readers may see */
  decisionsOnly?: boolean;
  region?: RegionRow;
  actor?: string;
  action?: string;
  page: number;
  per: number;
}

function conditions(f: Omit<AuditFilter, 'page' | 'per'>): SQL[] {
  const where: SQL[] = [];
  if (f.decisionsOnly) where.push(sql`l.action LIKE 'review.%'`);
  if (f.region) where.push(subtreeSql(sql`l.region`, f.region.lineage));
  if (f.actor) where.push(sql`l.actor = ${f.actor}`);
  if (f.action) where.push(sql`(l.action = ${f.action} OR l.action LIKE ${likeEscape(f.action) + '.%'} ESCAPE '\\')`);
  return where;
}

async function entries(db: Db, where: SQL[], limit: number, offset: number): Promise<AuditRow[]> {
  const rows = await db.all<Row>(sql`SELECT l.id, l.at, l.actor, l.action, l.region, r.name AS region_name, l.target, l.detail
    FROM audit_log l LEFT JOIN regions r ON r.code = l.region ${whereSql(where)}
    ORDER BY l.id DESC LIMIT ${limit} OFFSET ${offset}`);
  return rows.map((r) => ({
    id: num(r.id),
    at: str(r.at),
    actor: str(r.actor),
    action: str(r.action),
    region: strOrNull(r.region),
    regionName: strOrNull(r.region_name),
    target: strOrNull(r.target),
    detail: jsonObject(r.detail),
  }));
}

export async function auditLog(db: Db, f: AuditFilter): Promise<{ total: number; rows: AuditRow[]; actions: string[] }> {
  const where = conditions(f);
  const [count] = await db.all<Row>(sql`SELECT count(*) AS n FROM audit_log l ${whereSql(where)}`);
  const rows = await entries(db, where, f.per, (f.page - 1) * f.per);
  const actions = await db.all<Row>(
    sql`SELECT DISTINCT action FROM audit_log ${f.decisionsOnly ? sql`WHERE action LIKE 'review.%'` : sql``} ORDER BY action`,
  );
  return { total: num(count?.n), actions: actions.map((a) => str(a.action)), rows };
}

/** Every entry the filter selects, newest first, `chunk` at a time, each chunk below the last id (exports). */
export async function* auditAll(db: Db, f: Omit<AuditFilter, 'page' | 'per'>, chunk = 1000): AsyncGenerator<AuditRow[]> {
  let before: number | undefined;
  for (;;) {
    const where = conditions(f);
    if (before !== undefined) where.push(sql`l.id < ${before}`);
    const rows = await entries(db, where, chunk, 0);
    if (rows.length > 0) yield rows;
    if (rows.length < chunk) return;
    before = rows.at(-1)!.id;
  }
}
