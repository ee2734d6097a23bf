// Canonical JSON: the same data always gives the same string, whatever the key order
// in the YAML or the order of entries in a list whose order means nothing.
import { LIST_SHAPES, identityOf } from './list-shapes.js';
import { child, shapeOf } from './pointer.js';

/**
 * Serialises `value` with object keys sorted. When `pointer` says where the value
 * sits in an item, sets and unordered keyed lists beneath it are sorted too, so a
 * fingerprint does not change when someone merely reorders 申请材料 or 行使层级.
 * `undefined` (an absent value) serialises as `~`, which no JSON value does.
 */
export function canonicalJson(value: unknown, pointer?: string): string {
  if (value === undefined) return '~';
  return JSON.stringify(normalise(value, pointer));
}

function normalise(value: unknown, pointer: string | undefined): unknown {
  if (Array.isArray(value)) {
    const entries = value.map((entry, i) => normalise(entry, pointer === undefined ? undefined : child(pointer, i)));
    const shape = pointer === undefined ? undefined : LIST_SHAPES[shapeOf(pointer)];
    if (shape === undefined || (shape.kind === 'keyed' && shape.ordered)) return entries;
    const sortKey =
      shape.kind === 'set'
        ? (entry: unknown) => JSON.stringify(entry)
        : (entry: unknown) => `${identityOf(entry, shape.identity)}\u0000${JSON.stringify(entry)}`;
    return entries
      .map((entry) => [sortKey(entry), entry] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, entry]) => entry);
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // fromEntries defines own properties, so even a `__proto__` key stays data.
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, normalise(record[key], pointer === undefined ? undefined : child(pointer, key))]),
    );
  }
  return value;
}
