// Bad input gets a clear report at sheet!cell (or record.field) and changes nothing (issue 14, exchange.md §3):
// each workbook here is our export edited with exceljs' in-memory Workbook, as a person edits it in Excel, and
// imported by the built CLI into a copy of the demo catalog (format v2) whose files must stay byte for byte.
import { createRequire } from 'node:module';
import { createWriteStream, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../src/exchange/exceljs.js';
import { runCli } from '../helpers/cli.js';
import { readTree } from '../helpers/files.js';
import { catalogData, DEMO, differences, exportCatalog, importJson, removeTempDirs, tempDir, v2Copy } from './helpers.js';

afterAll(removeTempDirs);

let catalog: string;
let exported: string;
let before: Map<string, string>;
beforeAll(() => {
  catalog = v2Copy(DEMO);
  exported = join(tempDir('bad'), 'demo.xlsx');
  expect(exportCatalog(catalog, exported).code).toBe(0);
  before = readTree(catalog);
}, 120_000);

/** Our export, edited by `change`, saved under a new name. */
async function edited(change: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(exported);
  change(workbook);
  const file = join(tempDir('bad'), 'edited.xlsx');
  await workbook.xlsx.writeFile(file);
  return file;
}

/** The column number (1-based) of a header in a sheet's first row. */
function column(sheet: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  sheet.getRow(1).eachCell((cell, n) => {
    if (cell.value === header) found = n;
  });
  if (!found) throw new Error(`no column ${header} in ${sheet.name}`);
  return found;
}
const letter = (n: number) => String.fromCharCode(64 + n);

/** Imports and checks that it refused: exit 1, nothing written, the catalog unchanged. */
function refused(file: string) {
  const result = importJson(file, catalog);
  expect(result.code, result.stdout).toBe(1);
  expect(result.report.written).toBe(false);
  expect(readTree(catalog)).toEqual(before);
  return result.report;
}

describe('import refuses bad workbooks, naming the cell, and writes nothing', () => {
  it('a sheet with a wrong name', async () => {
    const report = refused(await edited((wb) => (wb.getWorksheet('申请材料')!.name = '材料清单')));
    expect(report.problems).toContainEqual(expect.objectContaining({ at: '材料清单!A1', severity: 'error' }));
    expect(report.problems.find((p) => p.at === '材料清单!A1')!.message.zh).toContain('不是实施清单的工作表');
  });

  it('a missing key column', async () => {
    const report = refused(await edited((wb) => {
      const sheet = wb.getWorksheet('申请材料')!;
      sheet.getCell(1, column(sheet, '基本编码')).value = null;
    }));
    expect(report.problems.map((p) => p.message.zh).join('\n')).toContain('缺少关键列「基本编码」');
  });

  it('a label that is not in the code set', async () => {
    let at = '';
    const report = refused(await edited((wb) => {
      const sheet = wb.getWorksheet('申请材料')!;
      const n = column(sheet, '材料类型');
      sheet.getCell(17, n).value = '原件+复印件';
      at = `申请材料!${letter(n)}17`;
    }));
    const problem = report.problems.find((p) => p.at === at)!;
    expect(problem.message.zh).toMatch(/^材料类型 "原件\+复印件" 不在代码集中/);
    expect(problem.item).toMatch(/^\d{6}\/\d{12}$/);
  });

  it('a duplicate row', async () => {
    const report = refused(await edited((wb) => {
      const sheet = wb.getWorksheet('事项')!;
      sheet.addRow(sheet.getRow(2).values as ExcelJS.CellValue[]);
    }));
    expect(report.problems.map((p) => p.message.zh).join('\n')).toMatch(/事项 420000\/\d{12} 重复（已见于 事项!A2）/);
  });

  it('an item whose region exists neither in the catalog nor in the 区划 sheet', async () => {
    const report = refused(await edited((wb) => {
      const sheet = wb.getWorksheet('事项')!;
      sheet.getCell(2, 1).value = '420999';
    }));
    expect(report.problems.map((p) => p.message.zh).join('\n')).toMatch(/区划 420999 在目录和文件中都不存在/);
  });

  it('into an empty folder, an error in the last item leaves the folder empty (the items before it were staged, then removed)', async () => {
    const file = await edited((wb) => {
      const sheet = wb.getWorksheet('事项')!;
      sheet.getCell(sheet.actualRowCount, 1).value = '420999';
    });
    const target = join(tempDir('bad'), 'new');
    const result = importJson(file, target);
    expect(result.code, result.stdout).toBe(1);
    expect(result.report.written).toBe(false);
    // (its rows in the list sheets name it in its old region: those are errors too)
    expect(result.report.problems.map((p) => p.message.zh)).toContainEqual(expect.stringMatching(/区划 420999 在目录和文件中都不存在/));
    expect(existsSync(target) ? readdirSync(target, { recursive: true }) : []).toEqual([]);
    // with --force the other items are written, and only that one is left out
    const forced = importJson(file, target, '--force');
    expect(forced.code).toBe(1);
    expect(forced.report.leftOut).toContainEqual(expect.stringMatching(/^420999\//));
    expect(readdirSync(target, { recursive: true }).filter((f) => String(f).endsWith('.tongbiao-import'))).toEqual([]);
    expect(forced.report.items.created.length).toBeGreaterThan(10);
  });

  it('into a catalog that lacks a region and an item: a new region folder is staged whole, a new file beside the others; an error leaves both out', async () => {
    const target = v2Copy(catalog);
    rmSync(join(target, '420000/420100/420106'), { recursive: true });
    rmSync(join(target, '420000/420100/items/000100101000.yaml'));
    const lacking = readTree(target);
    const bad = await edited((wb) => {
      const sheet = wb.getWorksheet('事项')!;
      sheet.getCell(sheet.actualRowCount, 1).value = '420999';
    });
    const refusedImport = importJson(bad, target);
    expect(refusedImport.code, refusedImport.stdout).toBe(1);
    expect(readTree(target)).toEqual(lacking);

    const result = importJson(exported, target);
    expect(result.code, result.stdout).toBe(0);
    expect(result.report.regions.created).toEqual(['420106']);
    expect(result.report.items.created).toContain('420100/000100101000');
    expect(readdirSync(target, { recursive: true }).filter((f) => String(f).includes('.tongbiao-import'))).toEqual([]);
    expect(differences(catalogData(catalog), catalogData(target))).toEqual([]);
  });

  it('an empty workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1');
    const file = join(tempDir('bad'), 'empty.xlsx');
    await workbook.xlsx.writeFile(file);
    const report = refused(file);
    expect(report.problems.map((p) => p.message.zh).join('\n')).toContain('工作簿中没有「事项」工作表');
  });

  it('formulas are read as their cached values, never evaluated', async () => {
    let at = '';
    const file = await edited((wb) => {
      const sheet = wb.getWorksheet('事项')!;
      const n = column(sheet, '受理条件');
      // A formula whose evaluation would give something else: the cached result is what counts.
      sheet.getCell(2, n).value = { formula: 'NOW()', result: '由公式缓存的受理条件' } as ExcelJS.CellFormulaValue;
      at = `${letter(n)}2`;
    });
    const target = v2Copy(catalog);
    const result = importJson(file, target);
    expect(result.code, `${at} ${result.stdout}`).toBe(0);
    expect(result.report.items.changed).toHaveLength(1);
    const changed = result.report.items.changed[0]!;
    const [region, code] = changed.split('/');
    const text = [...readTree(target)].find(([p]) => p.endsWith(`${region}/items/${code}.yaml`))![1];
    expect(text).toContain('conditions: 由公式缓存的受理条件');
  });

  it('a file that is not a workbook, renamed .xlsx: exit 2 naming the file', () => {
    const file = join(tempDir('bad'), 'notes.xlsx');
    writeFileSync(file, '这不是工作簿\n');
    const result = runCli(['import', file, '--catalog', catalog]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/notes\.xlsx: not an xlsx workbook/);
    expect(readTree(catalog)).toEqual(before);
  });

  it('a zip bomb is refused from its sizes before anything is inflated', async () => {
    // A real zip made by archiver (exceljs' own zip writer): 64 MB of zeros in what claims to be a sheet.
    const file = await zipOf('bomb.xlsx', [
      ['[Content_Types].xml', '<Types/>'],
      ['xl/workbook.xml', '<workbook/>'],
      ['xl/worksheets/sheet1.xml', Buffer.alloc(64 << 20)],
    ]);
    expect(readFileSync(file).length).toBeLessThan(1 << 20);
    const result = runCli(['import', file, '--catalog', catalog]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bomb\.xlsx: refused: xl\/worksheets\/sheet1\.xml would inflate to 67108864 bytes .* zip bomb/);
  });

  it('a zip whose directory lies about a sheet\'s size is refused as it inflates, nothing written', async () => {
    // A workbook whose one sheet is 32 MB of XML (blanks inside sheetData) but declares 4 KB: the directory
    // passes the ratio check, the part is counted as it inflates and refused at its declared size.
    const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const file = await zipOf('liar.xlsx', [
      ['[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
      ['xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'],
      ['xl/workbook.xml', `<workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="事项" sheetId="1" r:id="rId1"/></sheets></workbook>`],
      ['xl/worksheets/sheet1.xml', Buffer.concat([Buffer.from(`<worksheet ${ns}><sheetData>`), Buffer.alloc(32 << 20, 32), Buffer.from('</sheetData></worksheet>')])],
    ]);
    const bytes = readFileSync(file);
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    let patched = 0;
    for (let at = bytes.indexOf(name); at >= 0; at = bytes.indexOf(name, at + 1)) {
      if (bytes.readUInt32LE(at - 46) === 0x02014b50) bytes.writeUInt32LE(4096, at - 46 + 24); // central directory: uncompressed size
      else if (bytes.readUInt32LE(at - 30) === 0x04034b50) bytes.writeUInt32LE(4096, at - 30 + 22); // local header
      else continue;
      patched++;
    }
    expect(patched).toBe(2);
    writeFileSync(file, bytes);
    const result = runCli(['import', file, '--catalog', catalog]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/liar\.xlsx: refused: xl\/worksheets\/sheet1\.xml inflates beyond its declared 4096 bytes/);
    expect(readTree(catalog)).toEqual(before);
  });
});

describe('import refuses a damaged workbook with exit 2, naming what is wrong, and writes nothing', () => {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const parts = (sheet: string | undefined): Array<[string, string]> => [
    ['[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    ['xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'],
    ['xl/workbook.xml', `<workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="事项" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ...(sheet === undefined ? [] : [['xl/worksheets/sheet1.xml', sheet] as [string, string]]),
  ];

  it('a sheet the workbook lists but the zip lacks', async () => {
    const result = runCli(['import', await zipOf('no-sheet.xlsx', parts(undefined)), '--catalog', catalog]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no-sheet\.xlsx: the zip is damaged: sheet "事项" \(xl\/worksheets\/sheet1\.xml\) is not in it/);
    expect(readTree(catalog)).toEqual(before);
  });

  it('a workbook part whose XML is damaged (exceljs\' parser threw: an internal error)', async () => {
    const damaged = parts('<worksheet/>').map(([path, xml]): [string, string] => [path, path === 'xl/workbook.xml' ? xml.replace('sheetId="1"', 'sheetId') : xml]);
    const result = runCli(['import', await zipOf('damaged.xlsx', damaged), '--catalog', catalog]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tongbiao: .*damaged\.xlsx: xl\/workbook\.xml is damaged: /);
    expect(result.stderr).not.toContain('internal error');
    expect(readTree(catalog)).toEqual(before);
  });

  it('a cell beyond column XFD (it crashed the process: a row of that many cells)', async () => {
    const sheet = `<worksheet ${ns}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>区划代码</t></is></c><c r="ZZZZZZ1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`;
    const result = runCli(['import', await zipOf('wide.xlsx', parts(sheet)), '--catalog', catalog]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/wide\.xlsx: the sheet's XML is damaged: cell ZZZZZZ1 lies beyond column XFD/);
    expect(readTree(catalog)).toEqual(before);
  });
});

/** A zip written by archiver (exceljs' own zip writer) with these parts. */
async function zipOf(name: string, parts: Array<[string, string | Buffer]>): Promise<string> {
  const require = createRequire(import.meta.resolve('exceljs'));
  const archiver = require('archiver') as (format: string) => import('node:stream').Readable & {
    append(source: Buffer | string, data: { name: string }): void; finalize(): Promise<void>;
  };
  const file = join(tempDir('bad'), name);
  const zip = archiver('zip');
  const out = createWriteStream(file);
  zip.pipe(out);
  for (const [path, data] of parts) zip.append(data, { name: path });
  await zip.finalize();
  await finished(out);
  return file;
}

describe('import writes what it should', () => {
  it('a 基本编码 typed as a number gets its leading zeros back, with a warning at its cell', async () => {
    const file = await edited((wb) => {
      const sheet = wb.getWorksheet('事项')!;
      const code = String(sheet.getCell(2, 2).value);
      sheet.getCell(2, 2).value = Number(code);
    });
    const result = importJson(file, catalog, '--dry-run');
    expect(result.code).toBe(0);
    expect(result.report.problems).toEqual([expect.objectContaining({ at: '事项!B2', severity: 'warning' })]);
    expect(result.report.problems[0]!.message.zh).toContain('已补回前导零');
    expect(result.report.items.changed).toEqual([]);
  });

  it('changes only the value that changed, keeping comments and the rest of the file; --dry-run writes nothing', async () => {
    let key = '';
    const file = await edited((wb) => {
      const sheet = wb.getWorksheet('事项')!;
      const n = column(sheet, '承诺办结时限·天数');
      sheet.eachRow((row, number) => {
        if (number > 1 && !key && typeof row.getCell(n).value === 'number' && Number(row.getCell(n).value) > 1) {
          key = `${row.getCell(1).value}/${row.getCell(2).value}`;
          row.getCell(n).value = Number(row.getCell(n).value) - 1;
        }
      });
    });
    const target = v2Copy(catalog);
    const original = readTree(target);
    const dry = importJson(file, target, '--dry-run');
    expect(dry.report.items.changed).toEqual([key]);
    expect(readTree(target)).toEqual(original);

    const result = importJson(file, target);
    expect(result.code).toBe(0);
    expect(result.report.items.changed).toEqual([key]);
    expect(result.report.items.unchanged).toBe([...original.keys()].filter((p) => /\/items\/[^/]+\.yaml$/.test(p)).length - 1);
    const after = readTree(target);
    const changedFiles = [...after].filter(([path, text]) => original.get(path) !== text);
    expect(changedFiles).toHaveLength(1);
    const [path, text] = changedFiles[0]!;
    const was = original.get(path)!.split('\n');
    const now = text.split('\n');
    expect(now).toHaveLength(was.length);
    const differing = now.filter((line, i) => line !== was[i]);
    expect(differing).toHaveLength(1);
    expect(differing[0]).toMatch(/^promisedLimit: \{ days: \d+, unit: .+ \}/);
  });

  it('--force writes what is valid and lists what was left out; --lang en reports in English', async () => {
    let badKey = '';
    let at = '';
    const file = await edited((wb) => {
      const sheet = wb.getWorksheet('事项')!;
      const n = column(sheet, '办件类型');
      sheet.getCell(3, n).value = '加急件';
      at = `事项!${letter(n)}3`;
      badKey = `${sheet.getCell(3, 1).value}/${sheet.getCell(3, 2).value}`;
    });
    const target = join(tempDir('bad'), 'new');
    const result = importJson(file, target, '--force');
    expect(result.code).toBe(1);
    expect(result.report.written).toBe(true);
    expect(result.report.leftOut).toEqual([badKey]);
    expect(result.report.items.created).not.toContain(badKey);
    expect(result.report.items.created.length).toBeGreaterThan(100);
    const text = runCli(['import', file, '--catalog', join(tempDir('bad'), 'en'), '--lang', 'en']);
    expect(text.code).toBe(1);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toMatch(/^import .*edited\.xlsx → /);
    expect(text.stdout).toContain(`${at}: error 办件类型 "加急件" is not in the code set`);
    expect(text.stdout).toContain('nothing was written');
  });
});

describe('exchange JSON input', () => {
  it('an unknown code is reported at table[n].field; text that is not JSON exits 2', () => {
    const dir = tempDir('bad');
    expect(exportCatalog(catalog, join(dir, 'demo.json'), '--format', 'exchange-json').code).toBe(0);
    const data = JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8'));
    data.tables.task_material[3].material_type = '7';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(data));
    const report = refused(join(dir, 'bad.json'));
    expect(report.problems).toContainEqual(expect.objectContaining({ at: 'task_material[3].material_type', severity: 'error' }));
    writeFileSync(join(dir, 'broken.json'), '{ "tables": ');
    const broken = runCli(['import', join(dir, 'broken.json'), '--catalog', catalog]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json: not JSON/);
  });
});
