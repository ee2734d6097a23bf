// The sheet writer (src/exchange/xlsx-write.ts) renders rows with exceljs' own row transform from a prepared model
// instead of through exceljs' Row and Cell objects. Written both ways — the Row and Cell way as the writer did it
// before — the sheet and the styles are the same bytes, for text
// (Chinese, markup characters, leading zeros), numbers, booleans, dates, empty cells and a row with nothing in it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type ExcelJSTypes from 'exceljs';
import ExcelJS from '../../src/exchange/exceljs.js';
import type { Cell } from '../../src/exchange/cells.js';
import { WorkbookOut, type SheetSpec } from '../../src/exchange/xlsx-write.js';
import { removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

/** exceljs' zip library, as exceljs resolves it */
const JSZip = createRequire(createRequire(import.meta.url).resolve('exceljs/package.json'))('jszip') as {
  loadAsync(data: Buffer): Promise<{ file(path: string): { async(type: 'string'): Promise<string> } | null }>;
};

const SPEC: SheetSpec = {
  name: '事项',
  headers: ['区划代码', '基本编码', '序号', '事项名称', '承诺办结时限', '是否收费', '生效日期'],
  widths: [10, 15, 8, 40, 8, 8, 12],
  text: [true, true, true, true, false, true, false],
};

const ROWS: Cell[][] = [
  ['420000', '000100001001', 1, '乡村医生执业注册（新办）', 15, '否', ''],
  ['420100', '000100001002', 2, '<a href="x">&amp; \'引号\'</a>', null, true, new Date(Date.UTC(2024, 0, 2))],
  ['', '', '', '', '', '', ''],
  ['420101', '012', 3.5, '', 0, false, 45292],
  ['420102', '', '', '只有名称', '', '', ''],
];

/** The writer as it was: exceljs Row and Cell objects, the cells of every text column sharing one style object, those of the others another. */
async function throughRows(file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } } as ExcelJSTypes.stream.xlsx.WorkbookStreamWriterOptions);
  const sheet = workbook.addWorksheet(SPEC.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = SPEC.headers.map((_, i) => ({ key: String(i), width: SPEC.widths[i], ...(SPEC.text[i] ? { style: { numFmt: '@' } } : {}) }));
  const [text, plain] = [{ numFmt: '@' }, {}];
  const styles = SPEC.text.map((t) => (t ? text : plain));
  const head = sheet.addRow([...SPEC.headers]);
  head.font = { bold: true };
  head.commit();
  for (const cells of ROWS) {
    const values: Array<Cell | undefined> = new Array(cells.length);
    cells.forEach((c, i) => {
      if (c !== '' && c !== null) values[i] = c;
    });
    const row = sheet.addRow(values);
    row.eachCell((cell, column) => {
      cell.style = styles[column - 1]!;
    });
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
}

async function part(file: string, path: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  return (await zip.file(path)!.async('string'));
}

describe('xlsx sheet writer', () => {
  it('writes the sheet exceljs writes through Row and Cell objects', async () => {
    const dir = tempDir('xlsx-write');
    const before = join(dir, 'rows.xlsx');
    const now = join(dir, 'model.xlsx');
    await throughRows(before);
    const out = new WorkbookOut(now);
    expect(await out.sheet(SPEC, ROWS)).toBe(ROWS.length);
    await out.close();
    const sheet = await part(now, 'xl/worksheets/sheet1.xml');
    expect(sheet).toBe(await part(before, 'xl/worksheets/sheet1.xml'));
    expect(await part(now, 'xl/styles.xml')).toBe(await part(before, 'xl/styles.xml'));
    // what the comparison covers: codes as text with the `@` style, a skipped empty row, no cell for ''
    expect(sheet).toContain('<c r="B2" s="1" t="str"><v>000100001001</v></c>');
    expect(sheet).toContain('<row r="5"');
    expect(sheet).not.toContain('<row r="4"');
    expect(sheet).toContain('&lt;a href=&quot;x&quot;&gt;&amp;amp;');
  });
});
