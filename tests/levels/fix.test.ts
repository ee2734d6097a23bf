import { describe, expect, it } from 'vitest';
import { makeDiscrepancy } from '../../src/levels/discrepancy.js';
import { fixItem } from '../../src/levels/fix.js';
import type { DiscrepancyKind } from '../../src/levels/types.js';

const d = (kind: DiscrepancyKind, path: string, ours?: unknown, theirs?: unknown) =>
  makeDiscrepancy({ region: '420106', catalogCode: '000100105000', against: '420100', path, kind, ours, theirs });

const item = {
  name: '甲',
  materials: [{ name: 'A', type: '原件' }, { name: 'B', type: '原件' }, { name: 'C', type: '复印件' }],
  visitsReason: '现场核验',
};

describe('fixItem', () => {
  it('sets, removes and adds back in one list without the indexes of the others going wrong', () => {
    const fixed = fixItem(item, [
      d('looser', '/materials/0', item.materials[0]),               // only we have A: removed
      d('review', '/materials/2/type', '复印件', '原件'),             // C's type: the parent's
      d('tightened', '/materials/1', undefined, { name: 'D' }),      // not fixable: left alone
      d('looser', '/materials/3', undefined, { name: 'E', type: '电子' }), // only the parent has E: added back
      d('locked', '/name', '甲', '乙'),
      d('review', '/visitsReason', '现场核验'),                       // only we have it: removed
    ]);
    expect(fixed).toEqual({ name: '乙', materials: [{ name: 'B', type: '原件' }, { name: 'C', type: '原件' }, { name: 'E', type: '电子' }] });
    expect(item.materials).toHaveLength(3); // the input is untouched
  });

  it('leaves unknown, missing and tightened discrepancies alone', () => {
    expect(fixItem(item, [d('unknown', ''), d('missing', ''), d('tightened', '/name', '甲', '乙')])).toEqual(item);
  });
});
