// How each list in an item is compared (spec §2: "identity: …"). One table, so the
// semantic diff, the tighten rules and the fingerprint canonicalisation agree.

/**
 * - `keyed`: entries are matched by their identity fields, never by position, so an
 *   added, removed or changed entry is reported as exactly that. `ordered` lists
 *   also report a different order of the entries both sides have (once, at the list).
 * - `set`: a selection from a code set; order and repetition carry no meaning.
 * - lists not in the table are compared position by position.
 */
export type ListShape =
  | { kind: 'keyed'; identity: readonly string[]; ordered: boolean }
  | { kind: 'set' };

export const LIST_SHAPES: Readonly<Record<string, ListShape>> = {
  // 设定依据: a law and article name the basis; the order they are cited in means nothing.
  '/basis': { kind: 'keyed', identity: ['law', 'article'], ordered: false },
  // 申请材料: a checklist; the order an office prints it in is presentation.
  '/materials': { kind: 'keyed', identity: ['name'], ordered: false },
  // 办理流程: the order of the steps *is* the procedure, so a new order is a difference.
  '/steps': { kind: 'keyed', identity: ['name'], ordered: true },
  // 办理地点: several service halls are alternatives, not a sequence.
  '/places': { kind: 'keyed', identity: ['address'], ordered: false },
  // 收费项目: fee items are named charges, each with its own standard.
  '/fee/items': { kind: 'keyed', identity: ['name'], ordered: false },
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
