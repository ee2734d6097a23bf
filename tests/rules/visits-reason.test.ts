import { describe, expect, it } from 'vitest';
import { visitsReason } from '../../src/rules/visits-reason.js';
import { check, validItem, withItem } from '../helpers/item.js';

describe('visits-reason', () => {
  it('is silent when visits are explained or there are none', () => {
    expect(check(visitsReason, validItem())).toEqual([]);
    expect(check(visitsReason, withItem({ visits: 0, visitsReason: undefined }))).toEqual([]);
  });

  it('fires when visits > 0 and the reason is missing, null or blank', () => {
    for (const reason of [undefined, null, '', '   ', '\u3000']) {
      const problems = check(visitsReason, withItem({ visits: 2, visitsReason: reason }));
      expect(problems, JSON.stringify(reason)).toHaveLength(1);
      expect(problems[0]!.path).toBe('/visits');
      expect(problems[0]!.message.zh).toContain('2 次');
    }
  });

  it('stays silent on malformed input (the schema reports it)', () => {
    expect(check(visitsReason, withItem({ visits: '1', visitsReason: undefined }))).toEqual([]);
    expect(check(visitsReason, withItem({ visits: Number.NaN, visitsReason: undefined }))).toEqual([]);
    expect(check(visitsReason, withItem({ visits: -1, visitsReason: undefined }))).toEqual([]);
    expect(check(visitsReason, withItem({ visits: 1, visitsReason: 42 }))).toEqual([]);
  });
});
