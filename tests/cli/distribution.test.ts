// How catalog teams get tongbiao: the npm package (packed, installed in an empty folder and run from there, not
// from this source tree), the pre-commit hook and the composite GitHub Action, each run for real.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { catalogCodeFor, itemData, itemPath, makeGitCatalog, smallCatalog, SMALL_REGIONS, type TempGitCatalog } from '../helpers/git-repo.js';

const PROJECT = join(import.meta.dirname, '..', '..');
const county = SMALL_REGIONS[2]!;
const code = catalogCodeFor(1);

let repo: TempGitCatalog;
let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'tongbiao-dist-'));
  // main: a clean catalog; the branch: one item made wrong (promised limit over the statutory one)
  repo = makeGitCatalog({ prefix: 'catalog', files: smallCatalog(2), commit: 'catalog' });
  repo.git('checkout', '-q', '-b', 'change');
  const item = itemData({ catalogCode: code, region: county.code, level: county.level });
  repo.write(itemPath(county, code), stringify({ ...item, promisedLimit: { days: 400, unit: '工作日' } }));
  repo.commit('longer limit');
});
afterAll(() => {
  repo.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('packs, installs into an empty folder and runs from there', () => {
    // dist/ is built (npm test builds first), so the pack needs no prepare script.
    const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: PROJECT, encoding: 'utf8' }).trim().split('\n').at(-1)!;
    const tarball = join(work, packed);
    const listing = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(listing).toEqual(expect.arrayContaining(['package/bin/tongbiao.js', 'package/dist/src/cli/main.js', 'package/migrations/meta/_journal.json', 'package/docs/rules/time-limit.md']));
    expect(listing.some((f) => f.startsWith('package/tests/') || f.startsWith('package/catalog-yaml/') || f.startsWith('package/src/cli/'))).toBe(false);

    const app = join(work, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'catalog-ci', private: true }));
    // The registry is reachable; --prefer-offline takes what npm's cache already has (npm ci filled it).
    const install = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--omit=dev', tarball], { cwd: app, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    const bin = join(app, 'node_modules', '.bin', 'tongbiao');
    const run = (args: string[], cwd = repo.top) => spawnSync(bin, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1', TONGBIAO_CACHE: 'off' } });

    expect(run(['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')).version);
    const validate = run(['validate', 'catalog', '--format', 'json']);
    expect(validate.status, validate.stderr).toBe(1);
    expect(JSON.parse(validate.stdout).findings.map((f: { rule: string }) => f.rule)).toContain('time-limit');
    expect(run(['explain', 'time-limit', '--lang', 'en']).stdout).toContain('Failing example');
    const sync = run(['sync', 'catalog', '--db', join(work, 'x.db'), '--format', 'json']); // migrations are in the package
    expect(sync.status, sync.stderr).toBe(0);
    expect(JSON.parse(sync.stdout).items).toBeGreaterThan(0);
  }, 300_000);
});

describe('the pre-commit hook', () => {
  const hooks = parse(readFileSync(join(PROJECT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; files: string; pass_filenames: boolean; language: string }>;

  it('selects catalog files only', () => {
    const hook = hooks.find((h) => h.id === 'tongbiao-validate')!;
    expect(hook).toMatchObject({ language: 'node', pass_filenames: true });
    const files = new RegExp(hook.files);
    for (const path of ['catalog/tongbiao.yaml', 'tongbiao.yaml', '420000/region.yaml', 'c/420000/420100/items/002000101000.yaml', 'c/420000/decisions.yaml', '420000/items/a.yml']) {
      expect(files.test(path), path).toBe(true);
    }
    for (const path of ['README.md', '.github/workflows/ci.yml', '.pre-commit-config.yaml', 'docs/items.md']) expect(files.test(path), path).toBe(false);
  });

  it('runs as pre-commit runs it: entry + the staged files it selects, failing on the broken item', () => {
    const hook = hooks.find((h) => h.id === 'tongbiao-validate')!;
    const changed = repo.git('diff', '--name-only', 'main').split('\n').filter((f) => new RegExp(hook.files).test(f));
    expect(changed).toEqual([`catalog/${itemPath(county, code)}`]);
    const [command, ...args] = hook.entry.split(' ');
    expect(command).toBe('tongbiao');
    const run = spawnSync(process.execPath, [join(PROJECT, 'bin', 'tongbiao.js'), ...args, ...changed], { cwd: repo.top, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/items\/002000001000\.yaml:\d+:\d+: error time-limit: /);
  });
});

describe('the GitHub Action', () => {
  const action = parse(readFileSync(join(PROJECT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default: string }>;
    runs: { using: string; steps: Array<{ name: string; run?: string; uses?: string; if?: string; env?: Record<string, string>; with?: Record<string, string> }> };
  };

  it('is a composite action that validates and then uploads SARIF even when validation failed', () => {
    expect(action.runs.using).toBe('composite');
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.if).toMatch(/^always\(\)/);
    expect(upload.with).toMatchObject({ sarif_file: '${{ inputs.sarif-file }}' });
  });

  it('its validate step checks what the branch changed since the base, annotates it and writes SARIF', () => {
    const step = action.runs.steps.find((s) => s.name === 'Validate')!;
    const env = { ...process.env, CI: 'true', NO_COLOR: '1', TONGBIAO_CACHE: 'off', GITHUB_ACTION_PATH: PROJECT, GITHUB_BASE_REF: '' };
    const inputs: Record<string, string> = { catalog: 'catalog', base: 'main', 'fail-on': action.inputs['fail-on']!.default, lang: 'en', 'sarif-file': join(work, 'action.sarif') };
    for (const [name, value] of Object.entries(step.env!)) {
      const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(value)![1]!;
      env[name] = inputs[input] ?? action.inputs[input]!.default;
    }
    const run = spawnSync('bash', ['-c', step.run!], { cwd: repo.top, encoding: 'utf8', env });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^::error file=catalog/${itemPath(county, code).replace(/\./g, '\\.')},line=\\d+,col=\\d+,title=time-limit::`, 'm'));
    const sarif = JSON.parse(readFileSync(join(work, 'action.sarif'), 'utf8'));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('time-limit');
    expect(readdirSync(work)).toContain('action.sarif');
  });
});
