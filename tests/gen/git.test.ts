// `git: true` and commitEdits: one reproducible commit, then edit commits touching exactly n files.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitEdits, editItem, generateCatalog, GEN_AUTHOR, Random, type GenerateResult } from '../../src/gen/index.js';
import { removeTempDirs, tempDir } from './helpers.js';

const SHAPE = { cities: 1, countiesPerCity: 2, items: 60, seed: 'git' };
const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();

let dir: string;
let result: GenerateResult;

beforeAll(() => {
  dir = tempDir('git');
  result = generateCatalog(dir, { ...SHAPE, git: true });
});
afterAll(removeTempDirs);

describe('generateCatalog with git', () => {
  it('makes a repository with one commit holding every file, and a clean tree', () => {
    expect(git(dir, 'rev-list', '--count', 'HEAD')).toBe('1');
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(result.commit);
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(git(dir, 'ls-files').split('\n')).toHaveLength(result.files);
    expect(git(dir, 'config', 'gc.auto')).toBe('0');
    expect(git(dir, 'log', '-1', '--format=%an <%ae> %aI')).toBe(`${GEN_AUTHOR.name} <${GEN_AUTHOR.email}> 2025-01-01T08:00:00+08:00`);
    expect(result.gitSeconds).toBeGreaterThan(0);
  });

  it('is reproducible: the same seed gives the same commit id', () => {
    const again = tempDir('git');
    expect(generateCatalog(again, { ...SHAPE, git: true }).commit).toBe(result.commit);
  });
});

describe('commitEdits', () => {
  it('commits exactly n changed item files', () => {
    const before = git(dir, 'rev-parse', 'HEAD');
    const edit = commitEdits(dir, 10, 'edit-seed');
    expect(edit.files).toHaveLength(10);
    expect(new Set(edit.files).size).toBe(10);
    expect(git(dir, 'rev-parse', 'HEAD~1')).toBe(before);
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(edit.commit);
    const changed = git(dir, 'diff', '--name-status', 'HEAD~1', 'HEAD').split('\n');
    expect(changed).toEqual(edit.files.map((f) => `M\t${f}`));
    expect(git(dir, 'status', '--porcelain')).toBe('');
    for (const file of edit.files) {
      expect(file).toMatch(/\/items\/\d{12}\.yaml$/);
      expect(() => parse(readFileSync(join(dir, file), 'utf8'))).not.toThrow();
    }
    // The next edit commit comes an hour later and picks other files.
    const next = commitEdits(dir, 3, 'edit-seed');
    expect(next.files).toHaveLength(3);
    expect(git(dir, 'diff', '--name-only', 'HEAD~1', 'HEAD').split('\n')).toEqual(next.files);
    expect(git(dir, 'log', '-1', '--format=%aI')).toBe('2025-01-01T10:00:00+08:00');
  });

  it('is reproducible from the same repository state and seed', () => {
    const x = tempDir('git');
    const y = tempDir('git');
    generateCatalog(x, { ...SHAPE, git: true });
    generateCatalog(y, { ...SHAPE, git: true });
    expect(commitEdits(x, 5, 7)).toEqual(commitEdits(y, 5, 7));
  });

  it('refuses more files than the catalog has', () => {
    expect(() => commitEdits(dir, 1_000_000)).toThrow(/only/);
    expect(() => commitEdits(dir, 0)).toThrow(/positive/);
  });
});

describe('editItem', () => {
  const item = [
    'catalogCode: "000100001000"',
    'promisedLimit: { days: 5, unit: 工作日 }',
    'conditions: 申请人应当符合下列条件。',
    'steps:',
    '  - { name: 受理, days: 1 }',
    '  - { name: 审核, days: 3 }',
    '  - { name: 办结, days: 1 }',
    '',
  ].join('\n');

  it('shortens the promised limit keeping the steps within it, or adds to the conditions', () => {
    const seen = new Set<string>();
    const rng = new Random('edit');
    for (let i = 0; i < 40; i++) {
      const out = editItem(item, rng);
      expect(out).not.toBe(item);
      const data = parse(out) as { promisedLimit: { days: number }; steps: Array<{ days: number }>; conditions: string };
      const sum = data.steps.reduce((n, s) => n + s.days, 0);
      expect(sum).toBeLessThanOrEqual(data.promisedLimit.days);
      if (data.promisedLimit.days === 4) {
        seen.add('limit');
        expect(data.conditions).toBe('申请人应当符合下列条件。');
      } else {
        seen.add('conditions');
        expect(data.conditions.startsWith('申请人应当符合下列条件。')).toBe(true);
        expect(data.conditions.length).toBeGreaterThan(12);
      }
    }
    expect(seen).toEqual(new Set(['limit', 'conditions']));
  });
});
