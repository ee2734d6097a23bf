import { describe, expect, it } from 'vitest';
import { caseType } from '../../src/rules/case-type.js';
import { check, validItem, withItem } from '../helpers/item.js';

const item = (type: unknown, days: unknown, unit: unknown = '工作日') =>
  withItem({ caseType: type, promisedLimit: { days, unit } });

describe('case-type', () => {
  it('is silent on a 承诺件 with days and a 即办件 with 0 days', () => {
    expect(check(caseType, validItem())).toEqual([]);
    expect(check(caseType, item('承诺件', 1))).toEqual([]);
    expect(check(caseType, item('即办件', 0))).toEqual([]);
  });

  it('fires on a 即办件 that promises days', () => {
    const problems = check(caseType, item('即办件', 3));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('/caseType');
    expect(problems[0]!.message.zh).toContain('即办件');
    expect(problems[0]!.message.zh).toContain('3 工作日');
    expect(problems[0]!.message.zh).toContain('应为 0');
  });

  it('fires on a 承诺件 that promises 0 days', () => {
    const problems = check(caseType, item('承诺件', 0, '自然日'));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message.zh).toContain('应大于 0');
  });

  it('stays silent on malformed input', () => {
    for (const it of [
      item('即办件', '3'),
      item('即办件', null),
      item('承诺件', -1),
      item('其他件', 3),
      item(undefined, 0),
      withItem({ caseType: '即办件', promisedLimit: '3 工作日' }),
      withItem({ caseType: '即办件', promisedLimit: null }),
    ]) {
      expect(check(caseType, it)).toEqual([]);
    }
  });
});
