// A catalog (or part of it) → the 实施清单 workbook of exchange.md §1. Items are read and rendered a batch at a
// time (export-batch.ts): the 事项 sheet's rows are written as they come, the XML of the list sheets' rows (申请材料,
// 办理流程 …) waits in a spill file until their sheet's turn, so memory stays flat however many items there
// are. A big export reads, parses and renders its batches in worker threads (export-pool.ts), leaving
// this thread only the writing; a small one, and the review UI's (whose items come from the store), do it all
// here.
import type { Writable } from 'node:stream';
import type { Catalog } from '../catalog/load.js';
import type { Item } from '../catalog/types.js';
import { Spill, type SpillRef } from '../sync/spill.js';
import { catalogElements, catalogItems, itemFiles, type Selection, type SkippedFile } from './catalog-items.js';
import { batchSheets, ExportBatch, RowNumbers } from './export-batch.js';
import { ExportPool, type RenderedBatch } from './export-pool.js';
import { itemLayout, headersOf, type ItemLayout, type SheetLayout } from './sheets.js';
import { aboutRows, ABOUT_SHEET, exportRegion, regionHeaders, regionRow, REGION_SHEET, type ExportInfo, type ExportRegion } from './workbook-meta.js';
import { WorkbookOut, widthFor, type SheetSpec } from './xlsx-write.js';
import type { Element } from './elements.js';

/** Items rendered per batch in this thread. */
const BATCH = 256;
/** Batches of a list sheet's rows read back from the spill at a time. */
const READ_BACK = 8;
/** Below this many item files an export runs in the calling thread: starting workers costs more. */
const EXPORT_WORKER_THRESHOLD = 3000;

export interface ExportOptions {
  /** item files from which worker threads read and render (default EXPORT_WORKER_THRESHOLD) */
  workerThreshold?: number;
  /** worker threads, and item files per batch (default: export-pool.ts's) */
  workers?: number;
  batchFiles?: number;
}

/** A catalog's regions and items (format v2) as the workbook; unreadable item files go to `skipped`. */
export async function exportWorkbook(
  catalog: Catalog,
  selection: Selection,
  target: string | Writable,
  info: ExportInfo,
  skipped: SkippedFile[],
  options: ExportOptions = {},
): Promise<{ items: number }> {
  const regions = selection.tree.map((r) => exportRegion(catalog, r));
  const layout = itemLayout(catalogElements(catalog));
  const files = itemFiles(catalog, selection.regions);
  if (files.length < (options.workerThreshold ?? EXPORT_WORKER_THRESHOLD) || !ExportPool.available()) {
    async function* items() {
      for await (const { region, item } of catalogItems(catalog, selection.regions, skipped)) yield { region: region.code, item };
    }
    return writeWorkbook(items(), regions, target, info, layout);
  }
  const pool = new ExportPool(catalog, options.workers, options.batchFiles);
  try {
    return await writeBatches((styles) => pool.render(files, styles, skipped), layout, regions, target, info);
  } finally {
    await pool.close();
  }
}

/** Items (with their region codes, in order) and the regions they sit in as the workbook, streamed. */
export async function writeWorkbook(
  items: AsyncIterable<{ region: string; item: Item }>,
  regions: readonly ExportRegion[],
  target: string | Writable,
  info: ExportInfo,
  layout: ItemLayout = itemLayout(),
): Promise<{ items: number }> {
  async function* batches(styles: number[][]): AsyncGenerator<RenderedBatch> {
    const rows = new RowNumbers(batchSheets(layout).length);
    let batch = new ExportBatch(layout);
    const rendered = () => ({ items: batch.items, xml: batch.xml(rows.take(batch.counts()), styles) });
    for await (const { region, item } of items) {
      batch.add(region, item);
      if (batch.items === BATCH) {
        yield rendered();
        batch = new ExportBatch(layout);
      }
    }
    if (batch.items > 0) yield rendered();
  }
  return writeBatches(batches, layout, regions, target, info);
}

/** The workbook from its items' rendered batches (`batches` is given each sheet's column style ids). */
async function writeBatches(
  batches: (styles: number[][]) => AsyncIterable<RenderedBatch>,
  layout: ItemLayout,
  regions: readonly ExportRegion[],
  target: string | Writable,
  info: ExportInfo,
): Promise<{ items: number }> {
  const out = new WorkbookOut(target);
  const specs = batchSheets(layout).map((sheet) => sheetSpec(layout, sheet));
  const spill = new Spill();
  const waiting: SpillRef[][] = layout.lists.map(() => []);
  let count = 0;
  try {
    const itemSheet = out.open(specs[0]!);
    for await (const batch of batches(specs.map((spec) => out.styleIds(spec)))) {
      count += batch.items;
      await itemSheet.write(batch.xml[0]!);
      waiting.forEach((refs, i) => {
        if (batch.xml[i + 1]!.length > 0) refs.push(...spill.append([batch.xml[i + 1]!]));
      });
    }
    itemSheet.close();
    for (const [i, refs] of waiting.entries()) {
      const sheet = out.open(specs[i + 1]!);
      for (let at = 0; at < refs.length; at += READ_BACK) await sheet.write(spill.bytes(refs.slice(at, at + READ_BACK)));
      sheet.close();
    }
    const headers = regionHeaders();
    await out.sheet(
      { name: REGION_SHEET, headers, widths: headers.map((h) => widthFor(h, 12)), text: headers.map(() => true) },
      regions.map(regionRow),
    );
    await out.sheet({ name: ABOUT_SHEET, headers: ['项目', '内容'], widths: [14, 80], text: [true, true] }, aboutRows({ ...info, items: count }));
    await out.close();
  } finally {
    spill.close();
  }
  return { items: count };
}

function sheetSpec(layout: ItemLayout, sheet: SheetLayout): SheetSpec {
  const headers = headersOf(layout, sheet);
  const byHeader = new Map(sheet.columns.map((c) => [c.header, c.element]));
  byHeader.set(layout.catalogCode.header, layout.catalogCode.element);
  return {
    name: sheet.name,
    headers,
    widths: headers.map((h) => widthFor(h, typicalWidth(byHeader.get(h)))),
    text: headers.map((h) => isTextual(byHeader.get(h))),
  };
}

/** Key columns (区划代码, 序号 …) have no element: they are codes or small numbers. */
function typicalWidth(element: Element | undefined): number {
  if (!element) return 10;
  if (element.digits !== undefined) return element.digits + 3;
  switch (element.kind) {
    case 'integer':
    case 'number':
    case 'boolean':
      return 8;
    case 'date':
      return 12;
    case 'choice':
      return Math.max(...(element.values ?? ['']).map((v) => v.length * 2)) + 2;
    case 'set':
      return 30;
    default:
      return element.key.endsWith('Code') ? 24 : 40;
  }
}

function isTextual(element: Element | undefined): boolean {
  return element === undefined ? true : !['integer', 'number'].includes(element.kind);
}
