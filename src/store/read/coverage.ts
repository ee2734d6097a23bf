// Coverage (认领覆盖): the province's baseline items × the regions below a root, which of them each region
// has claimed, and per region how many it claimed and misses.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.js';
import { inList, inSubtree, num, parseJson, str, strOrNull, whereSql, type RegionRow, type Row } from '../rows.js';
import { noMemo, regionsOf, type Memo } from './regions.js';
import { matchingCodes } from './search.js';

export interface CoverageFilter {
  root: RegionRow;
  q?: string;
  /** only baseline items some shown region has not claimed */
  gaps: boolean;
  /** every region below the root as a column; by default the root (unless the province) and its children */
  all?: boolean;
  page: number;
  per: number;
}

export type CoverageCell = 'claimed' | 'missing' | 'n/a';

export interface CoverageResult {
  top: RegionRow;
  columns: (RegionRow & { claimed: number; missing: number })[];
  total: number;
  rows: { catalogCode: string; name: string | null; type: string | null; useLevel: string[]; cells: CoverageCell[] }[];
}

/**
 * Per region below the province: how many baseline items it has claimed (its items the province also has) and
 * how many applicable ones it misses (its `missing` discrepancies). They change only with a sync: counted once for
 * every region, for the coverage columns and the dashboard alike.
 */
export async function claimCounts(db: Db, topCode: string, memo: Memo): Promise<Map<string, { claimed: number; missing: number }>> {
  return memo(
    'claim-counts',
    async () => {
      const out = new Map<string, { claimed: number; missing: number }>();
      for (const r of await db.all<Row>(sql`SELECT i.region AS region, count(*) AS n FROM items i
          JOIN items b ON b.region = ${topCode} AND b.catalog_code = i.catalog_code AND b.removed_at IS NULL
          WHERE i.removed_at IS NULL AND i.region <> ${topCode} GROUP BY i.region`)) {
        out.set(str(r.region), { claimed: num(r.n), missing: 0 });
      }
      for (const r of await db.all<Row>(sql`SELECT region, count(*) AS n FROM discrepancies WHERE kind = 'missing' GROUP BY region`)) {
        const entry = out.get(str(r.region)) ?? { claimed: 0, missing: 0 };
        entry.missing = num(r.n);
        out.set(str(r.region), entry);
      }
      return out;
    },
    'sync',
  );
}

/**
 * Columns are the root (unless it is the province) and its children, or with `all` every region of the
 * root's subtree below the province; one click on a column drills down.
 */
export async function coverage(db: Db, f: CoverageFilter, memo: Memo = noMemo): Promise<CoverageResult | undefined> {
  const regionList = await regionsOf(db, memo);
  const top = regionList.find((r) => r.parent === null);
  if (!top) return undefined;
  const columns = regionList.filter(
    (r) => r.parent !== null && (f.all ? inSubtree(r.lineage, f.root.lineage) : r.code === f.root.code || r.parent === f.root.code),
  );
  const columnCodes = columns.map((c) => c.code);
  const q = f.q?.trim();
  const where: SQL[] = [sql`b.region = ${top.code}`, sql`b.removed_at IS NULL`];
  if (q) where.push(inList(sql`b.catalog_code`, await memo(`codes:${q}`, () => matchingCodes(db, q), 'sync')));
  if (f.gaps) {
    where.push(sql`EXISTS (SELECT 1 FROM discrepancies m WHERE m.catalog_code = b.catalog_code AND m.kind = 'missing'
      AND ${inList(sql`m.region`, columnCodes)})`);
  }
  const [count] = await db.all<Row>(sql`SELECT count(*) AS n FROM items b ${whereSql(where)}`);
  const baseRows = await db.all<Row>(sql`SELECT b.catalog_code, b.name, b.type, json_extract(b.body, '$.useLevel') AS use_level
    FROM items b ${whereSql(where)} ORDER BY b.catalog_code LIMIT ${f.per} OFFSET ${(f.page - 1) * f.per}`);
  const codes = baseRows.map((r) => str(r.catalog_code));
  const claimedSet = new Set<string>();
  if (codes.length > 0 && columnCodes.length > 0) {
    for (const r of await db.all<Row>(sql`SELECT region, catalog_code FROM items WHERE removed_at IS NULL
        AND ${inList(sql`catalog_code`, codes)} AND ${inList(sql`region`, columnCodes)}`)) {
      claimedSet.add(`${str(r.region)}/${str(r.catalog_code)}`);
    }
  }
  const perRegion = await claimCounts(db, top.code, memo);
  return {
    top,
    columns: columns.map((c) => ({ ...c, claimed: perRegion.get(c.code)?.claimed ?? 0, missing: perRegion.get(c.code)?.missing ?? 0 })),
    total: num(count?.n),
    rows: baseRows.map((r) => {
      const parsed = parseJson(r.use_level);
      const useLevel = Array.isArray(parsed) ? parsed.map(String) : [];
      const code = str(r.catalog_code);
      return {
        catalogCode: code,
        name: strOrNull(r.name),
        type: strOrNull(r.type),
        useLevel,
        cells: columns.map((c): CoverageCell =>
          claimedSet.has(`${c.code}/${code}`) ? 'claimed' : c.level !== null && useLevel.includes(c.level) ? 'missing' : 'n/a',
        ),
      };
    }),
  };
}
