// tongbiao.yaml (spec §5): marks the catalog root and holds the format version, severity and field-class
// overrides, local code-set values and credit-code exceptions. An invalid file stops the run (exit 2) naming
// its line: a typo there must not silently weaken the gate.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { TongbiaoError } from '../errors.js';
import { CLASSIFIED_ELEMENTS, FIELD_CLASS_NAMES, fieldOverrideProblem } from '../levels/field-classes.js';
import type { FieldClass } from '../levels/types.js';
import { RULE_IDS } from '../rules/registry.js';
import { CODE_SET_NAMES, CODE_SETS, codeSetValueProblem, NO_EXTENSIONS, type CodeSetExtensions } from '../schema/codes.js';
import type { Severity } from './types.js';

export const CONFIG_FILE = 'tongbiao.yaml';

export type RuleSetting = Severity | 'off';

export type FormatVersion = 1 | 2;

export interface Settings {
  /** 1: read through the v1→v2 mapping (spec §8); absent in tongbiao.yaml means 1 */
  formatVersion: FormatVersion;
  /** severity overrides by rule ID */
  rules: Readonly<Record<string, RuleSetting>>;
  /** field class overrides by element or object member (`dept.nature`) */
  fields: Readonly<Record<string, FieldClass>>;
  /** local values added to code sets */
  codeSets: CodeSetExtensions;
  /** real credit codes whose check characters fail, each with the reason it is accepted */
  creditCodeExceptions: Readonly<Record<string, string>>;
}

export const DEFAULT_SETTINGS: Settings = { formatVersion: 1, rules: {}, fields: {}, codeSets: NO_EXTENSIONS, creditCodeExceptions: {} };

const KEYS = ['formatVersion', 'rules', 'fields', 'codeSets', 'creditCodeExceptions'];

const RULE_SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'info', 'off'];

