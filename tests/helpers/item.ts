// Builds what an item rule sees from YAML text, through the real decoder and parser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml } from '../../src/catalog/parse.js';
import type { Item, Level, ParsedFile, Region } from '../../src/catalog/types.js';
import type { ItemContext, ItemRule, Problem } from '../../src/rules/types.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** A valid county item (江岸区 420102) as YAML text: tweak it with `withItem` to make a rule fire. */
export const VALID_COUNTY_YAML = readFileSync(join(FIXTURES, 'items', 'valid-county.yaml'), 'utf8');

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
  return { file, item, region, fileName };
}

export function check(rule: ItemRule, item: Item, options?: ContextOptions): Problem[] {
  return rule.check(itemContext(item, options));
}
