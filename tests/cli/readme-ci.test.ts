// The README's CI recipes, run as written on a temporary repository: a merge request / pull request branch that
// breaks one item, an `origin` holding the target branch, and `tongbiao` on PATH where the recipe installs it.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { catalogCodeFor, itemData, itemPath, makeGitCatalog, smallCatalog, SMALL_REGIONS, type TempGitCatalog } from '../helpers/git-repo.js';
import { gitlabView, sarifSchemaErrors, xmllintJunit } from '../report/validators.js';
import { parseXml } from '../report/xml.js';

const PROJECT = join(import.meta.dirname, '..', '..');
const README = readFileSync(join(PROJECT, 'README.md'), 'utf8');
const county = SMALL_REGIONS[2]!;
const code = catalogCodeFor(1);

/** The YAML code block of the README that starts with `start`. */
function recipe(start: string): Record<string, unknown> {
  const block = [...README.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.startsWith(start));
  if (!block) throw new Error(`no README yaml block starting with ${start}`);
  return parse(block) as Record<string, unknown>;
}

let repo: TempGitCatalog;
let bin: string;
beforeAll(() => {
  repo = makeGitCatalog({ files: smallCatalog(2), commit: 'catalog' });
  const origin = mkdtempSync(join(tmpdir(), 'tongbiao-origin-'));
  execFileSync('git', ['clone', '-q', '--bare', repo.top, origin]);
  repo.git('remote', 'add', 'origin', origin);
  repo.git('checkout', '-q', '-b', 'change');
  const item = itemData({ catalogCode: code, region: county.code, level: county.level });
  repo.write(itemPath(county, code), stringify({ ...item, promisedLimit: { days: 400, unit: '工作日' } }));
  repo.commit('longer limit');
  bin = mkdtempSync(join(tmpdir(), 'tongbiao-bin-'));
  writeFileSync(join(bin, 'tongbiao'), `#!/bin/sh\nexec "${process.execPath}" "${join(PROJECT, 'bin', 'tongbiao.js')}" "$@"\n`);
  chmodSync(join(bin, 'tongbiao'), 0o755);
});
afterAll(() => {
  repo.cleanup();
  rmSync(bin, { recursive: true, force: true });
});

/** Run a recipe's commands one by one, as a CI runner does, stopping at the first failure; the install is PATH. */
function runScript(lines: string[], env: NodeJS.ProcessEnv) {
  const script = ['set -e', ...lines.filter((l) => !l.startsWith('npm install --global'))].join('\n');
  return spawnSync('bash', ['-c', script], { cwd: repo.top, encoding: 'utf8', env: { ...process.env, CI: 'true', TONGBIAO_CACHE: 'off', PATH: `${bin}:${process.env.PATH}`, ...env } });
}

describe('the README CI recipes, run as written', () => {
  it('GitLab: fails the job, prints the text report and leaves a JUnit file in which GitLab sees the finding', () => {
    const job = recipe('validate-catalog:')['validate-catalog'] as { script: string[]; artifacts: { reports: { junit: string } } };
    const run = runScript(job.script, { CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main' });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/items\/002000001000\.yaml:\d+:\d+: error time-limit: /);
    const xml = readFileSync(join(repo.top, job.artifacts.reports.junit), 'utf8');
    expect(xmllintJunit(xml).valid).toBe(true);
    // the limit is over the statutory one (time-limit) and looser than the city's (level-looser)
    expect(gitlabView(parseXml(xml)).filter((c) => c.failed).map((c) => c.name.split(' @ ')[0]).sort()).toEqual(['level-looser', 'time-limit']);
  });

  it('GitHub Actions: annotates the line, writes the SARIF the upload step sends', () => {
    const workflow = recipe('name: catalog') as { jobs: { validate: { steps: Array<{ run?: string; uses?: string; with?: { sarif_file?: string } }> } } };
    const steps = workflow.jobs.validate.steps;
    const run = runScript(steps.filter((s) => s.run).map((s) => s.run!), { GITHUB_BASE_REF: 'main' });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^::error file=\d{6}\/.*002000001000\.yaml,line=\d+,col=\d+,title=time-limit::/m);
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    const sarif = join(repo.top, upload.with!.sarif_file!);
    expect(existsSync(sarif)).toBe(true);
    const log = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual(['level-looser', 'time-limit']);
  });
});
