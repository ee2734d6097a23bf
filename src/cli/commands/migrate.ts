// `tongbiao migrate [--check]`: rewrites a catalog in format v1 to v2 in place (spec §8), one printed line per
// change. All or nothing: every file is worked out first, and when one cannot be (unreadable, not YAML) nothing
// is written. Item files go first, then each region's decisions.yaml (a decision moves to the key its
// discrepancy has in the v2 reading), tongbiao.yaml last, so an interrupted run leaves a v1 catalog that a
// second run finishes (a migrated file has nothing left to change).
import { lstatSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CONFIG_FILE } from '../../catalog/config.js';
import { decode } from '../../catalog/decode.js';
import { layoutCatalog } from '../../catalog/layout.js';
import { fsSource } from '../../catalog/source-fs.js';
import type { Lang } from '../../catalog/types.js';
import { loadCatalog } from '../../catalog/load.js';
import { decisionMoves } from '../../check/v1-decisions.js';
import { migrateDecisionsText, migrateItemText, migrateSettingsText, type Migrated, type MigrationChange } from '../../catalog/v1-migrate.js';
import { EXIT_FINDINGS, EXIT_OK, TongbiaoError } from '../../errors.js';
import { resolveCatalogRoot } from '../catalog-arg.js';
import { defineCommand, oneOf } from '../command.js';

export const migrate = defineCommand({
  name: 'migrate',
  help: `Usage: tongbiao migrate [--check] [options]

Rewrites a catalog in format v1 to format v2 in place (catalog format §8), keeping comments, key
order, quoting and blank lines, and prints one line per change:
  materials: form → type (材料类型), medium → format (材料形式), copies of an 原件 → originals,
             necessity 容缺 → 必要 + deferrable: true;
  onlineDepth 1–4 → its set of stages; handleArea 全市通办 … → 全市 …;
  decisions.yaml: each decision moves to the key its discrepancy has in v2 (…/form → …/type),
             a current one to the new fingerprint too;
  tongbiao.yaml: formatVersion: 2.
What v1 allowed and v2 has no value for (a free-text handleArea, dept.nature 其他, a missing
result) is left as written: 'tongbiao validate' then reports it for a person to fix. Running it
again changes nothing. When a file cannot be read or parsed, nothing is written.

Options:
  --catalog DIR   the catalog root
  --check         write nothing; exit 1 when anything would change (for CI)
  --format FMT    text (default) or json
  --lang LANG     message language: zh (default), en
  -h, --help      show this help

Exit status: 0 migrated (or nothing to change), 1 with --check when something would change,
2 could not run (no catalog, a file that cannot be read or parsed).`,
  options: {
    catalog: { type: 'string' },
    check: { type: 'boolean' },
    format: { type: 'string' },
    lang: { type: 'string' },
  },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new TongbiaoError(`unexpected argument '${positionals[0]}'. See 'tongbiao migrate --help'.`);
    const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
    const lang: Lang = oneOf('lang', values.lang, ['zh', 'en'] as const, 'zh');
    const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
    const root = resolveCatalogRoot(values.catalog, io.cwd);
    const show = (file: string) => relative(io.cwd, join(root, file)).split(sep).join('/');

    const source = fsSource(root);
    const layout = layoutCatalog(source.entries);
    const itemFiles = [...layout.items.values()].flatMap((files) => [...files.values()]).filter((path) => !layout.links.has(path)).sort();
    const decisionFiles = new Map([...layout.decisions].filter(([, path]) => !layout.links.has(path)).map(([region, path]) => [path, region]));
    const files = [...itemFiles, ...[...decisionFiles.keys()].sort(), CONFIG_FILE];
    const bytes = await source.read(files);
    const moves = decisionFiles.size > 0 ? await decisionMoves(await loadCatalog(source)) : undefined;
    const results: Array<{ file: string; text: string; changes: MigrationChange[] }> = [];
    const problems: string[] = [];
    for (const file of files) {
      const decoded = decode(bytes.get(file) ?? new Uint8Array());
      const migrated: Migrated =
        'problem' in decoded
          ? { problem: { line: 1, column: 1, message: decoded.problem[lang] } }
          : file === CONFIG_FILE
            ? migrateSettingsText(decoded.text)
            : decisionFiles.has(file)
              ? moves ? migrateDecisionsText(decoded.text, decisionFiles.get(file)!, moves(decisionFiles.get(file)!)) : { text: decoded.text, changes: [] }
              : migrateItemText(decoded.text);
      if ('problem' in migrated) problems.push(`${show(file)}:${migrated.problem.line}:${migrated.problem.column}: ${migrated.problem.message}`);
      else if (migrated.changes.length > 0) results.push({ file, ...migrated });
    }
    if (problems.length > 0) {
      for (const problem of problems) io.stderr.write(`tongbiao: ${problem}\n`);
      throw new TongbiaoError(t(`${problems.length} 个文件无法迁移，未写入任何文件；请先修复（tongbiao validate）`, `${problems.length} file(s) cannot be migrated, so nothing was written; fix them first (tongbiao validate)`));
    }

    const write = values.check !== true;
    if (write) {
      for (const { file, text } of results) {
        // Links are never followed: only a regular file is rewritten.
        if (!lstatSync(join(root, file)).isFile()) throw new TongbiaoError(`${show(file)}: not a regular file (links are never followed); nothing more was written`);
        writeFileSync(join(root, file), text);
      }
    }

    const count = results.reduce((sum, r) => sum + r.changes.length, 0);
    if (format === 'json') {
      const changes = results.flatMap(({ file, changes }) => changes.map((change) => ({ file: show(file), ...change })));
      io.stdout.write(JSON.stringify({ changes, summary: { files: results.length, changes: count, written: write && count > 0 } }, null, 2) + '\n');
    } else {
      for (const { file, changes } of results) for (const change of changes) io.stdout.write(`${show(file)}:${change.line}:${change.column}: ${describe(change, t)}\n`);
      io.stdout.write(
        count === 0
          ? t('目录已是格式 v2，无需改动。\n', 'The catalog is in format v2 already; nothing to change.\n')
          : write
            ? t(`已迁移到格式 v2：${results.length} 个文件，${count} 处改动。请运行 tongbiao validate。\n`, `Migrated to format v2: ${count} change(s) in ${results.length} file(s). Now run tongbiao validate.\n`)
            : t(`需要迁移：${results.length} 个文件，${count} 处改动（未写入）。运行 tongbiao migrate。\n`, `Needs migrating: ${count} change(s) in ${results.length} file(s) (nothing written). Run tongbiao migrate.\n`),
      );
    }
    return !write && count > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
});

/** `/materials/0/form → /materials/0/type`, `/onlineDepth: 2 → [互联网咨询, 互联网收件, 互联网预审]`, `/materials/0/deferrable: true（新增）`. */
function describe(change: MigrationChange, t: (zh: string, en: string) => string): string {
  if (!Object.hasOwn(change, 'value')) return `${change.path} → ${change.to}`;
  if (!Object.hasOwn(change, 'old')) return `${change.to}: ${valueText(change.value)}${t('（新增）', ' (added)')}`;
  return `${change.to}: ${valueText(change.old)} → ${valueText(change.value)}`;
}

function valueText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(valueText).join(', ')}]`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
