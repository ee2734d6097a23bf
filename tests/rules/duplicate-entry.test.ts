import { describe, expect, it } from 'vitest';
import { duplicateEntry } from '../../src/rules/duplicate-entry.js';
import { check, validItem, withItem } from '../helpers/item.js';
import { LIST_SHAPES } from '../../src/levels/list-shapes.js';

const named = (...names: unknown[]) => names.map((name) => ({ name, days: 1 }));

describe('duplicate-entry', () => {
  it('is silent when all names differ', () => {
    expect(check(duplicateEntry, validItem())).toEqual([]);
  });

  it('reports the later material and which earlier one it repeats', () => {
    const problems = check(duplicateEntry, withItem({ materials: named('居民身份证', '户口簿', '居民身份证') }));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('/materials/2');
    expect(problems[0]!.message.zh).toBe('申请材料第 3 项“居民身份证”与第 1 项 (/materials/0) 重复');
    expect(problems[0]!.message.en).toContain('/materials/0');
  });

  it('reports duplicate steps too', () => {
    const problems = check(duplicateEntry, withItem({ steps: named('受理', '审核', '受理') }));
    expect(problems.map((p) => p.path)).toEqual(['/steps/2']);
    expect(problems[0]!.message.zh).toContain('办理流程');
  });

  it('trims whitespace (including the full-width space) before comparing', () => {
    const problems = check(duplicateEntry, withItem({ materials: named('居民身份证', ' 居民身份证\u3000') }));
    expect(problems.map((p) => p.path)).toEqual(['/materials/1']);
  });

  it('points every repeat at the first occurrence', () => {
    const problems = check(duplicateEntry, withItem({ steps: named('a', 'a', 'b', 'a', 'b') }));
    expect(problems.map((p) => p.path)).toEqual(['/steps/1', '/steps/3', '/steps/4']);
    expect(problems.map((p) => p.message.zh.match(/\(([^)]+)\)/)![1])).toEqual(['/steps/0', '/steps/0', '/steps/2']);
  });

  it('does not compare across lists, and ignores blank or non-string names and malformed entries', () => {
    expect(check(duplicateEntry, withItem({ materials: named('受理'), steps: named('受理') }))).toEqual([]);
    expect(check(duplicateEntry, withItem({ materials: [...named('', '', ' ', 1, 1, null), null, 'x', 'x', ['x']] }))).toEqual([]);
    expect(check(duplicateEntry, withItem({ materials: { name: 'x' }, steps: 'a, a' }))).toEqual([]);
  });

  it('covers every identity list of spec §3, each by its identity', () => {
    const item = withItem({
      basis: [{ law: '《甲法》', article: '第一条' }, { law: '《甲法》', article: '第二条' }, { law: '《甲法》', article: '第一条' }, { law: '《乙法》' }, { law: '《乙法》' }],
      places: [{ address: '一楼' }, { address: '一楼', hours: '全天' }],
      specialProcedures: named('听证', '听证'),
      intermediaries: named('评估', '评估'),
      handlingItems: [{ seq: '01', name: 'a' }, { seq: '01', name: 'b' }],
      // fee items are matched by name across levels, but are no identity list of spec §3
      fee: { charged: true, basis: '《收费办法》', items: [{ name: '工本费', standard: '10 元' }, { name: '工本费', standard: '20 元' }] },
    });
    expect(check(duplicateEntry, item).map((p) => p.path)).toEqual([
      '/basis/2', '/basis/4', '/places/1', '/specialProcedures/1', '/intermediaries/1', '/handlingItems/1',
    ]);
    // the lists are list-shapes' unique keyed lists: the one table of entry identity
    const unique = Object.entries(LIST_SHAPES).filter(([, shape]) => shape.kind === 'keyed' && shape.unique).map(([pattern]) => pattern);
    expect(unique).toEqual(['/basis', '/materials', '/steps', '/places', '/specialProcedures', '/intermediaries', '/handlingItems', '/handlingItems/*/materials', '/handlingItems/*/steps']);
  });

  it('looks inside each handling item at its own materials and steps', () => {
    const handlingItems = [{ seq: '01', name: 'a', materials: named('表', '表'), steps: named('受理', '受理') }];
    const problems = check(duplicateEntry, withItem({ handlingItems }));
    expect(problems.map((p) => p.path)).toEqual(['/handlingItems/0/materials/1', '/handlingItems/0/steps/1']);
    expect(problems[0]!.message.zh).toContain('(/handlingItems/0/materials/0)');
  });

  it('does not take a basis without an article for one with an article', () => {
    expect(check(duplicateEntry, withItem({ basis: [{ law: '《甲法》' }, { law: '《甲法》', article: '第一条' }, { law: '《甲法》', article: 1 }, { law: '《甲法》第一条' }] }))).toEqual([]);
  });
});
