// `tongbiao rules` and `tongbiao explain RULE`, from the registry and src/rules/docs.ts.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/registry.js';
import { runCli } from '../helpers/cli.js';

describe('tongbiao rules', () => {
  it('lists every rule of the registry with its default severity and description', () => {
    const run = runCli(['rules', '--lang', 'en']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(RULES.map((r) => r.id));
    expect(lines.find((l) => l.startsWith('stray-file '))).toMatch(/^stray-file\s+warning\s+a file that is not part of the catalog layout$/);
    const json = JSON.parse(runCli(['rules', '--format', 'json']).stdout) as { rules: Array<{ id: string; severity: string; description: string }> };
    expect(json.rules.find((r) => r.id === 'time-limit')).toEqual({ id: 'time-limit', severity: 'error', description: RULES.find((r) => r.id === 'time-limit')!.description.zh });
  });

  it('--write-docs writes the pages docs/rules/ holds, and removes a page of a rule that is gone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tongbiao-rules-'));
    try {
      writeFileSync(join(dir, 'old-rule.md'), 'gone');
      expect(runCli(['rules', '--write-docs', dir]).code).toBe(0);
      const docs = join(import.meta.dirname, '..', '..', 'docs', 'rules');
      expect(readdirSync(dir).sort()).toEqual(readdirSync(docs).filter((n) => n.endsWith('.md')).sort());
      for (const name of readdirSync(dir)) expect(readFileSync(join(dir, name), 'utf8'), name).toBe(readFileSync(join(docs, name), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('tongbiao explain', () => {
  it('prints what the rule checks, why, a failing and a passing example and how to configure it', () => {
    const run = runCli(['explain', 'time-limit', '--lang', 'en']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^time-limit: /);
    for (const heading of ['Default severity: error', 'What it checks', 'Why', 'Failing example', 'Passing example', 'How to configure']) {
      expect(run.stdout).toContain(heading);
    }
    expect(run.stdout).toContain('promisedLimit: { days: 30, unit: 工作日 }');
    expect(run.stdout).toContain('  time-limit: warning   # error | warning | info | off');
    expect(run.stdout).not.toContain('```');
    const zh = runCli(['explain', 'time-limit', '--format', 'markdown']).stdout;
    expect(zh).toMatch(/^# time-limit: /);
    expect(zh).toContain('## 不通过的示例\n\n```yaml\n');
    expect(readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'rules', 'time-limit.md'), 'utf8')).toContain(zh);
  });

  it('exits 2 with one line for an unknown rule or none', () => {
    expect(runCli(['explain', 'nosuch'])).toMatchObject({ code: 2, stdout: '', stderr: "tongbiao: unknown rule 'nosuch'. See 'tongbiao rules'.\n" });
    expect(runCli(['explain'])).toMatchObject({ code: 2, stdout: '' });
  });
});
