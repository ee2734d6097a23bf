// validate reads each region's decisions.yaml (spec §4, §6): an accepted finding keeps its severity but no longer
// fails the run while its fingerprint is current; a changed value outdates the decision and the run fails again.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decisionsYaml } from '../../src/catalog/decisions.js';
import { runCli } from '../helpers/cli.js';
import { DEMO_ACCEPTED_ERRORS } from '../helpers/demo.js';
import { readTree } from '../helpers/files.js';
import { makeGitCatalog } from '../helpers/git-repo.js';

const DEMO = join(import.meta.dirname, '..', '..', 'catalog-yaml');
const COUNTY = '420000/420100/420106';
const ITEM = `${COUNTY}/items/000100105000.yaml`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tongbiao-decisions-'));
  cpSync(DEMO, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const setPromised = (days: number) => {
  const path = join(dir, ITEM);
  writeFileSync(path, readFileSync(path, 'utf8').replace(/promisedLimit: \{ days: \d+/, `promisedLimit: { days: ${days}`));
};
const validate = (...args: string[]) => {
  const result = runCli(['validate', '--catalog', dir, '--format', 'json', ...args]);
  return { code: result.code, stderr: result.stderr, ...(JSON.parse(result.stdout) as { findings: any[]; summary: any }) };
};
const looser = (findings: any[]) => findings.find((f) => f.rule === 'level-looser' && f.file.endsWith('000100105000.yaml'));

describe('validate with decisions.yaml', () => {
  it('an accepted looser finding stops failing the run until its value changes', () => {
    setPromised(12);
    const before = validate();
    expect(before.code).toBe(1);
    const finding = looser(before.findings);
    expect(finding).toMatchObject({ key: '420106/000100105000#/promisedLimit', severity: 'error' });
    expect(finding.fingerprint).toMatch(/^[0-9a-f]{16}$/);

    writeFileSync(join(dir, COUNTY, 'decisions.yaml'), decisionsYaml([{
      key: finding.key, fingerprint: finding.fingerprint, decision: 'accepted', reason: '经区政府研究同意', by: 'jiangan', at: '2026-12-06T10:15:00+08:00',
    }]));
    const after = validate();
    expect(after.code).toBe(0);
    expect(looser(after.findings)).toMatchObject({ severity: 'error', decision: { decision: 'accepted', reason: '经区政府研究同意', by: 'jiangan', current: true } });
    expect(after.findings.filter((f) => f.file.endsWith('/decisions.yaml'))).toEqual([]); // no stray-file, no decisions-file
    const diff = JSON.parse(runCli(['diff', '420106', '--catalog', dir, '--format', 'json']).stdout).discrepancies;
    expect(diff.find((d: { key: string }) => d.key === finding.key).decision).toMatchObject({ decision: 'accepted', current: true });
    const text = runCli(['validate', '--catalog', dir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('[已接受：经区政府研究同意]');
    expect(text.stdout).toContain(`其中 ${DEMO_ACCEPTED_ERRORS.length + 1} 条已被接受`); // this one and the demo's own

    setPromised(13);
    const outdated = validate();
    expect(outdated.code).toBe(1);
    expect(looser(outdated.findings).decision).toMatchObject({ current: false });
    expect(runCli(['validate', '--catalog', dir, '--lang', 'en']).stdout).toContain('[decision by jiangan is outdated]');
  });

  it('a fix-requested decision does not stop the run failing', () => {
    setPromised(12);
    const finding = looser(validate().findings);
    writeFileSync(join(dir, COUNTY, 'decisions.yaml'), decisionsYaml([{ key: finding.key, fingerprint: finding.fingerprint, decision: 'fix-requested', by: 'jiangan', at: '2026-12-06T10:15:00+08:00' }]));
    const result = validate();
    expect(result.code).toBe(1);
    expect(looser(result.findings).decision).toMatchObject({ decision: 'fix-requested', current: true });
  });

  it('a broken decisions.yaml is a decisions-file error at the entry, never yaml-syntax or stray-file', () => {
    writeFileSync(join(dir, COUNTY, 'decisions.yaml'), '- key: "420106/000100105000#/promisedLimit"\n  fingerprint: "abc"\n  decision: "accepted"\n  by: "x"\n  at: "yesterday"\n');
    const result = validate();
    expect(result.code).toBe(1);
    const problems = result.findings.filter((f) => f.file.endsWith('decisions.yaml'));
    expect(problems.map((f) => [f.rule, f.path, f.line])).toEqual([
      ['decisions-file', '/0', 1],
      ['decisions-file', '/0/at', 5],
    ]);
    writeFileSync(join(dir, COUNTY, 'decisions.yaml'), 'key: [unclosed\n');
    expect(validate().findings.filter((f) => f.file.endsWith('decisions.yaml')).map((f) => f.rule)).toEqual(['decisions-file']);
  });
});

describe('validate --changed-since with decisions.yaml', () => {
  it('a changed decisions.yaml brings its region\'s findings into the run, with their decisions', () => {
    const repo = makeGitCatalog({ files: Object.fromEntries(readTree(DEMO)), commit: 'demo' });
    try {
      const item = join(repo.catalog, ITEM);
      writeFileSync(item, readFileSync(item, 'utf8').replace(/promisedLimit: \{ days: \d+/, 'promisedLimit: { days: 12'));
      const base = repo.commit('longer');
      const finding = looser(JSON.parse(runCli(['validate', '--catalog', repo.catalog, '--format', 'json']).stdout).findings);
      repo.write(`${COUNTY}/decisions.yaml`, decisionsYaml([{ key: finding.key, fingerprint: finding.fingerprint, decision: 'accepted', reason: '同意', by: 'jiangan', at: '2026-12-06T10:15:00+08:00' }]));
      const result = runCli(['validate', '--catalog', repo.catalog, '--changed-since', base, '--format', 'json']);
      expect(result.code).toBe(0);
      const findings = JSON.parse(result.stdout).findings;
      expect(looser(findings).decision).toMatchObject({ decision: 'accepted', current: true });
      expect(findings.every((f: { region: string }) => f.region === '420106')).toBe(true);
    } finally {
      repo.cleanup();
    }
  });
});
