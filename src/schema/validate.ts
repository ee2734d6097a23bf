// The schemas compiled with ajv; the rest of the tool asks here, never ajv directly.
// `npm run build` also writes the national ones out as standalone code (build-validators.ts), which loads in a few
// ms where compiling takes ≈ 100 ms: every command pays that, and a one-file check is mostly that. A catalog that
// extends a code set (`codeSets:` in tongbiao.yaml) needs a schema with its own values: compiled here, once per
// process and set of extensions.
import { createRequire } from 'node:module';
import { Ajv2020, type ErrorObject, type Options, type ValidateFunction } from 'ajv/dist/2020.js';
import { hasExtensions, NATIONAL_CODE_SETS, NO_EXTENSIONS, resolveCodeSets, type CodeSetExtensions } from './codes.js';
import { itemSchema, itemSchemaFor, regionSchema, type SchemaReading } from './item.js';

/**
 * `inlineRefs: false`: each `$ref` a function of its own (see compiledForm). `unicode: false`: string lengths in UTF-16
 * units, not walked character by character (ucs2length went over every long text of every item); the same answer
 * for the schemas' only length bound, minLength 1 (tests/schema/standalone.test.ts holds them to it).
 */
export const AJV_OPTIONS: Options = { allErrors: true, strict: true, allowMatchingProperties: true, inlineRefs: false, unicode: false };
/** Written by the build next to the compiled validate.js; absent when running from source. */
export const STANDALONE_FILE = 'validators.cjs';

/**
 * Which item schema a file is checked against: its catalog's format version (a v1 item is checked in its v2
 * reading, where what the mapping cannot convert stays valid) and code-set extensions.
 */
export interface SchemaChoice {
  formatVersion: 1 | 2;
  codeSets: CodeSetExtensions;
}

export const NATIONAL_V2: SchemaChoice = { formatVersion: 2, codeSets: NO_EXTENSIONS };

export interface Validators {
  item: ValidateFunction;
  itemV1: ValidateFunction;
  region: ValidateFunction;
}

/** The national schema a v1 item's v2 reading is checked against. */
const NATIONAL_V1 = itemSchemaFor(NATIONAL_CODE_SETS, 'v1');

/** The schemas the build compiles: the national item schema for each reading, and region.yaml's. */
export function nationalSchemas() {
  return { item: compiledForm(itemSchema), itemV1: compiledForm(NATIONAL_V1), region: regionSchema };
}

type Json = Record<string, unknown>;

/**
 * The form of an item schema ajv compiles: each structured element (a list or a mapping) moved to `$defs` and
 * referenced, the same object once (a handling item's elements are the item's). Compiled with every element
 * inline, the v2 item schema was one function of ≈ 200 KB, too big for V8's optimising compiler to take: 18.6 µs
 * an item against v1's 4.2. It accepts exactly what the published schema accepts, with the same errors at the
 * same places (only `schemaPath` differs); titles and known keys in messages come from the published schema.
 */
export function compiledForm(schema: object): object {
  const root = schema as Json & { properties: Record<string, Json>; $defs?: Record<string, Json> };
  const defs: Record<string, Json> = { ...root.$defs };
  const names = new Map<Json, string>();
  const structured = (node: Json) => node.type === 'array' || node.type === 'object';
  const refs = (properties: Record<string, Json>): Record<string, Json> =>
    Object.fromEntries(Object.entries(properties).map(([name, node]) => [name, structured(node) ? ref(name, node) : node]));
  const ref = (name: string, node: Json): Json => {
    let def = names.get(node);
    if (def === undefined) {
      def = `element-${name}`;
      for (let n = 2; Object.hasOwn(defs, def); n++) def = `element-${name}-${n}`;
      names.set(node, def);
      defs[def] = node;
      // A handling item's own elements, inside the handlingItems element, by the same definitions.
      const entry = node.items as Json | undefined;
      if (entry?.properties) defs[def] = { ...node, items: { ...entry, properties: refs(entry.properties as Record<string, Json>) } };
    }
    return { $ref: `#/$defs/${def}` };
  };
  return { ...root, properties: refs(root.properties), $defs: defs };
}

let national: Validators | undefined;

function validators(): Validators {
  national ??= standalone() ?? compile();
  return national;
}

export function compile(): Validators {
  const ajv = new Ajv2020(AJV_OPTIONS);
  const schemas = nationalSchemas();
  return { item: ajv.compile(schemas.item), itemV1: ajv.compile(schemas.itemV1), region: ajv.compile(schemas.region) };
}

function standalone(): Validators | undefined {
  try {
    return createRequire(import.meta.url)(`./${STANDALONE_FILE}`) as Validators;
  } catch (error) {
    if ((error as { code?: string }).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/** The item schema a catalog's files are checked against (what `tongbiao schema` publishes for it). */
export function itemSchemaOf(choice: SchemaChoice = NATIONAL_V2): object {
  return itemSchemaFor(resolveCodeSets(choice.codeSets), readingOf(choice));
}

function readingOf(choice: SchemaChoice): SchemaReading {
  return choice.formatVersion === 1 ? 'v1' : 'v2';
}

/** Validators compiled at run time for catalogs with local code-set values, by their extensions' JSON. */
const extended = new Map<string, { validate: ValidateFunction; schema: object }>();

function itemValidator(choice: SchemaChoice): { validate: ValidateFunction; schema: object } {
  if (!hasExtensions(choice.codeSets)) {
    return choice.formatVersion === 1 ? { validate: validators().itemV1, schema: NATIONAL_V1 } : { validate: validators().item, schema: itemSchema };
  }
  const key = JSON.stringify([choice.formatVersion, choice.codeSets]);
  let hit = extended.get(key);
  if (!hit) {
    const schema = itemSchemaOf(choice);
    extended.set(key, (hit = { validate: new Ajv2020(AJV_OPTIONS).compile(compiledForm(schema)), schema }));
  }
  return hit;
}

/** ajv's errors for an item, and the schema they refer to (for titles and known keys in messages). */
export function itemSchemaErrors(data: unknown, choice: SchemaChoice = NATIONAL_V2): { errors: ErrorObject[]; schema: object } {
  const { validate, schema } = itemValidator(choice);
  return { errors: validate(data) ? [] : [...(validate.errors ?? [])], schema };
}

export function regionSchemaErrors(data: unknown): ErrorObject[] {
  const validate = validators().region;
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

type SchemaNode = { title?: string; properties?: Record<string, SchemaNode>; items?: SchemaNode; $ref?: string };

/** The Chinese title of the element a pointer names, e.g. `/materials/0/format` → 材料形式. */
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
