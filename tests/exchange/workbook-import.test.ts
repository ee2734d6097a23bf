// The first pass of a workbook import reads the sheets side by side (a worker per core, each with its share of the
// sheets). What it reports and the items it puts together must be what one reader, sheet after sheet, gives: the
// same problems in the same order, the same items in the same order with the same data (key order included) —
// for a workbook whose rows are out of order, wrong in several sheets, and with two sheets whose names differ only
// in a space (read as one sheet: which comes first decides which rows are the repeated ones).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../src/exchange/exceljs.js';
import { itemLayout } from '../../src/exchange/sheets.js';
import { readWorkbook } from '../../src/exchange/workbook-import.js';
import { readSheets } from '../../src/exchange/xlsx-read.js';
import { DEMO, exportCatalog, removeTempDirs, tempDir, v2Copy } from './helpers.js';

afterAll(removeTempDirs);

let file: string;
beforeAll(async () => {
  const exported = join(tempDir('side-by-side'), 'demo.xlsx');
  expect(exportCatalog(v2Copy(DEMO), exported).code).toBe(0);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(exported);
  const sheet = (name: string) => workbook.getWorksheet(name)!;
  const header = (ws: ExcelJS.Worksheet, title: string) => (ws.getRow(1).values as unknown[]).indexOf(title);
  // 申请材料: the rows upside down, a label not in the code set
  const materials = sheet('申请材料');
  const rows = Array.from({ length: materials.rowCount - 1 }, (_, i) => materials.getRow(i + 2).values as ExcelJS.CellValue[]);
  rows.reverse().forEach((values, i) => (materials.getRow(i + 2).values = values));
  materials.getCell(9, header(materials, '材料类型')).value = '原件+复印件';
  // 设定依据: a 序号 that is not a number, and a twin sheet repeating its first rows
  const basis = sheet('设定依据');
  basis.getCell(3, header(basis, '序号')).value = '三';
  const twin = workbook.addWorksheet('设定依据 ');
  for (let r = 1; r <= 4; r++) twin.addRow(basis.getRow(r).values as ExcelJS.CellValue[]);
  // 事项: a repeated row, a region code that is not one
  const items = sheet('事项');
  items.addRow(items.getRow(2).values as ExcelJS.CellValue[]);
  items.getCell(5, 1).value = '42';
  // 办理流程: a row of an item the 事项 sheet does not have
  const steps = sheet('办理流程');
  const orphan = [...(steps.getRow(2).values as ExcelJS.CellValue[])];
  orphan[2] = '999999999999';
  steps.addRow(orphan);
  file = join(tempDir('side-by-side'), 'edited.xlsx');
  await workbook.xlsx.writeFile(file);
}, 120_000);

/** Everything readWorkbook gives, items consumed to the end (their problems are added as they are put together). */
async function read(readers: number) {
  const input = await readWorkbook(file, undefined, itemLayout(), readers);
  const items = [];
  for await (const imported of input.items) items.push(JSON.stringify({ ...imported, keep: imported.keep && [...imported.keep] }));
  return { regions: input.regions, problems: input.problems, items };
}

describe('the sheets of a workbook read side by side', () => {
  it('are dealt out once each, largest first to the reader with the fewest bytes, twin names together', async () => {
    const shares = [];
    for (let reader = 0; reader < 3; reader++) {
      const names = [];
      for await (const sheet of readSheets(file, undefined, { reader, readers: 3 })) names.push(`${sheet.index}:${sheet.name}`);
      shares.push(names);
    }
    const all = [];
    for await (const sheet of readSheets(file)) all.push(`${sheet.index}:${sheet.name}`);
    expect(shares.flat().sort()).toEqual([...all].sort());
    expect(shares.every((names) => names.length > 0)).toBe(true);
    expect(shares.find((names) => names.some((n) => n.endsWith(':设定依据')))).toContainEqual(expect.stringMatching(/:设定依据 $/));
  });

  it('give what one reader gives: the same problems in the same order, the same items', async () => {
    const one = await read(1);
    expect(one.problems.length).toBeGreaterThanOrEqual(6);
    for (const readers of [2, 3]) expect(await read(readers)).toEqual(one);
  });
});
