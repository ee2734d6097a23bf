// An item as YAML in the spec's layout (§2 example): block mappings and lists, with the
// short structured values on one line — `useLevel: [省级, 市级, 县级]`,
// `promisedLimit: { days: 15, unit: 工作日 }`, `- { name: 受理, days: 1 }` — so a claimed
// file reads like the files people write by hand and diffs cleanly in git.
import { Document, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Item } from '../catalog/types.js';

/** Elements written on one line as a whole. */
const FLOW_VALUES = new Set(['useLevel', 'serviceObjects', 'handlingForms', 'onlineDepth', 'jointDepts', 'statutoryLimit', 'promisedLimit', 'result']);
/** Lists whose entries are each written on one line. */
const FLOW_ENTRIES = new Set(['steps', 'places']);

/**
 * The spec writes flow mappings padded (`{ days: 15 }`) but code-set lists tight
 * (`[省级, 市级]`); the yaml package pads both alike, so the set lines are tightened after.
 */
const SET_LINE = /^((?:useLevel|serviceObjects|handlingForms|onlineDepth|jointDepts): )\[ (.*) \]$/gm;

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
      if (value) styleItemNode(value, [key]);
      if (isSeq(value)) value.items.forEach((entry, index) => styleItemNode(entry as Node, [key, index]));
    }
  }
  const body = doc.toString({ lineWidth: 0, flowCollectionPadding: true }).replace(SET_LINE, '$1[$2]');
  return modeline === undefined ? body : `${modeline}\n${body}`;
}

/**
 * The spec's layout for the node at `path` in an item (what itemYaml does to a whole item, and what an edit does
 * to the nodes it adds): short structured values on one line, steps and places one entry a line, and
 * `{ charged: false }` on one line while a charged fee with its basis and items is a block.
 */
export function styleItemNode(node: Node, path: readonly (string | number)[]): void {
  if (!isMap(node) && !isSeq(node)) return;
  const top = String(path[0]);
  if (path.length === 1 && FLOW_VALUES.has(top)) node.flow = true;
  if (path.length === 2 && FLOW_ENTRIES.has(top) && isMap(node)) node.flow = true;
  if (path.length === 1 && top === 'fee' && isMap(node) && node.items.length === 1 && isPair(node.items[0])) node.flow = true;
}
