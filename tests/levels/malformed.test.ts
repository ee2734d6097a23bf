// The cross-level engine on malformed items (spec §3): an item whose elements have the wrong shapes has schema
// findings of its own, but it is still compared with its parent and the baseline, fixed by `fix`, told in
// messages and compared across revisions; none of that may throw, and every discrepancy stays well-formed.
import { describe, expect, it } from 'vitest';
import { compareItem } from '../../src/levels/compare-item.js';
import { compareRevisions } from '../../src/levels/compare-revisions.js';
import { DEFAULT_CLASSES, resolveFieldClasses } from '../../src/levels/field-classes.js';
import { fixItem } from '../../src/levels/fix.js';
import { discrepancyMessage } from '../../src/levels/messages.js';
import type { Item } from '../../src/catalog/types.js';
import { validItem } from '../helpers/item.js';
import { malformedItems } from '../helpers/malformed.js';

/** The classes spec §5 lets a catalog choose: the defaults, and every element tightened or locked where it may be. */
const CLASS_SETTINGS = [
  DEFAULT_CLASSES,
  resolveFieldClasses({ conditions: 'locked', materials: 'locked', handlingItems: 'review', 'dept.nature': 'local', handleArea: 'review' }),
];

/** Our item against theirs as parent and baseline: no throw, and discrepancies a store and a reader can take. */
function expectWellFormed(sides: { ours: Item; theirs: Item }, classes: typeof DEFAULT_CLASSES): void {
  const ds = compareItem({ region: '420102', catalogCode: '000100101000', ours: sides.ours, parent: sides.theirs, parentRegion: '420100', baseline: sides.theirs, baselineRegion: '420000', classes });
  for (const d of ds) {
    expect(d.key.startsWith('420102/000100101000#')).toBe(true);
    expect(d.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(d.path === '' || d.path.startsWith('/')).toBe(true);
    const message = discrepancyMessage(d, { ours: sides.ours, theirs: sides.theirs });
    expect(message.zh.length).toBeGreaterThan(0);
    expect(message.en.length).toBeGreaterThan(0);
  }
  // One discrepancy per key: the store's primary key.
  const keys = ds.map((d) => d.key);
  expect(new Set(keys).size, keys.join('\n')).toBe(keys.length);
  expect(typeof fixItem(sides.ours, ds)).toBe('object');
}

describe('the cross-level engine on malformed items', () => {
  // (The cycle is left to the rule sweep: the reader refuses circular data before any comparison.)
  const cases = malformedItems().filter(([name]) => name !== 'a cycle');
  it.each(cases)('compares, tells and fixes without throwing: %s', (_, bad) => {
    const good = validItem();
    for (const classes of CLASS_SETTINGS) {
      expectWellFormed({ ours: bad, theirs: good }, classes);
      expectWellFormed({ ours: good, theirs: bad }, classes);
      expectWellFormed({ ours: bad, theirs: bad }, classes);
    }
    const revisions = compareRevisions({ region: '420102', before: new Map([['000100101000', good]]), after: new Map([['000100101000', bad]]) });
    for (const d of revisions) expect(d.key.startsWith('420102/000100101000#')).toBe(true);
  });
});
