import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocator } from '../../src/catalog/locate.js';
import { parseYaml } from '../../src/catalog/parse.js';
import type { Item } from '../../src/catalog/types.js';
import { itemFromV1, v1Changes, v1Pointer } from '../../src/catalog/v1.js';
import { FIXTURES } from '../helpers/item.js';

const STAGES = ['互联网咨询', '互联网收件', '互联网预审', '互联网受理', '互联网办理', '互联网办理结果信息反馈', '互联网电子证照反馈'];

/** 江岸区's 养老保险关系转移接续 as the v1 demo catalog has it. */
const V1_FILE = join(FIXTURES, 'v1-demo', '420000', '420100', '420102', 'items', '002000101000.yaml');
const v1Text = readFileSync(V1_FILE, 'utf8');
const v1Item = (): Item => {
  const parsed = parseYaml(v1Text);
  if (!('data' in parsed)) throw new Error('fixture does not parse');
  return parsed.data as Item;
};

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
};

const material = (fields: Record<string, unknown>) => ({ name: '居民身份证', necessity: '必要', form: '原件', medium: '纸质', ...fields });
const withMaterials = (...materials: unknown[]): Item => ({ ...v1Item(), materials });

describe('itemFromV1 (spec §8)', () => {
  it('maps the demo item: material keys renamed in place, copies of an original become originals, depth 4 all stages, 全区通办 全县', () => {
    const v1 = deepFreeze(v1Item());
    const v2 = itemFromV1(v1);
    expect(v2.materials).toEqual([
      { name: '居民身份证或社会保障卡', necessity: '必要', type: '原件', format: '纸质或电子', originals: 1, source: '申请人自备' },
      { name: '基本养老保险关系转移接续申请表', necessity: '必要', type: '原件', format: '纸质或电子', originals: 1, source: '申请人自备' },
      { name: '基本养老保险参保缴费凭证', necessity: '非必要', type: '复印件', format: '纸质或电子', copies: 1, source: '政府部门核发' },
    ]);
    expect(Object.keys((v2.materials as Item[])[0]!)).toEqual(['name', 'necessity', 'type', 'format', 'originals', 'source']);
    expect(v2.onlineDepth).toEqual(STAGES);
    expect(v2.handleArea).toBe('全县');
    // Everything else is the v1 item's own, in its order.
    expect(Object.keys(v2)).toEqual(Object.keys(v1));
    expect({ ...v2, materials: 0, onlineDepth: 0, handleArea: 0 }).toEqual({ ...v1, materials: 0, onlineDepth: 0, handleArea: 0 });
    // The v1 data is untouched (frozen above) and still v1.
    expect((v1.materials as Item[])[0]!.form).toBe('原件');
  });

  it('turns 容缺 into 必要 with deferrable: true right after necessity', () => {
    const v2 = itemFromV1(withMaterials(material({ necessity: '容缺', form: '复印件', copies: 2 })));
    const [entry] = v2.materials as Item[];
    expect(entry).toEqual({ name: '居民身份证', necessity: '必要', deferrable: true, type: '复印件', format: '纸质', copies: 2 });
    expect(Object.keys(entry!)).toEqual(['name', 'necessity', 'deferrable', 'type', 'format', 'copies']);
  });

  it('keeps copies as copies unless the material is an 原件 (原件和复印件, 原件或复印件, 复印件)', () => {
    for (const form of ['原件和复印件', '原件或复印件', '复印件']) {
      const [entry] = itemFromV1(withMaterials(material({ form, copies: 3 }))).materials as Item[];
      expect(entry).toMatchObject({ type: form, copies: 3 });
      expect(entry).not.toHaveProperty('originals');
    }
    const [original] = itemFromV1(withMaterials(material({ copies: 0 }))).materials as Item[];
    expect(original).toMatchObject({ type: '原件', originals: 0 });
    expect(original).not.toHaveProperty('copies');
  });

  it('maps online depth 1–4 to their stage sets and leaves anything else as written', () => {
    const depth = (onlineDepth: unknown) => itemFromV1({ ...v1Item(), onlineDepth }).onlineDepth;
    expect(depth(1)).toEqual(['互联网咨询']);
    expect(depth(2)).toEqual(['互联网咨询', '互联网收件', '互联网预审']);
    expect(depth(3)).toEqual(['互联网咨询', '互联网收件', '互联网预审', '互联网受理', '互联网办理']);
    expect(depth(4)).toEqual(STAGES);
    for (const odd of [0, 5, 2.5, '3', null]) expect(depth(odd)).toBe(odd);
  });

  it('maps every handleArea text of the spec and leaves any other text as written', () => {
    const area = (handleArea: unknown) => itemFromV1({ ...v1Item(), handleArea }).handleArea;
    const expected: Record<string, string> = {
      全国通办: '全国', 全省通办: '全省', 全市通办: '全市', 全州通办: '全市', 全盟通办: '全市', 全县通办: '全县', 全区通办: '全县',
      全旗通办: '全县', '全县（市、区）通办': '全县', 全镇通办: '全镇(乡、街道)', 全乡通办: '全镇(乡、街道)', 全街道通办: '全镇(乡、街道)',
    };
    for (const [v1, v2] of Object.entries(expected)) expect(area(v1)).toBe(v2);
    for (const odd of ['武汉城市圈通办', '全市', 'toString', 12]) expect(area(odd)).toBe(odd);
  });

  it('leaves dept.nature 其他, a missing result and unknown keys as written', () => {
    const { result: _, ...noResult } = v1Item();
    const v1 = { ...noResult, dept: { name: '某中心', creditCode: '12420100MB0000000X', nature: '其他' }, remark: 'x' };
    const v2 = itemFromV1(v1);
    expect(v2.dept).toEqual(v1.dept);
    expect(v2).not.toHaveProperty('result');
    expect(v2.remark).toBe('x');
  });

  it('returns a v2 item (and anything that is not an item) as it is: the mapping is idempotent', () => {
    const once = itemFromV1(v1Item());
    expect(v1Changes(once)).toEqual([]);
    expect(itemFromV1(once)).toBe(once);
    for (const odd of [null, 'text', 3, [1, 2], {}]) expect(itemFromV1(odd)).toBe(odd);
    // Odd material entries (not mappings) stay where they are.
    const odd = itemFromV1(withMaterials('身份证', material({})));
    expect((odd.materials as unknown[])[0]).toBe('身份证');
    expect((odd.materials as Item[])[1]).toHaveProperty('type', '原件');
  });

  it('never renames onto a key that is already there (a file half in v2)', () => {
    const half = material({ type: '复印件', copies: 1, originals: 1 });
    const [entry] = itemFromV1(withMaterials(half)).materials as Item[];
    expect(entry).toEqual({ name: '居民身份证', necessity: '必要', form: '原件', format: '纸质', type: '复印件', copies: 1, originals: 1 });
  });

  it('lists its changes in document order, with the v1 values', () => {
    const changes = v1Changes({ ...withMaterials(material({ necessity: '容缺', copies: 1 })), onlineDepth: 2 });
    expect(changes.map(({ at, key, to }) => `${at.join('/')}:${key}→${to}`)).toEqual([
      'materials/0:necessity→necessity', 'materials/0:necessity→deferrable', 'materials/0:form→type',
      'materials/0:medium→format', 'materials/0:copies→originals', ':onlineDepth→onlineDepth', ':handleArea→handleArea',
    ]);
    expect(changes[0]).toMatchObject({ value: '必要', old: '容缺' });
    expect(changes[1]).toMatchObject({ value: true, insert: true });
    expect(changes.at(-2)).toMatchObject({ value: ['互联网咨询', '互联网收件', '互联网预审'], old: 2 });
    expect(changes.at(-1)).toMatchObject({ value: '全县', old: '全区通办' });
  });
});

