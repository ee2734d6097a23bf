// The schemas compiled once per process with ajv; the rest of the tool asks here, never ajv directly.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { itemSchema, regionSchema } from './item.js';

let compiled: { item: ValidateFunction; region: ValidateFunction } | undefined;

function validators() {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowMatchingProperties: true });
    compiled = { item: ajv.compile(itemSchema), region: ajv.compile(regionSchema) };
  }
  return compiled;
}

export function itemSchemaErrors(data: unknown): ErrorObject[] {
  const validate = validators().item;
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

export function regionSchemaErrors(data: unknown): ErrorObject[] {
  const validate = validators().region;
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

type SchemaNode = { title?: string; properties?: Record<string, SchemaNode>; items?: SchemaNode; $ref?: string };

/** The Chinese title of the element a pointer names, e.g. `/materials/0/form` → 材料形式. */
export function titleAt(schema: object, segments: readonly string[]): string | undefined {
  const root = schema as SchemaNode & { $defs?: Record<string, SchemaNode> };
  const deref = (node: SchemaNode | undefined) =>
    node?.$ref?.startsWith('#/$defs/') ? { ...root.$defs?.[node.$ref.slice(8)], title: node.title } : node;
  let node: SchemaNode | undefined = root;
  let title: string | undefined;
  for (const segment of segments) {
    node = deref(node);
    node = /^\d+$/.test(segment) && node?.items ? node.items : node?.properties?.[segment];
    if (!node) return title;
    title = deref(node)?.title ?? title;
  }
  return title;
}
