// 认领: a region takes an item from its parent. Everything is copied except what only the
// region can know — who implements it and how to reach them — which gets the TODO
// placeholder that validate's `todo` rule reports until someone fills it in.
import { posix } from 'node:path';
import type { Item } from '../catalog/types.js';
import { TODO } from '../schema/codes.js';
import { ITEM_ELEMENTS } from './field-classes.js';

/**
 * Placeholders for the elements a claim cannot copy: who implements the item and how to reach
 * them. dept.nature is compared with the parent's (review), so claimItem keeps the parent's as
 * the start; entrustedBy goes with the parent's dept and is dropped with it.
 */
export function claimPlaceholders(): Item {
  return {
    taskCode: TODO,
    dept: { name: TODO, creditCode: TODO, nature: TODO },
    places: [{ address: TODO }],
    consultPhone: TODO,
    complaintPhone: TODO,
  };
}

/** The spec's element order (§2), catalogCode first: how claimed files are laid out. */
export const ELEMENT_ORDER: readonly string[] = ['catalogCode', ...ITEM_ELEMENTS];

/** The region's copy of `parent`, keys in the spec's order, unknown keys after in the parent's order. */
export function claimItem(parent: Item): Item {
  const merged: Item = { ...structuredClone(parent), ...claimPlaceholders() };
  // 实施主体性质 is compared with the parent's (review): the parent's is the likely start, not TODO.
  const nature = (parent.dept as { nature?: unknown } | undefined)?.nature;
  if (typeof nature === 'string') (merged.dept as Record<string, unknown>).nature = nature;
  const known = ELEMENT_ORDER.filter((key) => Object.hasOwn(merged, key));
  const extra = Object.keys(merged).filter((key) => !ELEMENT_ORDER.includes(key));
  return Object.fromEntries([...known, ...extra].map((key) => [key, merged[key]]));
}

const MODELINE = /^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$/;

/**
 * The `# yaml-language-server: $schema=…` line of `fromFile`, re-aimed for `toFile`: a
 * relative schema path is relative to the file that holds it, so a county file one folder
 * deeper than its city's needs one more `../`. URLs and absolute paths are kept as they are.
 * Paths are catalog-relative posix paths. Undefined when `firstLine` is no such line.
 */
export function rebaseModeline(firstLine: string, fromFile: string, toFile: string): string | undefined {
  const schema = MODELINE.exec(firstLine)?.[1];
  if (schema === undefined) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(schema) || schema.startsWith('/')) return firstLine;
  const target = posix.join(posix.dirname(fromFile), schema);
  return `# yaml-language-server: $schema=${posix.relative(posix.dirname(toFile), target)}`;
}

/** The modeline for a file at `toFile` pointing at a catalog-relative schema file. */
export function modelineFor(schemaFile: string, toFile: string): string {
  return `# yaml-language-server: $schema=${posix.relative(posix.dirname(toFile), schemaFile)}`;
}
