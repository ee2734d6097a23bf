// generateCatalog in this process (under vitest the worker file is not compiled, so it writes in-thread):
// determinism, the spec §1 layout, valid codes everywhere except the injected errors, options.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEVEL_DIGIT, type Level } from '../../src/catalog/types.js';
import { checkCreditCode } from '../../src/codes/uscc.js';
import { HANDLE_AREAS, ITEM_TYPE_DIGITS, ONLINE_STAGES, type ItemType } from '../../src/schema/codes.js';
import { itemFromV1 } from '../../src/catalog/v1.js';
import { buildBaseline } from '../../src/gen/baseline.js';
import { generateCatalog, GenError, maxBaselineItems, type GenerateResult } from '../../src/gen/index.js';
import { removeTempDirs, tempDir } from './helpers.js';
import { readTree } from '../helpers/files.js';

const SMALL = { cities: 2, countiesPerCity: 2, items: 120 };

let a: string;
let b: string;
let c: string;
let resultA: GenerateResult;
let resultB: GenerateResult;
let treeA: Map<string, string>;

beforeAll(() => {
  a = tempDir();
  b = tempDir();
  c = tempDir();
  resultA = generateCatalog(a, { ...SMALL, seed: 'alpha' });
  resultB = generateCatalog(b, { ...SMALL, seed: 'alpha' });
  generateCatalog(c, { ...SMALL, seed: 'beta' });
  treeA = readTree(a);
});
afterAll(removeTempDirs);

describe('determinism', () => {
  it('writes identical files for the same seed', () => {
    const treeB = readTree(b);
    expect([...treeB.keys()]).toEqual([...treeA.keys()]);
    for (const [path, text] of treeA) expect(treeB.get(path), path).toBe(text);
    const strip = ({ dir: _d, seconds: _s, ...rest }: GenerateResult) => rest;
    expect(strip(resultB)).toEqual(strip(resultA));
  });

  it('writes different items for a different seed', () => {
    const treeC = readTree(c);
    const items = [...treeA.keys()].filter((p) => p.includes('/items/'));
    const differing = items.filter((p) => treeC.get(p) !== treeA.get(p));
    expect(differing.length / items.length).toBeGreaterThan(0.5);
  });

  it('counts what it wrote', () => {
    expect(resultA.files).toBe(treeA.size);
    let bytes = 0;
    for (const text of treeA.values()) bytes += Buffer.byteLength(text);
    expect(resultA.bytes).toBe(bytes);
    expect(resultA.regions).toBe(1 + 2 + 4 + 4);
    expect(resultA.baselineItems).toBe(120);
    const claimed = [...treeA.keys()].filter((p) => p.includes('/items/') && !p.startsWith('420000/items/')).length;
    expect(resultA.claimedItems).toBe(claimed);
  });
});

interface RegionInfo {
  code: string;
  name: string;
  level: Level;
  dir: string;
  parent?: RegionInfo;
}

/** The region tree as written, checked against spec §1 on the way. */
function regionsOf(root: string): RegionInfo[] {
  const out: RegionInfo[] = [];
  const walk = (dir: string, parent?: RegionInfo) => {
    const code = dir.split('/').at(-1)!;
    const info = parse(readFileSync(join(root, dir, 'region.yaml'), 'utf8')) as { code: string; name: string; level: Level };
    expect(info.code, dir).toBe(code);
    expect(info.name.length).toBeGreaterThan(1);
    const region: RegionInfo = { ...info, dir, parent };
    out.push(region);
    for (const entry of readdirSync(join(root, dir))) {
      if (entry === 'region.yaml') continue;
      if (entry === 'items') {
        for (const file of readdirSync(join(root, dir, 'items'))) expect(file, `${dir}/items`).toMatch(/^\d{12}\.yaml$/);
        continue;
      }
      expect(entry, `stray entry in ${dir}`).toMatch(/^(\d{6}|\d{9})$/);
      expect(statSync(join(root, dir, entry)).isDirectory()).toBe(true);
      walk(`${dir}/${entry}`, region);
    }
  };
  walk('420000');
  return out;
}

