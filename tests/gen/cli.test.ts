// `tongbiao gen` as a process (the built CLI, with worker threads), and the real `tongbiao validate` over
// what it wrote: only the intended findings. `npm test` builds first.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { ERROR_KINDS, generateCatalog, type GenerateResult } from '../../src/gen/index.js';
import { removeTempDirs, tempDir } from './helpers.js';
import { readTree } from '../helpers/files.js';

const BIN = join(PACKAGE_ROOT, 'bin', 'tongbiao.js');
const SHAPE = ['--cities', '2', '--counties-per-city', '2', '--items', '200', '--seed', 's1'];

function cli(args: string[], cwd = PACKAGE_ROOT) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, CI: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface Finding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  file: string;
  region: string;
  catalogCode?: string;
  path: string;
}

let dir: string;
let library: GenerateResult;
let findings: Finding[];
let summary: { files: number; errors: number; warnings: number; infos: number };

beforeAll(() => {
  for (const file of ['dist/src/cli/commands/gen.js', 'dist/src/gen/worker.js']) {
    if (!existsSync(join(PACKAGE_ROOT, file))) throw new Error('the CLI is not built: run `npm run build` (npm test does)');
  }
  dir = tempDir('cli');
  const gen = cli(['gen', dir, ...SHAPE, '--workers', '2', '--format', 'json']);
  expect(gen.code, gen.stderr).toBe(0);
  expect(gen.stderr).toBe(''); // no progress without a terminal
  expect(JSON.parse(gen.stdout)).toMatchObject({ workers: 2, regions: 11, baselineItems: 200 });
  library = generateCatalog(tempDir('lib'), { cities: 2, countiesPerCity: 2, items: 200, seed: 's1' });
  const validate = cli(['validate', '.', '--format', 'json'], dir);
  expect(validate.code, validate.stderr).toBe(1);
  ({ findings, summary } = JSON.parse(validate.stdout));
}, 180_000);
afterAll(removeTempDirs);

describe('tongbiao gen', () => {
  it('writes with worker threads exactly what the library writes in one thread', () => {
    const viaCli = readTree(dir);
    const inProcess = readTree(library.dir);
    expect([...viaCli.keys()]).toEqual([...inProcess.keys()]);
    for (const [path, text] of inProcess) expect(viaCli.get(path), path).toBe(text);
  });

  it('refuses a non-empty folder and bad options with exit 2', () => {
    const again = cli(['gen', dir, ...SHAPE]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty.*--force/);
    expect(cli(['gen', tempDir(), '--items', 'many']).stderr).toMatch(/--items must be a whole number/);
    expect(cli(['gen']).code).toBe(2);
    expect(cli(['gen', tempDir(), '--cities', '500']).code).toBe(2);
    const help = cli(['gen', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: tongbiao gen <DIR>/);
  });

  it('--git commits everything in one commit; --force regenerates into it', () => {
    const repo = tempDir('cli-git');
    writeFileSync(join(repo, 'README'), 'x');
    expect(cli(['gen', repo, '--cities', '1', '--counties-per-city', '1', '--items', '20', '--git']).code).toBe(2);
    const gen = cli(['gen', repo, '--cities', '1', '--counties-per-city', '1', '--items', '20', '--git', '--force']);
    expect(gen.code, gen.stderr).toBe(0);
    expect(gen.stdout).toMatch(/git 提交 [0-9a-f]{40}/);
    const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' }).stdout.trim();
    expect(git('rev-list', '--count', 'HEAD')).toBe('1');
    expect(git('status', '--porcelain')).toBe('');
    expect(git('ls-files')).toContain('README'); // `git add -A` inside the folder takes what was there
  });
});

describe('tongbiao validate over a generated catalog', () => {
  const countBy = (list: Finding[]) => {
    const out: Record<string, number> = {};
    for (const f of list) out[f.rule] = (out[f.rule] ?? 0) + 1;
    return out;
  };

  it('finds only the rules the generator means to trigger', () => {
    const intended = new Set([
      'level-tightened', 'level-review', 'level-looser', 'level-missing', 'level-local', 'level-cancelled', 'level-suspended',
      ...Object.values(ERROR_KINDS).flat(),
    ]);
    const byRule = countBy(findings);
    expect(Object.keys(byRule).filter((rule) => !intended.has(rule))).toEqual([]);
    // Every kind of discrepancy and error shows up.
    for (const rule of ['level-tightened', 'level-review', 'level-looser', 'level-missing', 'level-local', 'credit-code', 'time-limit', 'schema', 'code-type', 'level-locked']) {
      expect(byRule[rule], rule).toBeGreaterThan(0);
    }
    expect(byRule['level-missing']).toBe(library.unclaimed);
  });

  it('has a small share of errors, each in a file where one was injected', () => {
    const items = summary.files - library.regions;
    expect(summary.errors / items).toBeLessThan(0.02);
    expect(summary.warnings / items).toBeLessThan(0.08);
    const injected = new Map<string, string[]>();
    for (const i of library.injections) injected.set(i.file, [...(injected.get(i.file) ?? []), ...i.rules]);
    for (const f of findings.filter((x) => x.severity === 'error')) {
      expect(injected.get(f.file)?.includes(f.rule), `${f.rule} in ${f.file}`).toBe(true);
    }
  });

  it('reports every injected error and discrepancy on its file', () => {
    const found = new Set(findings.map((f) => `${f.file} ${f.rule}`));
    const missed = library.injections.flatMap((i) => i.rules.filter((rule) => !found.has(`${i.file} ${rule}`)).map((rule) => `${i.kind}: ${rule} in ${i.file}`));
    expect(missed).toEqual([]);
    expect(Object.keys(library.errors).sort()).toEqual(Object.keys(ERROR_KINDS).sort());
  });
});
