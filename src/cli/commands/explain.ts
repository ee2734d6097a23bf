// `tongbiao explain RULE`: a rule's page in the terminal, the same text as docs/rules/<RULE>.md.
import type { Lang } from '../../catalog/types.js';
import { TongbiaoError } from '../../errors.js';
import { rulePage, rulePageText } from '../../report/rule-page.js';
import { RULES } from '../../rules/registry.js';
import { defineCommand, oneOf } from '../command.js';

export const explain = defineCommand({
  name: 'explain',
  help: `Usage: tongbiao explain RULE [options]

Prints what RULE checks, why (the standard it comes from), a failing and a passing example, and how
to configure it. 'tongbiao rules' lists the rules; the same pages are in docs/rules/.

Options:
  --lang LANG        zh (default) or en
  --format FORMAT    text (default) or markdown
  -h, --help         show this help

Exit status: 0 printed, 2 no such rule.`,
  options: { lang: { type: 'string' }, format: { type: 'string' } },
  async run(values, positionals, io) {
    const lang: Lang = oneOf('lang', values.lang, ['zh', 'en'] as const, 'zh');
    const format = oneOf('format', values.format, ['text', 'markdown'] as const, 'text');
    if (positionals.length !== 1) throw new TongbiaoError("explain needs one rule ID. See 'tongbiao rules'.");
    const id = positionals[0]!;
    const rule = RULES.find((r) => r.id === id);
    if (!rule) throw new TongbiaoError(`unknown rule '${id}'. See 'tongbiao rules'.`);
    io.stdout.write(format === 'markdown' ? rulePage(rule, lang) : rulePageText(rule, lang));
    return 0;
  },
});
