// The build writes the validators as standalone code (src/schema/build-validators.ts) and every command loads
// that instead of compiling the schemas. It must judge exactly as the validators compiled at run time.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { standaloneValidators } from '../../src/schema/build-validators.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { itemSchema, regionSchema } from '../../src/schema/item.js';
import { AJV_OPTIONS, compile, compiledForm, itemSchemaOf, STANDALONE_FILE } from '../../src/schema/validate.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BUILT = join(ROOT, 'dist', 'src', 'schema', STANDALONE_FILE);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.yaml'))
    .map((d) => join(d.parentPath, d.name));
}

/** Each document, then variants a careless edit makes: a key dropped, a value of the wrong type, a stray key. */
function variants(data: Record<string, unknown>): unknown[] {
  const out: unknown[] = [data, null, [], 'text', {}];
  for (const key of Object.keys(data)) {
    const { [key]: _dropped, ...rest } = data;
    out.push(rest, { ...data, [key]: 12 }, { ...data, [key]: [] }, { ...data, [key]: null });
  }
  out.push({ ...data, unknownKey: 1 }, { ...data, materials: [{ name: 1 }] }, { ...data, catalogCode: 123 });
  return out;
}

describe('standalone validators', () => {
  const built = createRequire(import.meta.url)(BUILT) as ReturnType<typeof compile>;
  const runtime = compile();

  it('are what the build would write now (no stale file)', () => {
    expect(readFileSync(BUILT, 'utf8')).toBe(standaloneValidators());
  });

  it('give the same verdicts and errors as validators compiled at run time', () => {
    let checked = 0;
    for (const file of yamlFiles(join(ROOT, 'catalog-yaml'))) {
      const data = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const kind = file.endsWith('region.yaml') ? 'region' : file.includes('/items/') ? 'item' : undefined;
      if (!kind) continue;
      for (const value of variants(data)) {
        const a = built[kind](value);
        const b = runtime[kind](value);
        expect(a).toBe(b);
        expect(built[kind].errors ?? null).toEqual(runtime[kind].errors ?? null);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('check items as the published schema does: same verdicts, same errors at the same places', () => {
    // The published schema compiled as it is (every element inline) against the form the tool compiles.
    const published = new Ajv2020({ ...AJV_OPTIONS, inlineRefs: true }).compile(itemSchema);
    const withoutSchemaPath = (errors: typeof published.errors) => (errors ?? []).map(({ schemaPath: _, ...error }) => error);
    expect(JSON.stringify(compiledForm(itemSchema))).toContain('"$ref":"#/$defs/element-materials"');
    let checked = 0;
    let invalid = 0;
    for (const file of yamlFiles(join(ROOT, 'catalog-yaml')).filter((f) => f.includes('/items/'))) {
      const data = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const withHandlingItem = { ...data, handlingItems: [{ seq: '01', name: '情形', materials: [{ name: 1 }], fee: { charged: 'no' }, steps: [] }] };
      for (const value of [...variants(data), withHandlingItem]) {
        const verdict = published(value);
        expect(built.item(value)).toBe(verdict);
        expect(withoutSchemaPath(built.item.errors)).toEqual(withoutSchemaPath(published.errors));
        if (!verdict) invalid++;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
    expect(invalid).toBeGreaterThan(checked / 2);
  });

  it('count string lengths as the published schemas do: every length bound is minLength 1, where UTF-16 units and characters agree', () => {
    // AJV_OPTIONS has `unicode: false` (ucs2length walked every long text an item holds); a bound on more than
    // one character would count a character outside the BMP twice, so none may appear.
    const bounds: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (/^(min|max)Length$/.test(key) && !(key === 'minLength' && value === 1)) bounds.push(`${at}/${key}: ${JSON.stringify(value)}`);
        walk(value, `${at}/${key}`);
      }
    };
    for (const formatVersion of [1, 2] as const) walk(itemSchemaOf({ formatVersion, codeSets: {} }), `item v${formatVersion}`);
    walk(regionSchema, 'region');
    expect(bounds).toEqual([]);
    expect(AJV_OPTIONS.unicode).toBe(false);
    expect(built.item({ name: '𠀀' })).toBe(false);
    expect((built.item.errors ?? []).some((e) => e.instancePath === '/name')).toBe(false);
    expect(built.item({ name: '' })).toBe(false);
    expect((built.item.errors ?? []).some((e) => e.instancePath === '/name' && e.keyword === 'minLength')).toBe(true);
  });
});
