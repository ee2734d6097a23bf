// A real spreadsheet program reads what we write and writes what we read (issue 14): LibreOffice Calc, headless,
// re-saves our workbook as its own xlsx (shared strings, its own styles) and converts our 事项 sheet to CSV and
// that CSV back to a workbook — which turns every code into a number, as a person opening the CSV would. Both
// import with the data intact: Chinese text, codes with their leading zeros (restored, with a warning), booleans.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogData, DEMO, differences, exportCatalog, importJson, removeTempDirs, tempDir, v2Copy } from './helpers.js';

afterAll(removeTempDirs);

/** Runs soffice with a profile of its own, so it never waits on another soffice's lock. */
function soffice(dir: string, ...args: string[]): void {
  execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', ...args], { cwd: dir, stdio: 'pipe', timeout: 170_000 });
}

/** The demo in format v2, with a planned effective date and a yes/no flag on one item. */
function demoWithDateAndFlags(): string {
  const copy = v2Copy(DEMO);
  const file = join(copy, DATED);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^inHall: true$/m, 'inHall: false'));
  appendFileSync(file, 'effectiveDate: 2026-01-01\nexpress: true\n');
  return copy;
}
const DATED = '420000/420100/420102/items/000100101000.yaml';

describe('LibreOffice Calc', () => {
  const DEMO_V2 = demoWithDateAndFlags();
  it('re-saves our workbook as its own xlsx, and that imports to the same data (an unquoted phone, a number, stays one)', () => {
    const dir = tempDir('lo');
    const source = join(dir, 'source');
    cpSync(DEMO_V2, source, { recursive: true });
    const phone = join(source, '420000', 'items', '000100101000.yaml');
    writeFileSync(phone, readFileSync(phone, 'utf8').replace(/^complaintPhone: .+$/m, 'complaintPhone: 12345'));
    expect(exportCatalog(source, join(dir, 'demo.xlsx')).code).toBe(0);
    soffice(dir, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(dir, 'out'), join(dir, 'demo.xlsx'));
    const target = join(dir, 'catalog');
    const result = importJson(join(dir, 'out', 'demo.xlsx'), target);
    expect(result.code, result.stdout).toBe(0);
    expect(result.report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const data = catalogData(target);
    expect(differences(catalogData(source), data)).toEqual([]);
    expect(JSON.parse(data.get('420000/items/000100101000.yaml')!)).toMatchObject({ complaintPhone: 12345 });
    expect(JSON.parse(data.get(DATED)!)).toMatchObject({ effectiveDate: '2026-01-01', express: true, inHall: false });
  }, 180_000);

  it('converts the 事项 sheet to CSV and back; the codes it turned into numbers get their zeros back', () => {
    const dir = tempDir('lo');
    expect(exportCatalog(DEMO_V2, join(dir, 'demo.xlsx')).code).toBe(0);
    // UTF-8 CSV of the first sheet (事项): the codes are still text there.
    soffice(dir, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', join(dir, 'csv'), join(dir, 'demo.xlsx'));
    const csv = readFileSync(join(dir, 'csv', 'demo.csv'), 'utf8');
    expect(csv).toContain('000100101000');
    expect(csv).toContain('食品经营许可');
    expect(csv).toMatch(/"2026-01-01"|,2026-01-01,/);
    renameSync(join(dir, 'csv', 'demo.csv'), join(dir, 'csv', '事项.csv'));
    const target = join(dir, 'catalog');
    cpSync(DEMO_V2, target, { recursive: true });
    const before = catalogData(target);

    // Back to a workbook with Calc's defaults: every code becomes a number. 12-digit 基本编码 only lose their
    // leading zeros, but 18-digit credit codes and 31-digit task codes lose digits: refused cell by cell, nothing written.
    soffice(dir, '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(dir, 'back'), join(dir, 'csv', '事项.csv'));
    const lossy = importJson(join(dir, 'back', '事项.xlsx'), target);
    expect(lossy.code).toBe(1);
    expect(lossy.report.written).toBe(false);
    const header = csv.split('\n')[0]!.split(',').map((h) => h.replace(/^"|"$/g, ''));
    // (and the demo's 仙桃市 keeps 17-digit 地方实施编码)
    const longCodes = ['实施编码', '实施主体·统一社会信用代码', '地方实施编码'].map((h) => header.indexOf(h));
    expect(longCodes.every((i) => i >= 0)).toBe(true);
    const errors = lossy.report.problems.filter((p) => p.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors.map((p) => p.at.replace(/\d+$/, '')))).toEqual(new Set(longCodes.map((i) => `事项!${String.fromCharCode(65 + i)}`)));
    expect(differences(before, catalogData(target))).toEqual([]);

    // With the long code columns imported as text (CSV filter column format 2), as a careful person does: the
    // 基本编码 still come back as numbers and get their zeros back; the sheet imports without a change.
    const textColumns = [...longCodes].sort((a, b) => a - b).map((i) => `${i + 1}/2`).join('/'); // in column order, as Calc reads them
    soffice(dir, `--infilter=CSV:44,34,76,1,${textColumns}`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(dir, 'back2'), join(dir, 'csv', '事项.csv'));
    const result = importJson(join(dir, 'back2', '事项.xlsx'), target);
    expect(result.code, result.stdout).toBe(0);
    const restored = result.report.problems.filter((p) => p.message.zh.includes('前导零'));
    expect(restored.length).toBeGreaterThan(100);
    expect(restored[0]!.at).toMatch(/^事项!B\d+$/);
    expect(result.report.items.changed).toEqual([]);
    // The date Calc read as a date (a serial number in the cell) and the 是/否 flags come back as they were.
    expect(differences(before, catalogData(target))).toEqual([]);
  }, 180_000);
});
