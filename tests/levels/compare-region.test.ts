import { describe, expect, it } from 'vitest';
import type { Item, Level } from '../../src/catalog/types.js';
import { compareRegion, lineageOf, missingItems, type RegionItems } from '../../src/levels/compare-region.js';
import { baselineItem, variant } from './items.js';

const A = '002000101000';
const B = '002000102000';
const C = '002000103000';
const itemA = baselineItem();
const itemB = variant(itemA, (i) => {
  i.catalogCode = B;
  i.name = '城乡居民养老保险待遇申领';
});
const itemC = variant(itemA, (i) => {
  i.catalogCode = C;
  i.name = '只在省级办理的事项';
  i.useLevel = ['省级'];
});

function region(code: string, level: Level | undefined, items: Record<string, Item>): RegionItems {
  return { code, level, items: new Map(Object.entries(items)) };
}

const province = region('420000', '省级', { [A]: itemA, [B]: itemB, [C]: itemC });

describe('lineageOf', () => {
  it('the parent is the nearest ancestor that has the item, the baseline the province', () => {
    const cityA = variant(itemA, (i) => void (i.visits = 0));
    const city = region('420100', '市级', { [A]: cityA });
    expect(lineageOf(A, [city, province])).toEqual({ parent: { region: '420100', item: cityA }, baseline: { region: '420000', item: itemA } });
    // a county whose city lacks the item: the baseline is the parent too
    expect(lineageOf(B, [city, province])).toEqual({ parent: { region: '420000', item: itemB }, baseline: { region: '420000', item: itemB } });
    expect(lineageOf('009999999999', [city, province])).toEqual({});
  });
});

describe('compareRegion', () => {
  it('the province has nothing to compare with', () => {
    expect(compareRegion({ region: province, ancestors: [] })).toEqual([]);
  });

  it('compares each item with its own lineage, reports unknown and missing, items in code order', () => {
    const city = region('420100', '市级', { [A]: variant(itemA, (i) => void (i.visits = 0)) });
    const unknownItem = variant(itemA, (i) => {
      i.catalogCode = '420120001000';
      i.name = '本县自设事项';
    });
    const county = region('420102', '县级', {
      '420120001000': unknownItem,
      [A]: itemA, // one more visit than the city: looser against the city
    });
    const ds = compareRegion({ region: county, ancestors: [city, province] });
    expect(ds.map((d) => [d.catalogCode, d.kind, d.path, d.against])).toEqual([
      [A, 'looser', '/visits', '420100'],
      ['420120001000', 'unknown', '', '420000'],
      // B is used at 县级 and not claimed: missing, to be claimed from the province; C is 省级 only.
      [B, 'missing', '', '420000'],
    ]);
    expect(ds[2]).toMatchObject({ rule: 'level-missing', theirs: '城乡居民养老保险待遇申领' });
    expect(ds[2]).not.toHaveProperty('ours');
  });

  it('missing names the nearest ancestor that has the item as what it is against', () => {
    const city = region('420100', '市级', { [B]: itemB });
    const county = region('420102', '县级', { [A]: itemA });
    expect(missingItems({ region: county, ancestors: [city, province] }).map((d) => [d.catalogCode, d.against])).toEqual([[B, '420100']]);
  });

  it('reports nothing missing for a region whose level is unknown (invalid region.yaml)', () => {
    expect(missingItems({ region: region('420102', undefined, {}), ancestors: [province] })).toEqual([]);
  });

  it('limits the comparison to the items asked for', () => {
    const county = region('420102', '县级', { [A]: variant(itemA, (i) => void (i.visits = 3)) });
    const ds = compareRegion({ region: county, ancestors: [province], only: new Set([B]) });
    expect(ds.map((d) => [d.catalogCode, d.kind])).toEqual([[B, 'missing']]);
  });

  it('with one other region (--against), it is parent and baseline at once', () => {
    const sibling = region('420103', '县级', { [A]: variant(itemA, (i) => void (i.name = '别的名字')), [B]: itemB });
    const county = region('420102', '县级', { [A]: itemA, [C]: itemC });
    expect(compareRegion({ region: county, ancestors: [sibling] }).map((d) => [d.catalogCode, d.kind, d.path, d.against])).toEqual([
      [A, 'locked', '/name', '420103'],
      [C, 'unknown', '', '420103'],
      [B, 'missing', '', '420103'],
    ]);
  });
});
