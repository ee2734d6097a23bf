import { describe, expect, it } from 'vitest';
import { cancelDate } from '../../src/rules/cancel-date.js';
import { check, validItem, withItem } from '../helpers/item.js';

describe('cancel-date', () => {
  it('is silent for items in use or suspended, and for a cancelled item with its date', () => {
    expect(check(cancelDate, validItem())).toEqual([]);
    expect(check(cancelDate, withItem({ status: '暂停' }))).toEqual([]);
    expect(check(cancelDate, withItem({ status: undefined }))).toEqual([]);
    expect(check(cancelDate, withItem({ status: '取消', cancelDate: '2027-01-01' }))).toEqual([]);
  });

  it('fires at /status when a cancelled item has no cancelDate', () => {
    for (const date of [undefined, null, '']) {
      const problems = check(cancelDate, withItem({ status: '取消', cancelDate: date }));
      expect(problems.map((p) => p.path)).toEqual(['/status']);
      expect(problems[0]!.message.zh).toContain('计划取消日期');
    }
  });

  it('applies only from formatVersion 2', () => {
    expect(check(cancelDate, withItem({ status: '取消' }), { settings: { formatVersion: 1 } })).toEqual([]);
  });
});
