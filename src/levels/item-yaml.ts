// An item as YAML in the spec's layout (§2 example): block mappings and lists, with the
// short structured values on one line — `useLevel: [省级, 市级, 县级]`,
// `promisedLimit: { days: 15, unit: 工作日 }`, `- { name: 受理, days: 1 }` — so a claimed
// file reads like the files people write by hand and diffs cleanly in git.
//
// The `yaml` package writes the text; the nodes it writes are built here directly rather than by
// `new Document(item)`, which made a schema per file, searched the tag list for every value and walked the
// document for anchors on every object (aliasDuplicateObjects) — most of a province import's rendering time.
// An item is plain data (parsed YAML, JSON or workbook cells), so each value maps to the node createNode would
// make; anything else (a Date, a Map) is still handed to createNode. The text is the same byte for byte, except
// that an object referenced twice in one item is written twice instead of as an anchor and alias.
import { Document, isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
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
  const doc = (writer ??= new Document());
  const root = nodeOf(doc, item);
  if (isMap(root)) {
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as Node | null;
      if (key === 'taskCode') pair.key = TASK_CODE_KEY;
      if (value) styleItemNode(value, [key]);
      if (isSeq(value)) value.items.forEach((entry, index) => styleItemNode(entry as Node, [key, index]));
    }
  }
  doc.contents = root;
  const body = doc.toString(STRINGIFY).replace(SET_LINE, '$1[$2]');
  doc.contents = null;
  return modeline === undefined ? body : `${modeline}\n${body}`;
}

/** No directives: a new document has none to write, and looking (a walk over every node for tags) is skipped. */
const STRINGIFY = { lineWidth: 0, flowCollectionPadding: true, directives: false } as const;
/** The one document every item is written through (per thread): its contents are set for each item. */
let writer: Document | undefined;
/** Key nodes, shared by every map that has the key: stringifying reads a node, never changes it. */
const keyNodes = new Map<string, Scalar>();
/** taskCode opens the implementation elements: a blank line before it. */
const TASK_CODE_KEY = Object.assign(new Scalar('taskCode'), { spaceBefore: true });

function keyNode(key: string): Scalar {
  let node = keyNodes.get(key);
  if (!node) keyNodes.set(key, (node = new Scalar(key)));
  return node;
}

/** The node `doc.createNode(value)` makes (without anchors), built without its per-value searches. */
function nodeOf(doc: Document, value: unknown): Node {
  if (value === null || typeof value !== 'object') return new Scalar(value);
  if (Array.isArray(value)) {
    const seq = new YAMLSeq(doc.schema);
    for (const entry of value) seq.items.push(nodeOf(doc, entry));
    return seq;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return doc.createNode(value, { aliasDuplicateObjects: false });
  const map = new YAMLMap(doc.schema);
  for (const key of Object.keys(value)) {
    const entry = (value as Record<string, unknown>)[key];
    if (entry !== undefined) map.items.push(new Pair(keyNode(key), nodeOf(doc, entry)));
  }
  return map;
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
