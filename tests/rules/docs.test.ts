// Every rule of the registry is documented, and docs/rules/ is what `npm run docs:rules` makes of it now.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ruleDocFile, ruleIndexFile } from '../../src/report/rule-page.js';
import { RULE_DOCS } from '../../src/rules/docs.js';
import { RULES } from '../../src/rules/registry.js';

const DOCS_DIR = join(import.meta.dirname, '..', '..', 'docs', 'rules');
const REGENERATE = 'run `npm run docs:rules` to regenerate docs/rules/ from the registry and src/rules/docs.ts, and commit the result';

describe('rule documentation', () => {
  it('has an entry in src/rules/docs.ts for every rule of the registry', () => {
    const missing = RULES.map((r) => r.id).filter((id) => !Object.hasOwn(RULE_DOCS, id));
    expect(
      missing,
      `src/rules/docs.ts has no entry for ${missing.map((id) => `'${id}'`).join(', ')}. Add to RULE_DOCS:\n` +
        missing.map((id) => `  '${id}': { checks: { zh, en }, why: { zh, en }, failing: 'YAML the rule reports', passing: 'the same put right', configure?: { zh, en } },`).join('\n') +
        `\nthen ${REGENERATE}.`,
    ).toEqual([]);
  });

  it('writes every text in both languages and every example as YAML (yaml-syntax\'s failing one is not)', () => {
    for (const [id, doc] of Object.entries(RULE_DOCS)) {
      for (const message of [doc.checks, doc.why, ...(doc.configure ? [doc.configure] : [])]) {
        expect(message.zh, id).toMatch(/\p{Script=Han}/u);
        expect(message.en, id).toMatch(/[a-z]{3}/);
      }
      for (const example of [doc.failing, doc.passing]) {
        expect(example, id).not.toBe('');
        const errors = parseAllDocuments(example).flatMap((document) => document.errors);
        if (id === 'yaml-syntax' && example === doc.failing) expect(errors, example).not.toEqual([]);
        else expect(errors, `${id}: ${example}`).toEqual([]);
      }
    }
  });

  it('docs/rules/ holds exactly the pages the registry makes now', () => {
    const expected = new Map(RULES.map((rule) => [`${rule.id}.md`, ruleDocFile(rule)]));
    expected.set('README.md', ruleIndexFile(RULES));
    const present = readdirSync(DOCS_DIR).filter((name) => name.endsWith('.md')).sort();
    expect(present, `docs/rules/ has other pages than the registry's rules: ${REGENERATE}`).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected) {
      expect(readFileSync(join(DOCS_DIR, name), 'utf8') === text, `docs/rules/${name} is stale: ${REGENERATE}`).toBe(true);
    }
  });
});
