// The sheet reader (src/exchange/xlsx-read.ts) reads a sheet's XML with saxes straight into plain cells. A workbook
// made by exceljs gets a first sheet written by hand, in the forms other spreadsheet programs write: inline rich
// text with phonetic runs, a namespace prefix, booleans, errors, formulas (their cached values), a t="d" date,
// text that looks like markup, cells and rows without references, and long Chinese texts whose characters
// straddle the inflated chunks — inline in the sheet (read by xlsx-read.ts) and as a shared string (read by
// exceljs' parser with the fix in src/exchange/exceljs.ts). exceljs' own zip library (jszip) puts the sheet in.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../src/exchange/exceljs.js';
import { readSheets, type SheetRow } from '../../src/exchange/xlsx-read.js';
import type { Cell } from '../../src/exchange/cells.js';
import { removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

/** exceljs' zip library, as exceljs resolves it */
const JSZip = createRequire(createRequire(import.meta.url).resolve('exceljs/package.json'))('jszip') as {
  loadAsync(data: Buffer): Promise<{ file(path: string, text: string): void; generateAsync(o: { type: 'nodebuffer'; compression: 'DEFLATE' }): Promise<Buffer> }>;
};

const LONG = '行政许可事项实施清单'.repeat(20_000);
const SHARED = '共享的文本：申请材料目录'.repeat(20_000);

const SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:r><x:t>富</x:t></x:r><x:r><x:t xml:space="preserve">文本 </x:t></x:r><x:rPh sb="0" eb="1"><x:t>フ</x:t></x:rPh></x:is></x:c><x:c r="C1" t="s"><x:v>0</x:v></x:c></x:row>
<x:row r="3"><x:c r="A3" t="b"><x:v>1</x:v></x:c><x:c r="B3" t="e"><x:v>#N/A</x:v></x:c><x:c r="C3"><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c r="D3" t="str"><x:f>"a"&amp;"b"</x:f><x:v>ab</x:v></x:c><x:c r="E3" t="str"><x:v>&amp;lt;不是标签&amp;gt; &amp; 1</x:v></x:c><x:c r="F3" t="d"><x:v>2024-01-02T00:00:00Z</x:v></x:c><x:c r="G3"><x:v>45292</x:v></x:c><x:c r="H3" t="b"><x:f>TRUE()</x:f><x:v>0</x:v></x:c><x:c r="I3"><x:f>NOW()</x:f></x:c></x:row>
<x:row><x:c t="str"><x:v>no references</x:v></x:c><x:c><x:v>7</x:v></x:c></x:row>
<x:row r="9"><x:c r="B9" t="inlineStr"><x:is><x:t>${LONG}</x:t></x:is></x:c></x:row>
</x:sheetData></x:worksheet>`;

async function workbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('手写').getCell('C1').value = SHARED;
  wb.addWorksheet('第二张').addRow(['区划代码', 420000]);
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  zip.file('xl/worksheets/sheet1.xml', SHEET);
  const file = join(tempDir('xlsx-read'), 'hand.xlsx');
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

describe('readSheets', () => {
  it('reads every kind of cell other programs write, as plain values', async () => {
    const sheets: Array<{ name: string; rows: SheetRow[] }> = [];
    for await (const sheet of readSheets(await workbook())) {
      const rows: SheetRow[] = [];
      for await (const batch of sheet.rows) rows.push(...batch);
      sheets.push({ name: sheet.name, rows });
    }
    expect(sheets.map((s) => s.name)).toEqual(['手写', '第二张']);
    const [hand, second] = sheets;
    const cells = (n: number): Cell[] | undefined => hand!.rows.find((r) => r.number === n)?.cells;
    expect(hand!.rows.map((r) => r.number)).toEqual([1, 3, 4, 9]);
    // rich text runs joined, the phonetic run left out; a hole is null; a shared string
    expect(cells(1)).toEqual(['富文本 ', null, SHARED]);
    // boolean, error, a formula's cached number and text, entities decoded once, an ISO date, a date serial number,
    // a boolean formula's cached value, a formula without a cached value
    expect(cells(3)).toEqual([true, '#N/A', 2, 'ab', '&lt;不是标签&gt; & 1', new Date(Date.UTC(2024, 0, 2)), 45292, false]);
    // a row and cells without references follow the ones before them
    expect(cells(4)).toEqual(['no references', 7]);
    // 600,000 bytes of Chinese: characters split across inflated chunks come back whole
    expect(cells(9)).toEqual([null, LONG]);
    expect(second!.rows).toEqual([{ number: 1, cells: ['区划代码', 420000] }]);
  });
});
