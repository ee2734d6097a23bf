// `--format text` (the default): `file:line:column: severity rule: message`, one a line in file order, each
// followed by its source frame when the context gives one, then a summary line in the context's language.

import type { Finding, Lang, Severity } from '../catalog/types.js';
import { style, type Paint, type Style } from './style.js';
import { sortFindings, type ReportContext, type Summary } from './types.js';

/**
 * One line of terminal-safe text: each run of line breaks (with the spaces around them) becomes one space, tabs a space,
 * other control characters, which could move the cursor or recolour the terminal, a visible `\xNN`, and
 * bidirectional overrides, which could reorder what is shown, a visible `\u202e`.
 */
export function oneLine(text: string): string {
  return text
    .replace(/(?:[ \t]*[\r\n\u2028\u2029])+[ \t]*/g, ' ')
    .replace(/\t/g, ' ')
    .replace(/[\x00-\x1f\x7f-\x9f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16)}`);
}

function severityPaint(s: Style): Record<Severity, Paint> {
  return { error: s.red, warning: s.yellow, info: s.blue };
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `检查了 1204 个文件：3 个错误，12 个警告，40 条提示` / `1204 files checked: 3 errors, 12 warnings, 40 infos`. */
export function summaryLine(summary: Summary, lang: Lang, color = false): string {
  const s = style(color);
  const paintIf = (n: number, paint: Paint) => (text: string) => (n > 0 ? paint(text) : text);
  const errors = paintIf(summary.errors, s.red);
  const warnings = paintIf(summary.warnings, s.yellow);
  const infos = paintIf(summary.infos, s.blue);
  if (lang === 'zh') {
    return (
      `检查了 ${summary.files} 个文件：` +
      `${errors(`${summary.errors} 个错误`)}，${warnings(`${summary.warnings} 个警告`)}，${infos(`${summary.infos} 条提示`)}` +
      (summary.accepted > 0 ? `（其中 ${summary.accepted} 条已被接受，不影响退出状态）` : '')
    );
  }
  return (
    `${count(summary.files, 'file', 'files')} checked: ` +
    `${errors(count(summary.errors, 'error', 'errors'))}, ` +
    `${warnings(count(summary.warnings, 'warning', 'warnings'))}, ` +
    `${infos(count(summary.infos, 'info', 'infos'))}` +
    (summary.accepted > 0 ? ` (${count(summary.accepted, 'finding', 'findings')} accepted, not failing)` : '')
  );
}

export function renderText(findings: readonly Finding[], ctx: ReportContext): string {
  const s = style(ctx.color);
  const paint = severityPaint(s);
  let out = '';
  for (const { finding, file } of sortFindings(findings, ctx.displayPath)) {
    out +=
      `${oneLine(file)}:${finding.line}:${finding.column}: ` +
      `${paint[finding.severity](finding.severity)} ${s.dim(oneLine(finding.rule))}: ` +
      `${oneLine(finding.message[ctx.lang])}${decisionNote(finding, ctx.lang)}\n`;
    const frame = ctx.codeFrame?.(finding);
    if (frame) out += `${frame.replace(/\n+$/, '')}\n\n`;
  }
  return `${out}${summaryLine(ctx.summary, ctx.lang, ctx.color)}\n`;
}

/** ` [已接受：理由]` after an accepted finding, ` [决定已过时]` after one whose decision is outdated. */
function decisionNote(finding: Finding, lang: Lang): string {
  const d = finding.decision;
  if (!d) return '';
  if (!d.current) return lang === 'zh' ? ` [${d.by} 的决定已过时]` : ` [decision by ${d.by} is outdated]`;
  const what = d.decision === 'accepted' ? (lang === 'zh' ? '已接受' : 'accepted') : lang === 'zh' ? '已要求修改' : 'fix requested';
  return ` [${what}${d.reason ? (lang === 'zh' ? `：${oneLine(d.reason)}` : `: ${oneLine(d.reason)}`) : ''}]`;
}
