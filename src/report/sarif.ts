// `--format sarif`: a SARIF 2.1.0 log with one run, for GitHub code scanning and other SARIF viewers.

import { isAccepted } from '../catalog/decisions.js';
import type { Finding, Severity } from '../catalog/types.js';
import { sortFindings, type ReportContext } from './types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * A relative path as a URI reference (RFC 3986): each segment percent-encoded, so spaces, `%`, `#`, `?`, `:`
 * and non-ASCII names (湖北省/…) survive; `/` stays the separator.
 */
export function pathToUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function renderSarif(findings: readonly Finding[], ctx: ReportContext): string {
  const sorted = sortFindings(findings, ctx.displayPath);
  const ruleIds = [...new Set(sorted.map(({ finding }) => finding.rule))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tongbiao',
            version: ctx.toolVersion,
            ...(ctx.informationUri === undefined ? {} : { informationUri: ctx.informationUri }),
            rules: ruleIds.map((id) => ({
              id,
              shortDescription: { text: ctx.describeRule?.(id)?.[ctx.lang] ?? id },
            })),
          },
        },
        // Finding columns are JavaScript string offsets, as the yaml package counts them.
        columnKind: 'utf16CodeUnits',
        results: sorted.map(({ finding, file }) => ({
          ruleId: finding.rule,
          ruleIndex: ruleIndex.get(finding.rule),
          level: LEVEL[finding.severity],
          message: { text: finding.message[ctx.lang] },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: pathToUri(file) },
                region: { startLine: finding.line, startColumn: finding.column },
              },
            },
          ],
          // A current accepted decision (decisions.yaml) suppresses the result where it is kept: in git.
          ...(isAccepted(finding) ? { suppressions: [{ kind: 'external', status: 'accepted', justification: finding.decision!.reason ?? '' }] } : {}),
          properties: {
            path: finding.path,
            region: finding.region,
            ...(finding.catalogCode === undefined ? {} : { catalogCode: finding.catalogCode }),
          },
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
