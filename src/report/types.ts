// What every reporter is given besides the findings. Reporters are pure: Finding[] + context → string.

import { isAccepted } from '../catalog/decisions.js';
import type { Finding, Lang, Severity } from '../catalog/types.js';
import type { RuleInfo } from '../rules/types.js';

export interface Summary {
  /** files checked, with or without findings */
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  /** findings (counted above by their severity) that a current accepted decision covers */
  accepted: number;
}

export interface ReportContext {
  /** language of messages and of the text summary line */
  lang: Lang;
  /** a finding's catalog-relative file → the path printed (relative to the cwd, with '/') */
  displayPath(file: string): string;
  summary: Summary;
  /** ANSI colour in the text format */
  color: boolean;
  /** source frame printed under each finding in the text format (the CLI passes it only on a TTY) */
  codeFrame?: (finding: Finding) => string | undefined;
  /** tongbiao's version, for SARIF's tool.driver */
  toolVersion: string;
  /** SARIF tool.driver.informationUri; left out of the log when not given */
  informationUri?: string;
  /** every rule (the registry): SARIF lists them all with their documentation; without it, the IDs that appear */
  rules?: readonly RuleInfo[];
  /** a rule's page (helpUri in SARIF): the base URL the rule ID + `.md` is appended to */
  docsUrl?: string;
  /** the repository (or catalog) root: SARIF's SRCROOT, which its URIs are relative to (absolute path) */
  repoRoot?: string;
  /** a finding's catalog-relative file → its path relative to repoRoot (default: displayPath) */
  repoPath?(file: string): string;
  /** catalog-relative files checked, with or without findings: JUnit makes a passing test case of each clean one */
  files?: readonly string[];
  /** severity at which a finding fails: JUnit reports those as failures, the rest as output (default 'error') */
  failOn?: Severity;
}

/** Counts of `findings` by severity, with `files` the number of files checked. */
export function summarize(findings: readonly Finding[], files: number): Summary {
  const summary: Summary = { files, errors: 0, warnings: 0, infos: 0, accepted: 0 };
  for (const finding of findings) {
    if (isAccepted(finding)) summary.accepted++;
    if (finding.severity === 'error') summary.errors++;
    else if (finding.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Whether `severity` reaches `failOn` (error ≥ warning ≥ info). */
export function reaches(severity: Severity, failOn: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}

/**
 * Findings in print order: by displayed file, line, column, then rule (plain code-unit order, so the output
 * does not depend on the locale). Returns a new array paired with each finding's displayed file.
 */
export function sortFindings(
  findings: readonly Finding[],
  displayPath: (file: string) => string,
): Array<{ finding: Finding; file: string }> {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return findings
    .map((finding) => ({ finding, file: displayPath(finding.file) }))
    .sort(
      (a, b) =>
        cmp(a.file, b.file) ||
        a.finding.line - b.finding.line ||
        a.finding.column - b.finding.column ||
        cmp(a.finding.rule, b.finding.rule),
    );
}
