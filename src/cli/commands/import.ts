// `tongbiao import FILE`: a 实施清单 workbook or national exchange tables (grouped or flattened JSON) into a
// catalog folder (exchange.md §3), with a report of what was created, changed and left unchanged and of every
// value that could not be placed.
import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { Lang } from '../../catalog/types.js';
import { EXIT_FINDINGS, EXIT_OK, TongbiaoError } from '../../errors.js';
import { catalogElements } from '../../exchange/catalog-items.js';
import { applyImport, openCatalog, type ImportReport } from '../../exchange/import-apply.js';
import { itemLayout } from '../../exchange/sheets.js';
import type { ImportInput } from '../../exchange/import-input.js';
import { NotExchangeJson, readExchangeJson } from '../../exchange/national-import.js';
import { readWorkbook } from '../../exchange/workbook-import.js';
import { NotAWorkbook } from '../../exchange/xlsx-read.js';
import { CONFIG_FILE } from '../../catalog/config.js';
import { resolveCatalogRoot } from '../catalog-arg.js';
import { defineCommand, oneOf } from '../command.js';

const KINDS = ['xlsx', 'exchange-json'] as const;
/** Created and changed items listed one a line up to this many; the JSON report always lists all. */
const LISTED = 50;

export const importCommand = defineCommand({
  name: 'import',
  help: `Usage: tongbiao import FILE [options]

Reads a 实施清单 workbook (.xlsx, as 'tongbiao export' writes it) or the national item exchange tables
(.json: grouped by table, or flattened one record per item) and creates or updates the item files and
region folders of the catalog. An existing file keeps its comments and key order: only changed values
are rewritten. Every value that cannot be placed is reported as sheet!cell (or record and field), and
nothing is written while any of them is an error, unless --force.

Options:
  --catalog DIR   the catalog to import into; an empty or new folder becomes a new catalog
  --region CODE   only the items of this region (items the file does not place go into it)
  --from KIND     xlsx or exchange-json (default: from the file's extension)
  --dry-run       report what would be written, write nothing
  --force         write what is valid and list what was left out
  --format FMT    text (default) or json
  --lang LANG     message language: zh (default), en
  -h, --help      show this help

Exit status: 0 everything written (or, with --dry-run, would be), 1 problems reported and nothing
written (with --force: what was valid written), 2 could not run (no such file, not a workbook or
JSON at all, no catalog).`,
  options: {
    catalog: { type: 'string' },
    region: { type: 'string' },
    from: { type: 'string' },
    'dry-run': { type: 'boolean' },
    force: { type: 'boolean' },
    format: { type: 'string' },
    lang: { type: 'string' },
  },
  async run(values, positionals, io) {
    const lang: Lang = oneOf('lang', values.lang, ['zh', 'en'] as const, 'zh');
    const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
    const [fileArg, ...extra] = positionals;
    if (fileArg === undefined) throw new TongbiaoError("import needs a FILE. See 'tongbiao import --help'.");
    if (extra.length > 0) throw new TongbiaoError(`unexpected argument '${extra[0]}'. See 'tongbiao import --help'.`);
    const file = resolve(io.cwd, fileArg);
    if (!existsSync(file) || !statSync(file).isFile()) throw new TongbiaoError(`${fileArg}: no such file`);
    const extension = extname(file).toLowerCase();
    const kind = oneOf('from', values.from, KINDS, extension === '.json' ? 'exchange-json' : 'xlsx');
    if (values.from === undefined && extension !== '.xlsx' && extension !== '.json') {
      throw new TongbiaoError(`${fileArg}: cannot tell the kind from the extension; use --from xlsx or --from exchange-json`);
    }
    const root = catalogTarget(values.catalog, io.cwd);

    const catalog = await openCatalog(root);
    let report: ImportReport;
    try {
      const input: ImportInput = kind === 'xlsx' ? await readWorkbook(file, undefined, itemLayout(catalogElements(catalog))) : await readExchangeJson(file, values.region);
      // the flattened exchange form is read while it is imported: a file that turns out not to be JSON stops the
      // import there, and nothing is written
      report = await applyImport(input, {
        root,
        catalog,
        ...(values.region !== undefined ? { region: values.region } : {}),
        force: values.force === true,
        dryRun: values['dry-run'] === true,
      });
    } catch (error) {
      if (error instanceof NotAWorkbook || error instanceof NotExchangeJson) throw new TongbiaoError(`${fileArg}: ${error.message}`);
      throw error;
    }
    const out = format === 'json' ? JSON.stringify({ file: fileArg, catalog: root, ...report }, null, 2) + '\n' : textReport(fileArg, root, report, lang, values['dry-run'] === true);
    io.stdout.write(out);
    const errors = report.problems.some((p) => p.severity === 'error');
    return errors ? EXIT_FINDINGS : EXIT_OK;
  },
});

/** --catalog DIR may name an empty or new folder (a new catalog); otherwise the usual search (spec §4). */
function catalogTarget(explicit: string | undefined, cwd: string): string {
  if (explicit !== undefined && !existsSync(resolve(cwd, explicit, CONFIG_FILE))) return resolve(cwd, explicit);
  return resolveCatalogRoot(explicit, cwd);
}

function textReport(file: string, root: string, report: ImportReport, lang: Lang, dryRun: boolean): string {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const lines = [t(`导入 ${file} → ${root}`, `import ${file} → ${root}`)];
  const { regions, items } = report;
  lines.push(t(
    `区划：新建 ${regions.created.length}，修改 ${regions.changed.length}，未变 ${regions.unchanged}`,
    `regions: ${regions.created.length} created, ${regions.changed.length} changed, ${regions.unchanged} unchanged`,
  ));
  lines.push(t(
    `事项：新建 ${items.created.length}，修改 ${items.changed.length}，未变 ${items.unchanged}`,
    `items: ${items.created.length} created, ${items.changed.length} changed, ${items.unchanged} unchanged`,
  ));
  if (items.created.length + items.changed.length <= LISTED) {
    for (const key of items.created) lines.push(`  + ${key}`);
    for (const key of items.changed) lines.push(`  ~ ${key}`);
  }
  if (report.otherRegions > 0) lines.push(t(`其他区划的 ${report.otherRegions} 个事项未导入（--region）`, `${report.otherRegions} items of other regions not imported (--region)`));
  for (const p of report.problems) {
    const severity = p.severity === 'error' ? t('错误', 'error') : t('警告', 'warning');
    lines.push(`${p.at}: ${severity} ${p.message[lang]}`);
  }
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  if (errors > 0 && !report.written && !dryRun) {
    lines.push(t(`有 ${errors} 个错误，未写入任何文件（--force 写入没有错误的部分）。`, `${errors} error${errors === 1 ? '' : 's'}: nothing was written (--force writes what is valid).`));
  } else if (report.leftOut.length > 0) {
    lines.push(t(`未导入（有错误）：${report.leftOut.join('、')}`, `left out (errors): ${report.leftOut.join(', ')}`));
  }
  if (dryRun) lines.push(t('（--dry-run：未写入任何文件）', '(--dry-run: nothing written)'));
  return lines.join('\n') + '\n';
}
