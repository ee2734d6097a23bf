// A rule's page, made from the registry (ID, default severity, one-line description) and its documentation
// (src/rules/docs.ts): what `tongbiao explain RULE` prints, what docs/rules/<id>.md holds (both languages), and
// the help text and markdown SARIF gives code-scanning viewers. Also the rule list of `tongbiao rules`.

import type { Lang, Message } from '../catalog/types.js';
import { ruleDoc, type RuleDoc } from '../rules/docs.js';
import type { RuleInfo } from '../rules/types.js';

const HEADINGS: Record<Lang, Record<'severity' | 'checks' | 'why' | 'failing' | 'passing' | 'configure' | 'configLine', string>> = {
  zh: {
    severity: '默认严重级别',
    checks: '检查内容',
    why: '依据',
    failing: '不通过的示例',
    passing: '通过的示例',
    configure: '配置',
    configLine: '在目录的 tongbiao.yaml 中改变严重级别或关闭此规则：',
  },
  en: {
    severity: 'Default severity',
    checks: 'What it checks',
    why: 'Why',
    failing: 'Failing example',
    passing: 'Passing example',
    configure: 'How to configure',
    configLine: "Change the rule's severity, or turn it off, in the catalog's tongbiao.yaml:",
  },
};

/** The documentation of a rule, or one made of its description alone while nobody has written it. */
function docOf(rule: RuleInfo): RuleDoc {
  return ruleDoc(rule.id) ?? { checks: rule.description, why: rule.description, failing: '', passing: '' };
}

/**
 * A rule ID as an identifier, as SARIF's reportingDescriptor.name wants one (and not the ID again, which SARIF's
 * validator warns about): `level-looser` → `LevelLooserCheck`.
 */
export function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, ch: string) => ch.toUpperCase()) + 'Check';
}

/** What the rule checks, one paragraph (SARIF fullDescription). */
export function ruleChecks(rule: RuleInfo, lang: Lang): string {
  return docOf(rule).checks[lang];
}

function yamlBlock(text: string): string[] {
  return text === '' ? [] : ['```yaml', text, '```', ''];
}

/** The rule's page in one language, as Markdown (ends with a newline). */
export function rulePage(rule: RuleInfo, lang: Lang): string {
  const doc = docOf(rule);
  const h = HEADINGS[lang];
  const section = (title: string, body: string[]) => (body.length === 0 ? [] : [`## ${title}`, '', ...body]);
  return [
    `# ${rule.id}: ${rule.description[lang]}`,
    '',
    `${h.severity}: \`${rule.severity}\``,
    '',
    ...section(h.checks, [doc.checks[lang], '']),
    ...section(h.why, [doc.why[lang], '']),
    ...section(h.failing, yamlBlock(doc.failing)),
    ...section(h.passing, yamlBlock(doc.passing)),
    ...section(h.configure, [
      h.configLine,
      '',
      '```yaml',
      'rules:',
      `  ${rule.id}: ${rule.severity === 'error' ? 'warning' : 'error'}   # error | warning | info | off`,
      '```',
      '',
      ...(doc.configure ? [doc.configure[lang], ''] : []),
    ]),
  ].join('\n');
}

/** The page as plain text for terminals and SARIF's help.text: the Markdown without heading marks and fences. */
export function rulePageText(rule: RuleInfo, lang: Lang): string {
  return rulePage(rule, lang)
    .split('\n')
    .filter((line) => !line.startsWith('```'))
    .map((line) => line.replace(/^#+ /, '').replace(/`/g, ''))
    .join('\n');
}

/** docs/rules/<id>.md: the Chinese page, then the English one. */
export function ruleDocFile(rule: RuleInfo): string {
  return `<!-- generated from src/rules/registry.ts and src/rules/docs.ts by \`npm run docs:rules\`; do not edit -->\n\n${rulePage(rule, 'zh')}\n---\n\n${rulePage(rule, 'en')}`;
}

const INDEX_TITLE: Message = { zh: '规则', en: 'Rules' };

/** docs/rules/README.md: every rule with its default severity and description, linking its page. */
export function ruleIndexFile(rules: readonly RuleInfo[]): string {
  const table = (lang: Lang) => [
    `## ${INDEX_TITLE[lang]}`,
    '',
    lang === 'zh' ? '| 规则 | 默认严重级别 | 说明 |' : '| rule | default severity | description |',
    '|---|---|---|',
    ...rules.map((r) => `| [\`${r.id}\`](${r.id}.md) | ${r.severity} | ${r.description[lang]} |`),
    '',
  ];
  return [
    '<!-- generated from src/rules/registry.ts and src/rules/docs.ts by `npm run docs:rules`; do not edit -->',
    '',
    '# tongbiao rules / 规则',
    '',
    ...table('zh'),
    ...table('en'),
  ].join('\n');
}

/** `tongbiao rules`: one line per rule, ID and severity padded. */
export function ruleList(rules: readonly RuleInfo[], lang: Lang): string {
  const width = Math.max(...rules.map((r) => r.id.length));
  return rules.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.description[lang]}\n`).join('');
}
