// `tongbiao claim <region> <catalogCode…|--all>`: 认领 — write a region's item files from
// the nearest ancestor that has each item, local elements left as TODO for the region to fill.
import { lstatSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { asWritten, loadCatalog, type Catalog } from '../../catalog/load.js';
import { ancestorsOf } from '../../check/check.js';
import { fsSource } from '../../catalog/source-fs.js';
import type { Item, Lang, Region } from '../../catalog/types.js';
import { EXIT_FINDINGS, EXIT_OK, TongbiaoError } from '../../errors.js';
import { claimItem, modelineFor, rebaseModeline } from '../../levels/claim.js';
import { filesOnly, lineageOf, missingItems, type RegionItems } from '../../levels/compare-region.js';
import { itemYaml } from '../../levels/item-yaml.js';
import { resolveCatalogRoot } from '../catalog-arg.js';
import { defineCommand, oneOf } from '../command.js';

const CATALOG_CODE = /^\d{12}$/;
/** Where `tongbiao schema` writes the item schema in a catalog (the demo catalog has it there). */
const SCHEMA_FILE = 'schema/item.schema.json';

export const claim = defineCommand({
  name: 'claim',
  help: `Usage: tongbiao claim <REGION> <CATALOGCODE…> [options]
       tongbiao claim <REGION> --all [options]

Writes REGION's item files (items/<catalogCode>.yaml) from the nearest ancestor that has each
item. Every element is copied except the local ones only the region knows — taskCode, dept,
places, consultPhone, complaintPhone — which are written as TODO; 'tongbiao validate' reports
each TODO (rule todo) until it is filled in.

Options:
  --catalog DIR   the catalog root
  --all           claim every baseline item whose useLevel includes REGION's level and that
                  REGION has no file for (what validate lists as level-missing)
  --force         overwrite an existing item file
  --lang LANG     message language: zh (default), en
  --format FORMAT text (default) or json: { region, claimed: [{ catalogCode, name, from, file }],
                  refused: [{ catalogCode, reason }] } on stdout, nothing on stderr
  -h, --help      show this help

Exit status: 0 every item claimed (or nothing to claim), 1 some item not claimed, 2 could not run.`,
  options: {
    catalog: { type: 'string' },
    all: { type: 'boolean' },
    force: { type: 'boolean' },
    lang: { type: 'string' },
    format: { type: 'string' },
  },
  async run(values, positionals, io) {
    const lang: Lang = oneOf('lang', values.lang, ['zh', 'en'] as const, 'zh');
    const json = oneOf('format', values.format, ['text', 'json'] as const, 'text') === 'json';
    const [code, ...codes] = positionals;
    if (code === undefined) throw new TongbiaoError("claim needs a REGION code. See 'tongbiao claim --help'.");
    if (values.all === true && codes.length > 0) throw new TongbiaoError('give catalog codes or --all, not both');
    if (values.all !== true && codes.length === 0) throw new TongbiaoError("name the items to claim, or --all. See 'tongbiao claim --help'.");
    for (const c of codes) if (!CATALOG_CODE.test(c)) throw new TongbiaoError(`'${c}' is not a 12-digit catalogCode`);

    const root = resolveCatalogRoot(values.catalog, io.cwd);
    const catalog = await loadCatalog(fsSource(root));
    const region = catalog.regions.get(code);
    if (!region) throw new TongbiaoError(`no region ${code} in the catalog (${root})`);
    if (region.parent === undefined) throw new TongbiaoError(`${code} is the top region: its items are the baseline, there is nothing to claim them from`);
    const ancestors = ancestorsOf(catalog, region);

    const wanted = values.all === true ? await unclaimed(catalog, region, ancestors) : [...new Set(codes)];
    const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
    const show = (file: string) => relative(io.cwd, join(root, file)).split(sep).join('/');
    const claimed: Array<{ catalogCode: string; name?: string; from: string; file: string }> = [];
    const refused: Array<{ catalogCode: string; reason: string }> = [];
    const report = () => io.stdout.write(JSON.stringify({ region: code, claimed, refused }, null, 2) + '\n');
    if (wanted.length === 0) {
      if (json) report();
      else io.stdout.write(t(`${code} 没有需要认领的事项。\n`, `${code} has nothing to claim.\n`));
      return EXIT_OK;
    }

    const have = catalog.items.get(code) ?? new Map<string, string>();
    const presence = ancestors.map((a) => filesOf(catalog, a));
    const refuse = (catalogCode: string, zh: string, en: string) => {
      refused.push({ catalogCode, reason: t(zh, en) });
      if (!json) io.stderr.write(`tongbiao: ${catalogCode}: ${t(zh, en)}\n`);
    };
    for (const catalogCode of wanted) {
      const target = `${region.dir}/items/${catalogCode}.yaml`;
      const source = lineageOf(catalogCode, presence).parent;
      if (!source) {
        refuse(catalogCode, '上级区划中没有这个事项', 'no ancestor region has this item');
        continue;
      }
      if (have.has(catalogCode) && values.force !== true) {
        refuse(catalogCode, `${show(target)} 已存在（用 --force 覆盖）`, `${show(target)} exists (--force overwrites it)`);
        continue;
      }
      const sourceFile = catalog.items.get(source.region)!.get(catalogCode)!;
      const parsed = (await catalog.parse([sourceFile])).get(sourceFile)!;
      const data = asWritten(parsed);
      if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        refuse(catalogCode, `${show(sourceFile)} 无法解析，先修复它（tongbiao validate）`, `${show(sourceFile)} does not parse; fix it first (tongbiao validate)`);
        continue;
      }
      if (region.level !== undefined && !useLevelIncludes(data as Item, region.level)) {
        refuse(catalogCode, `事项的行使层级不包括${region.level}`, `the item's useLevel does not include ${region.level}`);
        continue;
      }
      const firstLine = parsed.text?.split('\n', 1)[0] ?? '';
      const hasSchema = catalog.source.entries.some((e) => e.path === SCHEMA_FILE && e.type === 'file');
      const modeline = rebaseModeline(firstLine, sourceFile, target) ?? (hasSchema ? modelineFor(SCHEMA_FILE, target) : undefined);
      const problem = writeItem(root, region, target, itemYaml(claimItem(data as Item), modeline), values.force === true);
      if (problem) {
        refuse(catalogCode, problem.zh, problem.en);
        continue;
      }
      const itemName = typeof (data as Item).name === 'string' ? ((data as Item).name as string) : undefined;
      claimed.push({ catalogCode, ...(itemName === undefined ? {} : { name: itemName }), from: source.region, file: show(target) });
      const name = itemName === undefined ? '' : ` ${itemName}`;
      if (!json) io.stdout.write(t(`已认领 ${catalogCode}${name}（来自 ${source.region}）→ ${show(target)}\n`, `claimed ${catalogCode}${name} (from ${source.region}) → ${show(target)}\n`));
    }
    if (json) report();
    else if (claimed.length > 0) {
      io.stdout.write(
        t(
          `请填写其中的 TODO（实施编码、实施主体、办理地点、咨询电话、投诉电话），然后运行 tongbiao validate。\n`,
          `Fill in the TODO values (taskCode, dept, places, consultPhone, complaintPhone), then run tongbiao validate.\n`,
        ),
      );
    }
    return refused.length > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
});

/** What `--all` claims: the region's level-missing items, in code order. */
async function unclaimed(catalog: Catalog, region: Region, ancestors: Region[]): Promise<string[]> {
  if (region.level === undefined) throw new TongbiaoError(`${region.file} is missing or invalid, so ${region.code}'s level is unknown; fix it first (tongbiao validate)`);
  const top = ancestors[ancestors.length - 1]!;
  const baselinePaths = catalog.items.get(top.code) ?? new Map<string, string>();
  const parsed = await catalog.parse([...baselinePaths.values()]);
  const baseline = new Map<string, Item>();
  for (const [c, path] of baselinePaths) {
    const data = parsed.get(path)?.data;
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) baseline.set(c, data as Item);
  }
  const ancestorItems = ancestors.map((a) => (a === top ? { code: a.code, level: a.level, items: baseline } : filesOf(catalog, a)));
  return missingItems({ region: filesOf(catalog, region), ancestors: ancestorItems }).map((d) => d.catalogCode);
}

