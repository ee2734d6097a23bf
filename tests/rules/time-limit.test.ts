import { describe, expect, it } from 'vitest';
import { timeLimit } from '../../src/rules/time-limit.js';
import { check, validItem, withItem } from '../helpers/item.js';

const limits = (promised: unknown, statutory: unknown) =>
  check(timeLimit, withItem({ promisedLimit: promised, statutoryLimit: statutory }));
const wd = (days: unknown) => ({ days, unit: '工作日' });
const cd = (days: unknown) => ({ days, unit: '自然日' });

describe('time-limit', () => {
  it('is silent when the promised limit is within the statutory one', () => {
    expect(check(timeLimit, validItem())).toEqual([]);
    expect(limits(wd(45), wd(45))).toEqual([]);
    expect(limits(cd(0), cd(0))).toEqual([]);
  });

  it('fires on a longer promised limit, with the message of the spec', () => {
    const problems = limits(wd(50), wd(45));
    expect(problems).toEqual([
      {
        path: '/promisedLimit/days',
        message: {
          zh: '承诺办结时限 (50 工作日) 超过法定办结时限 (45 工作日)',
          en: 'promised limit (50 working days) exceeds the statutory limit (45 working days)',
        },
      },
    ]);
    expect(limits(cd(31), cd(30))).toHaveLength(1);
  });

  it('converts across units exactly: 5 工作日 = 7 自然日', () => {
    expect(limits(cd(63), wd(45))).toEqual([]); // 63·5 = 45·7
    expect(limits(wd(10), cd(14))).toEqual([]);
    expect(limits(cd(64), wd(45))).toHaveLength(1);
    expect(limits(wd(11), cd(15))).toHaveLength(1); // 77 > 75
  });

  it('does not round: 1 工作日 is longer than 1 自然日, 9 工作日 (12.6) shorter than 13 自然日', () => {
    expect(limits(wd(1), cd(1))).toHaveLength(1);
    expect(limits(cd(1), wd(1))).toEqual([]);
    expect(limits(wd(9), cd(13))).toEqual([]);
    expect(limits(wd(10), cd(13))).toHaveLength(1); // 14 > 13
    expect(limits(cd(13), wd(9))).toHaveLength(1); // 13 > 12.6
  });

  it('shows the 自然日 equivalent of a 工作日 limit across units', () => {
    const [problem] = limits(cd(64), wd(44));
    expect(problem!.message.zh).toBe('承诺办结时限 (64 自然日) 超过法定办结时限 (44 工作日，折合 61.6 自然日)');
  });

  it('is not checked when the statutory limit is 无', () => {
    expect(limits(wd(999), '无')).toEqual([]);
  });

  it('stays silent on malformed limits', () => {
    for (const [p, s] of [
      [wd('50'), wd(45)],
      [wd(50), wd('45')],
      [{ days: 50, unit: '天' }, wd(45)],
      [wd(50), null],
      [null, wd(45)],
      ['50 工作日', wd(45)],
      [[50], wd(45)],
      [wd(Number.NaN), wd(45)],
      [wd(-1), wd(-5)],
      [wd(50), '无法定时限'],
    ] as const) {
      expect(limits(p, s), JSON.stringify([p, s])).toEqual([]);
    }
  });
});
