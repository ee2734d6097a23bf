// The third-party validators CI systems' own tools amount to, run for real: the OASIS SARIF schema under ajv,
// Microsoft's SARIF validator (the multitool from npm) with GitHub code scanning's rules, and xmllint with
// Jenkins' junit-10.xsd. Schemas are vendored in tests/fixtures/schemas/ (see its README for licences).
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import multitoolPath from '@microsoft/sarif-multitool';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { XmlElement } from './xml.js';

const SCHEMAS = join(import.meta.dirname, '..', 'fixtures', 'schemas');

let sarifValidate: ReturnType<InstanceType<typeof Ajv04>['compile']> | undefined;

/** Errors of the OASIS SARIF 2.1.0 schema (draft-04) for a log, as `instancePath message` lines. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!sarifValidate) {
    const ajv = new Ajv04({ allErrors: true, strict: false });
    addFormats.default(ajv);
    sarifValidate = ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, 'sarif-schema-2.1.0.json'), 'utf8')));
  }
  return sarifValidate(log) ? [] : (sarifValidate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

export interface MultitoolReport {
  /** each error and warning the validator reported, as `ruleId: text` */
  errors: string[];
  warnings: string[];
  /** the validator's console output, for failure messages */
  output: string;
}

/**
 * Microsoft's SARIF validator on a log, with the rule kinds given (`Sarif;Gh`: the SARIF spec's rules and those
 * GitHub code scanning requires). The npm package ships the self-contained linux-x64 binary; npm 11 does not run
 * its postinstall `chmod`, so it is made executable here when needed.
 */
export function sarifMultitool(sarif: string, ruleKinds = 'Sarif;Gh'): MultitoolReport {
  try {
    accessSync(multitoolPath, constants.X_OK);
  } catch {
    chmodSync(multitoolPath, statSync(multitoolPath).mode | 0o755);
  }
  const dir = mkdtempSync(join(tmpdir(), 'tongbiao-sarif-'));
  try {
    const input = join(dir, 'input.sarif');
    const output = join(dir, 'validation.sarif');
    writeFileSync(input, sarif);
    const run = spawnSync(multitoolPath, ['validate', '--rule-kind', ruleKinds, '--output', output, input], {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    });
    const text = `${run.stdout}${run.stderr}`;
    if (run.status !== 0) throw new Error(`the SARIF multitool failed (exit ${run.status}):\n${text}`);
    const log = JSON.parse(readFileSync(output, 'utf8')) as {
      runs: Array<{ results?: Array<{ ruleId: string; level?: string; message: { text?: string; id?: string; arguments?: string[] } }> }>;
    };
    const results = log.runs.flatMap((r) => r.results ?? []);
    const line = (r: (typeof results)[number]) => `${r.ruleId}: ${r.message.text ?? `${r.message.id} ${(r.message.arguments ?? []).join(' | ')}`}`;
    return {
      errors: results.filter((r) => r.level === 'error').map(line),
      // A result without a level is a warning (SARIF §3.27.10).
      warnings: results.filter((r) => r.level === undefined || r.level === 'warning').map(line),
      output: text,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** xmllint against Jenkins' junit-10.xsd: exit 0 and '… validates' when valid; its messages otherwise. */
export function xmllintJunit(xml: string): { valid: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tongbiao-junit-'));
  try {
    const file = join(dir, 'junit.xml');
    writeFileSync(file, xml);
    const run = spawnSync('xmllint', ['--noout', '--schema', join(SCHEMAS, 'junit-10.xsd'), file], { encoding: 'utf8' });
    if (run.error) throw run.error;
    return { valid: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What GitLab shows of a JUnit report: per test case its name, class and the first <failure> (or <error>) only. */
export function gitlabView(root: XmlElement): Array<{ name: string; classname: string; failed: boolean; message?: string }> {
  return root.children.flatMap((suite) =>
    suite.children.map((testcase) => {
      const failure = testcase.children.find((c) => c.name === 'failure' || c.name === 'error');
      return { name: testcase.attrs.name!, classname: testcase.attrs.classname!, failed: failure !== undefined, ...(failure ? { message: failure.text } : {}) };
    }),
  );
}
