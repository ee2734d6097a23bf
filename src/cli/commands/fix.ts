// `tongbiao fix [PATH…]`: like `eslint --fix`, makes items conform where the catalog format says what conforming
// is — a locked element takes the baseline's value, a looser or review one the parent's (spec §6) — and writes
// the files in place through the one YAML editor, so comments, key order and quoting stay. Prints each change.
// A discrepancy its region accepted (a current accepted decision in decisions.yaml) is a variation people agreed
// on, as an eslint-disable comment is for eslint: it is left as it is.
import { lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE } from '../../catalog/config.js';
import { decisionOn } from '../../catalog/decisions.js';
import { loadCatalog } from '../../catalog/load.js';
import { fsSource } from '../../catalog/source-fs.js';
import { checkCatalog } from '../../check/check.js';
import { EXIT_OK, TongbiaoError } from '../../errors.js';
import { FIXABLE_KINDS, fixedText, isFixable } from '../../levels/fix.js';
import type { Discrepancy } from '../../levels/types.js';
import { catalogRelative, catalogRootOf, resolveCatalogRoot } from '../catalog-arg.js';
import { defineCommand, oneOf } from '../command.js';

const DEFAULT_RULES = ['level-locked', 'level-looser'];
const FIXABLE_RULES = FIXABLE_KINDS.map((kind) => `level-${kind}`);

export const fix = defineCommand({
  name: 'fix',
  help: `Usage: tongbiao fix [PATH…] [options]

Makes items conform: a locked element (四级四同) takes the province baseline's value, a looser or
review one its parent region's; an element or list entry only the item has is removed, one only
the other side has is added back. A discrepancy accepted in its region's decisions.yaml (and not
outdated) is left as it is. Files are changed in place keeping comments, key order and
quoting; each change is printed. Each PATH is a catalog root, or a file or folder inside one
(default: the whole catalog).

Options:
  --catalog DIR    the catalog root
  --rule RULES     which discrepancies to fix, comma-separated: ${FIXABLE_RULES.join(', ')}
                   (default: ${DEFAULT_RULES.join(',')}, the errors)
  --dry-run        print the changes, write nothing
  --format FORMAT  text (default) or json
  -h, --help       show this help

Exit status: 0 fixed (or nothing to fix), 2 could not run.`,
  options: {
    catalog: { type: 'string' },
    rule: { type: 'string' },
    'dry-run': { type: 'boolean' },
    format: { type: 'string' },
  },
  async run(values, positionals, io) {
    const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
    const rules = (values.rule ?? DEFAULT_RULES.join(',')).split(',').map((r) => r.trim()).filter(Boolean);
    for (const rule of rules) if (!FIXABLE_RULES.includes(rule)) throw new TongbiaoError(`--rule: '${rule}' cannot be fixed; fixable: ${FIXABLE_RULES.join(', ')}`);

    const roots = positionals.map((p) => catalogRootOf(p, io.cwd));
    const root = values.catalog !== undefined || roots.length === 0 ? resolveCatalogRoot(values.catalog, io.cwd) : roots[0]!;
    if (roots.some((r) => r !== root)) throw new TongbiaoError('all paths must be inside one catalog');
    const prefixes = positionals.map((p) => catalogRelative(root, resolve(io.cwd, p)));
    const catalog = await loadCatalog(fsSource(root));
    // A v1 catalog is compared in its v2 reading (spec §8): its fixes are v2 keys and values, which a v1 file
    // cannot take without becoming half migrated.
    if (catalog.settings.formatVersion === 1) throw new TongbiaoError(`${CONFIG_FILE}: the catalog is format v1 and fix writes format v2; run tongbiao migrate first`);
    const inScope = (path: string) => prefixes.length === 0 || prefixes.some((p) => p === '' || path === p || path.startsWith(p + '/'));
    const only = new Set(catalog.source.entries.map((e) => e.path).filter(inScope));
    const { discrepancies } = await checkCatalog(catalog, { only });

    const byFile = new Map<string, Discrepancy[]>();
    for (const d of discrepancies) {
      if (!rules.includes(d.rule) || !isFixable(d)) continue;
      const decision = decisionOn(catalog.decisionsOf, d.region, d.key, d.fingerprint);
      if (decision?.decision === 'accepted' && decision.current) continue;
      const file = catalog.items.get(d.region)?.get(d.catalogCode);
      if (file === undefined || !inScope(file)) continue;
      byFile.set(file, [...(byFile.get(file) ?? []), d]);
    }

    const changes: Array<{ file: string; rule: string; path: string; from?: unknown; to?: unknown }> = [];
    for (const [file, ds] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const path = join(root, file);
      if (!lstatSync(path).isFile()) continue; // links are never written through (validate reports them)
      const text = readFileSync(path, 'utf8');
      const shown = relative(io.cwd, path).split(sep).join('/');
      for (const d of ds) changes.push({ file: shown, rule: d.rule, path: d.path, ...(d.ours === undefined ? {} : { from: d.ours }), ...(d.theirs === undefined ? {} : { to: d.theirs }) });
      if (values['dry-run'] !== true) writeFileSync(path, fixedText(text, ds));
    }

    if (format === 'json') {
      io.stdout.write(JSON.stringify({ dryRun: values['dry-run'] === true, files: byFile.size, changes }, null, 2) + '\n');
    } else {
      for (const c of changes) io.stdout.write(`${c.file}: ${c.rule} ${c.path}: ${show(c.from)} → ${show(c.to)}\n`);
      const verb = values['dry-run'] === true ? 'would fix' : 'fixed';
      io.stdout.write(`${verb} ${changes.length} discrepanc${changes.length === 1 ? 'y' : 'ies'} in ${byFile.size} file${byFile.size === 1 ? '' : 's'}\n`);
    }
    return EXIT_OK;
  },
});

/** A value on one line: JSON without the quotes of a plain string; `(none)` for an absent side. */
function show(value: unknown): string {
  if (value === undefined) return '(none)';
  return typeof value === 'string' ? JSON.stringify(value).slice(1, -1) : JSON.stringify(value);
}
