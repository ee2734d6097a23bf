// `tongbiao migrate` through the built CLI, on copies of the v1 demo catalog and of a generated v1 catalog.
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { itemFromV1 } from '../../src/catalog/v1.js';
import { generateCatalog } from '../../src/gen/index.js';
import { runCli, validateJson } from '../helpers/cli.js';
import { readTree } from '../helpers/files.js';

const V1_DEMO = join(import.meta.dirname, '..', 'fixtures', 'v1-demo');

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function tempCatalog(fill: (catalog: string) => void): string {
  dir = mkdtempSync(join(tmpdir(), 'tongbiao-migrate-'));
  const catalog = join(dir, 'catalog');
  fill(catalog);
  return catalog;
}
const demoCopy = () => tempCatalog((catalog) => cpSync(V1_DEMO, catalog, { recursive: true }));

const commentLines = (text: string) => text.split('\n').filter((line) => line.includes('#'));
const isItem = (path: string) => /\/items\/[^/]+\.yaml$/.test(path);

/** Migrates `catalog` and checks everything `migrate` promises against the tree as it was. */
function migrateAndCheck(catalog: string) {
  const before = readTree(catalog);
  const check = runCli(['migrate', '--check', '--lang', 'en', '--catalog', catalog], { cwd: catalog });
  expect(check.stderr).toBe('');
  expect(check.code).toBe(1);
  expect(readTree(catalog)).toEqual(before);

  const run = runCli(['migrate', '--lang', 'en'], { cwd: catalog });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const after = readTree(catalog);
  // Same files; every comment line kept; every item now the in-memory v2 reading of its v1 text.
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [path, text] of before) {
    const now = after.get(path)!;
    expect(commentLines(now), path).toEqual(commentLines(text));
    if (isItem(path)) expect(parse(now), path).toEqual(itemFromV1(parse(text)));
  }
  expect(parse(after.get('tongbiao.yaml')!)).toMatchObject({ formatVersion: 2 });

  // One line per change (the --check run printed the same ones), then the summary.
  const lines = run.stdout.trimEnd().split('\n');
  const summary = lines.pop()!;
  expect(check.stdout.trimEnd().split('\n').slice(0, -1)).toEqual(lines);
  const changed = [...before].filter(([path, text]) => after.get(path) !== text).length;
  expect(summary).toBe(`Migrated to format v2: ${lines.length} change(s) in ${changed} file(s). Now run tongbiao validate.`);
  for (const line of lines) expect(line).toMatch(/^.+\.yaml:\d+:\d+: \/\S+(: .+ → .+| → \/\S+|: .+ \(added\))$/);

  // Idempotent: a second run finds nothing, and --check agrees.
  const again = runCli(['migrate', '--catalog', catalog, '--lang', 'en']);
  expect(again).toEqual({ code: 0, stdout: 'The catalog is in format v2 already; nothing to change.\n', stderr: '' });
  expect(runCli(['migrate', '--check', '--catalog', catalog]).code).toBe(0);
  expect(readTree(catalog)).toEqual(after);
  return { before, after, lines };
}

/**
 * Validates `catalog` (v1), migrates it, validates again: the same findings (file, rule, severity, path, message,
 * key and fingerprint), apart from format-version before and the v2-only requirements of spec §8 after.
 */
function expectSameFindings(catalog: string) {
  const findings = () => {
    const result = validateJson([], { cwd: catalog });
    expect(result.stderr).toBe('');
    return result.output.findings;
  };
  const before = findings();
  expect(before.filter((f) => f.rule === 'format-version')).toEqual([expect.objectContaining({ file: 'tongbiao.yaml', severity: 'info', path: '' })]);
  expect(runCli(['migrate'], { cwd: catalog }).code).toBe(0);
  const after = findings();
  // What v1 did not require; values the mapping leaves as written are schema errors only once written as v2.
  const V2_ONLY = new Set(['power-source', 'credit-code-kind', 'online-visits', 'zero-visit-delivery', 'cancel-date']);
  const same = (f: (typeof before)[number]) => `${f.file} ${f.rule} ${f.severity} ${f.path} ${f.message} ${f.key ?? ''} ${f.fingerprint ?? ''}`;
  expect(after.filter((f) => !V2_ONLY.has(f.rule)).map(same).sort()).toEqual(before.filter((f) => f.rule !== 'format-version').map(same).sort());
  expect(before.filter((f) => f.rule.startsWith('level-')).length).toBeGreaterThan(10);
  expect(after.filter((f) => V2_ONLY.has(f.rule)).length).toBeGreaterThan(0);
}

