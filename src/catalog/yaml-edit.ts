// Changing an existing YAML file without disturbing what a person wrote: the one place that edits catalog
// files (migrate, import, fix and decisions export all come here; new files are laid out by
// levels/item-yaml.ts). The file is read as a `yaml` Document, brought to the new data by touching only the
// nodes whose value differs, and written back. Untouched nodes keep their comments, quoting, flow or block
// style, blank lines and key order; the source's conventions that the `yaml` printer would otherwise
// normalise (padding inside `[ ]` and `{ }`, CRLF line ends, a byte-order mark) are kept too.
import { Document, isCollection, isMap, isScalar, isSeq, parseDocument, Scalar, visit, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

/** Parses `text` for editing (comments and source styles kept). Throws on a document with errors. */
export function parseForEdit(text: string): Document {
  const doc = parseDocument(stripBom(text), { uniqueKeys: true, keepSourceTokens: false });
  if (doc.errors.length > 0) throw doc.errors[0];
  return doc;
}

export interface ReconcileOptions {
  /** Called for every node the edit creates (not for nodes it keeps), with its path of keys and indexes. */
  onCreate?: (node: Node, path: readonly (string | number)[]) => void;
}

/**
 * Makes `doc`'s data equal to `data`, changing as little as possible: equal values keep their nodes; a changed
 * scalar keeps its node (and comments); map keys keep their order, a new key goes after the key that precedes
 * it in `data`; list entries equal to an old entry keep that entry's node, the others take the old nodes left
 * over, in order.
 */
export function reconcile(doc: Document, data: unknown, options: ReconcileOptions = {}): void {
  doc.contents = reconcileNode(doc, doc.contents as Node | null, data, [], options) as typeof doc.contents;
}

/** The edited document as text, in the conventions of `original` (the text it was parsed from). */
export function renderEdited(doc: Document, original: string): string {
  let out = doc.toString({ lineWidth: 0, flowCollectionPadding: true });
  out = restoreFlowPadding(out, sourcePadding(original));
  if (original.includes('\r\n')) out = out.replace(/\r?\n/g, '\r\n');
  return hasBom(original) ? `\uFEFF${out}` : out;
}

/** `text` with its data replaced by `data`, touching only what differs (see reconcile). */
export function rewriteYaml(text: string, data: unknown, options: ReconcileOptions = {}): string {
  const doc = parseForEdit(text);
  reconcile(doc, data, options);
  return renderEdited(doc, text);
}

type PathPart = string | number;

function reconcileNode(doc: Document, node: Node | null, value: unknown, path: PathPart[], options: ReconcileOptions): Node | null {
  if (value === undefined) return null;
  if (isPlainObject(value) && isMap(node)) return reconcileMap(doc, node, value, path, options);
  if (Array.isArray(value) && isSeq(node)) return reconcileSeq(doc, node, value, path, options);
  if (isScalarValue(value) && isScalar(node)) {
    if (node.value === value) return node;
    // A block or quoted style cannot carry a number, boolean or null: let the printer choose.
    if (typeof value !== 'string' && node.type !== undefined && node.type !== Scalar.PLAIN) node.type = undefined;
    node.value = value;
    return node;
  }
  return created(doc, node, value, path, options);
}

function reconcileMap(doc: Document, node: YAMLMap, value: Record<string, unknown>, path: PathPart[], options: ReconcileOptions): YAMLMap {
  const keyOf = (pair: Pair) => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key));
  node.items = node.items.filter((pair) => Object.hasOwn(value, keyOf(pair)));
  const keys = Object.keys(value);
  keys.forEach((key, index) => {
    const at = node.items.findIndex((pair) => keyOf(pair) === key);
    if (at >= 0) {
      const pair = node.items[at]!;
      pair.value = reconcileNode(doc, pair.value as Node | null, value[key], [...path, key], options);
      return;
    }
    const pair = doc.createPair(key, null);
    pair.value = created(doc, null, value[key], [...path, key], options);
    // After the nearest key that precedes it in `value` and is already in the map; else first.
    let insertAt = 0;
    for (let before = index - 1; before >= 0; before--) {
      const found = node.items.findIndex((p) => keyOf(p) === keys[before]);
      if (found >= 0) {
        insertAt = found + 1;
        break;
      }
    }
    node.items.splice(insertAt, 0, pair);
  });
  return node;
}

