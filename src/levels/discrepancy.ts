// Building a Discrepancy: its rule id, stable key and fingerprint (spec §3, last paragraph).
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical.js';
import { ruleOfKind, type Discrepancy, type DiscrepancyKind } from './types.js';

/**
 * The stable identity of a discrepancy: `420102/002000101000#/materials/1`. Region and
 * catalog codes are fixed-width digits and the JSON Pointer follows `#` as in a URI
 * fragment, so the parts can be read back unambiguously.
 */
export function discrepancyKey(region: string, catalogCode: string, path: string): string {
  return `${region}/${catalogCode}#${path}`;
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
  kind: DiscrepancyKind;
  ours?: unknown;
  theirs?: unknown;
}

export function makeDiscrepancy(input: DiscrepancyInput): Discrepancy {
  const { region, catalogCode, against, path, kind, ours, theirs } = input;
  const key = discrepancyKey(region, catalogCode, path);
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
