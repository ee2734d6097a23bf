// Building a Discrepancy: its rule id, stable key and fingerprint (spec §3, last paragraph).
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical.js';
import { ruleOfKind, type Discrepancy, type DiscrepancyKind } from './types.js';

/**
 * The stable identity of a discrepancy (spec §3 "Keys and fingerprints"):
 * `420102/002000101000#/materials/@居民身份证/type`. `identityPath` is the discrepancy's path
 * with every index of an identity list replaced by the entry's token (list-shapes.ts
 * `entryTokens`), so no two discrepancies of an item share a key and reordering a list
 * changes none. Region and catalog codes are digits and the pointer follows `#` as in a URI
 * fragment, so the parts can be read back unambiguously.
 */
export function discrepancyKey(region: string, catalogCode: string, identityPath: string): string {
  return `${region}/${catalogCode}#${identityPath}`;
}

/**
 * sha256 of the key and the canonical JSON of both values, hex, first 16 characters.
 * Canonical JSON ignores key order and the order of unordered lists, so re-saving a
 * file in another layout keeps a reviewer's decision; any change of value outdates it.
 */
export function discrepancyFingerprint(key: string, path: string, ours: unknown, theirs: unknown): string {
  return createHash('sha256')
    .update(`${key}\n${canonicalJson(ours, path)}\n${canonicalJson(theirs, path)}`)
    .digest('hex')
    .slice(0, 16);
}

export interface DiscrepancyInput {
  region: string;
  catalogCode: string;
  against: string;
  path: string;
  /** `path` by identity (semantic-diff `Change.identityPath`); needed only where the path crosses an identity list */
  identityPath?: string;
  kind: DiscrepancyKind;
  ours?: unknown;
  theirs?: unknown;
}

export function makeDiscrepancy(input: DiscrepancyInput): Discrepancy {
  const { region, catalogCode, against, path, kind, ours, theirs } = input;
  const key = discrepancyKey(region, catalogCode, input.identityPath ?? path);
  // Keys in the spec's §4 order; an absent value stays absent (no `ours: undefined`).
  return {
    region,
    catalogCode,
    against,
    path,
    kind,
    rule: ruleOfKind(kind),
    ...(ours === undefined ? {} : { ours }),
    ...(theirs === undefined ? {} : { theirs }),
    key,
    fingerprint: discrepancyFingerprint(key, path, ours, theirs),
  };
}
