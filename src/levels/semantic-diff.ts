// The one semantic diff of two values: by JSON path, never by text lines. Used across
// levels (county vs city vs province) and across versions (revision A vs B).
import { LIST_SHAPES, entryTokens, identityOf, type ListShape } from './list-shapes.js';
import { child, shapeOf } from './pointer.js';

/**
 * - `added`: only ours has a value at `path`;
 * - `removed`: only theirs has one;
 * - `changed`: both have one and they differ (a scalar, a set, or values of different kinds);
 * - `reordered`: an ordered list holds the same entries in another order; `ours`/`theirs`
 *   are the identities of the shared entries in each side's order.
 */
export type ChangeKind = 'added' | 'removed' | 'changed' | 'reordered';

export interface Change {
  /** the deepest differing JSON Pointer; list indexes are ours, or theirs for an entry only they have */
  path: string;
  /**
   * The same place with each identity-list index replaced by the entry's key token (`@居民身份证`,
   * list-shapes.ts `entryTokens`): what a discrepancy's key is made of. Equal to `path` where no
   * identity list is crossed.
   */
  identityPath: string;
  kind: ChangeKind;
  ours?: unknown;
  theirs?: unknown;
}

type Plain = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Compares `ours` with `theirs`, both sitting at `path` in an item (`identityPath` the same place
 * by identity, when it crosses an identity list). `undefined` means absent.
 */
export function diffValues(ours: unknown, theirs: unknown, path = '', identityPath = path): Change[] {
  const changes: Change[] = [];
  walk(ours, theirs, path, identityPath, changes);
  return changes;
}

/** True when the semantic diff finds nothing (so reordering a set or materials list is "equal"). */
export function sameValue(ours: unknown, theirs: unknown, path = ''): boolean {
  return diffValues(ours, theirs, path).length === 0;
}

/**
 * The same data, value for value and list entry for list entry (=== leaves, so NaN differs as in the
 * walk). The semantic diff finds nothing between such values; checking first, without building a path
 * or a list match, is what makes comparing the mostly identical items of a province cheap.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Plain;
  const y = b as Plain;
  let keys = 0;
  for (const key in x) {
    if (!Object.hasOwn(x, key)) continue;
    if (!Object.hasOwn(y, key) || !sameData(x[key], y[key])) return false;
    keys++;
  }
  for (const key in y) if (Object.hasOwn(y, key)) keys--;
  return keys === 0;
}

function walk(ours: unknown, theirs: unknown, path: string, id: string, out: Change[]): void {
  if (sameData(ours, theirs)) return;
  if (ours === undefined) {
    out.push({ path, identityPath: id, kind: 'removed', theirs });
    return;
  }
  if (theirs === undefined) {
    out.push({ path, identityPath: id, kind: 'added', ours });
    return;
  }
  if (Array.isArray(ours) && Array.isArray(theirs)) {
    walkList(ours, theirs, path, id, out);
    return;
  }
  if (isPlainObject(ours) && isPlainObject(theirs)) {
    for (const key of Object.keys(ours)) walk(ours[key], Object.hasOwn(theirs, key) ? theirs[key] : undefined, child(path, key), child(id, key), out);
    for (const key of Object.keys(theirs)) {
      if (!Object.hasOwn(ours, key)) walk(undefined, theirs[key], child(path, key), child(id, key), out);
    }
    return;
  }
  // Two scalars that are not ===, or values of different kinds (a limit object vs 无).
  out.push({ path, identityPath: id, kind: 'changed', ours, theirs });
}

function walkList(ours: unknown[], theirs: unknown[], path: string, id: string, out: Change[]): void {
  const shape: ListShape | undefined = LIST_SHAPES[shapeOf(path)];
  if (shape === undefined) {
    const length = Math.max(ours.length, theirs.length);
    for (let i = 0; i < length; i++) walk(ours[i], theirs[i], child(path, i), child(id, i), out);
    return;
  }
  if (shape.kind === 'set') {
    // A set has no deeper path worth naming: its members have no identity beyond their value.
    if (!sameSet(ours, theirs)) out.push({ path, identityPath: id, kind: 'changed', ours, theirs });
    return;
  }
  const match = matchEntries(ours, theirs, shape.identity);
  if (shape.ordered) {
    const shared = match.pairs.map(([, j]) => j);
    if (shared.some((j, k) => k > 0 && j < shared[k - 1]!)) {
      out.push({
        path,
        identityPath: id,
        kind: 'reordered',
        ours: match.pairs.map(([i]) => identityValue(ours[i], shape.identity)),
        theirs: [...shared].sort((a, b) => a - b).map((j) => identityValue(theirs[j], shape.identity)),
      });
    }
  }
  const ourTokens = entryTokens(ours, shape.identity);
  for (let i = 0; i < ours.length; i++) {
    const j = match.theirsOf[i];
    if (j === undefined) out.push({ path: child(path, i), identityPath: `${id}/${ourTokens[i]}`, kind: 'added', ours: ours[i] });
    else walk(ours[i], theirs[j], child(path, i), `${id}/${ourTokens[i]}`, out);
  }
  if (match.onlyTheirs.length === 0) return;
  const theirTokens = entryTokens(theirs, shape.identity);
  for (const j of match.onlyTheirs) out.push({ path: child(path, j), identityPath: `${id}/${theirTokens[j]}`, kind: 'removed', theirs: theirs[j] });
}

export interface EntryMatch {
  /** [our index, their index] for each entry both have, in our order */
  pairs: Array<[number, number]>;
  /** our index → their index, undefined when only we have the entry */
  theirsOf: Array<number | undefined>;
  /** their indexes of entries only they have, ascending */
  onlyTheirs: number[];
}

/**
 * Matches two keyed lists by identity. Two entries with the same identity (a
 * `duplicate-entry` finding of its own) are matched first with first, second with second.
 */
export function matchEntries(ours: readonly unknown[], theirs: readonly unknown[], identity: readonly string[]): EntryMatch {
  const waiting = new Map<string, number[]>();
  theirs.forEach((entry, j) => {
    const id = identityOf(entry, identity);
    const queue = waiting.get(id);
    if (queue) queue.push(j);
    else waiting.set(id, [j]);
  });
  const pairs: Array<[number, number]> = [];
  const theirsOf: Array<number | undefined> = [];
  ours.forEach((entry, i) => {
    const j = waiting.get(identityOf(entry, identity))?.shift();
    theirsOf.push(j);
    if (j !== undefined) pairs.push([i, j]);
  });
  const onlyTheirs = [...waiting.values()].flat().sort((a, b) => a - b);
  return { pairs, theirsOf, onlyTheirs };
}

/** The identity as a person reads it: the name for steps, `{ law, article }` for basis. */
function identityValue(entry: unknown, identity: readonly string[]): unknown {
  if (!isPlainObject(entry)) return entry;
  if (identity.length === 1) return entry[identity[0]!];
  return Object.fromEntries(identity.map((field) => [field, entry[field]]));
}

function sameSet(ours: readonly unknown[], theirs: readonly unknown[]): boolean {
  const a = new Set(ours.map((v) => JSON.stringify(v)));
  const b = new Set(theirs.map((v) => JSON.stringify(v)));
  return a.size === b.size && [...a].every((v) => b.has(v));
}
