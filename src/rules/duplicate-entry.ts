import { pointerOf } from '../catalog/locate.js';
import { itemSchema } from '../schema/item.js';
import { titleAt } from '../schema/validate.js';
import type { ItemRule, Problem } from './types.js';
import { isRecord } from './util.js';

/** The identity lists of spec §3 and the members that identify an entry (basis: law + article). */
const IDENTITY_LISTS = {
  materials: ['name'],
  steps: ['name'],
  basis: ['law', 'article'],
  places: ['address'],
  specialProcedures: ['name'],
  intermediaries: ['name'],
  handlingItems: ['seq'],
} as const satisfies Record<string, readonly string[]>;

/** The lists a handling item may give itself, checked inside each handling item too. */
const HANDLING_ITEM_LISTS = ['materials', 'steps'] as const;

/** An identity list may not hold two entries with the same identity; the later one is reported. */
export const duplicateEntry: ItemRule = {
  id: 'duplicate-entry',
  severity: 'error',
  description: { zh: '同一列表中有两项的标识相同（如材料重名）', en: 'two entries of one identity list share their identity' },
  check({ item }) {
    const problems: Problem[] = [];
    for (const key of Object.keys(IDENTITY_LISTS) as (keyof typeof IDENTITY_LISTS)[]) {
      duplicates(item[key], key, [], problems);
    }
    const handlingItems = item.handlingItems;
    if (Array.isArray(handlingItems)) {
      handlingItems.forEach((handling, i) => {
        if (!isRecord(handling)) return;
        for (const key of HANDLING_ITEM_LISTS) duplicates(handling[key], key, ['handlingItems', i], problems);
      });
    }
    return problems;
  },
};

function duplicates(entries: unknown, key: keyof typeof IDENTITY_LISTS, at: (string | number)[], problems: Problem[]): void {
  if (!Array.isArray(entries)) return;
  const title = titleAt(itemSchema, [key]) ?? key;
  const first = new Map<string, number>();
  entries.forEach((entry, i) => {
    const parts = identityOf(entry, IDENTITY_LISTS[key]);
    if (parts === undefined) return;
    // Keyed as the spec's identity path writes it (law|article); shown as written.
    const identity = parts.join('|');
    const earlier = first.get(identity);
    if (earlier === undefined) {
      first.set(identity, i);
      return;
    }
    const path = pointerOf([...at, key, earlier]);
    problems.push({
      path: pointerOf([...at, key, i]),
      message: {
        zh: `${title}第 ${i + 1} 项“${parts.join('')}”与第 ${earlier + 1} 项 (${path}) 重复`,
        en: `${key} entry ${i} “${parts.join(' ')}” repeats entry ${earlier} (${path})`,
      },
    });
  });
}

/**
 * An entry's identity members, trimmed (the full-width space included); undefined when the entry is malformed
 * or its first identity member is blank (the schema reports those).
 */
function identityOf(entry: unknown, members: readonly string[]): string[] | undefined {
  if (!isRecord(entry)) return undefined;
  const parts: string[] = [];
  for (const member of members) {
    const value = entry[member];
    // A later identity member may be absent (a basis without an article); the first one may not.
    if (value === undefined && parts.length > 0) parts.push('');
    else if (typeof value !== 'string') return undefined;
    else parts.push(value.trim());
  }
  return parts[0] === '' ? undefined : parts;
}
