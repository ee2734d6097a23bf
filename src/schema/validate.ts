// The schemas compiled once per process with ajv; the rest of the tool asks here, never ajv directly.
// `npm run build` also writes them out as standalone code (build-validators.ts), which loads in a few ms where
// compiling takes ≈ 100 ms: every command pays that, and a one-file check is mostly that.
import { createRequire } from 'node:module';
import { Ajv2020, type ErrorObject, type Options, type ValidateFunction } from 'ajv/dist/2020.js';
import { itemSchema, regionSchema } from './item.js';

export const AJV_OPTIONS: Options = { allErrors: true, strict: true, allowMatchingProperties: true };
/** Written by the build next to the compiled validate.js; absent when running from source. */
export const STANDALONE_FILE = 'validators.cjs';

interface Validators {
  item: ValidateFunction;
  region: ValidateFunction;
}
let compiled: Validators | undefined;

function validators(): Validators {
  compiled ??= standalone() ?? compile();
  return compiled;
}

export function compile(): Validators {
  const ajv = new Ajv2020(AJV_OPTIONS);
  return { item: ajv.compile(itemSchema), region: ajv.compile(regionSchema) };
}

function standalone(): Validators | undefined {
  try {
    return createRequire(import.meta.url)(`./${STANDALONE_FILE}`) as Validators;
  } catch (error) {
    if ((error as { code?: string }).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
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
