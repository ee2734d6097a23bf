import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Item } from '../../src/catalog/types.js';
import { canonicalJson } from '../../src/levels/canonical.js';
import { compareItem } from '../../src/levels/compare-item.js';
import { discrepancyFingerprint, discrepancyKey, makeDiscrepancy } from '../../src/levels/discrepancy.js';
import { baselineItem, materialsOf, variant } from './items.js';

const base = baselineItem();
const diffOf = (ours: Item) => compareItem({ region: '420102', catalogCode: '002000101000', ours, baseline: base, baselineRegion: '420000' });

describe('key and fingerprint', () => {
  it('key joins region, catalogCode and the identity path', () => {
    expect(discrepancyKey('420102', '002000101000', '/materials/@居民身份证/form')).toBe('420102/002000101000#/materials/@居民身份证/form');
    expect(discrepancyKey('420102', '002000101000', '')).toBe('420102/002000101000#');
  });

  it('is the same for the same values written with keys in another order in YAML', () => {
    const a = parse('{ days: 20, unit: 工作日 }');
    const b = parse('unit: 工作日\ndays: 20\n');
    const fp = (v: unknown) => discrepancyFingerprint('k', '/promisedLimit', v, { days: 15, unit: '工作日' });
    expect(fp(a)).toBe(fp(b));
    expect(fp(a)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('is the same when the whole item is re-saved with keys in another order', () => {
    const looser = variant(base, (i) => void (i.promisedLimit = { days: 20, unit: '工作日' }));
    const reordered = Object.fromEntries(Object.entries(looser).reverse().map(([k, v]) => [k, k === 'promisedLimit' ? { unit: '工作日', days: 20 } : v]));
    expect(diffOf(reordered).map((d) => d.fingerprint)).toEqual(diffOf(looser).map((d) => d.fingerprint));
  });

  it('ignores the order of sets and unordered lists inside a value', () => {
    const one = variant(base, (i) => void (i.useLevel = ['市级', '县级']));
    const two = variant(base, (i) => void (i.useLevel = ['县级', '市级']));
    expect(diffOf(one)[0]!.fingerprint).toBe(diffOf(two)[0]!.fingerprint);
    expect(canonicalJson([{ name: 'b' }, { name: 'a' }], '/materials')).toBe(canonicalJson([{ name: 'a' }, { name: 'b' }], '/materials'));
    // steps keep their order: it means something
    expect(canonicalJson([{ name: 'b' }, { name: 'a' }], '/steps')).not.toBe(canonicalJson([{ name: 'a' }, { name: 'b' }], '/steps'));
  });

  it('changes when either value changes, and is the same for the same values', () => {
    const at = (days: number) => diffOf(variant(base, (i) => void (i.promisedLimit = { days, unit: '工作日' })))[0]!;
    expect(at(20).key).toBe(at(25).key);
    expect(at(20).fingerprint).toBe(at(20).fingerprint);
    expect(at(20).fingerprint).not.toBe(at(25).fingerprint);
    const parentChanged = compareItem({
      region: '420102',
      catalogCode: '002000101000',
      ours: variant(base, (i) => void (i.promisedLimit = { days: 20, unit: '工作日' })),
      baseline: variant(base, (i) => void (i.promisedLimit = { days: 16, unit: '工作日' })),
      baselineRegion: '420000',
    })[0]!;
    expect(parentChanged.fingerprint).not.toBe(at(20).fingerprint);
  });

  it('tells an absent value from null and from a value that is the string "~"', () => {
    const fp = (ours: unknown) => makeDiscrepancy({ region: 'r', catalogCode: 'c', against: 'a', path: '/x', kind: 'review', ours, theirs: 1 }).fingerprint;
    expect(new Set([fp(undefined), fp(null), fp('~')]).size).toBe(3);
  });

  it('differs between two regions with the same difference (the key is part of it)', () => {
    const ours = variant(base, (i) => void materialsOf(i).splice(0, 1));
    const a = compareItem({ region: '420102', catalogCode: '002000101000', ours, baseline: base, baselineRegion: '420000' })[0]!;
    const b = compareItem({ region: '420103', catalogCode: '002000101000', ours, baseline: base, baselineRegion: '420000' })[0]!;
    expect(a.fingerprint).not.toBe(b.fingerprint);
  });
});
