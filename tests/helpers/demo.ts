// What the demo catalog (catalog-yaml/) shows, for the tests that count on it: `validate catalog-yaml` gives these
// totals, every rule of the registry fires somewhere except those listed here (each with why), and every error is
// a cross-level one its region's decisions.yaml accepts, so the run exits 0. Change them here when the demo changes.
import { join } from 'node:path';

export const DEMO_DIR = join(import.meta.dirname, '..', '..', 'catalog-yaml');

/** `validate catalog-yaml --format json`'s summary. */
export const DEMO_SUMMARY = { files: 172, errors: 4, warnings: 42, infos: 29 } as const;

/** The errors, each accepted in its region's decisions.yaml: [rule, region, catalogCode]. */
export const DEMO_ACCEPTED_ERRORS = [
  ['level-looser', '420102001', '000500102000'], // 大智街道's 28-day promise for 最低生活保障金给付 (江岸区: 25)
  ['level-cancelled', '420502', '000100111000'], // 西陵区 still takes applications until the cancel date
  ['level-unknown', '420502', '422000105000'], // 西陵区's pilot item, not in the province's list yet
  ['level-locked', '429004', '000700102000'], // 仙桃市 names 结婚登记 as the national registration system does
] as const;

/**
 * Rules the demo does not show, and why: errors a person cannot accept (only cross-level findings take a decision)
 * and that a real catalog has no reason to lower, problems that stop a file being read at all, and format-version,
 * which only a v1 catalog gets.
 */
export const DEMO_RULES_NOT_SHOWN = [
  'file-read', 'yaml-syntax', 'format-version', 'schema', 'todo', 'file-name', 'code-type', 'credit-code', 'task-code',
  'time-limit', 'fee-basis', 'entrusted-by', 'cancel-date', 'duplicate-entry', 'handling-item', 'use-level', 'region',
  'decisions-file',
] as const;
