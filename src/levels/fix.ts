// The edit that makes an item conform (`tongbiao fix`, the UI's "request fix"): each fixable discrepancy's value
// becomes the other side's — the baseline's for a locked element, the parent's for tighten and review (spec §6):
// an element or entry only we have is removed, one only the other side has is added back. Pure: item data in,
// item data out; the caller writes it through the one YAML editor so comments and layout stay.
import { createTwoFilesPatch } from 'diff';
import { parse } from 'yaml';
import { pointerSegments } from '../catalog/locate.js';
import { rewriteYaml } from '../catalog/yaml-edit.js';
import { styleItemNode } from './item-yaml.js';
import type { Item } from '../catalog/types.js';
import type { Discrepancy, DiscrepancyKind } from './types.js';

/** Kinds whose discrepancy has a conforming value to take: tightened is better for citizens, unknown and missing have none. */
export const FIXABLE_KINDS: readonly DiscrepancyKind[] = ['locked', 'looser', 'review'];

export function isFixable(d: Discrepancy): boolean {
  return FIXABLE_KINDS.includes(d.kind) && (d.ours !== undefined || d.theirs !== undefined);
}

const REMOVED = Symbol('removed');

/**
 * `item` with every fixable discrepancy of `ds` (all of this item) made to conform. Paths index our lists, except
 * for an entry only the other side has (its index there): such an entry is appended to our list. Removals are
 * marked first and compacted last, so the indexes of the other discrepancies stay valid while they apply.
 */
export function fixItem(item: Item, ds: readonly Discrepancy[]): Item {
  const out = structuredClone(item) as Record<string, unknown>;
  const additions: Array<{ container: unknown[] | Record<string, unknown>; token: string; value: unknown }> = [];
  const touched = new Set<unknown[]>();
  for (const d of ds.filter(isFixable)) {
    const tokens = pointerSegments(d.path);
    if (tokens.length === 0) continue;
    const container = walk(out, tokens.slice(0, -1));
    if (container === undefined) continue;
    const token = tokens.at(-1)!;
    if (d.ours === undefined) {
      additions.push({ container, token, value: structuredClone(d.theirs) });
    } else if (Array.isArray(container)) {
      container[Number(token)] = d.theirs === undefined ? REMOVED : structuredClone(d.theirs);
      touched.add(container);
    } else if (d.theirs === undefined) {
      delete container[token];
    } else {
      container[token] = structuredClone(d.theirs);
    }
  }
  for (const list of touched) {
    const kept = list.filter((entry) => entry !== REMOVED);
    list.splice(0, list.length, ...kept);
  }
  for (const { container, token, value } of additions) {
    if (Array.isArray(container)) container.push(value);
    else container[token] = value;
  }
  return out;
}

/** The list or mapping at `tokens` below `root`, or undefined where the path does not lead to one. */
function walk(root: unknown, tokens: readonly string[]): unknown[] | Record<string, unknown> | undefined {
  let at: unknown = root;
  for (const token of tokens) {
    if (Array.isArray(at)) at = at[Number(token)];
    else if (typeof at === 'object' && at !== null) at = (at as Record<string, unknown>)[token];
    else return undefined;
  }
  return typeof at === 'object' && at !== null ? (at as unknown[] | Record<string, unknown>) : undefined;
}

/** An item file's text with `ds` fixed, through the one YAML editor: comments, key order and quoting stay. */
export function fixedText(text: string, ds: readonly Discrepancy[]): string {
  return rewriteYaml(text, fixItem(parse(text) as Item, ds), { onCreate: styleItemNode });
}

/**
 * The fix as a unified diff that `git apply` takes at the repository's top (`repoPath` is the item file's path
 * there), or undefined when nothing would change.
 */
export function fixPatch(text: string, ds: readonly Discrepancy[], repoPath: string): string | undefined {
  const fixed = fixedText(text, ds);
  if (fixed === text) return undefined;
  const patch = createTwoFilesPatch(`a/${repoPath}`, `b/${repoPath}`, text, fixed, undefined, undefined, { context: 3 });
  // git's own header instead of the library's `=====` line, so the patch reads as `git diff` prints it.
  return `diff --git a/${repoPath} b/${repoPath}\n${patch.slice(patch.indexOf('--- '))}`;
}