/** Parses tongbiao.yaml; `file` is only used in error messages. */
export function parseSettings(text: string, file: string): Settings {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const fail: Fail = (node, what) => {
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

  const settings = { ...DEFAULT_SETTINGS, rules: {} as Record<string, RuleSetting>, fields: {} as Record<string, FieldClass> };
  const scalar = (node: unknown) => (isScalar(node) ? String(node.value) : '');
  /** A key's value as a mapping's pairs; null (an empty value) is an empty mapping. */
  const pairs = (pair: Pair, key: string): Pair[] => {
    const value = pair.value as Node | null;
    if (value === null) return [];
    if (!isMap(value)) fail(value, `${key} must be a mapping`);
    return (value as { items: Pair[] }).items;
  };
  for (const pair of root.items) {
    const key = scalar(pair.key);
    const value = pair.value as Node | null;
    if (key === 'formatVersion') {
      if (!isScalar(value) || (value.value !== 1 && value.value !== 2)) fail(value ?? (pair.key as Node), 'formatVersion must be 1 or 2');
      settings.formatVersion = (value as { value: FormatVersion }).value;
    } else if (key === 'rules' || key === 'fields') {
      for (const entry of pairs(pair, key)) {
        const name = scalar(entry.key);
        const setting = scalar(entry.value);
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
    } else if (key === 'codeSets') {
      settings.codeSets = parseCodeSets(pairs(pair, key), fail);
    } else if (key === 'creditCodeExceptions') {
      settings.creditCodeExceptions = parseExceptions(value, fail);
    } else {
      fail(pair.key as Node, `unknown key '${key}' (known: ${KEYS.join(', ')})`);
    }
  }
  return settings;
}

/** The severity a rule runs at, or undefined when the catalog turned it off. */
export function severityOf(settings: Settings, rule: string, fallback: Severity): Severity | undefined {
  const setting = settings.rules[rule] ?? fallback;
  return setting === 'off' ? undefined : setting;
}

type Fail = (node: Node | null | undefined, what: string) => never;

/** `codeSets:` — set name → added labels (a list); for `type`, label → its two type digits (a mapping). */
function parseCodeSets(entries: Pair[], fail: Fail): CodeSetExtensions {
  const out: Record<string, unknown> = {};
  const extensible = CODE_SET_NAMES.filter((n) => CODE_SETS[n].extensible);
  for (const entry of entries) {
    const name = isScalar(entry.key) ? String(entry.key.value) : '';
    const value = entry.value as Node | null;
    const added: Array<[label: string, digits: string | undefined, node: Node]> = [];
    if (name === 'type') {
      if (!isMap(value)) fail(value ?? (entry.key as Node), `codeSets.type must map each new type to its two type digits, e.g. { 行政备案: "11" }`);
      for (const item of (value as { items: Pair[] }).items) {
        const digits = isScalar(item.value) && typeof item.value.value === 'string' ? item.value.value : undefined;
        added.push([isScalar(item.key) ? String(item.key.value) : '', digits, (item.value ?? item.key) as Node]);
      }
    } else {
      if (!isSeq(value)) fail(value ?? (entry.key as Node), `codeSets.${name} must be a list of labels`);
      for (const item of (value as { items: unknown[] }).items) {
        const label = isScalar(item) && typeof item.value === 'string' ? item.value.trim() : '';
        if (label === '') fail(item as Node, `codeSets.${name}: each value must be a non-empty label`);
        added.push([label, undefined, item as Node]);
      }
    }
    const seen = new Set<string>();
    for (const [label, digits, node] of added) {
      if (seen.has(label) || (digits !== undefined && seen.has(`#${digits}`))) fail(node, `codeSets.${name}: '${label}'${digits ? ` (${digits})` : ''} is given twice`);
      const problem = codeSetValueProblem(name, label, digits);
      if (problem?.kind === 'unknown-set') fail(entry.key as Node, `unknown code set '${name}' (extensible: ${extensible.join(', ')})`);
      if (problem?.kind === 'not-extensible') fail(entry.key as Node, `code set '${name}' cannot be extended: the rules give each of its values a meaning (extensible: ${extensible.join(', ')})`);
      if (problem?.kind === 'clash') fail(node, `codeSets.${name}: '${label}' clashes with the national value '${problem.with}'`);
      if (problem?.kind === 'bad-digits') fail(node, `codeSets.type: '${label}' needs its two type digits as a quoted string, e.g. "11"`);
      seen.add(label).add(`#${digits}`);
    }
    out[name] = name === 'type' ? Object.fromEntries(added.map(([l, d]) => [l, d!])) : added.map(([l]) => l);
  }
  return out as CodeSetExtensions;
}

/** `creditCodeExceptions:` — a list of { code, reason }; the reason is required (a person vouches for the code). */
function parseExceptions(value: Node | null, fail: Fail): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  if (value === null) return out;
  if (!isSeq(value)) return fail(value, 'creditCodeExceptions must be a list of { code, reason }');
  for (const item of value.items as Node[]) {
    if (!isMap(item)) fail(item, 'each credit code exception must be a mapping { code, reason }');
    const fields = new Map((item as { items: Pair[] }).items.map((p) => [isScalar(p.key) ? String(p.key.value) : '', p]));
    for (const [key, pair] of fields) if (key !== 'code' && key !== 'reason') fail(pair.key as Node, `unknown key '${key}' in a credit code exception (known: code, reason)`);
    const code = fields.get('code')?.value;
    const reason = fields.get('reason')?.value;
    if (!isScalar(code) || typeof code.value !== 'string' || code.value.length !== 18) fail((code as Node) ?? item, 'a credit code exception needs its 18-character code, quoted');
    if (!isScalar(reason) || typeof reason.value !== 'string' || reason.value.trim() === '') fail((reason as Node) ?? item, `credit code exception ${String((code as { value: unknown }).value)} has no reason`);
    const text = (code as { value: string }).value;
    if (Object.hasOwn(out, text)) fail(code as Node, `credit code exception ${text} is given twice`);
    out[text] = (reason as { value: string }).value;
  }
  return out;
}

