// validate as CI systems consume it, checked with their own validators: SARIF (Microsoft's validator with GitHub's
// rules, and the OASIS schema), JUnit (xmllint with Jenkins' junit-10.xsd, and read as GitLab reads it), several
// reports from one run, --output-file, and a file from standard input.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { catalogCodeFor, itemData, itemPath, makeGitCatalog, smallCatalog, SMALL_REGIONS, type TempGitCatalog } from '../helpers/git-repo.js';
import { gitlabView, sarifMultitool, sarifSchemaErrors, xmllintJunit } from '../report/validators.js';
import { parseXml } from '../report/xml.js';

const PROJECT = join(import.meta.dirname, '..', '..');
const [province, , county] = SMALL_REGIONS as [typeof SMALL_REGIONS[0], typeof SMALL_REGIONS[0], typeof SMALL_REGIONS[0]];

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'tongbiao-ci-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface JsonReport {
  findings: Array<{ rule: string; severity: string; file: string; line: number; column: number; message: string }>;
}

/** One run writing json to stdout and sarif and junit to files; checks all three against each other and their validators. */
function checkRun(args: string[], cwd: string, name: string) {
  const sarifFile = join(out, `${name}.sarif`);
  const junitFile = join(out, `${name}.xml`);
  const run = runCli(['validate', ...args, '--format', 'json', '--format', `sarif=${sarifFile}`, '--format', `junit=${junitFile}`], { cwd });
  expect(run.stderr).toBe('');
  const json = JSON.parse(run.stdout) as JsonReport;
  const sarifText = readFileSync(sarifFile, 'utf8');
  const sarif = JSON.parse(sarifText);
  expect(sarifSchemaErrors(sarif)).toEqual([]);
  const report = sarifMultitool(sarifText);
  expect(report.errors, report.output).toEqual([]);
  const junit = readFileSync(junitFile, 'utf8');
  const lint = xmllintJunit(junit);
  expect(lint.valid, lint.output).toBe(true);
  return { run, json, sarif, junit: parseXml(junit) };
}

describe('validate for CI on the demo catalog', () => {
  it('gives SARIF and JUnit that their validators accept, from a subfolder, with URIs relative to the repository root', () => {
    const { run, json, sarif, junit } = checkRun(['..'], join(PROJECT, 'catalog-yaml', '420000'), 'demo');
    expect(run.code).toBe(0);
    const results = sarif.runs[0].results as Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }> }>;
    expect(results.length).toBe(json.findings.length);
    for (const r of results) {
      expect(r.locations[0]!.physicalLocation.artifactLocation.uriBaseId).toBe('SRCROOT');
      expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/^catalog-yaml\//);
    }
    expect(sarif.runs[0].originalUriBaseIds.SRCROOT.uri).toMatch(/^file:\/\/\/.*\/$/);
    // one test case per finding, plus one per clean file; the json file paths are relative to the cwd (../…)
    const view = gitlabView(junit);
    expect(view.filter((c) => / @ \d+:\d+$/.test(c.name)).length).toBe(json.findings.length);
    // (a v1 catalog's format-version info is on tongbiao.yaml, a stray-file warning on a file that is no part of the
    // catalog: neither is one of the files checked)
    const clean = json.summary.files - new Set(json.findings.filter((f) => f.rule !== 'format-version' && f.rule !== 'stray-file').map((f) => f.file)).size;
    expect(clean).toBeGreaterThan(0);
    expect(view.filter((c) => c.name === 'tongbiao validate').length).toBe(clean);
    expect(json.findings.some((f) => !f.file.startsWith('catalog-yaml/'))).toBe(true); // json's paths are the cwd's
  });
});

