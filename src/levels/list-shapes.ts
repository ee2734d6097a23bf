// How each list in an item is compared (spec §2: "identity: …"), and what an entry of an
// identity list is called in a discrepancy's key (spec §3 "Keys and fingerprints"). One
// table, so the semantic diff, the tighten rules, the fingerprint canonicalisation and
// the keys agree on which entry is which.
import { escapeToken } from './pointer.js';

/**
 * - `keyed`: entries are matched by their identity fields, never by position, so an
 *   added, removed or changed entry is reported as exactly that. `ordered` lists
 *   also report a different order of the entries both sides have (once, at the list).
 *   `unique` lists are spec §3's identity lists: two entries with one identity are a
 *   `duplicate-entry` error (rules/duplicate-entry.ts reads them from here).
 * - `set`: a selection from a code set; order and repetition carry no meaning.
 * - lists not in the table are compared position by position.
 */
export type ListShape =
  | { kind: 'keyed'; identity: readonly string[]; ordered: boolean; unique: boolean }
  | { kind: 'set' };

export const LIST_SHAPES: Readonly<Record<string, ListShape>> = {
  // 设定依据: a law and article name the basis; the order they are cited in means nothing.
  '/basis': { kind: 'keyed', identity: ['law', 'article'], ordered: false, unique: true },
  // 申请材料: a checklist; the order an office prints it in is presentation.
  '/materials': { kind: 'keyed', identity: ['name'], ordered: false, unique: true },
  // 办理流程: the order of the steps *is* the procedure, so a new order is a difference.
  '/steps': { kind: 'keyed', identity: ['name'], ordered: true, unique: true },
  // 办理地点: several service halls are alternatives, not a sequence.
  '/places': { kind: 'keyed', identity: ['address'], ordered: false, unique: true },
  // 收费项目: fee items are named charges, each with its own standard (not an identity list of
  // spec §3: matched by name, never a duplicate-entry).
  '/fee/items': { kind: 'keyed', identity: ['name'], ordered: false, unique: false },
  // 特别程序 and 中介服务 are named, and listed in no meaningful order.
  '/specialProcedures': { kind: 'keyed', identity: ['name'], ordered: false, unique: true },
  '/intermediaries': { kind: 'keyed', identity: ['name'], ordered: false, unique: true },
  // 业务办理项: a handling item is its seq (业务办理项编码 = taskCode + seq); inside one,
  // its materials and steps are compared as the item's are.
  '/handlingItems': { kind: 'keyed', identity: ['seq'], ordered: false, unique: true },
  '/handlingItems/*/materials': { kind: 'keyed', identity: ['name'], ordered: false, unique: true },
  '/handlingItems/*/steps': { kind: 'keyed', identity: ['name'], ordered: true, unique: true },
  // 行使层级 is a set by the spec. 服务对象 and 办理形式 are likewise selections from a
  // national code set: listing 自然人 before 企业法人 says nothing more than the reverse,
  // so treating them as ordered would only produce noise for reviewers.
  '/useLevel': { kind: 'set' },
  '/serviceObjects': { kind: 'set' },
  '/handlingForms': { kind: 'set' },
};

/** The identity of a keyed-list entry as a string; entries that are not mappings are their own identity. */
export function identityOf(entry: unknown, identity: readonly string[]): string {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    return `\u0000${JSON.stringify(entry)}`;
  }
  const record = entry as Record<string, unknown>;
  // The common case — one identity field holding text — without serialising (a hot path).
  // The prefixes keep the three forms apart: `s:` here, `[` for JSON, NUL for non-mappings.
  if (identity.length === 1 && typeof record[identity[0]!] === 'string') return `s:${record[identity[0]!] as string}`;
  return JSON.stringify(identity.map((field) => record[field] ?? null));
}

/** The identity fields of a keyed list, e.g. `identityFields('/materials')` → `['name']`. */
export function identityFields(listShape: string): readonly string[] {
  const shape = LIST_SHAPES[listShape];
  if (shape?.kind !== 'keyed') throw new RangeError(`${listShape} is not a keyed list`);
  return shape.identity;
}

/**
 * The key token of every entry of an identity list (spec §3): `@` and the entry's identity
 * (`@居民身份证`; basis `@《社会保险法》|第十九条`), escaped as a JSON Pointer token, the
 * second and later entries sharing one identity (a `duplicate-entry` error) `@name#2`,
 * `@name#3`. A token depends on the entry and the entries before it with the same identity,
 * never on its position, so reordering a list keeps every token; and two entries of one list
 * never share one. `matchEntries` pairs duplicates first with first, so a matched pair gets
 * the same token on both sides.
 */
export function entryTokens(list: readonly unknown[], identity: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return list.map((entry) => {
    const id = identityText(entry, identity);
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return `@${escapeToken(n === 1 ? id : `${id}#${n}`)}`;
  });
}

/**
 * An entry's identity as it is written in a key: the identity fields' text joined by `|`.
 * An entry whose identity fields are not all text (a `schema` error: a missing name, a
 * number, an entry that is no mapping) is written as JSON. Within one list the `#n`
 * counter keeps tokens apart whatever the texts are.
 */
function identityText(entry: unknown, identity: readonly string[]): string {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return JSON.stringify(entry) ?? 'null';
  const record = entry as Record<string, unknown>;
  const parts = identity.map((field) => record[field]);
  if (parts.every((part): part is string => typeof part === 'string')) return parts.join('|');
  return JSON.stringify(parts.map((part) => part ?? null));
}
