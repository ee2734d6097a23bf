// A small seeded PRNG for the generator: the same seed gives the same catalog, byte for byte.
// Math.random is never used.

/** A 32-bit hash of a string (FNV-1a, then a murmur3 finaliser so nearby strings spread). */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A seeded random stream with the few draws the generator needs. */
export class Random {
  private state: number;

  /** `key` parts are joined into one string and hashed: `new Random(seed, 'region', '420100')`. */
  constructor(...key: Array<string | number>) {
    this.state = hash32(key.join('\u0000'));
  }

  /** mulberry32: a float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** true with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new RangeError('pick from an empty list');
    return list[Math.floor(this.next() * list.length)]!;
  }

  /** A value drawn by weight: `[[value, weight], …]`. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of choices) total += w;
    let r = this.next() * total;
    for (const [value, w] of choices) {
      r -= w;
      if (r < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(list: readonly T[]): T[] {
    const out = list.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** `n` distinct entries in their original order. */
  sample<T>(list: readonly T[], n: number): T[] {
    if (n >= list.length) return list.slice();
    const chosen = new Set(this.shuffle(list.map((_, i) => i)).slice(0, n));
    return list.filter((_, i) => chosen.has(i));
  }

  /** `n` decimal digits as a string. */
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }
}

const DIGITS = '零一二三四五六七八九';

/** 1–9999 in Chinese numerals as used for article numbers: 十九, 二十, 一百零五, 一百一十. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new RangeError(`chineseNumber: ${n}`);
  const units = ['', '十', '百', '千'];
  const parts: string[] = [];
  const s = String(n);
  let zero = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const unit = units[s.length - 1 - i]!;
    if (d === 0) {
      zero = parts.length > 0;
      continue;
    }
    if (zero) parts.push('零');
    zero = false;
    // 十九, not 一十九, when ten is the leading unit
    parts.push(d === 1 && unit === '十' && i === 0 ? '十' : DIGITS[d]! + unit);
  }
  return parts.join('');
}
