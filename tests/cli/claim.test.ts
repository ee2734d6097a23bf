// `tongbiao claim` through the built CLI, on a copy of the levels fixture catalog.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli, validateJson } from '../helpers/cli.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'levels-catalog');
const A = '002000001000';
const B = '002000002000';
const C = '002000003000';
const COUNTY_ITEMS = '420000/420100/420102/items';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A writable copy of the fixture catalog. */
function copy(): string {
  dir = mkdtempSync(join(tmpdir(), 'tongbiao-claim-'));
  const catalog = join(dir, 'catalog');
  cpSync(FIXTURE, catalog, { recursive: true });
  return catalog;
}

const read = (catalog: string, path: string) => readFileSync(join(catalog, path), 'utf8');

describe('tongbiao claim', () => {
  it('writes the item from the nearest ancestor that has it, local elements as TODO, in the spec layout', () => {
    const catalog = copy();
    const result = runCli(['claim', '420102', B, '--catalog', catalog]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`已认领 ${B} 城乡居民养老保险待遇申领（来自 420100）`);

    const text = read(catalog, `${COUNTY_ITEMS}/${B}.yaml`);
    const lines = text.split('\n');
    // one folder deeper than the city's file: one more ../
    expect(lines[0]).toBe('# yaml-language-server: $schema=../../../../schema/item.schema.json');
    expect(lines[1]).toBe(`catalogCode: "${B}"`);
    expect(lines).toContain('useLevel: [省级, 市级, 县级]');
    expect(lines).toContain('promisedLimit: { days: 15, unit: 工作日 }');
    expect(lines).toContain('  - { address: TODO }');

    const item = parse(text) as Record<string, unknown>;
    const city = parse(read(catalog, `420000/420100/items/${B}.yaml`)) as Record<string, unknown>;
    expect(item.taskCode).toBe('TODO');
    // 实施主体性质 is compared with the parent's (review, spec §3), so it starts as the parent's
    expect(item.dept).toEqual({ name: 'TODO', creditCode: 'TODO', nature: (city.dept as { nature: string }).nature });
    expect(item.places).toEqual([{ address: 'TODO' }]);
    expect(item.consultPhone).toBe('TODO');
    expect(item.complaintPhone).toBe('TODO');
    for (const key of ['name', 'basis', 'useLevel', 'promisedLimit', 'materials', 'steps', 'conditions', 'handleArea', 'result']) {
      expect(item[key], key).toEqual(city[key]);
    }
    expect(Object.keys(item)).toEqual(Object.keys(item).sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)));
  });

  it('leaves exactly the todo findings for validate, and no discrepancy with the parent', () => {
    const catalog = copy();
    runCli(['claim', '420102', B, '--catalog', catalog]);
    const { output } = validateJson([join(catalog, COUNTY_ITEMS, `${B}.yaml`)]);
    expect(new Set(output.findings.map((f) => f.rule))).toEqual(new Set(['todo']));
    expect(output.findings.map((f) => f.path).sort()).toEqual(
      ['/complaintPhone', '/consultPhone', '/dept/creditCode', '/dept/name', '/places/0/address', '/taskCode'],
    );
    const diff = JSON.parse(runCli(['diff', '420102', '--catalog', catalog, '--item', B, '--format', 'json']).stdout);
    expect(diff).toEqual({ discrepancies: [] });
  });

  it('never overwrites an existing file without --force', () => {
    const catalog = copy();
    const path = `${COUNTY_ITEMS}/${A}.yaml`;
    const before = read(catalog, path);
    const refused = runCli(['claim', '420102', A, '--catalog', catalog]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`${A}: .*已存在（用 --force 覆盖）`));
    expect(read(catalog, path)).toBe(before);

    const forced = runCli(['claim', '420102', A, '--force', '--catalog', catalog]);
    expect(forced.code).toBe(0);
    const item = parse(read(catalog, path)) as Record<string, unknown>;
    expect(item.name).toBe('城镇职工基本养老保险关系转移接续'); // the city's, not the county's edited one
    expect(item.promisedLimit).toEqual({ days: 10, unit: '工作日' });
  });

  it('never writes through a symbolic link, even with --force', () => {
    const catalog = copy();
    const outside = join(dir!, 'outside.yaml');
    writeFileSync(outside, 'untouched\n');
    symlinkSync(outside, join(catalog, COUNTY_ITEMS, `${B}.yaml`));
    const result = runCli(['claim', '420102', B, '--force', '--catalog', catalog]);
    expect(result.code).toBe(1);
    expect(readFileSync(outside, 'utf8')).toBe('untouched\n');
  });

  it('--all claims the baseline items used at the region\'s level that it lacks, and only those', () => {
    const catalog = copy();
    const result = runCli(['claim', '420102', '--all', '--catalog', catalog]);
    expect(result.code).toBe(0);
    expect(existsSync(join(catalog, COUNTY_ITEMS, `${B}.yaml`))).toBe(true);
    expect(existsSync(join(catalog, COUNTY_ITEMS, `${C}.yaml`))).toBe(false); // 省级 only
    const again = runCli(['claim', '420102', '--all', '--catalog', catalog]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('420102 没有需要认领的事项。\n');
    const missing = JSON.parse(runCli(['diff', '420102', '--catalog', catalog, '--format', 'json']).stdout).discrepancies.filter(
      (d: { kind: string }) => d.kind === 'missing',
    );
    expect(missing).toEqual([]);
  });

  it('claims for a 省直辖 county from the province, with the modeline re-aimed', () => {
    const catalog = copy();
    const result = runCli(['claim', '429004', C, '--catalog', catalog]);
    // C is used at 省级 only
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('行使层级不包括县级');
    rmSync(join(catalog, '420000/429004/items', `${B}.yaml`));
    expect(runCli(['claim', '429004', B, '--catalog', catalog]).code).toBe(0);
    expect(read(catalog, `420000/429004/items/${B}.yaml`).split('\n')[0]).toBe('# yaml-language-server: $schema=../../../schema/item.schema.json');
  });

  it('exits 2 on bad arguments: no items, a malformed code, the province, an unknown region', () => {
    const catalog = copy();
    for (const args of [['420102'], ['420102', '../../x'], ['420000', A], ['999999', A], ['420102', A, '--all']]) {
      const result = runCli(['claim', ...args, '--catalog', catalog]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^tongbiao: /);
    }
  });
});

