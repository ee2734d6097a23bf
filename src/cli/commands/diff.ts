// `tongbiao diff <region>`: how a region's items differ from its parent's and the baseline's
// (or from one other region, or from themselves at an earlier revision). The comparison is
// src/levels; this module reads the catalog, picks the items and prints.
import { join, relative, sep } from 'node:path';
import { severityOf } from '../../catalog/config.js';
import { decisionOn } from '../../catalog/decisions.js';
import { loadCatalog, locatorOf, type Catalog } from '../../catalog/load.js';
import { moveV1Decisions } from '../../check/v1-decisions.js';
import { ancestorsOf } from '../../check/check.js';
import type { Locate } from '../../catalog/locate.js';
import { fsSource } from '../../catalog/source-fs.js';
import { gitSource, type GitCatalogSource } from '../../catalog/source-git.js';
import type { Item, Lang, Message, ParsedFile, Region } from '../../catalog/types.js';
import { EXIT_FINDINGS, EXIT_OK, TongbiaoError } from '../../errors.js';
import { compareRegion, type RegionItems } from '../../levels/compare-region.js';
import { compareRevisions } from '../../levels/compare-revisions.js';
import { renderDiffBrief, renderDiffJson, renderDiffText, type DiffStyle } from '../../levels/diff-report.js';
import { resolveFieldClasses } from '../../levels/field-classes.js';
import { discrepancyFindings } from '../../levels/findings.js';
import type { MessageContext } from '../../levels/messages.js';
import type { Discrepancy } from '../../levels/types.js';
import { render, summarize } from '../../report/index.js';
import { oneLine } from '../../report/text.js';
import { resolveCatalogRoot } from '../catalog-arg.js';
import { defineCommand, oneOf, type Io } from '../command.js';
import { colorEnabled, style } from '../../report/style.js';
import { VERSION } from '../version.js';

const DIFF_FORMATS = ['text', 'json', 'github'] as const;

export const diff = defineCommand({
  name: 'diff',
  help: `Usage: tongbiao diff <REGION> [options]

Compares each item of REGION (a 6-digit region code) with the same item in its nearest ancestor
that has it (the parent) and, for the locked elements (name, type, basis, useLevel), with the
province's (the baseline); lists baseline items REGION has not claimed. Only REGION's own items,
not its subtree.

Options:
  --catalog DIR      the catalog root
  --against REGION   compare with this region instead of the ancestors (parent and baseline at once)
  --item CODE        only this catalogCode (may be repeated)
  --rev A..B         how REGION's items changed from git revision A to B (A.. or A: to the working tree)
  --format FORMAT    text (default), json, github
  --brief            text: one line per discrepancy
  --lang LANG        message language: zh (default), en
  -h, --help         show this help

Exit status: 0 no discrepancy, 1 some, 2 could not run.`,
  options: {
    catalog: { type: 'string' },
    against: { type: 'string' },
    item: { type: 'string', multiple: true },
    rev: { type: 'string' },
    format: { type: 'string' },
    brief: { type: 'boolean' },
    lang: { type: 'string' },
  },
  async run(values, positionals, io) {
    const format = oneOf('format', values.format, DIFF_FORMATS, 'text');
    const lang: Lang = oneOf('lang', values.lang, ['zh', 'en'] as const, 'zh');
    if (positionals.length !== 1) throw new TongbiaoError("diff takes one REGION code. See 'tongbiao diff --help'.");
    const code = positionals[0]!;
    if (values.rev !== undefined && values.against !== undefined) throw new TongbiaoError('--rev and --against cannot be combined');
    const only = values.item === undefined ? undefined : new Set(values.item);
    const root = resolveCatalogRoot(values.catalog, io.cwd);

    const result = values.rev === undefined ? await acrossLevels(root, code, values.against, only) : await acrossRevisions(root, code, values.rev, only, lang);
    try {
      for (const path of result.broken) {
        io.stderr.write(`tongbiao: ${path}: not compared (it does not parse as an item; see 'tongbiao validate')\n`);
      }
      io.stdout.write(report(result, { format, lang, brief: values.brief === true, root, io }));
      return result.discrepancies.length > 0 ? EXIT_FINDINGS : EXIT_OK;
    } finally {
      result.close();
    }
  },
});

