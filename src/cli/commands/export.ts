// `tongbiao export`: a catalog (working tree or a git revision), a region or a subtree as the 实施清单 workbook
// or as the national item exchange tables (exchange.md §1–§3).
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { loadCatalog } from '../../catalog/load.js';
import { fsSource } from '../../catalog/source-fs.js';
import { gitSource } from '../../catalog/source-git.js';
import type { Lang } from '../../catalog/types.js';
import { EXIT_FINDINGS, EXIT_OK, signalExitCode, STOP_SIGNALS, TongbiaoError } from '../../errors.js';
import { selectRegions, type SkippedFile } from '../../exchange/catalog-items.js';
import { exportExchange } from '../../exchange/national-export.js';
import { exportWorkbook } from '../../exchange/workbook-export.js';
import { FORMAT_VERSION } from '../../schema/item.js';
import { VERSION } from '../../version.js';
import { resolveCatalogRoot } from '../catalog-arg.js';
import { defineCommand, oneOf } from '../command.js';

export const FORMATS = ['xlsx', 'exchange-json'] as const;

export const exportCommand = defineCommand({
  name: 'export',
  help: `Usage: tongbiao export --format xlsx|exchange-json [options]

Writes the catalog's items as the 实施清单 workbook (xlsx: one sheet per list, headers are the
elements' Chinese titles, codes as text, a 说明 sheet) or as the national item exchange tables
(exchange-json: coded values, with what the national columns cannot carry in x_tongbiao).
'tongbiao import' reads both back without loss.

Options:
  --format FORMAT   xlsx (default) or exchange-json
  --region CODE     only this region's items (with --subtree: and those of every region below it)
  --subtree         with --region: the region and every region below it
  --rev REV         export the catalog as committed at this git revision, not the working tree
  -o, --output FILE write to FILE (default: standard output, which must not be a terminal for xlsx)
  --catalog DIR     the catalog root
  --lang LANG       message language: zh (default), en
  -h, --help        show this help

Exit status: 0 exported every item, 1 some item file could not be read (listed; the rest exported),
2 could not run.`,
  options: {
    format: { type: 'string' },
    region: { type: 'string' },
    subtree: { type: 'boolean' },
    rev: { type: 'string' },
    output: { type: 'string', short: 'o' },
    catalog: { type: 'string' },
    lang: { type: 'string' },
  },
  async run(values, positionals, io) {
    const format = oneOf('format', values.format, FORMATS, 'xlsx');
    const lang: Lang = oneOf('lang', values.lang, ['zh', 'en'] as const, 'zh');
    if (positionals.length > 0) throw new TongbiaoError(`unexpected argument '${positionals[0]}'. See 'tongbiao export --help'.`);
    if (values.subtree === true && values.region === undefined) throw new TongbiaoError('--subtree needs --region CODE');
    if (values.output === undefined && format === 'xlsx' && io.stdout.isTTY === true) {
      throw new TongbiaoError('a workbook is binary: write it to a file with -o FILE (or redirect standard output)');
    }
    const root = resolveCatalogRoot(values.catalog, io.cwd);
    const source = values.rev !== undefined ? await gitSource(root, values.rev) : fsSource(root);
    try {
      const catalog = await loadCatalog(source);
      const selection = selectRegions(catalog, values.region, values.subtree === true);
      const info = {
        version: VERSION,
        ...(source.revision !== undefined ? { revision: source.revision } : {}),
        formatVersion: FORMAT_VERSION,
        scope: values.region === undefined ? '整个目录' : values.subtree === true ? `${values.region} 及其下级区划` : `${values.region}`,
      };
      const skipped: SkippedFile[] = [];
      // A file is written under a temporary name and renamed when complete: a failed export leaves no half file.
      const file = values.output === undefined ? undefined : resolve(io.cwd, values.output);
      const partial = file === undefined ? undefined : `${file}.partial-${process.pid}`;
      const target = partial === undefined ? io.stdout : createWriteStream(partial);
      // Ctrl-C or SIGTERM: the half file goes too (nothing else is left to undo: the workers end with the process)
      const stopped = (signal: NodeJS.Signals) => {
        if (partial !== undefined) rmSync(partial, { force: true });
        process.exit(signalExitCode(signal));
      };
      if (partial !== undefined) for (const signal of STOP_SIGNALS) process.on(signal, stopped);
      let items: number;
      try {
        items = format === 'xlsx'
          ? (await exportWorkbook(catalog, selection, target as NodeJS.WritableStream & import('node:stream').Writable, info, skipped)).items
          : (await exportExchange(catalog, selection, target, info, skipped)).items;
        if (partial !== undefined) await finished(target as import('node:stream').Writable);
        if (partial !== undefined && file !== undefined) renameSync(partial, file);
      } catch (error) {
        if (partial !== undefined) rmSync(partial, { force: true });
        throw error;
      } finally {
        for (const signal of STOP_SIGNALS) process.off(signal, stopped);
      }
      const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
      for (const s of skipped) io.stderr.write(`${relative(io.cwd, resolve(root, s.file))}: ${s.message[lang]}\n`);
      if (file !== undefined) {
        io.stderr.write(t(`已导出 ${items} 个事项 → ${values.output}\n`, `exported ${items} items → ${values.output}\n`));
      }
      return skipped.length > 0 ? EXIT_FINDINGS : EXIT_OK;
    } finally {
      if ('close' in source && typeof source.close === 'function') source.close();
    }
  },
});