describe('tongbiao migrate', () => {
  it('migrates the v1 demo catalog: one line per change, comments kept, the in-memory mapping written, idempotent', () => {
    const catalog = demoCopy();
    const { lines, after } = migrateAndCheck(catalog);
    expect(lines).toContain('420000/429004/items/000100106000.yaml:49:16: /materials/4/necessity: 容缺 → 必要');
    expect(lines).toContain('420000/429004/items/000100106000.yaml:49:16: /materials/4/deferrable: true (added)');
    expect(lines).toContain('420000/429004/items/000100106000.yaml:50:11: /materials/4/form → /materials/4/type');
    expect(lines).toContain('420000/429004/items/000100106000.yaml:69:14: /onlineDepth: 2 → [互联网咨询, 互联网收件, 互联网预审]');
    expect(lines).toContain('tongbiao.yaml:3:16: /formatVersion: 1 → 2');
    expect(after.get('420000/429004/items/000100106000.yaml')).toContain('    necessity: 必要\n    deferrable: true\n    type: 复印件\n');
    expect(after.get('tongbiao.yaml')).toBe('# 同标（tongbiao）演示目录：湖北省部分地区的政务服务事项。\n# 各文件的格式遵循同标目录格式规范 v1（catalog format v1）。\nformatVersion: 2\n');
  });

  it('migrates a generated v1 catalog', () => {
    const catalog = tempCatalog((target) => generateCatalog(target, { cities: 1, countiesPerCity: 2, items: 20, seed: 'migrate', formatVersion: 1 }));
    const { lines } = migrateAndCheck(catalog);
    expect(lines.length).toBeGreaterThan(300);
  });

  it('gives a catalog that validates like the in-memory v1 reading, apart from the v2-only requirements of spec §8', () => {
    expectSameFindings(demoCopy());
  });

  it('gives a generated v1 catalog that validates like its in-memory v1 reading, apart from the v2-only requirements', () => {
    expectSameFindings(tempCatalog((target) => generateCatalog(target, { cities: 1, countiesPerCity: 2, items: 40, seed: 'equivalence', formatVersion: 1 })));
  });

  it("moves each region's decisions to the keys of the v2 reading, keeping their comments, current ones current", () => {
    const catalog = demoCopy();
    // Decisions as the code before the v2 reading wrote them: keys and fingerprints of the items as written.
    const entry = (comment: string, key: string, fingerprint: string) =>
      `# ${comment}\n- key: "420106/${key}"\n  fingerprint: "${fingerprint}"\n  decision: "accepted"\n  reason: 已核实\n  by: "wuchang"\n  at: "2026-12-01T10:00:00+08:00"\n`;
    const file = '420000/420100/420106/decisions.yaml';
    writeFileSync(join(catalog, file), [
      entry('gone: the conditions agree now', '000100101000#/conditions', '1111111111111111'),
      entry('通办范围: outdated (another fingerprint)', '000100101000#/handleArea', '0000000000000000'),
      entry('学历证书: 本区收原件', '000100104000#/materials/@学历证书/form', 'cf619dcc6eb4fce1'),
      entry('户口簿可容缺', '000500102000#/materials/@家庭成员居民户口簿', 'eea20615ba19741a'),
    ].join(''));
    const before = readTree(catalog).get(file)!;
    // Not migrated yet: validate reads the same decisions moved in memory (upgrading tongbiao drops none).
    const decided = () => validateJson([], { cwd: catalog }).output.findings.filter((f) => f.decision).map((f) => [f.key, f.decision!.current]).sort();
    const expected = [
      ['420106/000100101000#/handleArea', false],
      ['420106/000100104000#/materials/@学历证书/type', true],
      ['420106/000500102000#/materials/@家庭成员居民户口簿/deferrable', true],
    ];
    expect(decided()).toEqual(expected);
    const run = runCli(['migrate', '--lang', 'en'], { cwd: catalog });
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n').filter((line) => line.startsWith(file));
    expect(lines).toEqual([
      `${file}:16:8: /2/key: 420106/000100104000#/materials/@学历证书/form → 420106/000100104000#/materials/@学历证书/type`,
      `${file}:17:16: /2/fingerprint: cf619dcc6eb4fce1 → 3c97c3da8d617790`,
      `${file}:23:8: /3/key: 420106/000500102000#/materials/@家庭成员居民户口簿 → 420106/000500102000#/materials/@家庭成员居民户口簿/deferrable`,
      `${file}:24:16: /3/fingerprint: eea20615ba19741a → 6278eacdc78cb9ae`,
    ]);
    const after = readTree(catalog).get(file)!;
    const comments = (text: string) => text.split('\n').filter((line) => line.startsWith('#')).sort();
    expect(comments(after)).toEqual(comments(before));
    expect(comments(after)).toHaveLength(4);
    // each comment still right above its entry, entries sorted by key again
    expect(after).toContain('# 学历证书: 本区收原件\n- key: "420106/000100104000#/materials/@学历证书/type"\n');
    expect(after).toContain('# 户口簿可容缺\n- key: "420106/000500102000#/materials/@家庭成员居民户口簿/deferrable"\n');
    // validate finds the decisions on the discrepancies of the v2 reading: the current ones current
    expect(decided()).toEqual(expected);
    // and a second run changes nothing
    expect(runCli(['migrate', '--check'], { cwd: catalog }).code).toBe(0);
  });

  it('keeps a current decision on a v1 onlineDepth level current, in memory and after migrate', () => {
    const catalog = demoCopy();
    // 武昌区 offers less online than 武汉市 (v1 level 1 under 2): level-looser on the stages of the v2 reading.
    const itemFile = join(catalog, '420000/420100/420106/items/000100106000.yaml');
    writeFileSync(itemFile, readTree(catalog).get('420000/420100/420106/items/000100106000.yaml')!.replace('onlineDepth: 2\n', 'onlineDepth: 1\n'));
    const key = '420106/000100106000#/onlineDepth';
    const onDepth = () => validateJson([], { cwd: catalog }).output.findings.filter((f) => f.key === key);
    const [looser] = onDepth();
    expect(looser).toMatchObject({ rule: 'level-looser', path: '/onlineDepth' });
    const file = '420000/420100/420106/decisions.yaml';
    writeFileSync(join(catalog, file),
      `- key: "${key}"\n  fingerprint: "${looser!.fingerprint}"\n  decision: "accepted"\n  reason: 本区暂未接入网上预审系统\n  by: "wuchang"\n  at: "2026-12-01T10:00:00+08:00"\n`);
    const before = readTree(catalog).get(file);
    expect(onDepth().map((f) => f.decision?.current)).toEqual([true]);
    const run = runCli(['migrate', '--lang', 'en'], { cwd: catalog });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toContain(file);
    expect(readTree(catalog).get(file)).toBe(before);
    expect(onDepth()).toEqual([expect.objectContaining({ rule: 'level-looser', fingerprint: looser!.fingerprint, decision: expect.objectContaining({ current: true }) })]);
  });

  it('prints the changes as JSON with --format json', () => {
    const catalog = demoCopy();
    const result = runCli(['migrate', '--check', '--format', 'json', '--catalog', catalog], { cwd: catalog });
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout) as { changes: Array<Record<string, unknown>>; summary: Record<string, unknown> };
    expect(output.summary).toEqual({ files: 153, changes: output.changes.length, written: false });
    expect(output.changes).toContainEqual({
      file: '420000/429004/items/000100106000.yaml', line: 49, column: 16, path: '/materials/4/necessity', to: '/materials/4/deferrable', value: true,
    });
    expect(output.changes).toContainEqual({ file: 'tongbiao.yaml', line: 3, column: 16, path: '/formatVersion', to: '/formatVersion', old: 1, value: 2 });
    const written = JSON.parse(runCli(['migrate', '--format', 'json'], { cwd: catalog }).stdout) as typeof output;
    expect(written.summary).toEqual({ ...output.summary, written: true });
  });

  it('writes nothing when one file cannot be migrated, naming it with its line (exit 2)', () => {
    const catalog = demoCopy();
    writeFileSync(join(catalog, '420000/420100/items/000100101000.yaml'), 'catalogCode: "000100101000"\nname: [unclosed\n');
    const before = readTree(catalog);
    const result = runCli(['migrate', '--catalog', catalog, '--lang', 'en']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/000100101000\.yaml:\d+:\d+: YAML syntax error/);
    expect(result.stderr).toContain('nothing was written');
    expect(result.stdout).toBe('');
    expect(readTree(catalog)).toEqual(before);
  });

  it('never follows a linked item file', () => {
    const catalog = demoCopy();
    const outside = join(dir!, 'outside.yaml');
    const original = readTree(catalog).get('420000/items/000100101000.yaml')!;
    writeFileSync(outside, original);
    symlinkSync(outside, join(catalog, '420000/420100/items/000100110000.yaml'));
    expect(runCli(['migrate', '--catalog', catalog]).code).toBe(0);
    expect(readTree(dir!).get('outside.yaml')).toBe(original);
  });

  it('has --help, and refuses bad arguments and a folder that is not a catalog (exit 2)', () => {
    const help = runCli(['migrate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: tongbiao migrate [--check]');
    expect(runCli(['--help']).stdout).toContain('migrate');
    const catalog = demoCopy();
    expect(runCli(['migrate', '--format', 'sarif', '--catalog', catalog])).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be one of text, json') });
    expect(runCli(['migrate', 'extra', '--catalog', catalog])).toMatchObject({ code: 2, stderr: expect.stringContaining("unexpected argument 'extra'") });
    expect(runCli(['migrate', '--catalog', join(catalog, '420000')])).toMatchObject({ code: 2, stderr: expect.stringContaining('not a catalog') });
  });
});