describe('layout (spec §1)', () => {
  it('has tongbiao.yaml, the schemas and exactly one province directory at the root', () => {
    expect(readdirSync(a).sort()).toEqual(['420000', 'schema', 'tongbiao.yaml']);
    expect(parse(treeA.get('tongbiao.yaml')!)).toMatchObject({ formatVersion: 2 });
    expect(readdirSync(join(a, 'schema')).sort()).toEqual(['item.schema.json', 'region.schema.json']);
    expect(JSON.parse(treeA.get('schema/item.schema.json')!).title).toBe('政务服务事项');
  });

  it('nests cities and counties by code with the levels §1 allows', () => {
    const regions = regionsOf(a);
    expect(regions.map((r) => r.code).sort()).toEqual(
      ['420000', '420100', '420102', '420103', '420200', '420202', '420203', '429004', '429005', '429006', '429021'].sort(),
    );
    for (const r of regions) {
      if (!r.parent) {
        expect(r).toMatchObject({ code: '420000', name: '湖北省', level: '省级' });
      } else if (r.level === '市级') {
        expect(r.parent.level).toBe('省级');
        expect(r.code.slice(0, 2)).toBe('42');
        expect(r.code.slice(4)).toBe('00');
      } else {
        expect(r.level).toBe('县级');
        if (r.parent.level === '省级') expect(r.code.slice(2, 4)).toBe('90');
        else expect(r.code.slice(0, 4)).toBe(r.parent.code.slice(0, 4));
      }
    }
    expect(regions.find((r) => r.code === '420102')!.name).toBe('江岸区');
    expect(regions.find((r) => r.code === '429004')!.name).toBe('仙桃市');
  });

  it('points every file at the schema with a correct relative path', () => {
    for (const [path, text] of treeA) {
      if (!path.endsWith('.yaml') || path === 'tongbiao.yaml') continue;
      const first = text.slice(0, text.indexOf('\n'));
      const target = /\$schema=(\S+)$/.exec(first)![1]!;
      const resolved = join(a, path, '..', target);
      expect(statSync(resolved).isFile(), path).toBe(true);
    }
  });
});

