// What the review UI's workbook export reads: the regions with their region.yaml data (localItems included, for
// the 区划 sheet), and the current items (bodies as synced) of a region, of a subtree or of the whole catalog, a
// page at a time in region and code order (keyset paging: a province streams out without ever being held whole).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.js';
import { jsonObject, str, strOrNull, subtreeSql, type Row } from '../rows.js';

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

/** A region as the export shows it: its tree position and region.yaml's data. */
export interface ExportRegionRow {
  code: string;
  parent: string | null;
  lineage: string;
  data: Record<string, unknown>;
}

/** Every region in tree order, with the region.yaml elements the store keeps (code, name, level, localItems). */
export async function exportRegions(db: Db): Promise<ExportRegionRow[]> {
  const rows = await db.all<Row>(sql`SELECT code, name, level, parent, lineage, local_items FROM regions ORDER BY lineage`);
  return rows.map((r) => {
    const name = strOrNull(r.name);
    const level = strOrNull(r.level);
    const localItems = typeof r.local_items === 'string' ? (JSON.parse(r.local_items) as unknown) : undefined;
    return {
      code: str(r.code),
      parent: strOrNull(r.parent),
      lineage: str(r.lineage),
      data: { code: str(r.code), ...(name ? { name } : {}), ...(level ? { level } : {}), ...(Array.isArray(localItems) ? { localItems } : {}) },
    };
  });
}
