import { describe, expect, it } from 'vitest';
import { diffValues, matchEntries, sameData } from '../../src/levels/semantic-diff.js';
import { baselineItem, materialsOf, stepsOf, variant } from './items.js';

const base = baselineItem();
const materials = (item = base) => item.materials;

describe('diffValues on scalars and mappings', () => {
  it('finds nothing between equal values, whatever the key order', () => {
    expect(diffValues({ a: 1, b: { c: 2 } }, { b: { c: 2 }, a: 1 })).toEqual([]);
  });

  it('reports the deepest differing path with both values', () => {
    expect(diffValues({ fee: { charged: false, note: 'x' } }, { fee: { charged: false, note: 'y' } })).toEqual([
      { path: '/fee/note', identityPath: '/fee/note', kind: 'changed', ours: 'x', theirs: 'y' },
    ]);
  });

  it('reports a key only one side has as added / removed, without the other value', () => {
    expect(diffValues({ a: 1 }, { b: 2 })).toEqual([
      { path: '/a', identityPath: '/a', kind: 'added', ours: 1 },
      { path: '/b', identityPath: '/b', kind: 'removed', theirs: 2 },
    ]);
  });

  it('reports a value of another kind (a limit vs 无) as one change at its path', () => {
    expect(diffValues('无', { days: 45, unit: '工作日' }, '/statutoryLimit')).toEqual([
      { path: '/statutoryLimit', identityPath: '/statutoryLimit', kind: 'changed', ours: '无', theirs: { days: 45, unit: '工作日' } },
    ]);
  });

  it('escapes keys in pointers (RFC 6901)', () => {
    expect(diffValues({ 'a/b~c': 1 }, { 'a/b~c': 2 })).toEqual([{ path: '/a~1b~0c', identityPath: '/a~1b~0c', kind: 'changed', ours: 1, theirs: 2 }]);
  });
});

describe('keyed lists (materials by name, basis by law + article, places by address)', () => {
  it('a reordered materials list is no difference', () => {
    const ours = variant(base, (i) => materialsOf(i).reverse());
    expect(diffValues(materials(ours), materials(), '/materials')).toEqual([]);
  });

  it('a reordered basis or places list is no difference', () => {
    const ours = variant(base, (i) => {
      (i.basis as unknown[]).reverse();
      i.places = [{ address: 'B' }, { address: 'A' }];
    });
    const theirs = variant(base, (i) => {
      i.places = [{ address: 'A' }, { address: 'B' }];
    });
    expect(diffValues(ours.basis, theirs.basis, '/basis')).toEqual([]);
    expect(diffValues(ours.places, theirs.places, '/places')).toEqual([]);
  });

  it('a changed entry is reported at our index, at the field that changed, and by name in its identity path', () => {
    // Ours reversed: 委托书 0, 参保缴费凭证 1, 居民身份证 2.
    const ours = variant(base, (i) => {
      materialsOf(i).reverse();
      materialsOf(i)[1]!.form = '原件';
    });
    expect(diffValues(materials(ours), materials(), '/materials')).toEqual([
      { path: '/materials/1/form', identityPath: '/materials/@参保缴费凭证/form', kind: 'changed', ours: '原件', theirs: '复印件' },
    ]);
  });

  it('an added entry is reported at our index, a dropped one at theirs', () => {
    const ours = variant(base, (i) => {
      materialsOf(i).splice(0, 1); // drop 居民身份证 (their index 0)
      materialsOf(i).push({ name: '户口簿', necessity: '必要' }); // ours index 2
    });
    expect(diffValues(materials(ours), materials(), '/materials')).toEqual([
      { path: '/materials/2', identityPath: '/materials/@户口簿', kind: 'added', ours: { name: '户口簿', necessity: '必要' } },
      { path: '/materials/0', identityPath: '/materials/@居民身份证', kind: 'removed', theirs: materialsOf(base)[0] },
    ]);
  });

  it('a renamed entry is one removed and one added (the name is its identity)', () => {
    const ours = variant(base, (i) => {
      materialsOf(i)[0]!.name = '身份证';
    });
    const changes = diffValues(materials(ours), materials(), '/materials');
    expect(changes.map((c) => [c.kind, c.path, c.identityPath])).toEqual([
      ['added', '/materials/0', '/materials/@身份证'],
      ['removed', '/materials/0', '/materials/@居民身份证'],
    ]);
  });

  it('matches basis entries by law and article together', () => {
    const ours = variant(base, (i) => {
      (i.basis as Array<Record<string, unknown>>)[0]!.article = '第二十条';
    });
    expect(diffValues(ours.basis, base.basis, '/basis').map((c) => [c.kind, c.path, c.identityPath])).toEqual([
      ['added', '/basis/0', '/basis/@《中华人民共和国社会保险法》|第二十条'],
      ['removed', '/basis/0', '/basis/@《中华人民共和国社会保险法》|第十九条'],
    ]);
  });

  it('matches duplicate names first with first, second with second', () => {
    const m = matchEntries([{ name: 'a' }, { name: 'a' }, { name: 'b' }], [{ name: 'a' }, { name: 'c' }, { name: 'a' }], ['name']);
    expect(m.pairs).toEqual([
      [0, 0],
      [1, 2],
    ]);
    expect(m.theirsOf).toEqual([0, 2, undefined]);
    expect(m.onlyTheirs).toEqual([1]);
  });
});

