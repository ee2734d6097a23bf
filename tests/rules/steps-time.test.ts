import { describe, expect, it } from 'vitest';
import { stepsTime } from '../../src/rules/steps-time.js';
import { check, validItem, withItem } from '../helpers/item.js';

const steps = (...days: unknown[]) => days.map((d, i) => ({ name: `环节${i}`, days: d }));
const item = (stepList: unknown, days: unknown = 15) =>
  withItem({ steps: stepList, promisedLimit: { days, unit: '工作日' } });

describe('steps-time', () => {
  it('is silent when the steps fit, exactly or with room to spare', () => {
    expect(check(stepsTime, validItem())).toEqual([]); // 1 + 10 + 4 = 15
    expect(check(stepsTime, item(steps(1, 2), 15))).toEqual([]);
    expect(check(stepsTime, item([], 0))).toEqual([]);
    expect(check(stepsTime, item(steps(0.1, 0.2), 0.3))).toEqual([]); // no floating-point false alarm
  });

  it('fires when the steps add up to more, with the sum and the limit', () => {
    const problems = check(stepsTime, item(steps(1, 10, 5), 15));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('/steps');
    expect(problems[0]!.message.zh).toContain('合计 16 工作日');
    expect(problems[0]!.message.zh).toContain('超过承诺办结时限 15 工作日');
  });

  it('fires on a single step longer than a 0-day limit', () => {
    expect(check(stepsTime, item(steps(1), 0))).toHaveLength(1);
  });

  it('counts only well-formed days, which still bound the total from below', () => {
    expect(check(stepsTime, item([...steps(16), { name: 'x' }, null, 'y', { days: '3' }], 15))).toHaveLength(1);
    expect(check(stepsTime, item([{ name: 'x', days: '99' }, { days: -5 }], 15))).toEqual([]);
  });

  it('stays silent on malformed input', () => {
    expect(check(stepsTime, item(null))).toEqual([]);
    expect(check(stepsTime, item({ name: 'x', days: 99 }))).toEqual([]);
    expect(check(stepsTime, item(steps(99), '15'))).toEqual([]);
    expect(check(stepsTime, withItem({ steps: steps(99), promisedLimit: undefined }))).toEqual([]);
  });
});
