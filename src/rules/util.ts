// Small guards the item rules share. A rule only looks at inputs of the expected type and stays silent
// otherwise: wrong types are the schema rule's to report.
import type { Settings } from '../catalog/config.js';
import { TODO } from '../schema/codes.js';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A string the todo rule already reports: other rules leave it alone so a problem is reported once. */
export function isTodo(value: unknown): boolean {
  return value === TODO;
}

/** A usable string: non-blank and not the TODO placeholder. */
export function isFilled(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && !isTodo(value);
}

/** Missing for a conditional requirement: absent, null (an empty YAML value), or a blank string. */
export function isMissing(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A non-negative finite number of days. */
export function isDays(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * Requirements format v1 did not have (spec §8: result and powerSource required, credit-code-kind, online-visits,
 * zero-visit-delivery, cancel-date) apply only from formatVersion 2, so upgrading the tool never turns a clean
 * v1 catalog red.
 */
export function isV2(settings: Settings): boolean {
  return settings.formatVersion === 2;
}
