// The fast path for clean files, parsing being the wall of a province-sized run. Measured here on a
// generated province's items, per core: the block scanner ≈ 32,000 documents/s, js-yaml ≈ 9,000, the `yaml`
// package ≈ 1,000. The scanner takes the block-style subset catalog files are written in; js-yaml is only
// trusted where it must agree with `yaml`: a YAML 1.2 core schema built from the spec's own resolution
// rules, and no anchors, aliases, tags or directives. Anything else, any error, and any document that is
// not a mapping go to `yaml`, which also reports every syntax error.
import jsyaml from 'js-yaml';
import { scanBlockYaml } from './block-yaml.js';
import { CORE_SCALARS } from './core-schema.js';

const { Type, FAILSAFE_SCHEMA } = jsyaml;

const CORE_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: CORE_SCALARS.map(({ tag, test, construct }) =>
    new Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', resolve: (s: string | null) => test(s ?? ''), construct: (s: string | null) => construct(s ?? '') })),
});

/** Characters that may start an anchor, alias, tag or directive: such files take the exact path. */
const EXOTIC = /[&*!%]/;

/** A plain mapping when the fast path can vouch for it, else undefined (use the `yaml` package). */
export function fastParse(text: string): Record<string, unknown> | undefined {
  const scanned = scanBlockYaml(text);
  if (scanned) return scanned;
  if (EXOTIC.test(text)) return undefined;
  let data: unknown;
  try {
    data = jsyaml.load(text, { schema: CORE_SCHEMA, json: false });
  } catch {
    return undefined;
  }
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
}
