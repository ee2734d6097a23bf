import { describe, expect, it } from 'vitest';
import { compareTimeLimits, formatTimeLimit } from '../../src/levels/duration.js';

const wd = (days: number) => ({ days, unit: '工作日' });
const nd = (days: number) => ({ days, unit: '自然日' });

describe('compareTimeLimits (a 工作日 is 7/5 自然日, exactly)', () => {
  it('10 工作日 equals 14 自然日', () => {
    expect(compareTimeLimits(wd(10), nd(14))).toBe(0);
    expect(compareTimeLimits(nd(14), wd(10))).toBe(0);
  });

  it('13 自然日 is shorter and 15 自然日 longer than 10 工作日', () => {
    expect(compareTimeLimits(nd(13), wd(10))).toBe(-1);
    expect(compareTimeLimits(nd(15), wd(10))).toBe(1);
  });

  it('does not round: 1 工作日 (1.4 自然日) lies strictly between 1 and 2 自然日', () => {
    expect(compareTimeLimits(wd(1), nd(1))).toBe(1);
    expect(compareTimeLimits(wd(1), nd(2))).toBe(-1);
  });

  it('compares within one unit directly', () => {
    expect(compareTimeLimits(wd(20), wd(15))).toBe(1);
    expect(compareTimeLimits(wd(15), wd(15))).toBe(0);
  });

  it('cannot compare 无 or a malformed limit', () => {
    expect(compareTimeLimits('无', wd(10))).toBeUndefined();
    expect(compareTimeLimits(wd(10), { days: '10', unit: '工作日' })).toBeUndefined();
    expect(compareTimeLimits(wd(10), { days: 10, unit: '小时' })).toBeUndefined();
  });

  it('formats a limit for messages', () => {
    expect(formatTimeLimit(wd(20))).toBe('20 工作日');
    expect(formatTimeLimit('无')).toBe('无');
  });
});
