// `tongbiao rules`: every rule of the registry with its default severity and description; `--write-docs DIR`
// writes the rule pages (docs/rules/ in this repository: `npm run docs:rules`).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Lang } from '../../catalog/types.js';
import { ruleDocFile, ruleIndexFile, ruleList } from '../../report/rule-page.js';
import { RULES } from '../../rules/registry.js';
import { defineCommand, oneOf } from '../command.js';

export const rules = defineCommand({
  name: 'rules',
  help: `Usage: tongbiao rules [options]

Lists every rule: its ID, default severity and what it reports. 'tongbiao explain RULE' prints a
rule's page: what it checks, why, a failing and a passing example, and how to configure it. A
catalog's tongbiao.yaml may change a rule's severity or turn it off (rules: { phone: off }).

Options:
  --format FORMAT     text (default) or json
  --lang LANG         zh (default) or en
  --write-docs DIR    write one Markdown page per rule (both languages) and a README.md index into DIR,
                      removing pages of rules that no longer exist
  -h, --help          show this help`,
  options: { format: { type: 'string' }, lang: { type: 'string' }, 'write-docs': { type: 'string' } },
  async run(values, _positionals, io) {
    const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
    const lang: Lang = oneOf('lang', values.lang, ['zh', 'en'] as const, 'zh');
    if (values['write-docs'] !== undefined) {
      const dir = resolve(io.cwd, values['write-docs']);
      mkdirSync(dir, { recursive: true });
      const pages = new Map(RULES.map((rule) => [`${rule.id}.md`, ruleDocFile(rule)]));
      pages.set('README.md', ruleIndexFile(RULES));
      for (const name of readdirSync(dir)) if (name.endsWith('.md') && !pages.has(name)) rmSync(join(dir, name));
      for (const [name, text] of pages) writeFileSync(join(dir, name), text);
      io.stderr.write(`wrote ${pages.size} pages into ${values['write-docs']}\n`);
      return 0;
    }
    if (format === 'json') {
      io.stdout.write(JSON.stringify({ rules: RULES.map((r) => ({ id: r.id, severity: r.severity, description: r.description[lang] })) }, null, 2) + '\n');
    } else {
      io.stdout.write(ruleList(RULES, lang));
    }
    return 0;
  },
});