/** What was compared, with what report() needs to name and locate it. */
interface DiffResult {
  catalog: Catalog;
  region: Region;
  discrepancies: Discrepancy[];
  heading: Message;
  /** text report: what to call the two sides, when not 本级 and the compared region */
  sideLabels?: { ours: string; theirs: string };
  /** the two items a discrepancy compares */
  itemsOf(d: Discrepancy): MessageContext;
  /** our parsed item file, for line numbers */
  fileOf(d: Discrepancy): ParsedFile | undefined;
  /** catalog-relative item files that do not parse (not compared) */
  broken: string[];
  close(): void;
}

/** One region's items as parsed data; files that do not parse are listed apart. */
interface Snapshot extends RegionItems {
  files: Map<string, ParsedFile>;
  /** every catalogCode with a file, parsed or not */
  claimed: Set<string>;
  broken: string[];
}

async function snapshot(catalog: Catalog, region: Region | undefined, code: string): Promise<Snapshot> {
  const paths = region ? (catalog.items.get(region.code) ?? new Map<string, string>()) : new Map<string, string>();
  const parsed = await catalog.parse([...paths.values()]);
  const items = new Map<string, Item>();
  const files = new Map<string, ParsedFile>();
  const broken: string[] = [];
  for (const [catalogCode, path] of paths) {
    const file = parsed.get(path)!;
    files.set(catalogCode, file);
    const data = file.data;
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) items.set(catalogCode, data as Item);
    else broken.push(path);
  }
  return { code, level: region?.level, localItems: region?.localItems, items, files, claimed: new Set(paths.keys()), broken };
}

function regionOf(catalog: Catalog, code: string): Region {
  const region = catalog.regions.get(code);
  if (!region) throw new TongbiaoError(`no region ${code} in the catalog (${catalog.source.root})`);
  return region;
}

function label(region: Region | undefined, code: string): string {
  return region?.name ? `${code} ${region.name}` : code;
}

async function acrossLevels(root: string, code: string, against: string | undefined, only: ReadonlySet<string> | undefined): Promise<DiffResult> {
  const catalog = await loadCatalog(fsSource(root));
  await moveV1Decisions(catalog);
  const region = regionOf(catalog, code);
  const others: Region[] = [];
  if (against !== undefined) {
    if (against === code) throw new TongbiaoError('--against names the region itself');
    others.push(regionOf(catalog, against));
  } else {
    others.push(...ancestorsOf(catalog, region));
  }
  const ours = await snapshot(catalog, region, code);
  const ancestors = await Promise.all(others.map((r) => snapshot(catalog, r, r.code)));
  const byRegion = new Map<string, Snapshot>([ours, ...ancestors].map((s) => [s.code, s]));
  const discrepancies = compareRegion({
    region: ours,
    ancestors,
    classes: resolveFieldClasses(catalog.settings.fields),
    ...(only ? { only } : {}),
    claimed: ours.claimed,
  }).map((d) => {
    const decision = decisionOn(catalog.decisionsOf, d.region, d.key, d.fingerprint);
    return decision ? { ...d, decision } : d;
  });
  const heading =
    against === undefined
      ? { zh: `${label(region, code)} 对照上级与省级基准`, en: `${label(region, code)} against its parent and the province baseline` }
      : { zh: `${label(region, code)} 对照 ${label(others[0], against)}`, en: `${label(region, code)} against ${label(others[0], against)}` };
  return {
    catalog,
    region,
    discrepancies,
    heading,
    itemsOf: (d) => ({
      ours: byRegion.get(d.region)?.items.get(d.catalogCode),
      theirs: byRegion.get(d.against)?.items.get(d.catalogCode),
      ...(against === undefined ? {} : { otherName: { zh: '对照区划', en: 'the compared region' } }),
    }),
    fileOf: (d) => ours.files.get(d.catalogCode),
    broken: ours.broken,
    close: () => {},
  };
}

