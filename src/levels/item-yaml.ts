// An item as YAML in the spec's layout (§2 example): block mappings and lists, with the
// short structured values on one line — `useLevel: [省级, 市级, 县级]`,
// `promisedLimit: { days: 15, unit: 工作日 }`, `- { name: 受理, days: 1 }` — so a claimed
// file reads like the files people write by hand and diffs cleanly in git.
import { Document, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Item } from '../catalog/types.js';

/** Elements written on one line as a whole. */
const FLOW_VALUES = new Set(['useLevel', 'serviceObjects', 'handlingForms', 'statutoryLimit', 'promisedLimit', 'result']);
/** Lists whose entries are each written on one line. */
const FLOW_ENTRIES = new Set(['steps', 'places']);

/**
 * The spec writes flow mappings padded (`{ days: 15 }`) but code-set lists tight
 * (`[省级, 市级]`); the yaml package pads both alike, so the set lines are tightened after.
 */
const SET_LINE = /^((?:useLevel|serviceObjects|handlingForms): )\[ (.*) \]$/gm;

/**
 * Serialises `item`, keys in the order given. `modeline` (e.g. the `# yaml-language-server:
 * $schema=…` line of the catalog's files) is written first. A blank line separates the
 * basic elements (基本要素) from the implementation elements, as in the spec.
 */
export function itemYaml(item: Item, modeline?: string): string {
  const doc = new Document(item);
  const root = doc.contents;
  if (isMap(root)) {
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as Node | null;
      if (key === 'taskCode' && isScalar(pair.key)) pair.key.spaceBefore = true;
      if (FLOW_VALUES.has(key) && (isMap(value) || isSeq(value))) value.flow = true;
      if (FLOW_ENTRIES.has(key) && isSeq(value)) for (const entry of value.items) if (isMap(entry)) entry.flow = true;
      // `{ charged: false }` on one line; a charged fee with its basis and items as a block.
      if (key === 'fee' && isMap(value) && value.items.length === 1 && isPair(value.items[0])) value.flow = true;
    }
  }
  const body = doc.toString({ lineWidth: 0, flowCollectionPadding: true }).replace(SET_LINE, '$1[$2]');
  return modeline === undefined ? body : `${modeline}\n${body}`;
}
