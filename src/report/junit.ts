// `--format junit`: JUnit XML for CI test reports (Jenkins, GitLab, Azure, test-reporter actions).
//
// One <testsuite name="tongbiao validate"> whose tests are the files checked. Each file with findings is a
// <testcase classname="file" name="file" file="file">; a file without findings passes and is only counted
// (in `tests`). A finding that reaches the failing severity (ctx.failOn, default error — the same threshold as
// the exit status) is one <failure type="rule" message="message">, its body the full text line; the
// findings below it (warnings, infos by default) are listed in the testcase's <system-out> and do not fail
// it. `failures` counts the files with at least one failure.

import type { Finding } from '../catalog/types.js';
import { reaches, sortFindings, type ReportContext } from './types.js';

// Characters XML 1.0 does not allow at all (§2.2): C0 controls but tab, LF and CR; lone surrogates; U+FFFE/U+FFFF.
const ILLEGAL = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: drop illegal characters, escape markup (& < > and, harmlessly, quotes). */
export function escapeXmlText(text: string): string {
  return text
    .replace(ILLEGAL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An attribute value: as text, plus tab and line breaks as character references so parsers keep them. */
export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function line(file: string, f: Finding, message: string): string {
  return `${file}:${f.line}:${f.column}: ${f.severity} ${f.rule}: ${message}`;
}

export function renderJunit(findings: readonly Finding[], ctx: ReportContext): string {
  const failOn = ctx.failOn ?? 'error';
  const byFile = new Map<string, Finding[]>();
  for (const { finding, file } of sortFindings(findings, ctx.displayPath)) {
    const list = byFile.get(file);
    if (list) list.push(finding);
    else byFile.set(file, [finding]);
  }

  let failures = 0;
  const cases: string[] = [];
  for (const [file, list] of byFile) {
    const attr = escapeXmlAttr(file);
    const body: string[] = [];
    const output: string[] = [];
    for (const f of list) {
      const message = f.message[ctx.lang];
      if (reaches(f.severity, failOn)) {
        body.push(
          `      <failure type="${escapeXmlAttr(f.rule)}" message="${escapeXmlAttr(message)}">` +
            `${escapeXmlText(line(file, f, message))}</failure>`,
        );
      } else {
        output.push(line(file, f, message));
      }
    }
    if (body.length > 0) failures++;
    if (output.length > 0) body.push(`      <system-out>${escapeXmlText(output.join('\n'))}</system-out>`);
    cases.push(`    <testcase classname="${attr}" name="${attr}" file="${attr}">\n${body.join('\n')}\n    </testcase>`);
  }

  const tests = Math.max(ctx.summary.files, byFile.size);
  const counts = `tests="${tests}" failures="${failures}" errors="0" skipped="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="tongbiao" ${counts}>`,
    `  <testsuite name="tongbiao validate" ${counts}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
