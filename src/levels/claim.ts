// 认领: a region takes an item from its parent. Everything is copied except what only the
// region can know — who implements it and how to reach them — which gets the TODO
// placeholder that validate's `todo` rule reports until someone fills it in.
import type { Item } from '../catalog/types.js';
import { TODO } from '../schema/codes.js';
import { CLASSIFIED_ELEMENTS } from './field-classes.js';

/**
 * Placeholders for the elements a claim cannot copy. handleArea is local too but optional
 * free text, and the parent's (全省通办, 全市通办) is a sensible start, so it is copied;
 * entrustedBy goes with the parent's dept and is dropped with it.
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
export const ELEMENT_ORDER: readonly string[] = ['catalogCode', ...CLASSIFIED_ELEMENTS];

/** The region's copy of `parent`, keys in the spec's order, unknown keys after in the parent's order. */
export function claimItem(parent: Item): Item {
  const merged: Item = { ...structuredClone(parent), ...claimPlaceholders() };
  const known = ELEMENT_ORDER.filter((key) => Object.hasOwn(merged, key));
  const extra = Object.keys(merged).filter((key) => !ELEMENT_ORDER.includes(key));
  return Object.fromEntries([...known, ...extra].map((key) => [key, merged[key]]));
}
