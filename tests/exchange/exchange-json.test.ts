// The exchange JSON is read as a stream (issue 14): the grouped form's tables may come in any order (an item's
// records are put together from a spill file), the flattened form is imported as it is read, and a file that
// ends early, a record that joins no item or a code no code table knows is reported as before — at
// `table[n].field`, with nothing written. Every file here is real, on disk, made from our export of the demo
// catalog and imported by the built CLI. (Memory is measured in bench/exchange.ts, not here.)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { readTree } from '../helpers/files.js';
import { catalogData, DEMO, exportCatalog, flattened, importJson, removeTempDirs, tempDir, v2Copy, type Exchange, type Row } from './helpers.js';

afterAll(removeTempDirs);

let catalog: string;
let exported: string;
let demo: Exchange;
/** the demo catalog as the plain import of our export makes it */
let imported: Map<string, string>;
let importedRoot: string;
beforeAll(() => {
  catalog = v2Copy(DEMO);
  exported = join(tempDir('json'), 'demo.json');
  expect(exportCatalog(catalog, exported, '--format', 'exchange-json').code).toBe(0);
  demo = JSON.parse(readFileSync(exported, 'utf8')) as Exchange;
  importedRoot = join(tempDir('json'), 'plain');
  expect(importJson(exported, importedRoot).code).toBe(0);
  imported = catalogData(importedRoot);
}, 120_000);

/** A document written with its top-level members (and tables) in the order given. */
function write(name: string, members: Array<[string, unknown]>): string {
  const file = join(tempDir('json'), name);
  writeFileSync(file, `{${members.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',\n')}}`);
  return file;
}

/** The demo export with its tables in reverse order (details before basics) and the regions last. */
function reversed(tables: Exchange['tables'] = demo.tables): Array<[string, unknown]> {
  return [['tables', Object.fromEntries(Object.entries(tables).reverse())], ['x_tongbiao', demo.x_tongbiao]];
}


/** Imports into a fresh folder and checks that it refused: exit 1, nothing written. */
function refused(file: string) {
  const target = join(tempDir('json'), 'refused');
  const result = importJson(file, target);
  expect(result.code, result.stdout).toBe(1);
  expect(result.report.written).toBe(false);
  expect(existsSync(target) ? readTree(target).size : 0).toBe(0);
  return result.report;
}

