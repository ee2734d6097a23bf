import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/catalog/types.js';
import { compareRevisions } from '../../src/levels/compare-revisions.js';
import { baselineItem, variant } from './items.js';

const A = '002000101000';
const B = '002000102000';
const itemA = baselineItem();
const itemB = variant(itemA, (i) => {
  i.catalogCode = B;
  i.name = '城乡居民养老保险待遇申领';
});
const map = (items: Record<string, Item>) => new Map(Object.entries(items));

describe('compareRevisions', () => {
  it('reports changes of the same item between revisions with the cross-level kinds, against the region itself', () => {
    const after = variant(itemA, (i) => {
      i.promisedLimit = { days: 20, unit: '工作日' };
      i.consultPhone = '027-11112222';
    });
    const ds = compareRevisions({ region: '420102', before: map({ [A]: itemA }), after: map({ [A]: after }) });
    expect(ds.map((d) => [d.kind, d.path, d.against, d.ours, d.theirs])).toEqual([
      ['looser', '/promisedLimit', '420102', { days: 20, unit: '工作日' }, { days: 15, unit: '工作日' }],
      // local across levels, but a change across versions is shown
      ['review', '/consultPhone', '420102', '027-11112222', '027-87654321'],
    ]);
  });

  it('reports an added and a removed item once each at "" with the name', () => {
    const ds = compareRevisions({ region: '420102', before: map({ [A]: itemA }), after: map({ [B]: itemB }) });
    expect(ds.map((d) => [d.catalogCode, d.kind, d.path, d.ours, d.theirs])).toEqual([
      [A, 'review', '', undefined, itemA.name],
      [B, 'review', '', itemB.name, undefined],
    ]);
  });

  it('finds nothing when nothing changed but the layout', () => {
    const reordered = Object.fromEntries(Object.entries(itemA).reverse());
    expect(compareRevisions({ region: '420102', before: map({ [A]: itemA }), after: map({ [A]: reordered }) })).toEqual([]);
  });
});