describe('validate for CI on a broken catalog', () => {
  let repo: TempGitCatalog;
  beforeAll(() => {
    repo = makeGitCatalog({ prefix: 'catalog', files: smallCatalog(3) });
    const code = catalogCodeFor(1);
    const item = itemData({ catalogCode: code, region: county.code, level: county.level });
    repo.write(itemPath(county, code), stringify({ ...item, promisedLimit: { days: 90, unit: '工作日' }, consultPhone: '123', visits: 2 }).replace('visitsReason', 'visitsReasonTypo'));
    repo.write(itemPath(county, catalogCodeFor(2)), 'name: [unclosed\n');
    repo.write(`${province.dir}/notes.txt`, 'stray\n');
    repo.write(`${county.dir}/items/${catalogCodeFor(3)}.yaml`, 'catalogCode: TODO\n');
  });
  afterAll(() => repo.cleanup());

  it('gives valid SARIF and JUnit, and a GitLab-style reader sees every error and warning', () => {
    const { run, json, sarif, junit } = checkRun([], repo.catalog, 'broken');
    expect(run.code).toBe(1);
    const failing = json.findings.filter((f) => f.severity !== 'info');
    expect(new Set(failing.map((f) => f.rule)).size).toBeGreaterThanOrEqual(5);
    expect(failing.some((f) => f.severity === 'warning' && f.rule === 'stray-file')).toBe(true);
    const seen = gitlabView(junit).filter((c) => c.failed);
    expect(seen).toHaveLength(failing.length);
    for (const f of failing) {
      expect(seen.some((c) => c.name === `${f.rule} @ ${f.line}:${f.column}` && c.message!.endsWith(`${f.severity} ${f.rule}: ${f.message}`)), `${f.rule} ${f.file}`).toBe(true);
    }
    expect(sarif.runs[0].results.length).toBe(json.findings.length);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^catalog\//);
    expect(new Set(sarif.runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => Object.values(r.partialFingerprints)[0])).size).toBe(json.findings.length);
  });

  it('writes the one format to --output-file, prints text beside a file, and keeps the exit status', () => {
    const file = join(out, 'nested', 'report.xml');
    const run = runCli(['validate', '--format', 'junit', '--output-file', file], { cwd: repo.catalog });
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: '' });
    expect(xmllintJunit(readFileSync(file, 'utf8')).valid).toBe(true);
    const both = runCli(['validate', '--format', 'text', '--format', `sarif=${join(out, 'x.sarif')}`], { cwd: repo.catalog });
    expect(both.code).toBe(1);
    expect(both.stdout).toMatch(/检查了 \d+ 个文件/);
    expect(both.stdout).not.toContain('\x1b');
    expect(JSON.parse(readFileSync(join(out, 'x.sarif'), 'utf8')).version).toBe('2.1.0');
    const o = runCli(['validate', '-o', join(out, 'y.txt'), '--lang', 'en'], { cwd: repo.catalog });
    expect(o).toMatchObject({ code: 1, stdout: '' });
    expect(readFileSync(join(out, 'y.txt'), 'utf8')).toMatch(/files checked: /);
  });

  it('refuses outputs it cannot honour with one line and exit 2', () => {
    writeFileSync(join(out, 'a-file'), 'x');
    const bad: Array<[string[], RegExp]> = [
      [['--format', 'json', '--format', 'sarif'], /only one format can go to standard output/],
      [['--format', 'xml'], /--format must be one of text, json, github, sarif, junit/],
      [['--format', 'sarif='], /needs a file name/],
      [['--format', 'sarif=a', '--format', 'junit=a'], /same file/],
      [['--format', 'sarif=a', '--output-file', 'b'], /--output-file takes the one --format without =FILE/],
      [['--format', `sarif=${join(out, 'a-file', 'x.sarif')}`], /^tongbiao: cannot write .*a-file\/x\.sarif: /],
    ];
    for (const [args, message] of bad) {
      const run = runCli(['validate', ...args], { cwd: repo.catalog });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('checks a file from standard input as if it were at --stdin-filename, with its cross-level context', () => {
    const path = `catalog/${county.dir}/items/${catalogCodeFor(1)}.yaml`;
    const good = stringify(itemData({ catalogCode: catalogCodeFor(1), region: county.code, level: county.level }));
    const clean = runCli(['validate', '--stdin-filename', path, '--format', 'json'], { cwd: repo.top, input: good });
    expect(clean.stderr).toBe('');
    expect(JSON.parse(clean.stdout)).toMatchObject({ findings: [], summary: { files: 1 } });
    expect(clean.code).toBe(0);
    const broken = runCli(['validate', '--stdin-filename', path, '--format', 'json', '--lang', 'en'], { cwd: repo.top, input: good.replace(/consultPhone: .*/, 'consultPhone: "123"') });
    const findings = (JSON.parse(broken.stdout) as JsonReport).findings;
    expect(findings.map((f) => [f.rule, f.file])).toEqual([['phone', path]]);
    expect(broken.code).toBe(0); // a warning
    // a new file that is not on disk yet, in a folder that is not either
    const fresh = `catalog/${county.dir}/items/${catalogCodeFor(7)}.yaml`;
    const created = runCli(['validate', '--stdin-filename', fresh, '--format', 'json'], { cwd: repo.top, input: 'name: x\n' });
    expect(created.code).toBe(1);
    expect((JSON.parse(created.stdout) as JsonReport).findings.every((f) => f.file === fresh)).toBe(true);
    const text = runCli(['validate', '--stdin-filename', path], { cwd: repo.top, input: 'name: [\n' });
    expect(text.stdout).toMatch(new RegExp(`^${path.replace(/[.]/g, '\\.')}:\\d+:\\d+: error yaml-syntax: `));
    expect(runCli(['validate', 'catalog', '--stdin-filename', path], { cwd: repo.top, input: '' }).code).toBe(2);
  });
});
