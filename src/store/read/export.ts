// What the review UI's workbook export reads: the current items (bodies as synced) of a region, of a subtree or
// of the whole catalog, a page at a time in region and code order (keyset paging: a province streams out without
// ever being held whole).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.js';
import { jsonObject, str, subtreeSql, type Row } from '../rows.js';

const PAGE = 500;

/** Which items: one region's own, a region and every region below it, or all. */
export type ExportScope = { region: string; lineage: string; subtree: boolean } | { all: true };

export async function* exportItems(db: Db, scope: ExportScope): AsyncGenerator<{ region: string; item: Record<string, unknown> }> {
  const where: SQL = 'all' in scope ? sql`1 = 1` : scope.subtree ? subtreeSql(sql`i.region`, scope.lineage) : sql`i.region = ${scope.region}`;
  let after: { lineage: string; code: string } | undefined;
  for (;;) {
    const page = await db.all<Row>(sql`
      SELECT i.region, i.catalog_code, i.body, r.lineage FROM items i JOIN regions r ON r.code = i.region
      WHERE i.removed_at IS NULL AND i.body IS NOT NULL AND ${where}
        ${after ? sql`AND (r.lineage, i.catalog_code) > (${after.lineage}, ${after.code})` : sql``}
      ORDER BY r.lineage, i.catalog_code LIMIT ${PAGE}`);
    for (const row of page) {
      const item = jsonObject(row.body);
      if (item) yield { region: str(row.region), item };
    }
    if (page.length < PAGE) return;
    const last = page[page.length - 1]!;
    after = { lineage: str(last.lineage), code: str(last.catalog_code) };
  }
}
