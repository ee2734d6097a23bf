// Builds what an item rule sees from YAML text, through the real decoder and parser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../src/catalog/config.js';
import { parseYaml } from '../../src/catalog/parse.js';
import type { CatalogEntry, Item, Level, ParsedFile, Region } from '../../src/catalog/types.js';
import type { ItemContext, ItemRule, Problem } from '../../src/rules/types.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** A valid format v2 county item (江岸区 420102) as YAML text: tweak it with `withItem` to make a rule fire. */
export const VALID_COUNTY_YAML = readFileSync(join(FIXTURES, 'items', 'valid-county.yaml'), 'utf8');

/** The settings of a v2 catalog without overrides, code-set extensions or exceptions. */
export const V2_SETTINGS: Settings = { ...DEFAULT_SETTINGS, formatVersion: 2 };

/** What the valid item's file references name under `files/` (the rest of the catalog's files/ listing). */
export const FILES: ReadonlyMap<string, CatalogEntry['type']> = new Map<string, CatalogEntry['type']>([
  ['files/forms', 'dir'],
  ['files/forms/养老保险关系转移申请表.docx', 'file'],
  ['files/samples', 'dir'],
  ['files/samples/参保缴费凭证.pdf', 'file'],
]);

export function validItem(): Item {
  const parsed = parseYaml(VALID_COUNTY_YAML);
  if (!('data' in parsed)) throw new Error('fixture does not parse');
  return parsed.data as Item;
}

/** The valid county item with some top-level elements replaced (undefined removes one). */
export function withItem(changes: Record<string, unknown>): Item {
  const item = validItem();
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete item[key];
    else item[key] = value;
  }
  return item;
}

export interface ContextOptions {
  level?: Level;
  region?: string;
  fileName?: string;
  text?: string;
  /** default: a v2 catalog's (V2_SETTINGS) */
  settings?: Partial<Settings>;
  /** default: FILES */
  files?: ReadonlyMap<string, CatalogEntry['type']>;
}

export function itemContext(item: Item, options: ContextOptions = {}): ItemContext {
  const code = options.region ?? '420102';
  const region: Region = {
    code,
    dir: code,
    children: [],
    file: `${code}/region.yaml`,
    level: options.level ?? '县级',
    name: 'test',
  };
  const fileName = options.fileName ?? `${String(item.catalogCode)}.yaml`;
  const file: ParsedFile = {
    file: `${code}/items/${fileName}`,
    region: code,
    id: 'test',
    text: options.text,
    data: item,
    problems: [],
  };
  return { file, item, region, fileName, settings: { ...V2_SETTINGS, ...options.settings }, files: options.files ?? FILES };
}

export function check(rule: ItemRule, item: Item, options?: ContextOptions): Problem[] {
  return rule.check(itemContext(item, options));
}
