// A discrepancy found on a v1 catalog's items as they were written (v1 element names: `/materials/@X/form`,
// a free-text handleArea, a 容缺 necessity) as the same difference reads between the items' v2 readings
// (`/materials/@X/type`, 全县, `deferrable`). Code before the §8 reading compared v1 items as written, so
// the keys and fingerprints people decided on are v1 ones; this carries a decision over to the key the
// comparison gives now (store/rekey.ts for a database's reviews, `tongbiao migrate` for decisions.yaml).
// The mapping itself is catalog/v1.ts's. Pure.
import { pointerOf, pointerSegments } from '../catalog/locate.js';
import { itemFromV1, v1Changes, v2Pointer } from '../catalog/v1.js';
import { discrepancyFingerprint, discrepancyKey } from './discrepancy.js';
import { walkByIdentity } from './identity-path.js';
import { diffValues, isPlainObject, sameValue } from './semantic-diff.js';

/** What is needed of a discrepancy made on v1 items: where it is and whether we have a value there. */
export interface V1Discrepancy {
  region: string;
  catalogCode: string;
  path: string;
  /** our value; absent for an entry only the compared item has */
  ours?: unknown;
}

/** The same discrepancy between the v2 readings: its path, values, key and fingerprint. */
export interface V2Discrepancy {
  path: string;
  ours?: unknown;
  theirs?: unknown;
  key: string;
  fingerprint: string;
}

/**
 * `d`, made between the v1 items `ours` and `theirs` as written, between their v2 readings; undefined when the
 * mapping changes nothing along its path (its key and fingerprint stay) or its indexes do not fit the items.
 * The values are read from the v2 readings at the new path, so a decision made on the v1 values holds on the
 * same values mapped (全区通办 → 全县) and a fingerprint computed now from them matches the comparison's.
 * Where a 容缺 necessity became `necessity: 必要` + `deferrable: true`, the difference lives where the v2
 * readings differ: at `deferrable` beside a necessity that no longer differs, or, for a matched material v1
 * compared whole, at its first differing member. A caller that has read the items already passes their v2
 * readings (`oursV2`, `theirsV2`); otherwise they are mapped here.
 */
export function v2Discrepancy(d: V1Discrepancy, ours: unknown, theirs: unknown, oursV2 = itemFromV1(ours), theirsV2 = itemFromV1(theirs)): V2Discrepancy | undefined {
  if (d.path === '') return undefined;
  if (oursV2 === ours && theirsV2 === theirs) return undefined;
  const entryOnlyTheirs = d.ours === undefined;
  const before = walkByIdentity(d.path, ours, theirs, entryOnlyTheirs);
  if (!before) return undefined;
  // Renames follow the item whose indexes the path uses: ours, or theirs for an entry only they have.
  const indexed = entryOnlyTheirs ? theirs : ours;
  let path = v2Pointer(indexed, d.path);
  let after = walkByIdentity(path, oursV2, theirsV2, entryOnlyTheirs);
  if (!after) return undefined;
  if (/\/\d+$/.test(path) && isPlainObject(after.ours) && isPlainObject(after.theirs) && !sameValue(after.ours, after.theirs, path)) {
    // A matched entry v1 compared whole (a 容缺 material against a 必要 one): v2 compares it member by member.
    const first = diffValues(after.ours, after.theirs, path)[0];
    const moved = first && walkByIdentity(first.path, oursV2, theirsV2, entryOnlyTheirs);
    if (first && moved) [path, after] = [first.path, moved];
  } else if (sameValue(after.ours, after.theirs, path)) {
    const added = addedAfter(path, [ours, theirs]);
    const moved = added === undefined ? undefined : walkByIdentity(added, oursV2, theirsV2, entryOnlyTheirs);
    if (added !== undefined && moved) [path, after] = [added, moved];
  }
  if (path === d.path && sameValue(before.ours, after.ours, path) && sameValue(before.theirs, after.theirs, path)) return undefined;
  const key = discrepancyKey(d.region, d.catalogCode, after.identityPath);
  return {
    path,
    ...(after.ours === undefined ? {} : { ours: after.ours }),
    ...(after.theirs === undefined ? {} : { theirs: after.theirs }),
    key,
    fingerprint: discrepancyFingerprint(key, path, after.ours, after.theirs),
  };
}

/** The pointer of the key the mapping adds after the one `path` ends in, on either item (`…/necessity` → `…/deferrable`). */
function addedAfter(path: string, items: readonly unknown[]): string | undefined {
  const segments = pointerSegments(path);
  const depth = segments.length - 1;
  for (const change of items.flatMap((item) => v1Changes(item))) {
    if (change.insert && change.at.length === depth && change.key === segments[depth] && change.at[0] === segments[0]) {
      return pointerOf([...segments.slice(0, depth), change.to]);
    }
  }
  return undefined;
}
