// 导出: the 实施清单 workbook (exchange.md §1) of what a user is looking at — a region's own items
// (/export.xlsx?region=CODE), a region and everything below it (&scope=subtree), or, for an officer or an
// admin, the whole catalog (no region) — streamed as it is read from the store, never built in memory. Also
// the one-sheet download other pages' xlsx twins stream (the queue's /queue.xlsx), and the rule that an
// export of everything (no region) is an officer's or an admin's, checked on the server.
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
import type { Ctx, Env } from '../context.js';
import type { Cell } from '../../exchange/cells.js';
import { WorkbookOut, widthFor } from '../../exchange/xlsx-write.js';
import { enumParam, HttpError } from '../http.js';
import type { Site } from '../site.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerExport(app: Hono<Env>, site: Site): void {
  app.get('/export.xlsx', async (c) => {
    const query = new URL(c.req.url).searchParams;
    const region = await site.regionParam(c, query);
    const subtree = (enumParam(query, 'scope', ['subtree', 'self'] as const) ?? 'self') === 'subtree';
    if (!region) mayExportAll(c, 'the whole catalog');
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
    return download(c, `tongbiao-${region ? region.code : 'all'}${subtree ? '-subtree' : ''}.xlsx`, (out) => writeWorkbook(items(), regions, out, info));
  });
}

/** An export of everything (no region) is an officer's or an admin's; a region's is anyone's who may read it. */
export function mayExportAll(c: Ctx, what: string): void {
  const role = c.get('session')?.user.role;
  if (role !== 'officer' && role !== 'admin') throw new HttpError(403, 'error403', what);
}

/** A workbook of one sheet, its rows streamed as they come (chunks of rows, as the store's readers give them). */
export function sheetDownload(c: Ctx, name: string, sheet: { sheet: string; headers: readonly string[] }, rows: AsyncIterable<Cell[][]>): Response {
  return download(c, name, async (out) => {
    const book = new WorkbookOut(out);
    async function* flat() {
      for await (const chunk of rows) yield* chunk;
    }
    const headers = sheet.headers;
    await book.sheet({ name: sheet.sheet, headers, widths: headers.map((h) => widthFor(h, 16)), text: headers.map(() => true) }, flat());
    await book.close();
  });
}

/** The response streams what `write` writes; a failure half way ends the download broken, not complete-looking. */
function download(c: Ctx, name: string, write: (out: PassThrough) => Promise<unknown>): Response {
  const out = new PassThrough();
  write(out).catch((error: unknown) => {
    console.error(error);
    out.destroy(error as Error);
  });
  c.header('Content-Type', XLSX_TYPE);
  c.header('Content-Disposition', `attachment; filename="${name}"`);
  return c.body(Readable.toWeb(out) as ReadableStream<Uint8Array>);
}