/** `A..B`, `A..` or `A`: B absent means the working tree. */
function parseRange(range: string): { from: string; to?: string } {
  const [from = '', to = '', ...rest] = range.split('..');
  if (from === '' || rest.length > 0) throw new TongbiaoError(`--rev must be A..B, A.. or A (got '${range}')`);
  return to === '' ? { from } : { from, to };
}

async function acrossRevisions(root: string, code: string, range: string, only: ReadonlySet<string> | undefined, lang: Lang): Promise<DiffResult> {
  const { from, to } = parseRange(range);
  const sources: GitCatalogSource[] = [];
  const open = async (rev: string) => {
    const source = await gitSource(root, rev);
    sources.push(source);
    return loadCatalog(source);
  };
  const close = () => sources.forEach((s) => s.close());
  try {
    const before = await open(from);
    const after = to === undefined ? await loadCatalog(fsSource(root)) : await open(to);
    const region = after.regions.get(code) ?? before.regions.get(code);
    if (!region) throw new TongbiaoError(`no region ${code} in the catalog at ${from} or ${to ?? 'the working tree'}`);
    const was = await snapshot(before, before.regions.get(code), code);
    const is = await snapshot(after, after.regions.get(code), code);
    const discrepancies = compareRevisions({
      region: code,
      before: was.items,
      after: is.items,
      classes: resolveFieldClasses(after.settings.fields),
      ...(only ? { only } : {}),
    });
    const span = `${from}..${to ?? ''}`;
    return {
      catalog: after,
      region,
      discrepancies,
      heading: { zh: `${label(region, code)} 在 ${span} 之间的变化`, en: `${label(region, code)}: changes in ${span}` },
      itemsOf: (d) => ({ ours: is.items.get(d.catalogCode), theirs: was.items.get(d.catalogCode), otherName: { zh: `${from} 版`, en: from } }),
      sideLabels: { ours: to ?? (lang === 'zh' ? '工作区' : 'working tree'), theirs: from },
      fileOf: (d) => is.files.get(d.catalogCode),
      broken: [...was.broken.map((p) => `${p} (${from})`), ...is.broken],
      close,
    };
  } catch (error) {
    close();
    throw error;
  }
}

interface ReportOptions {
  format: (typeof DIFF_FORMATS)[number];
  lang: Lang;
  brief: boolean;
  root: string;
  io: Io;
}

function report(result: DiffResult, options: ReportOptions): string {
  const { format, lang, brief, root, io } = options;
  const { catalog, discrepancies } = result;
  if (format === 'json') return renderDiffJson(discrepancies);
  if (format === 'github') {
    const locators = new Map<ParsedFile, Locate>();
    const findings = discrepancyFindings(discrepancies, {
      fileOf: result.fileOf,
      regionFile: (code) => catalog.regions.get(code)?.file ?? result.region.file,
      locate: (file, pointer) => {
        let locate = locators.get(file);
        if (!locate) locators.set(file, (locate = locatorOf(file)));
        return locate(pointer);
      },
      itemsOf: result.itemsOf,
    }).map((f) => ({ ...f, severity: severityOf(catalog.settings, f.rule, f.severity) ?? f.severity }));
    return render('github', findings, {
      lang,
      displayPath: (file) => relative(io.cwd, join(root, file)).split(sep).join('/'),
      summary: summarize(findings, result.discrepancies.length),
      color: false,
      toolVersion: VERSION,
    });
  }
  const s = style(colorEnabled(io.stdout, io.env));
  const diffStyle: DiffStyle = {
    error: s.red,
    warning: s.yellow,
    info: s.blue,
    dim: s.dim,
    bold: s.bold,
    removed: (t) => (s.enabled ? s.red(s.underline(t)) : `[-${t}-]`),
    added: (t) => (s.enabled ? s.green(s.underline(t)) : `{+${t}+}`),
    oneLine,
  };
  const ctx = {
    lang,
    style: diffStyle,
    itemsOf: result.itemsOf,
    regionName: (code: string) => catalog.regions.get(code)?.name,
    ...(result.sideLabels ? { sideLabels: result.sideLabels } : {}),
  };
  if (brief) return renderDiffBrief(discrepancies, ctx);
  return renderDiffText(discrepancies, ctx, result.heading[lang]);
}