function reconcileSeq(doc: Document, node: YAMLSeq, value: unknown[], path: PathPart[], options: ReconcileOptions): YAMLSeq {
  const old = node.items as (Node | null)[];
  const oldJson = old.map((item) => JSON.stringify(isCollection(item) || isScalar(item) ? item.toJSON() : item));
  const used = new Set<number>();
  // Entries equal to an old one keep that node, preferring the same position.
  const kept: (number | undefined)[] = value.map((entry, index) => {
    const json = JSON.stringify(entry);
    if (index < old.length && !used.has(index) && oldJson[index] === json) return (used.add(index), index);
    const found = oldJson.findIndex((candidate, i) => !used.has(i) && candidate === json);
    return found >= 0 ? (used.add(found), found) : undefined;
  });
  const leftOver = old.map((_, i) => i).filter((i) => !used.has(i));
  node.items = value.map((entry, index) => {
    const reuse = kept[index] ?? leftOver.shift();
    const base = reuse === undefined ? null : old[reuse]!;
    return reconcileNode(doc, base, entry, [...path, index], options);
  });
  return node;
}

/** A fresh node for `value`, taking over the comments, blank line and flow style of the node it replaces. */
function created(doc: Document, replaced: Node | null, value: unknown, path: PathPart[], options: ReconcileOptions): Node {
  const node = doc.createNode(value) as Node;
  if (replaced) {
    node.comment = replaced.comment;
    node.commentBefore = replaced.commentBefore;
    node.spaceBefore = replaced.spaceBefore;
    if (isCollection(replaced) && isCollection(node)) node.flow = replaced.flow;
  }
  if (options.onCreate) walkCreated(node, path, options.onCreate);
  return node;
}

/** Calls `onCreate` for a created node and every value node inside it (not map keys), parents first, with their paths. */
function walkCreated(node: unknown, path: PathPart[], onCreate: NonNullable<ReconcileOptions['onCreate']>): void {
  if (!isCollection(node) && !isScalar(node)) return;
  onCreate(node, path);
  if (isMap(node)) for (const pair of node.items) walkCreated(pair.value, [...path, isScalar(pair.key) ? String(pair.key.value) : String(pair.key)], onCreate);
  else if (isSeq(node)) node.items.forEach((item, index) => walkCreated(item, [...path, index], onCreate));
}

interface Padding {
  seq: boolean;
  map: boolean;
}

/** Whether the source pads its flow collections (`[ a ]`, `{ a: 1 }`), judged by the first of each kind. */
function sourcePadding(text: string): Padding {
  const padding: Padding = { seq: false, map: true };
  let seenSeq = false;
  let seenMap = false;
  const source = stripBom(text);
  try {
    visit(parseDocument(source, { uniqueKeys: false }), (_key, node) => {
      if (!isCollection(node) || !node.flow || !node.range) return;
      const padded = /^[[{] /.test(source.slice(node.range[0], node.range[1]));
      if (isSeq(node) && !seenSeq && node.items.length > 0) [seenSeq, padding.seq] = [true, padded];
      if (isMap(node) && !seenMap && node.items.length > 0) [seenMap, padding.map] = [true, padded];
      if (seenSeq && seenMap) return visit.BREAK;
    });
  } catch {
    // an unreadable source has no conventions to keep
  }
  return padding;
}

/** The printed text with each one-line flow collection padded or not as the source pads its kind. */
function restoreFlowPadding(printed: string, padding: Padding): string {
  if (padding.seq && padding.map) return printed;
  const cuts: number[] = [];
  visit(parseDocument(printed, { uniqueKeys: false }), (_key, node) => {
    if (!isCollection(node) || !node.flow || !node.range || node.items.length === 0) return;
    const tight = isSeq(node) ? !padding.seq : !padding.map;
    if (!tight) return;
    const [start, end] = node.range;
    const body = printed.slice(start, end).trimEnd();
    const close = start + body.length - 1;
    if (body.includes('\n') || printed[start + 1] !== ' ' || printed[close - 1] !== ' ') return;
    cuts.push(start + 1, close - 1);
  });
  // The space after the opening and before the closing bracket go, last first so the offsets stay valid.
  let out = printed;
  for (const at of cuts.sort((a, b) => b - a)) out = out.slice(0, at) + out.slice(at + 1);
  return out;
}

const hasBom = (text: string) => text.charCodeAt(0) === 0xfeff;
const stripBom = (text: string) => (hasBom(text) ? text.slice(1) : text);
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalarValue = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/**
 * Renames the key `from` of the mapping at `path` (keys and indexes; `[]` for the top) to `to`, in place: the
 * pair keeps its position, value, comments and the key's quoting. Nothing happens where there is no such key.
 * For what reconcile cannot tell from data alone (to it, a renamed key is one key dropped and another added).
 */
export function renameKey(doc: Document, path: readonly PathPart[], from: string, to: string): void {
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(map)) return;
  const pair = map.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === from);
  if (!pair) return;
  if (isScalar(pair.key)) pair.key.value = to;
  else pair.key = doc.createNode(to);
}