function filesOf(catalog: Catalog, region: Region): RegionItems {
  return filesOnly(region.code, region.level, catalog.items.get(region.code)?.keys() ?? []);
}

function useLevelIncludes(item: Item, level: string): boolean {
  return Array.isArray(item.useLevel) && item.useLevel.includes(level);
}

/**
 * Writes the file without ever following a link: the items folder must be a real folder, an
 * existing file a regular file; without --force the write fails if the file appeared meanwhile.
 */
function writeItem(root: string, region: Region, target: string, text: string, force: boolean): { zh: string; en: string } | undefined {
  const itemsDir = join(root, region.dir, 'items');
  const dirStat = lstatSync(itemsDir, { throwIfNoEntry: false });
  if (dirStat && !dirStat.isDirectory()) return { zh: `${region.dir}/items 不是普通目录（不会跟随链接）`, en: `${region.dir}/items is not a plain folder (links are never followed)` };
  if (!dirStat) mkdirSync(itemsDir);
  const file = join(root, target);
  const fileStat = lstatSync(file, { throwIfNoEntry: false });
  if (fileStat && !fileStat.isFile()) return { zh: `${target} 不是普通文件（不会跟随链接）`, en: `${target} is not a regular file (links are never followed)` };
  try {
    writeFileSync(file, text, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EEXIST') return { zh: `${target} 已存在（用 --force 覆盖）`, en: `${target} exists (--force overwrites it)` };
    throw new TongbiaoError(`cannot write ${target}: ${e.message}`);
  }
  return undefined;
}