describe('steps (ordered, by name)', () => {
  it('steps in another order are one reordered change at /steps, values the names in each order', () => {
    const ours = variant(base, (i) => {
      const s = stepsOf(i);
      [s[1], s[2]] = [s[2]!, s[1]!];
    });
    expect(diffValues(ours.steps, base.steps, '/steps')).toEqual([
      { path: '/steps', identityPath: '/steps', kind: 'reordered', ours: ['受理', '办结', '审核'], theirs: ['受理', '审核', '办结'] },
    ]);
  });

  it('a step inserted in the middle is an added step, not a new order', () => {
    const ours = variant(base, (i) => {
      stepsOf(i).splice(1, 0, { name: '补正', days: 2 });
    });
    expect(diffValues(ours.steps, base.steps, '/steps')).toEqual([{ path: '/steps/1', identityPath: '/steps/@补正', kind: 'added', ours: { name: '补正', days: 2 } }]);
  });

  it('a reordered step whose days also changed gives the reorder and the change', () => {
    const ours = variant(base, (i) => {
      const s = stepsOf(i);
      s.reverse();
      s[0]!.days = 3; // 办结, now first
    });
    expect(diffValues(ours.steps, base.steps, '/steps')).toEqual([
      { path: '/steps', identityPath: '/steps', kind: 'reordered', ours: ['办结', '审核', '受理'], theirs: ['受理', '审核', '办结'] },
      { path: '/steps/0/days', identityPath: '/steps/@办结/days', kind: 'changed', ours: 3, theirs: 4 },
    ]);
  });
});

describe('sets and other lists', () => {
  it('compares useLevel, serviceObjects and handlingForms as sets, reported once at the list', () => {
    expect(diffValues(['县级', '省级', '市级'], ['省级', '市级', '县级'], '/useLevel')).toEqual([]);
    expect(diffValues(['网上办理', '窗口办理'], ['窗口办理', '网上办理'], '/handlingForms')).toEqual([]);
    expect(diffValues(['自然人', '企业法人'], ['自然人'], '/serviceObjects')).toEqual([
      { path: '/serviceObjects', identityPath: '/serviceObjects', kind: 'changed', ours: ['自然人', '企业法人'], theirs: ['自然人'] },
    ]);
  });

  it('compares a list it has no rule for position by position', () => {
    expect(diffValues([1, 2, 3], [1, 3], '/other')).toEqual([
      { path: '/other/1', identityPath: '/other/1', kind: 'changed', ours: 2, theirs: 3 },
      { path: '/other/2', identityPath: '/other/2', kind: 'added', ours: 3 },
    ]);
  });
});

describe('sameData, the shortcut before the walk', () => {
  it('holds for the same data whatever the key order, and only then', () => {
    expect(sameData({ a: 1, b: [{ c: 2 }] }, { b: [{ c: 2 }], a: 1 })).toBe(true);
    expect(sameData({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameData({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameData({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameData([1, 2], [2, 1])).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
    expect(sameData(null, {})).toBe(false);
    expect(sameData(NaN, NaN)).toBe(false);
  });

  it('never hides a difference the walk reports: on the test items and every variant of them', () => {
    const values: unknown[] = [
      base, ...materialsOf(base), ...stepsOf(base), base.materials,
      variant(base, (item) => (item.visits = 3)),
      variant(base, (item) => materialsOf(item).reverse()),
      variant(base, (item) => (materialsOf(item)[0]!.copies = 2)),
    ];
    for (const a of values) {
      for (const b of values) if (sameData(a, b)) expect(diffValues(a, b)).toEqual([]);
    }
    // Reordering an unordered list is no difference to the walk, but is to the shortcut, which then steps aside.
    const reversed = [...materialsOf(base)].reverse();
    expect(sameData(base.materials, reversed)).toBe(false);
    expect(diffValues(base.materials, reversed, '/materials')).toEqual([]);
  });
});
