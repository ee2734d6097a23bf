// What an import has read from its file, whatever the format: items placed in regions, the regions the file
// describes, and every problem with where it is (`sheet!cell` or `table[n].field`). Pure data.
import type { Item, Message } from '../catalog/types.js';
import { isTyped } from './cells.js';
import type { Element } from './elements.js';

export interface ImportProblem {
  /** `申请材料!D17`, or `task_material[12].material_type` for JSON */
  at: string;
  severity: 'error' | 'warning';
  message: Message;
  /** the item the problem belongs to (region/catalogCode), when known: --force leaves that item out */
  item?: string;
}

export interface ImportedItem {
  region: string;
  catalogCode: string;
  item: Item;
  /** where the item starts in the file (its 事项 row, its basic record) */
  at: string;
  /** top-level elements the file does not give at all (a column left out): an existing file keeps its own */
  keep?: ReadonlySet<string>;
}

export interface ImportedRegion {
  code: string;
  parent?: string;
  /** region.yaml's data */
  data: Record<string, unknown>;
  at: string;
}

export interface ImportInput {
  /**
   * the items, put together as they are consumed (bounded memory); a reader's spill file goes when they end or
   * the consumer stops (the generator's finally)
   */
  items: AsyncIterable<ImportedItem>;
  regions: ImportedRegion[];
  /** every problem; an item's own problems are in it by the time the item is yielded */
  problems: ImportProblem[];
}

export const itemKey = (region: string, catalogCode: string) => `${region}/${catalogCode}`;

const REGION_CODE_PATTERN = /^\d{6}(\d{3}){0,2}$/;

/** A region code from a cell or a field: digits as text, 6, 9 or 12 of them. */
export function regionCodeOf(given: unknown): string | undefined {
  const value = isTyped(given) ? given.typed : given;
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
  return REGION_CODE_PATTERN.test(text) ? text : undefined;
}

/** The keys of a schema's elements (an import asks for every item). */
const elementKeys = new WeakMap<readonly Element[], ReadonlySet<string>>();

/** An item's keys in the schema's order, unknown keys after (as a new file lays them out). */
export function inSchemaOrder(item: Item, elements: readonly Element[]): Item {
  let known = elementKeys.get(elements);
  if (!known) elementKeys.set(elements, (known = new Set(elements.map((e) => e.key))));
  const entries: Array<[string, unknown]> = [];
  for (const element of elements) if (Object.hasOwn(item, element.key)) entries.push([element.key, item[element.key]]);
  for (const key of Object.keys(item)) if (!known.has(key)) entries.push([key, item[key]]);
  return Object.fromEntries(entries) as Item;
}

export const problem = (at: string, zh: string, en: string, item?: string, severity: 'error' | 'warning' = 'error'): ImportProblem => ({
  at, severity, message: { zh, en }, ...(item !== undefined ? { item } : {}),
});
