// Decisions on a catalog still in format v1 (spec §6, §8). Code before the §8 reading compared v1 items as
// written, so a decisions.yaml it wrote holds the keys and fingerprints of those discrepancies
// (…/materials/@X/form); the comparison now finds them between the items' v2 readings (…/type). `migrate`
// moves them on disk; every reader of a v1 catalog's decisions (validate, diff, sync, decisions export) sees
// them moved in memory, so upgrading tongbiao drops no decision.
import { asWritten, type Catalog } from '../catalog/load.js';
import { V1_ELEMENTS } from '../catalog/v1.js';
import type { Decision } from '../catalog/decisions.js';
import type { Item } from '../catalog/types.js';
import type { DecisionMove } from '../catalog/v1-migrate.js';
import { compareRegion, type RegionItems } from '../levels/compare-region.js';
import { resolveFieldClasses } from '../levels/field-classes.js';
import { v2Discrepancy } from '../levels/v1-discrepancy.js';
import { ancestorsOf } from './check.js';

/** A key (`region/catalogCode#/identity/path`) under an element the §8 mapping changes. */
const MOVABLE = new RegExp(`#/(?:${V1_ELEMENTS.join('|')})(?:/|$)`);

/**
 * Where each region's decisions go (undefined for a catalog in v2 already): a decision on a discrepancy the
 * comparison finds between the items as written (the v1 keys people decided on) moves to that discrepancy's
 * key in the v2 reading; a current one also to its new fingerprint, an outdated one keeps its own. A decision
 * whose discrepancy is gone stays as it is (resolved either way).
 */
export async function decisionMoves(catalog: Catalog): Promise<((region: string) => DecisionMove) | undefined> {
  if (catalog.settings.formatVersion !== 1) return undefined;
  // Only a decision under an element the mapping changes can move (as store/rekey.ts reads only those paths):
  // the items of those decisions are all that is compared, and a region with none of them is not compared at all.
  const movable = new Map<string, Set<string>>();
  for (const [code, decisions] of catalog.decisionsOf) {
    const codes = new Set<string>();
    for (const { key } of decisions.values()) if (MOVABLE.test(key)) codes.add(key.slice(key.indexOf('/') + 1, key.indexOf('#')));
    if (codes.size > 0) movable.set(code, codes);
  }
  const wanted = new Set([...movable.values()].flatMap((codes) => [...codes]));
  const classes = resolveFieldClasses(catalog.settings.fields);
  // Each region's wanted items as written (compared: the keys people decided on) and their v2 readings.
  const written = new Map<string, RegionItems>();
  const read = new Map<string, Map<string, unknown>>();
  const itemsOf = async (code: string): Promise<RegionItems> => {
    let out = written.get(code);
    if (out) return out;
    const region = catalog.regions.get(code);
    const paths = new Map([...(catalog.items.get(code) ?? [])].filter(([catalogCode]) => wanted.has(catalogCode)));
    const parsed = await catalog.parse([...paths.values()]);
    const items = new Map<string, Item>();
    const v2 = new Map<string, unknown>();
    for (const [catalogCode, path] of paths) {
      const file = parsed.get(path);
      const data = asWritten(file);
      if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
        items.set(catalogCode, data as Item);
        v2.set(catalogCode, file!.data);
      }
    }
    written.set(code, (out = { code, level: region?.level, localItems: region?.localItems, items }));
    read.set(code, v2);
    return out;
  };
  const byRegion = new Map<string, DecisionMove>();
  for (const [code, only] of movable) {
    const region = catalog.regions.get(code);
    if (!region) continue;
    const ours = await itemsOf(code);
    const ancestors = await Promise.all(ancestorsOf(catalog, region).map((r) => itemsOf(r.code)));
    const found = new Map(compareRegion({ region: ours, ancestors, classes, only }).map((d) => [d.key, d]));
    byRegion.set(code, (decision) => {
      const d = found.get(decision.key);
      if (!d) return undefined;
      const [mine, theirs] = [ours.items.get(d.catalogCode), written.get(d.against)?.items.get(d.catalogCode)];
      const next = v2Discrepancy(d, mine, theirs, read.get(code)!.get(d.catalogCode), read.get(d.against)?.get(d.catalogCode));
      if (!next) return undefined;
      return { key: next.key, fingerprint: decision.fingerprint === d.fingerprint ? next.fingerprint : decision.fingerprint };
    });
  }
  return (region) => byRegion.get(region) ?? (() => undefined);
}

/**
 * `catalog.decisionsOf` as the v2 reading keys it: each decision moved where `decisionMoves` says, one already
 * keyed as v2 kept over a moved one on the same key. A catalog in v2, or without decisions, is left as it is.
 */
export async function moveV1Decisions(catalog: Catalog): Promise<void> {
  if (catalog.decisionsOf.size === 0) return;
  const moves = await decisionMoves(catalog);
  if (!moves) return;
  for (const [region, decisions] of catalog.decisionsOf) {
    const move = moves(region);
    const moved = new Map<string, Decision>();
    const later: Decision[] = [];
    for (const decision of decisions.values()) {
      const to = move(decision);
      if (to) later.push({ ...decision, ...to });
      else moved.set(decision.key, decision);
    }
    for (const decision of later) if (!moved.has(decision.key)) moved.set(decision.key, decision);
    catalog.decisionsOf.set(region, moved);
  }
}
