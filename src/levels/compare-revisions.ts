// How a region's items changed between two revisions of the catalog: the same engine,
// with the earlier revision in the parent's place.
import type { Item } from '../catalog/types.js';
import { compareItem, nameOf } from './compare-item.js';
import { makeDiscrepancy } from './discrepancy.js';
import { DEFAULT_CLASSES, type FieldClasses } from './field-classes.js';
import type { Discrepancy } from './types.js';

export interface CompareRevisionsInput {
  region: string;
  before: ReadonlyMap<string, Item>;
  after: ReadonlyMap<string, Item>;
  classes?: FieldClasses;
  only?: ReadonlySet<string>;
}

/**
 * Discrepancies of each item at the later revision (ours) against the earlier (theirs),
 * `against` being the region itself. Kinds keep their cross-level meaning (a longer
 * promised limit is `looser`, a changed name `locked`), except that local elements are
 * shown as `review`: across levels they may differ freely, but across versions a new
 * phone number is a change someone should see. An item added or removed between the
 * revisions is one `review` at `""` with its name as the value.
 */
export function compareRevisions(input: CompareRevisionsInput): Discrepancy[] {
  const { region, before, after, only } = input;
  const classes = versionClasses(input.classes ?? DEFAULT_CLASSES);
  const codes = [...new Set([...before.keys(), ...after.keys()])]
    .filter((code) => only === undefined || only.has(code))
    .sort();
  const out: Discrepancy[] = [];
  for (const catalogCode of codes) {
    const was = before.get(catalogCode);
    const is = after.get(catalogCode);
    if (was !== undefined && is !== undefined) {
      out.push(...compareItem({ region, catalogCode, ours: is, parent: was, parentRegion: region, baseline: was, baselineRegion: region, classes, lifecycle: false }));
    } else {
      const mine = is === undefined ? undefined : nameOf(is);
      const theirs = was === undefined ? undefined : nameOf(was);
      out.push(makeDiscrepancy({ region, catalogCode, against: region, path: '', kind: 'review', ours: mine, theirs }));
    }
  }
  return out;
}

function versionClasses(classes: FieldClasses): FieldClasses {
  return Object.fromEntries(Object.entries(classes).map(([element, cls]) => [element, cls === 'local' ? 'review' : cls]));
}
