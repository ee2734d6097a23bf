// Tighten-only elements (spec §3 `level-looser` / `level-tightened`): each has an order of "better
// for the applicant". A region may be stricter with itself than its parent (tightened, listed for
// reviewers) but never looser (an error). What the order cannot rank is for review.
import { HANDLE_AREAS } from '../schema/codes.js';
import { compareTimeLimits } from './duration.js';
import type { TightenableElement } from './field-classes.js';
import { entryTokens, identityFields } from './list-shapes.js';
import { child } from './pointer.js';
import { diffValues, isPlainObject, matchEntries, sameData } from './semantic-diff.js';

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
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** More is worse (visits, copies to hand in); what is not a count is for review. */
function fewerIsBetter(ours: unknown, theirs: unknown, at: At): Verdict[] {
  return isCount(ours) && isCount(theirs) ? ranked(Math.sign(ours - theirs), at, ours, theirs) : review(ours, theirs, at);
}

/**
 * A set of services offered (onlineDepth's stages, handlingForms): a member the parent offers and we
 * lack is looser, whatever we add; only extra members is tightened. One discrepancy at the set.
 */
function offered(ours: unknown, theirs: unknown, at: At): Verdict[] {
  [ours, theirs] = [noneIfAbsent(ours), noneIfAbsent(theirs)];
  if (!isTextList(ours) || !isTextList(theirs)) return review(ours, theirs, at);
  const mine = new Set(ours);
  const parents = new Set(theirs);
  if ([...parents].some((v) => !mine.has(v))) return ranked(1, at, ours, theirs);
  return ranked([...mine].some((v) => !parents.has(v)) ? -1 : 0, at, ours, theirs);
}

/**
 * An optional list left out offers nothing: a county that drops the parent's whole intermediaries list
 * requires none of them (tightened), one that leaves out onlineDepth offers no stage (looser), as an
 * empty list would. (A list written empty-valued, `null`, is not a list: for review.)
 */
function noneIfAbsent(value: unknown): unknown {
  return value === undefined ? [] : value;
}

function isTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** A service flag (express, payOnline, appointment): true is better; absent counts as not offered. */
function flag(ours: unknown, theirs: unknown, at: At): Verdict[] {
  const known = (v: unknown) => v === undefined || typeof v === 'boolean';
  if (!known(ours) || !known(theirs)) return review(ours, theirs, at);
  return ranked(Number(theirs === true) - Number(ours === true), at, ours, theirs);
}

const JUDGES: Record<TightenableElement, Judge> = {
  // Longer is worse. 10 工作日 and 14 自然日 are the same limit: no discrepancy.
  promisedLimit(ours, theirs, at) {
    const order = compareTimeLimits(ours, theirs);
    return order === undefined ? review(ours, theirs, at) : ranked(order, at, ours, theirs);
  },

  // More trips to the office are worse.
  visits: fewerIsBetter,

  // Charging where the parent does not is worse. When `charged` differs, the fee's basis
  // and items come and go with it, so they are not reported again one by one.
  fee(ours, theirs, at) {
    if (isPlainObject(ours) && isPlainObject(theirs) && typeof ours.charged === 'boolean' && typeof theirs.charged === 'boolean' && ours.charged !== theirs.charged) {
      return ranked(ours.charged ? 1 : -1, within(at, 'charged'), ours.charged, theirs.charged);
    }
    return review(ours, theirs, at);
  },

  // Fewer online stages, or fewer ways to apply, are worse. Only stage lists are ranked: a v1 catalog's
  // levels reach the comparison as the stages the §8 mapping gives them (catalog/load readItem); a level
  // the mapping cannot convert, like any value that is no list of stages, is for review.
  onlineDepth: offered,
  handlingForms: offered,

  // A narrower area where the item can be handled is worse: 全国 > 全省 > … > 跨村(社区). Text outside the
  // code set (a v1 free text the §8 mapping leaves as written) is for review.
  handleArea(ours, theirs, at) {
    const rank = (v: unknown) => (typeof v === 'string' ? (HANDLE_AREAS as readonly string[]).indexOf(v) : -1);
    const [mine, parents] = [rank(ours), rank(theirs)];
    return mine < 0 || parents < 0 ? review(ours, theirs, at) : ranked(Math.sign(mine - parents), at, ours, theirs);
  },

  express: flag,
  payOnline: flag,
  appointment: flag,

  // An intermediary service the parent does not require is one more thing to buy: looser; one
  // dropped is tightened; any other difference in a matched entry is for review.
  intermediaries(ours, theirs, list) {
    return entries(ours, theirs, list, '/intermediaries', (mine, at) => [{ ...at, kind: 'looser', ours: mine }], review);
  },

  // Materials entry by entry (matched by name): an entry only we have is looser when 必要, review
  // when 非必要; one only the parent has is tightened; in a matched entry necessity, deferrable,
  // originals and copies are ranked, everything else (type, format, source…) is for review.
  materials(ours, theirs, list) {
    return entries(ours, theirs, list, '/materials', (mine, at) => [{ ...at, kind: isRequired(mine) ? 'looser' : 'review', ours: mine }], material);
  },
};

