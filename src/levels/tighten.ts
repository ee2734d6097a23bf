// Tighten-only elements (spec §3 `level-looser` / `level-tightened`): each has an order
// of "better for the applicant". A region may be stricter with itself than its parent
// (tightened, listed for reviewers) but never looser (an error).
import { compareTimeLimits } from './duration.js';
import type { TightenableElement } from './field-classes.js';
import { child } from './pointer.js';
import { diffValues, isPlainObject, matchEntries, sameData } from './semantic-diff.js';
import { entryTokens, identityFields } from './list-shapes.js';

export interface Verdict {
  path: string;
  /** `path` by identity (semantic-diff `Change.identityPath`) */
  identityPath: string;
  kind: 'looser' | 'tightened' | 'review';
  ours?: unknown;
  theirs?: unknown;
}

/** `at`: where the element (or entry) sits, by index and by identity. */
interface At {
  path: string;
  identityPath: string;
}

type Judge = (ours: unknown, theirs: unknown, at: At) => Verdict[];

/**
 * Compares one tighten-only element of ours with the parent's, at `path` (`/visits`, …;
 * `identityPath` the same place by identity, when it lies inside an identity list).
 */
export function judgeTightenable(element: TightenableElement, ours: unknown, theirs: unknown, path: string, identityPath = path): Verdict[] {
  // Every judge finds nothing between the same data; most elements of most items are.
  if (sameData(ours, theirs)) return [];
  return JUDGES[element](ours, theirs, { path, identityPath });
}

/** Any other difference (or values the order cannot rank, e.g. a missing key) is for review. */
function review(ours: unknown, theirs: unknown, at: At): Verdict[] {
  return diffValues(ours, theirs, at.path, at.identityPath).map(({ path, identityPath, ours, theirs }) => ({ path, identityPath, kind: 'review', ours, theirs }));
}

/** `sign` > 0 means ours is worse for the applicant. */
function ranked(sign: number, at: At, ours: unknown, theirs: unknown): Verdict[] {
  if (sign === 0) return [];
  return [{ ...at, kind: sign > 0 ? 'looser' : 'tightened', ours, theirs }];
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

const JUDGES: Record<TightenableElement, Judge> = {
  // Longer is worse. 10 工作日 and 14 自然日 are the same limit: no discrepancy.
  promisedLimit(ours, theirs, at) {
    const order = compareTimeLimits(ours, theirs);
    return order === undefined ? review(ours, theirs, at) : ranked(order, at, ours, theirs);
  },

  // More trips to the office are worse.
  visits(ours, theirs, at) {
    return isCount(ours) && isCount(theirs) ? ranked(Math.sign(ours - theirs), at, ours, theirs) : review(ours, theirs, at);
  },

  // Shallower online handling is worse (4 = 全程网办).
  onlineDepth(ours, theirs, at) {
    return isCount(ours) && isCount(theirs) ? ranked(Math.sign(theirs - ours), at, ours, theirs) : review(ours, theirs, at);
  },

  // Charging where the parent does not is worse. When `charged` differs, the fee's basis
  // and items come and go with it, so they are not reported again one by one.
  fee(ours, theirs, at) {
    if (isPlainObject(ours) && isPlainObject(theirs) && typeof ours.charged === 'boolean' && typeof theirs.charged === 'boolean' && ours.charged !== theirs.charged) {
      return ranked(ours.charged ? 1 : -1, within(at, 'charged'), ours.charged, theirs.charged);
    }
    return review(ours, theirs, at);
  },

  // Ours must be a subset of the parent's required materials, by name: a 必要 material the
  // parent lacks, or has as 非必要 / 容缺, is looser; one dropped, or relaxed from 必要, is
  // tightened. Any other difference in an entry (form, copies, 非必要 ↔ 容缺, an optional
  // material added) is for review at its deepest path. The order of the list is no difference.
  materials(ours, theirs, list) {
    if (!Array.isArray(ours) || !Array.isArray(theirs)) return review(ours, theirs, list);
    const identity = identityFields('/materials');
    const match = matchEntries(ours, theirs, identity);
    const ourTokens = entryTokens(ours, identity);
    const verdicts: Verdict[] = [];
    ours.forEach((mine, i) => {
      const at = { path: child(list.path, i), identityPath: `${list.identityPath}/${ourTokens[i]}` };
      const j = match.theirsOf[i];
      if (j === undefined) {
        verdicts.push({ ...at, kind: isRequired(mine) ? 'looser' : 'review', ours: mine });
        return;
      }
      const parents = theirs[j];
      const necessity = Number(isRequired(mine)) - Number(isRequired(parents));
      if (necessity === 0) {
        verdicts.push(...review(mine, parents, at));
        return;
      }
      verdicts.push(...ranked(necessity, at, mine, parents));
      // The necessity is accounted for by the verdict above; report the rest of the entry.
      verdicts.push(...review(withoutNecessity(mine), withoutNecessity(parents), at));
    });
    if (match.onlyTheirs.length === 0) return verdicts;
    const theirTokens = entryTokens(theirs, identity);
    for (const j of match.onlyTheirs) {
      verdicts.push({ path: child(list.path, j), identityPath: `${list.identityPath}/${theirTokens[j]}`, kind: 'tightened', theirs: theirs[j] });
    }
    return verdicts;
  },
};

/** A member of the object at `at`. */
function within(at: At, key: string): At {
  return { path: child(at.path, key), identityPath: child(at.identityPath, key) };
}

function isRequired(material: unknown): boolean {
  return isPlainObject(material) && material.necessity === '必要';
}

function withoutNecessity(material: unknown): unknown {
  if (!isPlainObject(material)) return material;
  const { necessity: _necessity, ...rest } = material;
  return rest;
}
