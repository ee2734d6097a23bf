// docs/catalog-format.md carries three tables made from the code: the elements (from the item schema's titles and
// descriptions), the code sets (schema/codes.ts) and the rules (the rule registry). This test fails when one of
// them is stale; `UPDATE_DOCS=1 npx vitest run tests/docs` writes the current tables into the file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/registry.js';
import { CODE_SETS } from '../../src/schema/codes.js';
import { itemSchema } from '../../src/schema/item.js';

const DOC = join(import.meta.dirname, '..', '..', 'docs', 'catalog-format.md');

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const SEVERITY = { error: 'error（错误）', warning: 'warning（警告）', info: 'info（提示）' } as const;

function rulesTable(): string {
  const rows = RULES.map((r) => `| \`${r.id}\` | ${SEVERITY[r.severity]} | ${cell(r.description.zh)} | ${cell(r.description.en)} |`);
  return ['| 规则 rule | 默认级别 severity | 说明 | description |', '|---|---|---|---|', ...rows].join('\n');
}

function elementsTable(): string {
  const required = new Set<string>(itemSchema.required);
  const properties = itemSchema.properties as Record<string, { title?: string; description?: string }>;
  const rows = Object.entries(properties).map(
    ([key, p]) => `| \`${key}\` | ${cell(p.title ?? '')} | ${required.has(key) ? '必填' : '可选'} | ${cell(p.description ?? '')} |`,
  );
  return ['| 键 key | 要素 | 必填 | 说明 |', '|---|---|---|---|', ...rows].join('\n');
}

function codeSetsTable(): string {
  const rows = Object.entries(CODE_SETS).map(
    ([name, set]) => `| \`${name}\` | ${set.title} | ${Object.keys(set.codes).join('、')} | ${set.extensible ? '可扩展' : '不可扩展'} |`,
  );
  return ['| 代码集 | 要素 | 国家标准值 | `codeSets:` |', '|---|---|---|---|', ...rows].join('\n');
}

const TABLES: Record<string, () => string> = { elements: elementsTable, 'code-sets': codeSetsTable, rules: rulesTable };

/** The document with each generated block replaced by the table the code gives now. */
function regenerate(doc: string): string {
  let out = doc;
  for (const [name, table] of Object.entries(TABLES)) {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const start = out.indexOf(open);
    const end = out.indexOf(close);
    if (start < 0 || end < start) throw new Error(`docs/catalog-format.md has no ${open} … ${close} block`);
    out = `${out.slice(0, start + open.length)}\n${table()}\n${out.slice(end)}`;
  }
  return out;
}

describe('docs/catalog-format.md', () => {
  it('has the element, code-set and rule tables the code gives (UPDATE_DOCS=1 npx vitest run tests/docs rewrites them)', () => {
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, regenerate(readFileSync(DOC, 'utf8')));
    const doc = readFileSync(DOC, 'utf8');
    const current = regenerate(doc);
    expect(doc, 'a generated table in docs/catalog-format.md is stale: run UPDATE_DOCS=1 npx vitest run tests/docs').toBe(current);
  });

  it('lists every rule of the registry exactly once', () => {
    const doc = readFileSync(DOC, 'utf8');
    for (const rule of RULES) expect(doc.split(`| \`${rule.id}\` |`).length - 1, rule.id).toBe(1);
  });

  it('is linked from the README, not a path outside the repository', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain('](docs/catalog-format.md)');
    expect(readme).not.toContain('../shared/');
  });
});
