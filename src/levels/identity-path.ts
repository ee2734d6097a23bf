// A discrepancy's index path read back as its identity path, given the two items its indexes
// refer to. The diff builds identity paths as it walks (semantic-diff.ts); this is for paths
// that were stored without one — keys of the index-path scheme that databases synced before
// spec §3 "Keys and fingerprints" still hold (store/rekey.ts).
import { pointerSegments } from '../catalog/locate.js';
import { entryTokens, LIST_SHAPES } from './list-shapes.js';
import { child, shapeOf } from './pointer.js';
import { isPlainObject } from './semantic-diff.js';

/**
 * The identity path of `path`, or undefined when an index does not name an entry of the
 * items given (they are not the ones the path was made on). Indexes are ours, except the last
 * one when `entryOnlyTheirs` (an entry only the compared item has: the discrepancy has no
 * value of ours), as the diff makes them.
 */
export function identityPathOf(path: string, ours: unknown, theirs: unknown, entryOnlyTheirs: boolean): string | undefined {
  return walkByIdentity(path, ours, theirs, entryOnlyTheirs)?.identityPath;
}

/**
 * As identityPathOf, with the two values the path reaches: ours by its indexes, theirs at the entry with the
 * same identity (what the diff compared). For an entry only they have, ours is undefined.
 */
export function walkByIdentity(path: string, ours: unknown, theirs: unknown, entryOnlyTheirs: boolean): { identityPath: string; ours: unknown; theirs: unknown } | undefined {
  const tokens = pointerSegments(path);
  let mine = ours;
  let their = theirs;
  let at = '';
  let id = '';
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    const shape = LIST_SHAPES[shapeOf(at)];
    at = child(at, token);
    if (shape?.kind !== 'keyed' || !/^\d+$/.test(token)) {
      id = child(id, token);
      mine = member(mine, token);
      their = member(their, token);
      continue;
    }
    const index = Number(token);
    const fromTheirs = entryOnlyTheirs && k === tokens.length - 1;
    const list = fromTheirs ? their : mine;
    if (!Array.isArray(list) || index >= list.length) return undefined;
    const entryToken = entryTokens(list, shape.identity)[index]!;
    id = `${id}/${entryToken}`;
    if (fromTheirs) return { identityPath: id, ours: undefined, theirs: list[index] };
    mine = list[index];
    // the compared entry is the one with the same token (matched by identity, duplicates in order)
    const theirTokens = Array.isArray(their) ? entryTokens(their, shape.identity) : [];
    const j = theirTokens.indexOf(entryToken);
    their = j < 0 ? undefined : (their as unknown[])[j];
  }
  return { identityPath: id, ours: mine, theirs: their };
}

function member(value: unknown, token: string): unknown {
  if (Array.isArray(value)) return /^\d+$/.test(token) ? value[Number(token)] : undefined;
  return isPlainObject(value) && Object.hasOwn(value, token) ? value[token] : undefined;
}
