// What an export reads: the regions chosen (one, a subtree or all) with the ancestors a new catalog needs to
// place them, and their items parsed a batch at a time (never the whole catalog in memory at once).
import type { Catalog } from '../catalog/load.js';
import { NO_EXTENSIONS } from '../schema/codes.js';
import { itemSchemaOf } from '../schema/validate.js';
import { itemElements, type Element } from './elements.js';
import type { Item, Message, ParsedFile, Region } from '../catalog/types.js';
import { ancestorsOf } from '../check/check.js';
import { TongbiaoError } from '../errors.js';

export interface Selection {
  /** regions whose items are exported, in tree order */
  regions: Region[];
  /** those regions and their ancestors, in tree order: the 区划 sheet / region records */
  tree: Region[];
}

/** The regions `--region CODE [--subtree]` names; every region when `code` is undefined. */
export function selectRegions(catalog: Catalog, code?: string, subtree = false): Selection {
  const ordered: Region[] = [];
  const walk = (region: Region) => {
    ordered.push(region);
    for (const child of region.children) walk(catalog.regions.get(child)!);
  };
  if (catalog.top) walk(catalog.top);
  if (code === undefined) return { regions: ordered, tree: ordered };
  const region = catalog.regions.get(code);
  if (!region) throw new TongbiaoError(`no region ${code} in the catalog`);
  const chosen = new Set<string>([code]);
  if (subtree) for (const r of ordered) if (r.parent !== undefined && chosen.has(r.parent)) chosen.add(r.code);
  const needed = new Set([...chosen, ...ancestorsOf(catalog, region).map((r) => r.code)]);
  return { regions: ordered.filter((r) => chosen.has(r.code)), tree: ordered.filter((r) => needed.has(r.code)) };
}

export interface ExportedItem {
  region: Region;
  file: string;
  item: Item;
}

export interface SkippedFile {
  file: string;
  message: Message;
}

/** Files read and parsed per batch. */
const BATCH = 256;

/** An item file to export and the region it belongs to. */
export interface ItemFile {
  region: Region;
  path: string;
}

/** The item files of `regions` in the order they are exported: tree order, then file order within a region. */
export function itemFiles(catalog: Catalog, regions: readonly Region[]): ItemFile[] {
  return regions.flatMap((region) =>
    [...(catalog.items.get(region.code) ?? new Map<string, string>()).entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, path]) => ({ region, path })),
  );
}

/** The item a parsed file gives, or — for a file that does not parse into a mapping — the reason it is skipped. */
export function exportable(file: ParsedFile): { item: Item } | { skipped: SkippedFile } {
  const data = file.data;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) return { item: data as Item };
  const why = file.problems[0]?.message ?? { zh: '不是键值映射', en: 'not a mapping' };
  return { skipped: { file: file.file, message: { zh: `未导出：${why.zh}`, en: `not exported: ${why.en}` } } };
}

/**
 * The items of `regions` in tree and code order, in format v2 (`catalog.read` gives a v1 catalog's items through the
 * spec §8 mapping, so what is exported is what the catalog means today); a file that does not parse into a mapping goes to `skipped`.
 */
export async function* catalogItems(catalog: Catalog, regions: readonly Region[], skipped: SkippedFile[]): AsyncGenerator<ExportedItem> {
  const files = itemFiles(catalog, regions);
  for (let i = 0; i < files.length; i += BATCH) {
    const batch = files.slice(i, i + BATCH);
    const parsed = await catalog.read(batch.map((f) => f.path));
    for (const { region, path } of batch) {
      const result = exportable(parsed.get(path)!);
      if ('skipped' in result) skipped.push(result.skipped);
      else yield { region, file: path, item: result.item };
    }
  }
}

/** The elements of a catalog's items as exported and imported: format v2 with the catalog's own code-set values. */
export function catalogElements(catalog: Pick<Catalog, 'settings'> | undefined): Element[] {
  return itemElements(itemSchemaOf({ formatVersion: 2, codeSets: catalog?.settings.codeSets ?? NO_EXTENSIONS }) as Record<string, unknown>);
}
