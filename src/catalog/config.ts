// tongbiao.yaml (spec §5): marks the catalog root and holds severity and field-class overrides.
// An invalid file stops the run (exit 2) naming its line: a typo there must not silently weaken the gate.
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { TongbiaoError } from '../errors.js';
import { CLASSIFIED_ELEMENTS, FIELD_CLASS_NAMES, fieldOverrideProblem } from '../levels/field-classes.js';
import type { FieldClass } from '../levels/types.js';
import { RULE_IDS } from '../rules/registry.js';
import type { Severity } from './types.js';

export const CONFIG_FILE = 'tongbiao.yaml';

export type RuleSetting = Severity | 'off';

export interface Settings {
  formatVersion: 1;
  /** severity overrides by rule ID */
  rules: Readonly<Record<string, RuleSetting>>;
  /** field class overrides by top-level element */
  fields: Readonly<Record<string, FieldClass>>;
}

export const DEFAULT_SETTINGS: Settings = { formatVersion: 1, rules: {}, fields: {} };

const RULE_SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'info', 'off'];

/** Parses tongbiao.yaml; `file` is only used in error messages. */
export function parseSettings(text: string, file: string): Settings {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const fail = (node: Node | null | undefined, what: string): never => {
    const line = node?.range ? lines.linePos(node.range[0]).line : 1;
    throw new TongbiaoError(`${file}:${line}: invalid ${CONFIG_FILE}: ${what}`);
  };
  if (doc.errors[0]) {
    const line = lines.linePos(doc.errors[0].pos[0]).line;
    throw new TongbiaoError(`${file}:${line}: invalid ${CONFIG_FILE}: ${doc.errors[0].message.split('\n')[0]}`);
  }
  const root = doc.contents;
  if (root === null) return DEFAULT_SETTINGS;
  if (!isMap(root)) return fail(root, 'expected a mapping');

  const settings = { formatVersion: 1 as const, rules: {} as Record<string, RuleSetting>, fields: {} as Record<string, FieldClass> };
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    if (key === 'formatVersion') {
      if (!isScalar(value) || value.value !== 1) fail(value ?? (pair.key as Node), 'formatVersion must be 1');
    } else if (key === 'rules' || key === 'fields') {
      if (value === null) continue;
      if (!isMap(value)) fail(value, `${key} must be a mapping`);
      for (const entry of (value as { items: { key: unknown; value: unknown }[] }).items) {
        const name = isScalar(entry.key) ? String(entry.key.value) : '';
        const setting = isScalar(entry.value) ? String(entry.value.value) : '';
        const at = (entry.value ?? entry.key) as Node;
        if (key === 'rules') {
          if (!RULE_IDS.has(name)) fail(entry.key as Node, `unknown rule '${name}' (known: ${[...RULE_IDS].join(', ')})`);
          if (!RULE_SETTINGS.includes(setting as RuleSetting)) fail(at, `rule '${name}': '${setting}' is not one of ${RULE_SETTINGS.join(', ')}`);
          settings.rules[name] = setting as RuleSetting;
        } else {
          const problem = fieldOverrideProblem(name, setting);
          if (problem === 'unknown-element') fail(entry.key as Node, `unknown field '${name}' (known: ${CLASSIFIED_ELEMENTS.join(', ')})`);
          if (problem === 'unknown-class') fail(at, `field '${name}': '${setting}' is not one of ${FIELD_CLASS_NAMES.join(', ')}`);
          if (problem === 'not-tightenable') fail(at, `field '${name}' has no order, so it cannot be 'tighten'`);
          settings.fields[name] = setting as FieldClass;
        }
      }
    } else {
      fail(pair.key as Node, `unknown key '${key}' (known: formatVersion, rules, fields)`);
    }
  }
  return settings;
}

/** The severity a rule runs at, or undefined when the catalog turned it off. */
export function severityOf(settings: Settings, rule: string, fallback: Severity): Severity | undefined {
  const setting = settings.rules[rule] ?? fallback;
  return setting === 'off' ? undefined : setting;
}
