import { describe, expect, it } from 'vitest';
import { useLevel } from '../../src/rules/use-level.js';
import { check, itemContext, validItem, withItem } from '../helpers/item.js';

describe('use-level', () => {
  it('is silent when useLevel includes the region level', () => {
    expect(check(useLevel, validItem())).toEqual([]);
    expect(check(useLevel, withItem({ useLevel: ['市级'] }), { level: '市级' })).toEqual([]);
  });

  it('fires in a county when useLevel lacks 县级', () => {
    const problems = check(useLevel, withItem({ useLevel: ['省级', '市级'] }));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('/useLevel');
    expect(problems[0]!.message.zh).toContain('[省级、市级]');
    expect(problems[0]!.message.zh).toContain('县级');
  });

  it('fires in a city when useLevel lacks 市级, including an empty list', () => {
    expect(check(useLevel, withItem({ useLevel: ['县级'] }), { level: '市级' })).toHaveLength(1);
    expect(check(useLevel, withItem({ useLevel: [] }), { level: '市级' })).toHaveLength(1);
  });

  it('checks townships and villages too', () => {
    expect(check(useLevel, validItem(), { level: '乡镇级' })).toEqual([]);
    expect(check(useLevel, validItem(), { level: '村级' })[0]!.message.zh).toContain('村级');
  });

  it('is not checked in the province or when the level is unknown', () => {
    expect(check(useLevel, withItem({ useLevel: ['县级'] }), { level: '省级' })).toEqual([]);
    const ctx = itemContext(withItem({ useLevel: ['省级'] }));
    delete ctx.region.level;
    expect(useLevel.check(ctx)).toEqual([]);
  });

  it('stays silent when useLevel is not a list', () => {
    for (const value of [undefined, null, '省级', { 0: '省级' }]) {
      expect(check(useLevel, withItem({ useLevel: value }))).toEqual([]);
    }
  });
});
