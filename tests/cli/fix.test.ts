// `tongbiao fix` on a real repository holding the demo catalog: every locked and looser error it is asked to fix
// is gone afterwards, `git diff` shows only the intended values changed, and every comment is kept. A v1
// catalog (tests/fixtures/v1-demo) is refused: it is compared in its v2 reading, and fix writes v2.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readTree } from '../helpers/files.js';
import { makeGitCatalog, type TempGitCatalog } from '../helpers/git-repo.js';
import { runCli, validateJson } from '../helpers/cli.js';

const DEMO = join(import.meta.dirname, '..', '..', 'catalog-yaml');
const V1_DEMO = join(import.meta.dirname, '..', 'fixtures', 'v1-demo');
const ITEM = '420000/420100/420106/items/000100105000.yaml';

let repo: TempGitCatalog;
beforeEach(() => {
  repo = makeGitCatalog({ files: Object.fromEntries(readTree(DEMO)), commit: 'demo' });
});
afterEach(() => repo.cleanup());

const edit = (path: string, change: (text: string) => string) => {
  const file = join(repo.catalog, path);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
};
const errorsOf = (rules: string[]) => validateJson(['--catalog', repo.catalog]).output.findings.filter((f) => rules.includes(f.rule));
/** What the demo's regions accepted in their decisions.yaml: fix leaves it. */
const accepted = (f: { decision?: { decision: string; current: boolean } }) => f.decision?.decision === 'accepted' && f.decision.current;
const comments = (text: string) => text.split('\n').filter((line) => line.trimStart().startsWith('#'));

/** 武昌区 renames the item (locked), lengthens its promised limit (looser) and adds a required material (looser). */
function breakItem() {
  edit(ITEM, (text) => text
    .replace('name: 公共场所卫生许可', 'name: 公共场所卫生许可证核发 # 本区叫法')
    .replace('promisedLimit: { days: 5', 'promisedLimit: { days: 15')
    .replace('materials:\n', 'materials:\n  # 本区要求\n  - name: 营业执照\n    necessity: 必要\n    type: 复印件\n    format: 纸质\n    source: 申请人自备\n'));
  repo.commit('武昌区 diverges');
}

describe('tongbiao fix', () => {
  it('removes every locked and looser error, changing only those values and keeping every comment', () => {
    breakItem();
    const before = readFileSync(join(repo.catalog, ITEM), 'utf8');
    expect(errorsOf(['level-locked', 'level-looser']).map((f) => [f.rule, f.path])).toEqual(expect.arrayContaining([
      ['level-locked', '/name'], ['level-looser', '/promisedLimit'], ['level-looser', '/materials/0'],
    ]));
    const dry = runCli(['fix', '--catalog', repo.catalog, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('level-locked /name: 公共场所卫生许可证核发 → 公共场所卫生许可');
    expect(readFileSync(join(repo.catalog, ITEM), 'utf8')).toBe(before);

    const result = runCli(['fix', '--catalog', repo.catalog]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/fixed 3 discrepancies in 1 file/);
    // what is left is what the demo's regions accepted (大智街道's time limit, 仙桃市's name for 结婚登记)
    const left = errorsOf(['level-locked', 'level-looser']);
    expect(left.map((f) => [f.rule, f.region, accepted(f)])).toEqual([['level-looser', '420102001', true], ['level-locked', '429004', true]]);

    const after = readFileSync(join(repo.catalog, ITEM), 'utf8');
    // every comment stays: the name's trailing one with its line, the one above the list where it was
    expect(comments(after)).toEqual(comments(before));
    expect(after).toContain('name: 公共场所卫生许可 # 本区叫法');
    const diff = repo.git('diff', '--unified=0', '--', '.').split('\n').filter((l) => /^[-+][^-+]/.test(l));
    expect(diff).toEqual([
      '-name: 公共场所卫生许可证核发 # 本区叫法',
      '+name: 公共场所卫生许可 # 本区叫法',
      '-promisedLimit: { days: 15, unit: 工作日 }',
      '+promisedLimit: { days: 10, unit: 工作日 }',
      '-  - name: 营业执照',
      '-    necessity: 必要',
      '-    type: 复印件',
      '-    format: 纸质',
      '-    source: 申请人自备',
    ]);
  });

  it('--rule chooses what is fixed, and review discrepancies take the parent value', () => {
    breakItem();
    const result = runCli(['fix', '--catalog', repo.catalog, '--rule', 'level-review', '--format', 'json']);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.changes.length).toBeGreaterThan(0);
    expect(out.changes.every((c: { rule: string }) => c.rule === 'level-review')).toBe(true);
    expect(errorsOf(['level-review']).filter((f) => f.file.endsWith('420106/items/000100105000.yaml'))).toEqual([]);
    // the errors were not asked for and are still there
    expect(errorsOf(['level-locked']).filter((f) => !accepted(f)).map((f) => f.file)).toEqual([expect.stringMatching(/420106\/items\/000100105000\.yaml$/)]);
    expect(parse(readFileSync(join(repo.catalog, ITEM), 'utf8')).name).toBe('公共场所卫生许可证核发');
  });

  it('refuses a v1 catalog, writing nothing (exit 2)', () => {
    const v1 = makeGitCatalog({ files: Object.fromEntries(readTree(V1_DEMO)), commit: 'v1 demo' });
    try {
      const before = readTree(v1.catalog);
      const result = runCli(['fix', '--catalog', v1.catalog, '--rule', 'level-looser,level-review']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('run tongbiao migrate first');
      expect(readTree(v1.catalog)).toEqual(before);
    } finally {
      v1.cleanup();
    }
  });

  it('refuses a rule it cannot fix', () => {
    const result = runCli(['fix', '--catalog', repo.catalog, '--rule', 'level-tightened']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'level-tightened' cannot be fixed");
  });
});
