// `--format json`: exactly the object of spec §4, keys in the spec's order, 2-space indent, final newline.

import type { Finding } from '../catalog/types.js';
import { sortFindings, type ReportContext } from './types.js';

export function renderJson(findings: readonly Finding[], ctx: ReportContext): string {
  const out = {
    findings: sortFindings(findings, ctx.displayPath).map(({ finding, file }) => ({
      rule: finding.rule,
      severity: finding.severity,
      file,
      line: finding.line,
      column: finding.column,
      path: finding.path,
      region: finding.region,
      ...(finding.catalogCode === undefined ? {} : { catalogCode: finding.catalogCode }),
      message: finding.message[ctx.lang],
      ...(finding.key === undefined ? {} : { key: finding.key, fingerprint: finding.fingerprint }),
      ...(finding.decision === undefined ? {} : { decision: finding.decision }),
    })),
    summary: {
      files: ctx.summary.files,
      errors: ctx.summary.errors,
      warnings: ctx.summary.warnings,
      infos: ctx.summary.infos,
    },
  };
  return JSON.stringify(out, null, 2) + '\n';
}
