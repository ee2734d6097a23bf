import { describe, expect, it } from 'vitest';
import { chineseNumber, hash32, Random } from '../../src/gen/random.js';

describe('Random (mulberry32)', () => {
  it('gives the same stream for the same key and a different one for another', () => {
    const draw = (...key: string[]) => {
      const r = new Random(...key);
      return Array.from({ length: 20 }, () => r.next());
    };
    expect(draw('seed', 'a')).toEqual(draw('seed', 'a'));
    expect(draw('seed', 'a')).not.toEqual(draw('seed', 'b'));
    expect(draw('seed', 'a')).not.toEqual(draw('other', 'a'));
  });

  it('draws in range', () => {
    const r = new Random('range');
    for (let i = 0; i < 2000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const n = r.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
    }
    expect(r.digits(8)).toMatch(/^\d{8}$/);
  });

  it('is roughly uniform and weighted as asked', () => {
    const r = new Random('uniform');
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) buckets[Math.floor(r.next() * 10)]++;
    for (const b of buckets) expect(Math.abs(b - 2000)).toBeLessThan(250);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) if (r.weighted([['a', 9], ['b', 1]] as const) === 'a') heavy++;
    expect(heavy / 10_000).toBeGreaterThan(0.87);
    expect(heavy / 10_000).toBeLessThan(0.93);
  });

  it('samples distinct entries in their original order and shuffles without losing any', () => {
    const r = new Random('sample');
    const list = Array.from({ length: 30 }, (_, i) => i);
    const s = r.sample(list, 10);
    expect(new Set(s).size).toBe(10);
    expect([...s].sort((a, b) => a - b)).toEqual(s);
    expect(r.shuffle(list).sort((a, b) => a - b)).toEqual(list);
  });

  it('hashes strings to 32-bit unsigned integers', () => {
    expect(hash32('tongbiao')).toBe(hash32('tongbiao'));
    expect(hash32('tongbiao')).not.toBe(hash32('tongbiaO'));
    expect(Number.isInteger(hash32(''))).toBe(true);
    expect(hash32('x')).toBeGreaterThanOrEqual(0);
  });
});

describe('chineseNumber', () => {
  it.each([
    [1, '一'], [9, '九'], [10, '十'], [11, '十一'], [19, '十九'], [20, '二十'], [35, '三十五'], [100, '一百'],
    [105, '一百零五'], [110, '一百一十'], [126, '一百二十六'], [1005, '一千零五'], [1010, '一千零一十'],
  ])('%i → %s', (n, text) => {
    expect(chineseNumber(n)).toBe(text);
  });
});
