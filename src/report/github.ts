// `--format github`: GitHub Actions workflow commands, one per finding, which the runner turns into annotations:
// `::error file=…,line=…,col=…,title=rule::message` (`::warning`, `::notice` for warning, info).

import type { Finding, Severity } from '../catalog/types.js';
import { sortFindings, type ReportContext } from './types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escape a command's message, as the runner's toolkit does (`escapeData`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a command property's value (`escapeProperty`): as data, plus `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function renderGithub(findings: readonly Finding[], ctx: ReportContext): string {
  return sortFindings(findings, ctx.displayPath)
    .map(({ finding, file }) => {
      const props = [
        `file=${escapeProperty(file)}`,
        `line=${finding.line}`,
        `col=${finding.column}`,
        `title=${escapeProperty(finding.rule)}`,
      ].join(',');
      return `::${COMMAND[finding.severity]} ${props}::${escapeData(finding.message[ctx.lang])}\n`;
    })
    .join('');
}