describe('v1Pointer: v2 paths point into the v1 file', () => {
  it('maps renamed, inserted and replaced nodes to what v1 wrote, and other paths to themselves', () => {
    const v1 = { ...withMaterials(material({ necessity: '容缺', copies: 1 }), material({ form: '复印件' })), onlineDepth: 3 };
    expect(v1Pointer(v1, '/materials/0/type')).toBe('/materials/0/form');
    expect(v1Pointer(v1, '/materials/0/format')).toBe('/materials/0/medium');
    expect(v1Pointer(v1, '/materials/0/originals')).toBe('/materials/0/copies');
    expect(v1Pointer(v1, '/materials/0/deferrable')).toBe('/materials/0/necessity');
    expect(v1Pointer(v1, '/materials/0/necessity')).toBe('/materials/0/necessity');
    expect(v1Pointer(v1, '/materials/1/type')).toBe('/materials/1/form');
    expect(v1Pointer(v1, '/onlineDepth/4')).toBe('/onlineDepth');
    expect(v1Pointer(v1, '/onlineDepth')).toBe('/onlineDepth');
    for (const same of ['', '/materials', '/materials/0', '/materials/0/name', '/materials/1/copies', '/materials/7/type', '/steps/0/days', '/result/name']) {
      expect(v1Pointer(v1, same)).toBe(same);
    }
  });

  it('locates a finding at a v2 path on the v1 line that holds it', () => {
    const locate = createLocator(v1Text);
    const lineOf = (text: string) => v1Text.split('\n').findIndex((line) => line.trimStart().startsWith(text)) + 1;
    expect(locate(v1Pointer(v1Item(), '/materials/0/type'))).toEqual({ line: lineOf('form: 原件'), column: 11 });
    expect(locate(v1Pointer(v1Item(), '/onlineDepth/6'))).toEqual({ line: lineOf('onlineDepth:'), column: 14 });
    expect(locate(v1Pointer(v1Item(), '/handleArea'))).toEqual({ line: lineOf('handleArea:'), column: 13 });
  });
});
