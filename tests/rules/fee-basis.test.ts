import { describe, expect, it } from 'vitest';
import { feeBasis } from '../../src/rules/fee-basis.js';
import { check, validItem, withItem } from '../helpers/item.js';

const ITEMS = [{ name: '工本费', standard: '10 元/本' }];
const fee = (value: unknown) => check(feeBasis, withItem({ fee: value }));

describe('fee-basis', () => {
  it('is silent when not charged, or charged with basis and items', () => {
    expect(check(feeBasis, validItem())).toEqual([]);
    expect(fee({ charged: true, basis: '《某收费标准》', items: ITEMS })).toEqual([]);
    expect(fee({ charged: false, basis: '', items: [] })).toEqual([]);
  });

  it('fires when charged without basis, naming it', () => {
    const problems = fee({ charged: true, items: ITEMS });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('/fee');
    expect(problems[0]!.message.zh).toContain('收费依据');
    expect(problems[0]!.message.zh).not.toContain('收费项目');
  });

  it('fires when charged without items or with an empty list', () => {
    for (const items of [undefined, null, []]) {
      const [problem] = fee({ charged: true, basis: '《某收费标准》', items });
      expect(problem!.message.zh).toContain('收费项目');
      expect(problem!.message.zh).not.toContain('收费依据');
    }
  });

  it('reports both missing in one finding', () => {
    const problems = fee({ charged: true, basis: '  ' });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message.zh).toContain('收费依据 (basis)和收费项目 (items)');
  });

  it('stays silent on malformed input', () => {
    for (const value of [undefined, null, 'charged', [], { charged: 'true' }, { charged: 1 }]) {
      expect(fee(value)).toEqual([]);
    }
  });
});
