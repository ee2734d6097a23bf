// duplicate-entry (spec §3): two entries of one identity list with the same identity. Which lists and which
// members identify an entry is levels/list-shapes.ts's to say; this rule only finds the repeats.
import { pointerOf, pointerSegments } from '../catalog/locate.js';
import { LIST_SHAPES } from '../levels/list-shapes.js';
import { itemSchema } from '../schema/item.js';
import { titleAt } from '../schema/validate.js';
import type { ItemRule, Problem } from './types.js';
import { isRecord } from './util.js';

/**
 * The identity lists of spec §3 and the members that identify an entry (basis: law + article), as the one
 * table of entry identity has them (levels/list-shapes.ts): every `unique` keyed list, by its pointer
 * pattern (the materials and steps of every handling item too).
 */
const IDENTITY_LISTS = Object.entries(LIST_SHAPES).flatMap(([pattern, shape]) =>
  shape.kind === 'keyed' && shape.unique ? [{ segments: pointerSegments(pattern), identity: shape.identity }] : [],
);

/** An identity list may not hold two entries with the same identity; the later one is reported. */
export const duplicateEntry: ItemRule = {
  id: 'duplicate-entry',
  severity: 'error',
  description: { zh: '同一列表中有两项的标识相同（如材料重名）', en: 'two entries of one identity list share their identity' },
  check({ item }) {
    const problems: Problem[] = [];
    for (const list of IDENTITY_LISTS) forEachList(item, list.segments, 0, [], (entries, at) => duplicates(entries, at, list.identity, problems));
    return problems;
  },
};

/**
 * Each value a pointer pattern names in `value` (from `segments[depth]` on, `*` standing for every index of a
 * list), with the path to it: `at` is one array pushed and popped on the way, copied only where a repeat is found.
 */
function forEachList(value: unknown, segments: readonly string[], depth: number, at: (string | number)[], visit: (value: unknown, at: readonly (string | number)[]) => void): void {
  if (depth === segments.length) {
    visit(value, at);
    return;
  }
  const segment = segments[depth]!;
  if (segment === '*') {
    if (!Array.isArray(value)) return;
    for (let i = 0; i < value.length; i++) {
      at.push(i);
      forEachList(value[i], segments, depth + 1, at, visit);
      at.pop();
    }
  } else if (isRecord(value) && Object.hasOwn(value, segment)) {
    at.push(segment);
    forEachList(value[segment], segments, depth + 1, at, visit);
    at.pop();
  }
}

function duplicates(entries: unknown, at: readonly (string | number)[], members: readonly string[], problems: Problem[]): void {
  if (!Array.isArray(entries) || entries.length < 2) return;
  const first = new Map<string, number>();
  entries.forEach((entry, i) => {
    const parts = identityOf(entry, members);
    if (parts === undefined) return;
    // Keyed as the spec's identity path writes it (law|article); shown as written.
    const identity = parts.join('|');
    const earlier = first.get(identity);
    if (earlier === undefined) {
      first.set(identity, i);
      return;
    }
    const key = String(at.at(-1));
    const path = pointerOf([...at, earlier]);
    // Looked up only for a repeat: most items have none, and the schema walk cost more than the rest of the rule.
    const title = titleAt(itemSchema, [key]) ?? key;
    problems.push({
      path: pointerOf([...at, i]),
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
