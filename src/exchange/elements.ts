// The item's elements as the exchange formats see them, read from the published JSON Schema: key, Chinese
// title, kind of value and code set. Spreadsheet headers, cell conversions and import checks all ask this
// module, so a title or a code set changed in src/schema changes every sheet with it (one source of truth).
// It reads the schema generically ($ref, if/then/else, oneOf/anyOf), so it follows the schema as it evolves.
import { itemSchema, regionSchema } from '../schema/item.js';

type SchemaNode = Record<string, unknown>;

/** How a value is written in a cell and read back from one. */
export type ElementKind =
  | 'text' // a string (free text, a code such as catalogCode, a file reference)
  | 'choice' // a string from a code set
  | 'date' // a YYYY-MM-DD string
  | 'integer'
  | 'number'
  | 'boolean'
  | 'set' // a list of plain values (code-set labels or free text), joined with 、 in a cell
  | 'object' // members spread over columns
  | 'list'; // a list of objects: one row per entry in a sheet of its own

export interface Element {
  key: string;
  /** the schema's Chinese title (the key itself when the schema gives none) */
  title: string;
  kind: ElementKind;
  /** code set of a choice, or of a set's values */
  values?: readonly string[];
  /** digits only and exactly this many (`^[0-9]{12}$`): a number typed in its cell lost its leading zeros */
  digits?: number;
  /** for an object: its members; for a list: the members of each entry */
  members?: Element[];
  /** for an object: plain strings it may be instead (statutoryLimit: 无) */
  literals?: readonly string[];
  required: boolean;
}

/** The item's elements in the schema's order (the spec's order); pass a catalog's schema (itemSchemaOf) for its local code-set values. */
export function itemElements(schema: SchemaNode = itemSchema as unknown as SchemaNode): Element[] {
  return membersOf(schema, schema);
}

/** region.yaml's elements (区划 sheet). */
export function regionElements(schema: SchemaNode = regionSchema as unknown as SchemaNode): Element[] {
  return membersOf(schema, schema);
}

/** An element by key path, e.g. ['dept', 'name']. */
export function elementAt(elements: readonly Element[], path: readonly string[]): Element | undefined {
  let list: readonly Element[] | undefined = elements;
  let found: Element | undefined;
  for (const key of path) {
    found = list?.find((e) => e.key === key);
    list = found?.members;
  }
  return found;
}

function membersOf(node: SchemaNode, root: SchemaNode): Element[] {
  const object = resolve(node, root);
  const properties = (object.properties ?? {}) as Record<string, SchemaNode>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([key, property]) => describe(key, property, root, required.has(key)));
}

function describe(key: string, property: SchemaNode, root: SchemaNode, required: boolean): Element {
  const title = typeof property.title === 'string' ? property.title : undefined;
  const variants = alternatives(property, root);
  const objectVariant = variants.find((v) => v.type === 'object' || v.properties !== undefined);
  const element: Element = { key, title: title ?? key, kind: 'text', required };
  if (objectVariant) {
    element.kind = 'object';
    element.members = membersOf(objectVariant, root);
    const literals = variants.flatMap((v) => (typeof v.const === 'string' ? [v.const] : Array.isArray(v.enum) ? (v.enum as string[]) : []));
    if (literals.length > 0) element.literals = literals;
    if (title === undefined && typeof objectVariant.title === 'string') element.title = objectVariant.title;
    return element;
  }
  const merged = Object.assign({}, ...variants) as SchemaNode;
  if (title === undefined && typeof merged.title === 'string') element.title = merged.title;
  switch (merged.type) {
    case 'integer':
      element.kind = 'integer';
      break;
    case 'number':
      element.kind = 'number';
      break;
    case 'boolean':
      element.kind = 'boolean';
      break;
    case 'array': {
      const items = resolve((merged.items ?? {}) as SchemaNode, root);
      if (items.type === 'object' || items.properties !== undefined) {
        element.kind = 'list';
        element.members = membersOf(items, root);
      } else {
        element.kind = 'set';
        const values = codeSet(items);
        if (values) element.values = values;
      }
      break;
    }
    default: {
      const values = codeSet(merged);
      if (values) {
        element.kind = 'choice';
        element.values = values;
      } else if (merged.format === 'date' || (typeof merged.pattern === 'string' && /^\^\[0-9\]\{4\}-/.test(merged.pattern))) {
        element.kind = 'date';
      }
      const digits = typeof merged.pattern === 'string' ? /^\^\[0-9\]\{(\d+)\}\$$/.exec(merged.pattern) : null;
      if (digits) element.digits = Number(digits[1]);
    }
  }
  return element;
}

function codeSet(node: SchemaNode): readonly string[] | undefined {
  if (Array.isArray(node.enum)) return node.enum as string[];
  const variants = (node.anyOf ?? node.oneOf) as SchemaNode[] | undefined;
  const consts = variants?.flatMap((v) => (Array.isArray(v.enum) ? (v.enum as string[]) : typeof v.const === 'string' ? [v.const] : []));
  return consts && consts.length > 0 ? consts : undefined;
}

/** The shapes a property may take: itself (resolved), or each branch of if/then/else, oneOf, anyOf. */
function alternatives(property: SchemaNode, root: SchemaNode): SchemaNode[] {
  const node = resolve(property, root);
  // A node that is itself an object or has a type: its conditionals constrain it (result: name unless 无).
  if (node.properties !== undefined || node.type !== undefined) return [node];
  const branches = [node.then, node.else, ...((node.oneOf ?? node.anyOf ?? []) as unknown[])].filter(
    (b): b is SchemaNode => typeof b === 'object' && b !== null,
  );
  if (branches.length === 0) return [node];
  const { then: _then, else: _else, if: _if, oneOf: _oneOf, anyOf: _anyOf, ...own } = node;
  return branches.map((b) => ({ ...own, ...resolve(b, root) }));
}

/** Follows a local `$ref` (`#/$defs/limit`), keeping the referring node's own keywords (title) on top. */
function resolve(node: SchemaNode, root: SchemaNode): SchemaNode {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  let target: unknown = root;
  for (const token of ref.slice(2).split('/')) target = (target as SchemaNode | undefined)?.[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (typeof target !== 'object' || target === null) return node;
  const { $ref: _ref, ...own } = node;
  return { ...resolve(target as SchemaNode, root), ...own };
}