const ORDER = [
  'catalogCode', 'name', 'type', 'basis', 'useLevel', 'taskCode', 'dept', 'serviceObjects', 'caseType', 'statutoryLimit',
  'promisedLimit', 'visits', 'visitsReason', 'conditions', 'materials', 'steps', 'fee', 'handlingForms', 'onlineDepth',
  'handleArea', 'places', 'consultPhone', 'complaintPhone', 'result',
];

describe('tongbiao claim --format json', () => {
  it('prints what was claimed and what was refused as one JSON object, nothing on stderr', () => {
    const catalog = copy();
    const first = runCli(['claim', '420102', B, '--catalog', catalog, '--format', 'json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const out = JSON.parse(first.stdout);
    expect(out).toEqual({
      region: '420102',
      claimed: [{ catalogCode: B, name: '城乡居民养老保险待遇申领', from: '420100', file: expect.stringMatching(new RegExp(`${COUNTY_ITEMS}/${B}\\.yaml$`)) }],
      refused: [],
    });
    const again = runCli(['claim', '420102', B, '999999999999', '--catalog', catalog, '--format', 'json', '--lang', 'en']);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(1);
    const refused = JSON.parse(again.stdout).refused as Array<{ catalogCode: string; reason: string }>;
    expect(refused.map((r) => r.catalogCode)).toEqual([B, '999999999999']);
    expect(refused[0]!.reason).toMatch(/exists \(--force overwrites it\)/);
  });
});
