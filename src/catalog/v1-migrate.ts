// A v1 file's text → its v2 text (spec §8), for `tongbiao migrate`: the changes v1Changes lists, made on the
// file's YAML Document through the one editor (yaml-edit), so comments, key order, quoting and blank lines
// stay as the person wrote them. Pure: text in, text and a list of located changes out.
import { parse } from 'yaml';
import { createLocator, pointerOf } from './locate.js';
import { parseYaml } from './parse.js';
import type { Item } from './types.js';
import { itemFromV1, v1Changes } from './v1.js';
import { parseForEdit, reconcile, renameKey, renderEdited, rewriteYaml } from './yaml-edit.js';
import { decisionsYaml, parseDecisions, type Decision } from './decisions.js';
import { styleItemNode } from '../levels/item-yaml.js';

/** One change as `migrate` reports it: where it is in the v1 text, the v1 path and the v2 path. */
export interface MigrationChange {
  line: number;
  column: number;
  /** JSON Pointer of the node v1 wrote (for an added key: the key it follows) */
  path: string;
  /** JSON Pointer of the node in v2 */
  to: string;
  /** the v1 value, when the value changes */
  old?: unknown;
  /** the v2 value, when the value changes or a key is added */
  value?: unknown;
}

export type Migrated = { text: string; changes: MigrationChange[] } | { problem: { line: number; column: number; message: string } };

/** An item file's text in v2 with its changes (none: the text as it is). A file that does not parse is a problem, left alone. */
export function migrateItemText(text: string): Migrated {
  const parsed = parseYaml(text);
  if ('problem' in parsed) return { problem: { ...parsed.problem, message: parsed.problem.message.en } };
  const changes = v1Changes(parsed.data);
  if (changes.length === 0) return { text, changes: [] };
  const doc = parseForEdit(text);
  for (const change of changes) if (change.key !== change.to && !change.insert) renameKey(doc, change.at, change.key, change.to);
  const target = itemFromV1(parsed.data as Item);
  reconcile(doc, target, { onCreate: styleItemNode });
  const out = renderEdited(doc, text);
  assertSameData(out, target);
  const locate = createLocator(text);
  return {
    text: out,
    changes: changes.map((change) => {
      const path = pointerOf([...change.at, change.key]);
      const reported: MigrationChange = { ...locate(path), path, to: pointerOf([...change.at, change.to]) };
      if (Object.hasOwn(change, 'old')) reported.old = change.old;
      if (Object.hasOwn(change, 'value')) reported.value = change.value;
      return reported;
    }),
  };
}

/** tongbiao.yaml with `formatVersion: 2` (added first when missing); other settings, comments and layout kept. */
export function migrateSettingsText(text: string): Migrated {
  const parsed = text.trim() === '' ? { data: {} } : parseYaml(text);
  if ('problem' in parsed) return { problem: { ...parsed.problem, message: parsed.problem.message.en } };
  const settings = parsed.data as Record<string, unknown>;
  const old = settings.formatVersion;
  if (old === 2) return { text, changes: [] };
  if (old !== undefined && old !== 1) {
    const at = createLocator(text)('/formatVersion');
    return { problem: { ...at, message: `formatVersion ${JSON.stringify(old)} is neither 1 nor 2` } };
  }
  // formatVersion first when it is new; where it is, it keeps its place.
  const target: Record<string, unknown> = { formatVersion: 2, ...settings };
  target.formatVersion = 2;
  const out = text.trim() === '' ? 'formatVersion: 2\n' : renderReconciled(text, target);
  const at = old === undefined ? { line: 1, column: 1 } : createLocator(text)('/formatVersion');
  const change: MigrationChange = { ...at, path: '/formatVersion', to: '/formatVersion', value: 2 };
  if (old !== undefined) change.old = old;
  return { text: out, changes: [change] };
}

function renderReconciled(text: string, target: unknown): string {
  const doc = parseForEdit(text);
  reconcile(doc, target);
  const out = renderEdited(doc, text);
  assertSameData(out, target);
  return out;
}

/** The written text must read back as exactly the v2 data: migrate never loses or alters a value. */
function assertSameData(text: string, expected: unknown): void {
  const back = parseYaml(text);
  if (!('data' in back) || JSON.stringify(back.data) !== JSON.stringify(expected)) {
    throw new Error(`migrating would not give the expected data:\n${text}`);
  }
}

/** A decision's key and fingerprint in the v2 reading (undefined: it stays as it is). */
export type DecisionMove = (decision: Decision) => { key: string; fingerprint: string } | undefined;

/**
 * A region's decisions.yaml with each decision moved to the key (and, when it was current, the fingerprint)
 * its discrepancy has in the v2 reading. Entries are renamed where they are, then sorted by key again as
 * spec §6 wants, so every entry keeps its comments wherever it moves. A file with a problem (what validate
 * reports as decisions-file) is not migrated: rewriting it would drop the invalid entries.
 */
export function migrateDecisionsText(text: string, region: string, move: DecisionMove): Migrated {
  const parsed = parseDecisions(text, region);
  if (parsed.problems.length > 0) {
    const problem = parsed.problems[0]!;
    return { problem: { ...createLocator(text)(problem.path), message: `${problem.message.en} (fix decisions.yaml first: tongbiao validate)` } };
  }
  // Valid (checked above): a list of entries, or empty.
  const entries = (parse(text) ?? []) as Array<Record<string, unknown>>;
  const locate = createLocator(text);
  const changes: MigrationChange[] = [];
  const moved = entries.map((entry, index) => {
    const next = move(parsed.decisions.get(String(entry.key))!);
    if (next === undefined) return entry;
    for (const member of ['key', 'fingerprint'] as const) {
      if (next[member] === entry[member]) continue;
      const path = `/${index}/${member}`;
      changes.push({ ...locate(path), path, to: path, old: entry[member], value: next[member] });
    }
    return { ...entry, ...next };
  });
  if (changes.length === 0) return { text, changes };
  const renamed = rewriteYaml(text, moved);
  // Valid entries (checked above) are Decisions as they stand.
  return { text: decisionsYaml(moved as unknown as Decision[], renamed), changes };
}
