// 导出: the 实施清单 workbook (exchange.md §1) of what a user is looking at — a region's own items
// (/export.xlsx?region=CODE), a region and everything below it (&scope=subtree), or, for an officer or an
// admin, the whole catalog (no region) — streamed as it is read from the store, never built in memory.
import { PassThrough, Readable } from 'node:stream';
import type { Hono } from 'hono';
import { itemFromV1 } from '../../catalog/v1.js';
import { writeWorkbook } from '../../exchange/workbook-export.js';
import type { ExportRegion } from '../../exchange/workbook-meta.js';
import { FORMAT_VERSION } from '../../schema/item.js';
import { exportItems, exportRegions, type ExportScope } from '../../store/read/export.js';
import { inSubtree } from '../../store/rows.js';
import { lastSync } from '../../store/read/regions.js';
import { VERSION } from '../../version.js';
import type { Env } from '../context.js';
import { enumParam, HttpError } from '../http.js';
import type { Site } from '../site.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerExport(app: Hono<Env>, site: Site): void {
  app.get('/export.xlsx', async (c) => {
    const query = new URL(c.req.url).searchParams;
    const region = await site.regionParam(c, query);
    const subtree = (enumParam(query, 'scope', ['subtree', 'self'] as const) ?? 'self') === 'subtree';
    const user = c.get('session')?.user;
    // The whole catalog is an officer's or an admin's export; a region's list is anyone's who may see it.
    if (!region && user?.role !== 'officer' && user?.role !== 'admin') throw new HttpError(403, 'error403', 'the whole catalog');
    const scope: ExportScope = region ? { region: region.code, lineage: region.lineage, subtree } : { all: true };

    const all = await exportRegions(site.db);
    const chosen = region ? all.filter((r) => (subtree ? inSubtree(r.lineage, region.lineage) : r.code === region.code)) : all;
    // The 区划 sheet also lists the ancestors, so the workbook imports into an empty folder.
    const needed = new Set(chosen.flatMap((r) => r.lineage.split('/')));
    const regions: ExportRegion[] = all.filter((r) => needed.has(r.code)).map((r) => ({ code: r.code, ...(r.parent ? { parent: r.parent } : {}), data: r.data }));
    const sync = await lastSync(site.db);
    const info = {
      version: VERSION,
      ...(sync ? { revision: sync.revision } : {}),
      formatVersion: FORMAT_VERSION,
      scope: region ? (subtree ? `${region.code} 及其下级区划` : region.code) : '整个目录',
    };

    // A catalog synced in format v1 has v1 bodies: the workbook is format v2 (the spec §8 mapping).
    async function* items() {
      for await (const { region: code, item } of exportItems(site.db, scope)) yield { region: code, item: itemFromV1(item) };
    }
    const out = new PassThrough();
    writeWorkbook(items(), regions, out, info).catch((error: unknown) => {
      console.error(error);
      out.destroy(error as Error);
    });
    c.header('Content-Type', XLSX_TYPE);
    c.header('Content-Disposition', `attachment; filename="tongbiao-${region ? region.code : 'all'}${subtree ? '-subtree' : ''}.xlsx"`);
    return c.body(Readable.toWeb(out) as ReadableStream<Uint8Array>);
  });
}