describe('items', () => {
  const injected = () => new Map(resultA.injections.map((i) => [i.file, i]));

  it('are valid: file name, type digits, credit code and taskCode, unless an error was injected there', () => {
    const regions = new Map(regionsOf(a).map((r) => [r.dir, r]));
    const errors = new Map([...injected()].filter(([, i]) => i.category === 'error'));
    const exceptions = new Set(legacyCodes(treeA));
    let checked = 0;
    for (const [path, text] of treeA) {
      if (!path.includes('/items/')) continue;
      const item = parse(text) as Record<string, any>;
      const region = regions.get(path.slice(0, path.indexOf('/items/')))!;
      const error = errors.get(path)?.kind;
      expect(path.endsWith(`/${item.catalogCode}.yaml`), path).toBe(true);
      if (error !== 'type-digit') expect(item.catalogCode.slice(2, 4), path).toBe(ITEM_TYPE_DIGITS[item.type as ItemType]);
      if (error === 'credit-code') expect(checkCreditCode(item.dept.creditCode), path).toBe('check');
      else if (exceptions.has(item.dept.creditCode)) expect(checkCreditCode(item.dept.creditCode), path).toBe('check');
      else expect(checkCreditCode(item.dept.creditCode), path).toBeUndefined();
      expect(item.dept.creditCode.slice(2, 8)).toBe(region.code.slice(0, 6));
      expect(item.taskCode).toBe(item.dept.creditCode + LEVEL_DIGIT[region.level] + item.catalogCode);
      if (region.level !== '省级') expect(item.useLevel).toContain(region.level);
      if (error === 'unquoted-phone') expect(item.complaintPhone).toBe(12345);
      else expect(typeof item.complaintPhone).toBe('string');
      if (error === 'time-limit') expect(item.promisedLimit.days).toBeGreaterThan(item.statutoryLimit.days);
      if (item.dept.nature === '受委托组织') expect(item.dept.entrustedBy).toBeTruthy();
      checked++;
    }
    expect(checked).toBe(resultA.baselineItems + resultA.claimedItems);
  });

  it('are about 2.3 KB, like the demo catalog’s', () => {
    const sizes = [...treeA].filter(([p]) => p.includes('/items/')).map(([, t]) => Buffer.byteLength(t));
    const mean = sizes.reduce((x, y) => x + y, 0) / sizes.length;
    expect(mean).toBeGreaterThan(1900);
    expect(mean).toBeLessThan(2700);
  });

  it('are claimed by most but not all regions, with a small share of discrepancies and errors', () => {
    const eligible = resultA.claimedItems + resultA.unclaimed;
    expect(resultA.claimedItems / eligible).toBeGreaterThan(0.8);
    expect(resultA.claimedItems / eligible).toBeLessThan(0.99);
    const discrepancies = resultA.injections.filter((i) => i.category === 'discrepancy').length;
    const errors = resultA.injections.filter((i) => i.category === 'error').length;
    expect(discrepancies / resultA.claimedItems).toBeGreaterThan(0.015);
    expect(discrepancies / resultA.claimedItems).toBeLessThan(0.08);
    expect(errors / resultA.claimedItems).toBeLessThan(0.02);
  });

  it('copy the parent region’s version, so a county differs from its city only where a discrepancy was injected', () => {
    const touched = new Set(resultA.injections.map((i) => i.file));
    const body = (text: string) =>
      text.split('\n').filter((l) => !/^(#|taskCode|localCatalogCode|localTaskCode|powerSource|jointDepts|  name|  creditCode|  nature|  entrustedBy|onlineUrl|mobileUrl|inHall|  - \{ address|consultPhone|complaintPhone)/.test(l)).join('\n');
    let compared = 0;
    for (const [path, text] of treeA) {
      const m = /^420000\/(4201|4202)00\/(\d{6})\/items\/(\d{12})\.yaml$/.exec(path);
      if (!m || touched.has(path)) continue;
      const cityPath = `420000/${m[1]}00/items/${m[3]}.yaml`;
      const parent = treeA.get(cityPath) ?? treeA.get(`420000/items/${m[3]}.yaml`)!;
      if (resultA.injections.some((i) => i.file === cityPath && i.category === 'error')) continue;
      expect(body(text), path).toBe(body(parent));
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
  });
});

describe('options', () => {
  it('refuses a non-empty folder unless forced, and then replaces only what it writes', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    expect(() => generateCatalog(dir, { cities: 1, countiesPerCity: 1, items: 10 })).toThrow(GenError);
    expect(() => generateCatalog(dir, { cities: 1, countiesPerCity: 1, items: 10 })).toThrow(/not empty/);
    generateCatalog(dir, { cities: 1, countiesPerCity: 1, items: 10, force: true });
    generateCatalog(dir, { cities: 1, countiesPerCity: 1, items: 12, force: true });
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(readdirSync(join(dir, '420000', 'items'))).toHaveLength(12);
  });

  it('rejects sizes it cannot make', () => {
    const dir = tempDir();
    expect(() => generateCatalog(dir, { items: 0 })).toThrow(GenError);
    expect(() => generateCatalog(dir, { items: maxBaselineItems() + 1 })).toThrow(/items must be/);
    expect(() => generateCatalog(dir, { cities: 500, items: 1 })).toThrow(/cities/);
    expect(() => generateCatalog(dir, { errorRate: 2, items: 1 })).toThrow(/rates/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('makes up cities and counties beyond the real ones, with unique codes under the right prefixes', () => {
    const dir = tempDir();
    const result = generateCatalog(dir, { cities: 15, countiesPerCity: 14, items: 3, provinceDirect: false });
    const regions = regionsOf(dir);
    expect(result.regions).toBe(1 + 15 + 15 * 14);
    expect(regions).toHaveLength(result.regions);
    expect(new Set(regions.map((r) => r.code)).size).toBe(regions.length);
    expect(regions.some((r) => r.code.startsWith('4290'))).toBe(false);
    for (const city of regions.filter((r) => r.level === '市级')) {
      const counties = regions.filter((r) => r.parent === city);
      expect(counties).toHaveLength(14);
      expect(new Set(counties.map((r) => r.name)).size).toBe(14);
    }
  });

  it('has enough distinct names and codes for the default 1,500 baseline items and more', () => {
    expect(maxBaselineItems()).toBeGreaterThanOrEqual(2000);
    for (const seed of ['a', 'b']) {
      const items = buildBaseline(seed, maxBaselineItems());
      expect(items).toHaveLength(maxBaselineItems());
      expect(new Set(items.map((i) => i.name)).size).toBe(items.length);
      expect(new Set(items.map((i) => i.catalogCode)).size).toBe(items.length);
      const types = new Set(items.map((i) => i.type));
      expect(types.size).toBe(11);
    }
  });
});

describe('format v2 elements', () => {
  const items = () => [...treeA].filter(([p]) => p.includes('/items/')).map(([p, t]) => [p, parse(t) as Record<string, any>] as const);

  it('writes every v2 element somewhere, and no v1 spelling anywhere', () => {
    const seen = new Set<string>();
    for (const [path, item] of items()) {
      for (const key of Object.keys(item)) seen.add(key);
      for (const m of [...item.materials, ...(item.handlingItems ?? []).flatMap((h: any) => h.materials ?? [])]) {
        for (const key of Object.keys(m)) seen.add(`materials.${key}`);
        expect(m, path).not.toHaveProperty('form');
        expect(m, path).not.toHaveProperty('medium');
        expect(m.necessity, path).not.toBe('容缺');
      }
      expect(ONLINE_STAGES.slice(0, item.onlineDepth.length), path).toEqual(item.onlineDepth);
      if (item.handleArea !== undefined) expect(HANDLE_AREAS, path).toContain(item.handleArea);
      expect(item.result, path).toBeDefined();
      if (item.type !== '公共服务') expect(item.powerSource, path).toBeDefined();
      if (item.status === '取消') expect(item.cancelDate, path).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const key of [
      'status', 'version', 'effectiveDate', 'cancelDate', 'localCatalogCode', 'localTaskCode', 'powerSource', 'jointDepts',
      'statutoryLimitNote', 'promisedLimitNote', 'specialProcedures', 'quantityLimit', 'intermediaries', 'onlineUrl', 'mobileUrl',
      'express', 'payOnline', 'appointment', 'inHall', 'handleArea', 'resultSample', 'handlingItems',
      'materials.deferrable', 'materials.originals', 'materials.copies', 'materials.blankForm', 'materials.example',
    ]) expect(seen, key).toContain(key);
  });

  it('keeps the rare elements rare and the common ones common', () => {
    const all = items().map(([, item]) => item);
    const share = (test: (item: Record<string, any>) => boolean) => all.filter(test).length / all.length;
    expect(share((i) => i.status !== undefined)).toBeLessThan(0.06);
    expect(share((i) => i.handlingItems !== undefined)).toBeLessThan(0.1);
    expect(share((i) => i.inHall === true)).toBeGreaterThan(0.6);
    expect(share((i) => i.onlineUrl !== undefined)).toBeGreaterThan(0.5);
  });

  it('splits a few items into handling items: 本人申请 and 委托代理人申请 with the proxy materials', () => {
    const split = items().map(([, item]) => item).find((item) => item.handlingItems);
    expect(split!.handlingItems.map((h: any) => h.seq)).toEqual(['01', '02']);
    expect(split!.handlingItems[1].name).toBe(`${split!.name}（委托代理人申请）`);
    expect(split!.handlingItems[1].materials.map((m: any) => m.name)).toEqual([...split!.materials.map((m: any) => m.name), '授权委托书', '代理人身份证明']);
  });
});

/** The codes tongbiao.yaml lists in creditCodeExceptions. */
function legacyCodes(tree: Map<string, string>): string[] {
  const settings = parse(tree.get('tongbiao.yaml')!) as { creditCodeExceptions?: Array<{ code: string; reason: string }> };
  return (settings.creditCodeExceptions ?? []).map((e) => e.code);
}

describe('lifecycle, local items and legacy credit codes', () => {
  let dir: string;
  let result: GenerateResult;
  let tree: Map<string, string>;
  beforeAll(() => {
    dir = tempDir();
    result = generateCatalog(dir, { cities: 3, countiesPerCity: 3, items: 400, seed: 'lifecycle' });
    tree = readTree(dir);
  });

  it('lets a few regions lag behind a suspended or cancelled baseline item, which the region then still lists in use', () => {
    const lagging = result.injections.filter((i) => i.kind === 'kept-cancelled' || i.kind === 'kept-suspended');
    expect(lagging.map((i) => i.kind)).toEqual(expect.arrayContaining(['kept-cancelled', 'kept-suspended']));
    let holders = 0;
    for (const [path, text] of tree) {
      const m = /\/items\/(\d{12})\.yaml$/.exec(path);
      if (!m || path.startsWith('420000/items/')) continue;
      const baseline = parse(tree.get(`420000/items/${m[1]}.yaml`) ?? '{}') as Record<string, any>;
      if (baseline.status === undefined) continue;
      holders++;
      const item = parse(text) as Record<string, any>;
      const injection = lagging.find((i) => i.file === path);
      if (injection) {
        expect(item.status, path).toBeUndefined();
        expect(injection.rules).toEqual([baseline.status === '取消' ? 'level-cancelled' : 'level-suspended']);
      } else {
        expect(item.status, path).toBe(baseline.status);
      }
    }
    expect(lagging.length / holders).toBeGreaterThan(0.02);
    expect(lagging.length / holders).toBeLessThan(0.3);
  });

  it('gives every city one or two items of its own, listed in its region.yaml localItems and in no other region', () => {
    const cities = [...tree.keys()].filter((p) => /^420000\/42\d{2}00\/region\.yaml$/.test(p));
    expect(cities).toHaveLength(3);
    for (const path of cities) {
      const region = parse(tree.get(path)!) as { code: string; name: string; localItems: string[] };
      expect(region.localItems.length, path).toBeGreaterThanOrEqual(1);
      for (const code of region.localItems) {
        expect(code).toMatch(new RegExp(`^42\\d{2}9${region.code.slice(2, 4)}\\d{2}000$`));
        const item = parse(tree.get(path.replace('region.yaml', `items/${code}.yaml`))!) as Record<string, any>;
        expect(item.basis[0].law).toContain(region.name);
        expect(item.useLevel).toEqual(['市级']);
        expect(tree.has(`420000/items/${code}.yaml`)).toBe(false);
        expect(result.injections).toContainEqual(expect.objectContaining({ catalogCode: code, kind: 'local-item', rules: ['level-local'] }));
      }
    }
  });

  it('lists the few legacy credit codes it uses in creditCodeExceptions, each failing only its check character', () => {
    const listed = legacyCodes(tree);
    expect(listed.length).toBeGreaterThan(0);
    const used = new Set([...tree].filter(([p]) => p.includes('/items/')).map(([, t]) => (parse(t) as Record<string, any>).dept.creditCode));
    expect(listed.filter((code) => used.has(code)).length).toBeGreaterThan(0);
    for (const code of listed) expect(checkCreditCode(code), code).toBe('check');
  });
});

describe('format v1 (for the tests of tongbiao migrate)', () => {
  it('writes the same catalog in v1 spelling, which the v1 mapping reads without v1 keys left', () => {
    const dir = tempDir();
    generateCatalog(dir, { ...SMALL, seed: 'alpha', formatVersion: 1 });
    const tree = readTree(dir);
    expect(parse(tree.get('tongbiao.yaml')!)).toEqual({ formatVersion: 1 });
    // v1 had no localItems (an item outside the baseline was level-unknown): the cities' own items are v2 only.
    const local = new Set(resultA.injections.filter((i) => i.kind === 'local-item').map((i) => i.file));
    expect(local.size).toBeGreaterThan(0);
    expect([...tree.keys()]).toEqual([...treeA.keys()].filter((p) => !local.has(p)));
    let deferred = 0;
    for (const [path, text] of tree) {
      if (!path.includes('/items/')) continue;
      const v1 = parse(text) as Record<string, any>;
      expect(typeof v1.onlineDepth, path).toBe('number');
      expect(v1, path).not.toHaveProperty('powerSource');
      expect(v1, path).not.toHaveProperty('handlingItems');
      for (const m of v1.materials) {
        expect(Object.keys(m), path).toEqual(expect.arrayContaining(['form', 'medium', 'copies']));
        if (m.necessity === '容缺') deferred++;
      }
      const v2 = itemFromV1(v1);
      for (const m of v2.materials as Array<Record<string, unknown>>) expect(Object.keys(m), path).not.toContain('form');
      expect(Array.isArray(v2.onlineDepth), path).toBe(true);
      // 通办范围 in v1 text that reads as the v2 twin's code (a county's own 全区通办 would read narrower than its city's)
      const twin = parse(treeA.get(path)!) as Record<string, any>;
      expect(v2.handleArea, path).toBe(twin.handleArea);
      if (v1.handleArea !== undefined) expect(v1.handleArea, path).toMatch(/^全.+通办$/);
    }
    expect(deferred).toBeGreaterThan(0);
  });

  it('refuses a format it does not know', () => {
    expect(() => generateCatalog(tempDir(), { items: 1, formatVersion: 3 as never })).toThrow(/formatVersion must be 1 or 2/);
  });
});

describe('townships (乡镇级)', () => {
  it('puts N townships under every county, 9-digit codes, claiming the items exercised at 乡镇级 with level digit 5', () => {
    const dir = tempDir();
    const result = generateCatalog(dir, { cities: 1, countiesPerCity: 2, provinceDirect: false, townships: 2, items: 400, seed: 'towns' });
    const regions = regionsOf(dir);
    const towns = regions.filter((r) => r.level === '乡镇级');
    expect(result.regions).toBe(1 + 1 + 2 + 4);
    expect(towns.map((t) => t.code)).toEqual(['420102001', '420102002', '420103001', '420103002']);
    for (const town of towns) {
      expect(town.parent!.level).toBe('县级');
      expect(town.name).toMatch(/街道$/);
      const files = readdirSync(join(dir, town.dir, 'items'));
      expect(files.length, town.code).toBeGreaterThan(0);
      for (const file of files) {
        const item = parse(readFileSync(join(dir, town.dir, 'items', file), 'utf8')) as Record<string, any>;
        expect(item.useLevel).toContain('乡镇级');
        expect(item.taskCode[18]).toBe('5');
        expect(item.dept.name.startsWith(`${town.parent!.name}${town.name}`), item.dept.name).toBe(true);
      }
    }
    expect(() => generateCatalog(tempDir(), { items: 1, townships: 41 })).toThrow(/townships/);
  });
});
