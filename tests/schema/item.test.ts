// The v2 element schema through the schema rule: what a person sees for each kind of mistake, code sets and a
// catalog's own code-set values, and the v1 reading.
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../src/catalog/config.js';
import { schema } from '../../src/rules/schema.js';
import { CODE_SETS, CODE_SET_NAMES } from '../../src/schema/codes.js';
import { itemSchema } from '../../src/schema/item.js';
import { itemSchemaOf } from '../../src/schema/validate.js';
import { check, validItem, withItem } from '../helpers/item.js';

const paths = (...args: Parameters<typeof check> extends [unknown, ...infer R] ? R : never) => check(schema, ...args).map((p) => p.path);

describe('item schema v2', () => {
  it('accepts the valid item with every kind of v2 element', () => {
    expect(check(schema, validItem())).toEqual([]);
  });

  it('gives every key a Chinese title and a description', () => {
    const walk = (node: Record<string, unknown>, at: string) => {
      for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        expect(child.title, `${at}/${key}`).toMatch(/[\u4e00-\u9fff]/);
        expect(child.description, `${at}/${key}`).toMatch(/[\u4e00-\u9fff]/);
        walk(child, `${at}/${key}`);
        if (child.items) walk(child.items as Record<string, unknown>, `${at}/${key}/*`);
      }
    };
    walk(itemSchema as unknown as Record<string, unknown>, '');
  });

  it('requires result and the v2 material members, and knows no v1 member', () => {
    expect(paths(withItem({ result: undefined }))).toEqual(['/result']);
    const material = { name: '表', necessity: '必要', form: '原件', medium: '纸质' };
    expect(paths(withItem({ materials: [material] }))).toEqual(['/materials/0/type', '/materials/0/format', '/materials/0/form', '/materials/0/medium']);
  });

  it('reports an unknown key with the nearest known one', () => {
    const problems = check(schema, withItem({ powerSoruce: '法定本级行使' }));
    expect(problems.map((p) => p.path)).toEqual(['/powerSoruce']);
    expect(problems[0]!.message.zh).toContain('是否应为“powerSource”');
  });

  it('says to quote unquoted codes, phones and seq (YAML reads them as numbers)', () => {
    const problems = check(schema, withItem({ consultPhone: 12345, handlingItems: [{ seq: 1, name: '情形' }] }));
    expect(problems.map((p) => p.path)).toEqual(['/consultPhone', '/handlingItems/0/seq']);
    expect(problems[0]!.message.zh).toContain('请加引号');
    expect(problems[1]!.message.zh).toContain('"01"');
    expect(problems[1]!.message.en).toContain('quote');
  });

  it('checks every code set of spec §2 as labels', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ status: '作废' }, '/status'],
      [{ powerSource: '法定' }, '/powerSource'],
      [{ dept: { name: 'x', creditCode: 'x', nature: '其他' } }, '/dept/nature'],
      [{ serviceObjects: ['个人'] }, '/serviceObjects/0'],
      [{ onlineDepth: 3 }, '/onlineDepth'],
      [{ onlineDepth: ['互联网咨询', '网上咨询'] }, '/onlineDepth/1'],
      [{ handleArea: '全市通办' }, '/handleArea'],
      [{ result: { type: '证书', name: 'x' } }, '/result/type'],
      [{ useLevel: ['街道级'] }, '/useLevel/0'],
    ];
    for (const [change, path] of cases) expect(paths(withItem(change)), JSON.stringify(change)).toEqual([path]);
  });

  it('needs a result name unless the result type is 无', () => {
    expect(paths(withItem({ result: { type: '无' } }))).toEqual([]);
    expect(paths(withItem({ result: { type: '证照' } }))).toEqual(['/result/name']);
  });

  it('checks dates, versions, URLs, flags and handling items', () => {
    expect(paths(withItem({ effectiveDate: '2026-13-01', version: 0, onlineUrl: 'zwfw.hubei.gov.cn', express: '是' }))).toEqual([
      '/version', '/effectiveDate', '/onlineUrl', '/express',
    ]);
    expect(paths(withItem({ handlingItems: [{ seq: '01' }, { seq: '02', name: 'x', dept: {} }] }))).toEqual(['/handlingItems/0/name', '/handlingItems/1/dept']);
  });

  it('has a code set for every enum it uses, all in codes.ts', () => {
    for (const name of CODE_SET_NAMES) expect(Object.keys(CODE_SETS[name].codes).length, name).toBeGreaterThan(1);
  });
});

describe("a catalog's code-set extensions", () => {
  const settings = parseSettings('formatVersion: 2\ncodeSets:\n  type: { 行政备案: "11" }\n  handlingForms: [自助终端办理]\n', 'tongbiao.yaml');

  it('are accepted where the catalog adds them, and nowhere else', () => {
    const item = withItem({ type: '行政备案', catalogCode: '001100101000', handlingForms: ['窗口办理', '自助终端办理'] });
    expect(paths(item, { settings })).toEqual([]);
    expect(paths(item)).toEqual(['/type', '/handlingForms/1']);
  });

  it('are in the schema `tongbiao schema` publishes for the catalog, after the national values', () => {
    const published = itemSchemaOf(settings) as typeof itemSchema;
    expect(published.properties.handlingForms.items.enum).toEqual([...Object.keys(CODE_SETS.handlingForms.codes), '自助终端办理']);
    expect(published.properties.type.enum.at(-1)).toBe('行政备案');
    expect(itemSchema.properties.type.enum).not.toContain('行政备案');
  });
});
