// `--format junit`: JUnit XML for CI test reports (Jenkins, GitLab, Azure, test-reporter actions), in the layout
// ESLint and most linters use, valid against Jenkins' junit-10.xsd (checked with xmllint in the tests).
//
// One <testsuite> per file (name and `file` the displayed path). Each finding is one <testcase> named
// `rule @ line:col` with the file as classname; an error or a warning fails it with exactly one <failure> (GitLab
// shows only the first failure of a test case, so one each means every finding is seen); an info passes, its
// text in <system-out>, so the test cases count the same findings as `--format json`. A finding that a current
// accepted decision covers counts as info here too, as it does for the exit status; with `--fail-on info` infos
// fail as well. Every clean file checked is one passing test case, so a clean run still lists what it checked.

import { exitSeverity } from '../catalog/decisions.js';
import type { Finding, Severity } from '../catalog/types.js';
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

/** The test case name of a clean file. */
export const CLEAN_CASE = 'tongbiao validate';

export function renderJunit(findings: readonly Finding[], ctx: ReportContext): string {
  // Errors and warnings fail; infos pass unless --fail-on info.
  const failAt: Severity = ctx.failOn === 'info' ? 'info' : 'warning';
  const byFile = new Map<string, Finding[]>();
  for (const file of ctx.files ?? []) byFile.set(ctx.displayPath(file), []);
  for (const { finding, file } of sortFindings(findings, ctx.displayPath)) {
    const list = byFile.get(file);
    if (list) list.push(finding);
    else byFile.set(file, [finding]);
  }
  const files = [...byFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const file of files) {
    const list = byFile.get(file)!;
    const attr = escapeXmlAttr(file);
    const cases: string[] = [];
    let failed = 0;
    for (const f of list) {
      const message = f.message[ctx.lang];
      const name = escapeXmlAttr(`${f.rule} @ ${f.line}:${f.column}`);
      const body = escapeXmlText(line(file, f, message));
      if (reaches(exitSeverity(f), failAt)) {
        failed++;
        cases.push(
          `    <testcase name="${name}" classname="${attr}" time="0">\n` +
            `      <failure type="${escapeXmlAttr(f.rule)}" message="${escapeXmlAttr(message)}">${body}</failure>\n` +
            '    </testcase>',
        );
      } else {
        cases.push(`    <testcase name="${name}" classname="${attr}" time="0">\n      <system-out>${body}</system-out>\n    </testcase>`);
      }
    }
    if (list.length === 0) cases.push(`    <testcase name="${CLEAN_CASE}" classname="${attr}" time="0"/>`);
    tests += cases.length;
    failures += failed;
    suites.push(
      `  <testsuite name="${attr}" file="${attr}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0" time="0">\n` +
        `${cases.join('\n')}\n  </testsuite>`,
    );
  }

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="tongbiao validate" tests="${tests}" failures="${failures}" errors="0" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
