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
//
// Most of what a province's items say is said again and again: every county's copy of an item has the province's
// name, basis, materials and conditions. Each top-level element is written on lines of its own that depend on its
// key and value only, so an element's text is remembered by key and value (as JSON) and written again without
// asking yaml (≈ 90% of a province's elements; yaml still wrote every text once). An item holding a value JSON
// would not carry (a Date, NaN) is written whole.
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
  const ids = itemElements(item);
  return withModeline((ids && byElement(ids)) ?? wholeYaml(item), modeline);
}

/**
 * An item as its top-level elements, each as its key and JSON text (`key` KEY_END `json`, the form in which an
 * element's text is remembered); undefined when JSON would not carry a value unchanged (such an item is written
 * whole). It is also how the import's write pool hands items to its workers: an element the worker has written
 * before is found by this text, and neither parsed nor written again. (An array of strings, not one string split
 * in the worker: a piece split off a string keeps the whole string alive in V8, and the remembered pieces kept
 * whole items' texts — 250 MB more.)
 */
export function itemElements(item: Item): string[] | undefined {
  if (Object.getPrototypeOf(item) !== Object.prototype) return undefined;
  const ids: string[] = [];
  for (const key of Object.keys(item)) {
    const value = item[key];
    if (value === undefined) continue;
    // JSON escapes every control character: only a key could hold the separator
    if (!isPlainData(value) || key.includes(KEY_END)) return undefined;
    ids.push(`${key}${KEY_END}${JSON.stringify(value)}`);
  }
  return ids;
}

/** itemYaml of the item given as itemElements. */
export function itemYamlOfElements(ids: readonly string[], modeline?: string): string {
  return withModeline(byElement(ids) ?? wholeYaml(Object.fromEntries(ids.map((id) => [keyOf(id), valueOf(id)])) as Item), modeline);
}

function withModeline(text: string, modeline: string | undefined): string {
  return modeline === undefined ? text : `${modeline}\n${text}`;
}

/**
 * The item's text as the concatenation of its top-level elements' texts (what yaml writes for the whole map: each
 * pair on lines of its own, joined by line breaks); undefined when a blank line might depend on the element
 * before it (yaml leaves out the blank line before taskCode after a block scalar that keeps its final newlines),
 * and for an empty map (written `{}`).
 */
function byElement(ids: readonly string[]): string | undefined {
  let body = '';
  let mayKeep = false;
  for (const id of ids) {
    if (mayKeep && id.startsWith(TASK_CODE_ID)) return undefined;
    mayKeep = id.includes('\\n', id.indexOf(KEY_END));
    body += elementText(id);
  }
  return body === '' ? undefined : body;
}

const KEY_END = '\u0000';
const TASK_CODE_ID = `taskCode${KEY_END}`;
const keyOf = (id: string) => id.slice(0, id.indexOf(KEY_END));
const valueOf = (id: string): unknown => JSON.parse(id.slice(id.indexOf(KEY_END) + 1));

/** The text of the element `id` (key KEY_END JSON): remembered, or written (its JSON parsed) and remembered. */
function elementText(id: string): string {
  let text = recalled(id);
  if (text === undefined) {
    text = elementYaml(keyOf(id), valueOf(id));
    remember(id, text);
  }
  return text;
}

/** One top-level element as yaml writes it inside an item (its lines, each ending in a line break). */
function elementYaml(key: string, value: unknown): string {
  const doc = (writer ??= new Document());
  const node = nodeOf(doc, value);
  styleItemNode(node, [key]);
  if (isSeq(node)) node.items.forEach((entry, index) => styleItemNode(entry as Node, [key, index]));
  const map = new YAMLMap(doc.schema);
  map.items.push(new Pair(key === 'taskCode' ? TASK_CODE_KEY : keyNode(key), node));
  return render(doc, map);
}

/** The whole item through one document (an item that is not a plain object, or see byElement). */
function wholeYaml(item: Item): string {
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
  return render(doc, root);
}

function render(doc: Document, contents: Node): string {
  doc.contents = contents;
  const text = doc.toString(STRINGIFY).replace(SET_LINE, '$1[$2]');
  doc.contents = null;
  return text;
}

/**
 * Texts of elements by key and value, in two generations: a text is remembered in the young one (again when it is
 * found in the old one); when the young one holds GENERATION_CHARS (≈ 2 bytes a char), it becomes the old one and
 * the old one is forgotten. Every step is O(1): deleting the oldest entries one at a time made V8 walk over the
 * deleted ones on each next eviction (≈ 8 CPU s of a province's import in one worker).
 */
let young = new Map<string, string>();
let old = new Map<string, string>();
let youngChars = 0;
const GENERATION_CHARS = 2 ** 22;

function recalled(id: string): string | undefined {
  let text = young.get(id);
  if (text === undefined) {
    text = old.get(id);
    if (text !== undefined) remember(id, text);
  }
  return text;
}

function remember(id: string, text: string): void {
  young.set(id, text);
  youngChars += id.length + text.length;
  if (youngChars > GENERATION_CHARS) {
    old = young;
    young = new Map();
    youngChars = 0;
  }
}

/**
 * Whether JSON carries the value unchanged, and so tells it apart from every other value yaml would write
 * differently: strings, booleans, null, finite numbers other than -0, and arrays and plain objects of them (a
 * Date, NaN or -0 would share its JSON with a string, null or 0).
 */
function isPlainData(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (const entry of value) if (entry === undefined || !isPlainData(entry)) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const entry of Object.values(value)) if (entry !== undefined && !isPlainData(entry)) return false;
      return true;
    }
    default:
      return false;
  }
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
