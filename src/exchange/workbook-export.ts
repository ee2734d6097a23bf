// A catalog (or part of it) → the 实施清单 workbook of exchange.md §1. The 事项 sheet is written while the
// items are read; the rows of the list sheets (申请材料, 办理流程 …) wait in a spill file until their sheet's
// turn, so memory stays flat however many items there are.
import type { Writable } from 'node:stream';
import type { Catalog } from '../catalog/load.js';
import type { Item } from '../catalog/types.js';
import { Spill, type SpillRef } from '../sync/spill.js';
import type { Cell } from './cells.js';
import { catalogElements, catalogItems, type Selection, type SkippedFile } from './catalog-items.js';
import { itemLayout, headersOf, itemRows, ITEM_SHEET, type ItemLayout, type SheetLayout } from './sheets.js';
import { aboutRows, ABOUT_SHEET, exportRegion, regionHeaders, regionRow, REGION_SHEET, type ExportInfo, type ExportRegion } from './workbook-meta.js';
import { WorkbookOut, widthFor, type SheetSpec } from './xlsx-write.js';
import type { Element } from './elements.js';

/** List-sheet rows read back from the spill per batch. */
const READ_BACK = 512;

/** A catalog's regions and items (format v2) as the workbook; unreadable item files go to `skipped`. */
export async function exportWorkbook(
  catalog: Catalog,
  selection: Selection,
  target: string | Writable,
  info: ExportInfo,
  skipped: SkippedFile[],
): Promise<{ items: number }> {
  async function* items() {
    for await (const { region, item } of catalogItems(catalog, selection.regions, skipped)) yield { region: region.code, item };
  }
  const regions = selection.tree.map((r) => exportRegion(catalog, r));
  return writeWorkbook(items(), regions, target, info, itemLayout(catalogElements(catalog)));
}

/** Items (with their region codes, in order) and the regions they sit in as the workbook, streamed. */
export async function writeWorkbook(
  items: AsyncIterable<{ region: string; item: Item }>,
  regions: readonly ExportRegion[],
  target: string | Writable,
  info: ExportInfo,
  layout: ItemLayout = itemLayout(),
): Promise<{ items: number }> {
  const out = new WorkbookOut(target);
  const spill = new Spill();
  const waiting = new Map<string, SpillRef[]>(layout.lists.map((s) => [s.name, []]));
  let count = 0;
  try {
    async function* itemSheetRows(): AsyncGenerator<Cell[]> {
      for await (const { region, item } of items) {
        count++;
        const rows = itemRows(layout, region, item);
        yield rows.get(ITEM_SHEET)![0]!;
        for (const sheet of layout.lists) {
          const listRows = rows.get(sheet.name)!;
          if (listRows.length > 0) waiting.get(sheet.name)!.push(...spill.append([JSON.stringify(listRows)]));
        }
      }
    }
    await out.sheet(sheetSpec(layout, layout.item), itemSheetRows());
    for (const sheet of layout.lists) {
      const refs = waiting.get(sheet.name)!;
      await out.sheet(sheetSpec(layout, sheet), readBack(spill, refs));
      waiting.set(sheet.name, []);
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

function* readBack(spill: Spill, refs: readonly SpillRef[]): Generator<Cell[]> {
  for (let i = 0; i < refs.length; i += READ_BACK) {
    for (const text of spill.read(refs.slice(i, i + READ_BACK))) yield* JSON.parse(text) as Cell[][];
  }
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