/**
 * A keyed list entry by entry: `onlyOurs` for an entry the parent lacks, `matched` for one both
 * have, tightened for one only the parent has (at its index and token).
 */
function entries(
  ours: unknown,
  theirs: unknown,
  list: At,
  shape: string,
  onlyOurs: (mine: unknown, at: At) => Verdict[],
  matched: (mine: unknown, parents: unknown, at: At) => Verdict[],
): Verdict[] {
  [ours, theirs] = [noneIfAbsent(ours), noneIfAbsent(theirs)];
  if (!Array.isArray(ours) || !Array.isArray(theirs)) return review(ours, theirs, list);
  const identity = identityFields(shape);
  const match = matchEntries(ours, theirs, identity);
  const ourTokens = entryTokens(ours, identity);
  const verdicts: Verdict[] = [];
  ours.forEach((mine, i) => {
    const at = { path: child(list.path, i), identityPath: `${list.identityPath}/${ourTokens[i]}` };
    const j = match.theirsOf[i];
    verdicts.push(...(j === undefined ? onlyOurs(mine, at) : sameData(mine, theirs[j]) ? [] : matched(mine, theirs[j], at)));
  });
  if (match.onlyTheirs.length === 0) return verdicts;
  const theirTokens = entryTokens(theirs, identity);
  for (const j of match.onlyTheirs) {
    verdicts.push({ path: child(list.path, j), identityPath: `${list.identityPath}/${theirTokens[j]}`, kind: 'tightened', theirs: theirs[j] });
  }
  return verdicts;
}

/** The ranked members of a material; the rest of the entry is compared for review. */
const MATERIAL_ORDERS = ['necessity', 'deferrable', 'originals', 'copies'] as const;

function material(mine: unknown, parents: unknown, at: At): Verdict[] {
  if (!isPlainObject(mine) || !isPlainObject(parents)) return review(mine, parents, at);
  const verdicts: Verdict[] = [];
  // 必要 where the parent has 非必要 is looser (reported at the entry, with both entries).
  const necessity = Number(isRequired(mine)) - Number(isRequired(parents));
  if (necessity !== 0) verdicts.push(...ranked(necessity, at, mine, parents));
  else if (!sameData(mine.necessity, parents.necessity)) verdicts.push(...review(mine.necessity, parents.necessity, within(at, 'necessity')));
  // 容缺: handing it in after acceptance is better; absent means not allowed.
  if (!sameData(mine.deferrable, parents.deferrable)) verdicts.push(...flag(mine.deferrable, parents.deferrable, within(at, 'deferrable')));
  for (const count of ['originals', 'copies'] as const) {
    if (!sameData(mine[count], parents[count])) verdicts.push(...fewerIsBetter(mine[count], parents[count], within(at, count)));
  }
  verdicts.push(...review(without(mine, MATERIAL_ORDERS), without(parents, MATERIAL_ORDERS), at));
  return verdicts;
}

function isRequired(material: unknown): boolean {
  return isPlainObject(material) && material.necessity === '必要';
}

function without(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

/** A member of the object at `at`. */
function within(at: At, key: string): At {
  return { path: child(at.path, key), identityPath: child(at.identityPath, key) };
}