describe('exchange JSON read as a stream', () => {
  it('tables in any order (details before basics, regions last) give the same items', () => {
    const target = join(tempDir('json'), 'reversed');
    const result = importJson(write('reversed.json', reversed()), target);
    expect(result.code, result.stdout).toBe(0);
    expect(result.report.items.created).toHaveLength(demo.tables.task_basic!.length);
    expect(catalogData(target)).toEqual(imported);
  });

  it('a large generated exchange JSON (tens of MB, tables reversed) imports every item whole', () => {
    // the demo's records 40 times over, each copy with its own catalog codes and task_guids
    const copies = 40;
    const tables: Exchange['tables'] = Object.fromEntries(Object.keys(demo.tables).map((t) => [t, []]));
    const codeOf = new Map(demo.tables.task_basic!.map((b, i) => [b.catalog_code as string, i]));
    const renamed = (code: string, k: number) => `${code.slice(0, 4)}${String(k * 1000 + codeOf.get(code)!).padStart(8, '0')}`;
    for (let k = 1; k <= copies; k++) {
      for (const [table, rows] of Object.entries(demo.tables)) {
        for (const row of rows) {
          const next = { ...row, task_guid: `${row.task_guid as string}-${k}` };
          if (table === 'task_basic') next.catalog_code = renamed(row.catalog_code as string, k);
          tables[table]!.push(next);
        }
      }
    }
    const file = write('large.json', reversed(tables));
    expect(readFileSync(file).byteLength).toBeGreaterThan(20e6);
    const target = join(tempDir('json'), 'large');
    const result = importJson(file, target);
    expect(result.code, result.stdout.slice(0, 2000)).toBe(0);
    expect(result.report.items.created).toHaveLength(copies * demo.tables.task_basic!.length);
    // every copy of an item has the original's data but for its code (the demo has an item with handling items
    // whose materials join through task_handle_item, and items with x_tongbiao elements)
    const sample = [0, 17, 80, 162].map((i) => demo.tables.task_basic![i]!);
    for (const basic of sample) {
      const region = (basic.x_tongbiao as { region: { code: string } }).region.code;
      const path = [...imported.keys()].find((p) => `/${p}`.endsWith(`/${region}/items/${basic.catalog_code as string}.yaml`))!;
      const original = JSON.parse(imported.get(path)!) as Row;
      for (const k of [1, copies]) {
        const code = renamed(basic.catalog_code as string, k);
        const again = parse(readFileSync(join(target, path.replace(/[^/]+\.yaml$/, `${code}.yaml`)), 'utf8')) as Row;
        expect(again).toEqual({ ...original, catalogCode: code });
      }
    }
  }, 240_000);

  it('the flattened form is imported as it is read: a file cut short exits 2, and what was staged is removed', () => {
    // the flattened form carries no region tree: into a catalog that has the regions, and the items of one
    const target = join(tempDir('json'), 'flat');
    expect(importJson(exported, target, '--region', '420000').code).toBe(0);
    const before = readTree(target);
    const text = JSON.stringify({ data: flattened(demo) });
    const cut = join(tempDir('json'), 'flat-cut.json');
    // the items of the other regions before the cut are staged as new files, then the file ends early
    writeFileSync(cut, text.slice(0, Math.floor(text.length * 0.9)));
    const result = runCli(['import', cut, '--catalog', target]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/flat-cut\.json: not JSON \(line \d+, column \d+: the file ends in the middle of its JSON/);
    expect(readTree(target)).toEqual(before);
  });

  it('a grouped file cut short exits 2 naming where it ends, nothing written', () => {
    const text = readFileSync(exported, 'utf8');
    const file = join(tempDir('json'), 'cut.json');
    writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
    const before = readTree(catalog);
    const result = runCli(['import', file, '--catalog', catalog]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tongbiao: .*cut\.json: not JSON \(line \d+, column \d+: the file ends in the middle of its JSON \(cut short\?\)\)$/m);
    expect(readTree(catalog)).toEqual(before);
    const empty = join(tempDir('json'), 'empty.json');
    writeFileSync(empty, ' \n');
    expect(runCli(['import', empty, '--catalog', catalog]).stderr).toMatch(/empty\.json: not JSON \(the file is empty\)/);
  });

  it('an unknown code is reported at table[n].field wherever its table comes, and in the flattened form', () => {
    const tables = structuredClone(demo.tables);
    tables.task_extend![5]!.handle_area = '8';
    tables.task_material![3]!.material_type = '7';
    const report = refused(write('codes.json', reversed(tables)));
    expect(report.problems).toContainEqual(expect.objectContaining({ at: 'task_extend[5].handle_area', severity: 'error' }));
    expect(report.problems).toContainEqual(expect.objectContaining({ at: 'task_material[3].material_type', severity: 'error' }));

    const flat = flattened(demo);
    const withMaterials = flat.findIndex((r) => (r.materials as Row[]).length > 1);
    (flat[withMaterials]!.materials as Row[])[1]!.is_need = '5';
    const target = join(tempDir('json'), 'flat-codes');
    expect(importJson(exported, target).code).toBe(0);
    const result = importJson(write('flat-codes.json', [['data', flat]]), target);
    expect(result.code).toBe(1);
    expect(result.report.problems).toContainEqual(expect.objectContaining({ at: `[${withMaterials}].materials[1].is_need`, severity: 'error' }));
  });

  it('a record without task_guid, or with one no task_basic record has, is a problem at the record: nothing written', () => {
    const tables = structuredClone(demo.tables);
    delete tables.task_material![4]!.task_guid;
    tables.task_material![9]!.task_guid = 'no-such-task';
    tables.task_material![10]!.task_guid = 'no-such-task';
    const report = refused(write('guid.json', reversed(tables)));
    const at = report.problems.filter((p) => p.severity === 'error').map((p) => p.at);
    // the second record of the unknown task is not reported again
    expect(at.sort()).toEqual(['task_material[4].task_guid', 'task_material[9].task_guid']);
    expect(report.problems.find((p) => p.at === 'task_material[9].task_guid')!.message.en).toContain('no task_basic record has task_guid "no-such-task"');

    // a second basic record with a task_guid already used
    const twice = structuredClone(demo.tables);
    twice.task_basic![7]!.task_guid = twice.task_basic![6]!.task_guid;
    const again = refused(write('twice.json', reversed(twice)));
    expect(again.problems).toContainEqual(expect.objectContaining({ at: 'task_basic[7].task_guid', severity: 'error' }));
  });

  it('tables that are not lists, unknown tables and records that are not objects are reported; not exchange JSON exits 2', () => {
    const report = refused(write('shapes.json', [
      ['tables', { task_basic: [...demo.tables.task_basic!, 42], task_extend: demo.tables.task_extend, task_fee_project: { a: 1 }, task_other: [] }],
      ['x_tongbiao', demo.x_tongbiao],
    ]));
    const at = report.problems.filter((p) => p.severity === 'error').map((p) => p.at);
    expect(at.sort()).toEqual(['tables.task_other', `task_basic[${demo.tables.task_basic!.length}]`, 'task_fee_project']);
    const other = runCli(['import', write('other.json', [['rows', []]]), '--catalog', catalog]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/other\.json: neither exchange tables/);
  });
});
