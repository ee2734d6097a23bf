// Cross-level comparison vocabulary (spec §3, cross-level rules).
import type { FindingDecision } from '../catalog/types.js';

/** How an element (or an object member, `dept.nature`) may differ between levels. */
export type FieldClass = 'locked' | 'tighten' | 'local' | 'review';

/** Every kind of discrepancy: the one list (the web queue's filter and facets ask it). */
export const DISCREPANCY_KINDS = ['locked', 'looser', 'tightened', 'review', 'unknown', 'local', 'missing', 'cancelled', 'suspended'] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

/** A discrepancy kind's rule ID: `level-<kind>`. */
export const ruleOfKind = (kind: DiscrepancyKind): string => `level-${kind}`;

/** One difference of a region's item from its parent's or the baseline's (差异). */
export interface Discrepancy {
  region: string;
  catalogCode: string;
  /** region code compared with: the baseline for locked, the parent otherwise */
  against: string;
  /** JSON Pointer, list indexes as the spec says (ours, or the parent's for an entry only it has) */
  path: string;
  kind: DiscrepancyKind;
  /** `level-<kind>` */
  rule: string;
  /** our value; absent when we have none */
  ours?: unknown;
  /** their value; absent when they have none */
  theirs?: unknown;
  /** stable identity of the discrepancy: region, catalogCode and the path by identity (discrepancy.ts) */
  key: string;
  /** key plus both values: a decision made on one fingerprint is outdated when it changes */
  fingerprint: string;
  /** the region's decisions.yaml entry on this key, where a command read it (diff) */
  decision?: FindingDecision;
}
