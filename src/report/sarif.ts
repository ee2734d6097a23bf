// `--format sarif`: a SARIF 2.1.0 log with one run, for GitHub code scanning and other SARIF viewers.
//
// Checked in the tests with the OASIS schema and with Microsoft's SARIF validator under GitHub's and GitHub-on-Azure
// DevOps' rules (`Sarif;Gh;Ado`): every rule of the registry with its names, descriptions, help page (text and
// Markdown), helpUri and default level; `automationDetails` (GitHub's category); an invocation; URIs relative to the
// repository root through the SRCROOT base; and a partial fingerprint per result, so an alert keeps its identity
// across uploads even when lines move (a discrepancy's own fingerprint; else a hash of rule, file and path).

import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { isAccepted } from '../catalog/decisions.js';
import type { Finding, Severity } from '../catalog/types.js';
import type { RuleInfo } from '../rules/types.js';
import { ruleChecks, ruleName, rulePage, rulePageText } from './rule-page.js';
import { sortFindings, type ReportContext } from './types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The uriBaseId every result's location is relative to: the repository root. */
export const SRCROOT = 'SRCROOT';

/** The partialFingerprints key; its version changes if the way the hash is made ever does. */
export const FINGERPRINT_KEY = 'tongbiaoFinding/v1';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * A relative path as a URI reference (RFC 3986): each segment percent-encoded, so spaces, `%`, `#`, `?`, `:`
 * and non-ASCII names (湖北省/…) survive; `/` stays the separator.
 */
export function pathToUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** The finding's stable identity for code scanning: what it is about, never where it happens to be. */
export function findingFingerprint(finding: Finding, repoPath: string): string {
  if (finding.fingerprint !== undefined) return finding.fingerprint;
  return createHash('sha256').update(`${finding.rule}\0${repoPath}\0${finding.path}`).digest('hex').slice(0, 32);
}

function ruleDescriptor(rule: RuleInfo, ctx: ReportContext) {
  const { lang } = ctx;
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.description[lang] },
    fullDescription: { text: ruleChecks(rule, lang) },
    help: { text: rulePageText(rule, lang), markdown: rulePage(rule, lang) },
    ...(ctx.docsUrl === undefined ? {} : { helpUri: `${ctx.docsUrl}${encodeURIComponent(rule.id)}.md` }),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: [rule.id.startsWith('level-') ? 'cross-level' : 'catalog'] },
  };
}

export function renderSarif(findings: readonly Finding[], ctx: ReportContext): string {
  const sorted = sortFindings(findings, ctx.displayPath);
  const seen = new Set(sorted.map(({ finding }) => finding.rule));
  // Every rule of the registry; any other rule a finding names (none today) is listed after them by its ID.
  const known = ctx.rules ?? [];
  const rules: RuleInfo[] = [
    ...known,
    ...[...seen]
      .filter((id) => !known.some((r) => r.id === id))
      .sort()
      .map((id) => ({ id, severity: 'warning' as const, description: { zh: id, en: id } })),
  ];
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  const repoPath = ctx.repoPath ?? ctx.displayPath;

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tongbiao',
            fullName: 'tongbiao (同标) service item catalog validator',
            version: ctx.toolVersion,
            semanticVersion: ctx.toolVersion,
            ...(ctx.informationUri === undefined ? {} : { informationUri: ctx.informationUri }),
            rules: rules.map((rule) => ruleDescriptor(rule, ctx)),
          },
        },
        // GitHub keeps the alerts of each category apart: one category for every validate run.
        automationDetails: { id: 'tongbiao/validate/' },
        invocations: [{ executionSuccessful: true }],
        ...(ctx.repoRoot === undefined
          ? {}
          : { originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(ctx.repoRoot.endsWith('/') ? ctx.repoRoot : ctx.repoRoot + '/').href } } }),
        // Finding columns are JavaScript string offsets, as the yaml package counts them.
        columnKind: 'utf16CodeUnits',
        results: sorted.map(({ finding }) => {
          const path = repoPath(finding.file);
          return {
            ruleId: finding.rule,
            ruleIndex: ruleIndex.get(finding.rule),
            level: LEVEL[finding.severity],
            message: { text: finding.message[ctx.lang] },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: pathToUri(path), ...(ctx.repoRoot === undefined ? {} : { uriBaseId: SRCROOT }) },
                  region: { startLine: finding.line, startColumn: finding.column },
                },
              },
            ],
            partialFingerprints: { [FINGERPRINT_KEY]: findingFingerprint(finding, path) },
            // A current accepted decision (decisions.yaml) suppresses the result where it is kept: in git.
            ...(isAccepted(finding) ? { suppressions: [{ kind: 'external', status: 'accepted', justification: finding.decision!.reason ?? '' }] } : {}),
            properties: {
              path: finding.path,
              region: finding.region,
              ...(finding.catalogCode === undefined ? {} : { catalogCode: finding.catalogCode }),
              ...(finding.key === undefined ? {} : { key: finding.key }),
            },
          };
        }),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
