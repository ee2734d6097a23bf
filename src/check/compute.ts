// The expensive part of a check: parse item files, run the item rules, compare items across levels and
// list missing items. Runs in the main thread or in a worker; keeps memory bounded by holding parsed items
// only for regions that have children (the ancestors of what is being compared).
import { itemFieldsJson } from '../catalog/item-fields.js';
import type { Locate } from '../catalog/locate.js';
import { locatorOf, type Catalog } from '../catalog/load.js';
import { severityOf } from '../catalog/config.js';
import type { Finding, Item, ParsedFile, Region } from '../catalog/types.js';
import { compareItem } from '../levels/compare-item.js';
import type { Discrepancy } from '../levels/types.js';
import { filesOnly, isLocalItem, missingItems, type RegionItems } from '../levels/compare-region.js';
import { resolveFieldClasses } from '../levels/field-classes.js';
import { discrepancyFindings } from '../levels/findings.js';
import { ITEM_RULES } from '../rules/registry.js';
import { cacheKey, type CachedResult } from './cache.js';

/** What to compute: item files (catalog-relative) and regions whose missing items to list. */
export interface WorkPlan {
  items: string[];
  regions: string[];
  /** also return each item's parsed data as JSON text (the store keeps it; saves parsing twice) */
  json?: boolean;
  /** the results go into a cache: return their keys and the blob ids of the files read (a province's 167k of each) */
  keyed?: boolean;
}

export interface ItemOutcome {
  path: string;
  /** with `plan.keyed` */
  key?: string;
  /** the file's own findings and, below the top region, its comparison with the parent and baseline */
  result: CachedResult;
  /**
   * with `plan.json`: the item as JSON text (null when the file is not a mapping), the fields lists and search
   * use (catalog/item-fields.ts) and the file's blob id
   */
  json?: { text: string | null; fields: string; blob: string };
}

export interface RegionOutcome {
  region: string;
  key: string;
  result: CachedResult;
}

export interface WorkResult {
  items: ItemOutcome[];
  regions: RegionOutcome[];
  /**
   * with `plan.keyed`: blob ids of the files read that the source's listing has none for, so a working-tree cache
   * can trust them next time
   */
  blobs: Array<[path: string, blob: string]>;
}

const ITEM_CODE = /^\d{12}$/;

/**
 * Item files read and worked on at a time. A region's ≈1,400 files read at once all outlived the young
 * generation and were promoted; in batches most of a file's garbage dies young.
 */
const READ_BATCH = 128;

/** Where each item of a catalog sits: its region, code, nearest ancestor file with the code, and the baseline's. */
export interface ItemPlace {
  region: Region;
  code: string;
  parent?: string;
  baseline?: string;
  /** no baseline item, and the region or an ancestor establishes it (localItems) */
  local?: boolean;
}

export function placeOf(catalog: Catalog, path: string): ItemPlace | undefined {
  const parts = path.split('/');
  const region = catalog.regions.get(parts.at(-3) ?? '');
  if (!region) return undefined;
  const code = parts.at(-1)!.slice(0, -'.yaml'.length);
  const place: ItemPlace = { region, code };
  if (region === catalog.top || !catalog.top) return place;
  const ancestors = ancestorsOf(catalog, region);
  for (const at of ancestors) {
    const file = catalog.items.get(at.code)?.get(code);
    if (file) {
      place.parent = file;
      break;
    }
  }
  place.baseline = catalog.items.get(catalog.top.code)?.get(code);
  if (!place.baseline) place.local = isLocalItem(code, [region, ...ancestors]);
  return place;
}

/** A region's ancestors, nearest first, the top region last. */
export function ancestorsOf(catalog: Catalog, region: Region): Region[] {
  const out: Region[] = [];
  for (let code = region.parent; code !== undefined; code = catalog.regions.get(code)?.parent) {
    const ancestor = catalog.regions.get(code);
    if (!ancestor) break;
    out.push(ancestor);
  }
  return out;
}

/** Cache keys: everything a result depends on, blob ids standing for file contents. */
export const keys = {
  /**
   * One key for an item's whole result: a changed parent or baseline means parsing the file again anyway (to
   * compare it), so its own findings gain nothing from a key of their own. One key, not two, halves the hashing
   * and the cache a province run reads.
   */
  item: (version: string, path: string, blob: string, place: ItemPlace, blobOf: (p: string) => string | undefined) =>
    cacheKey('item', version, path, blob, place.region.code, place.region.level, place.local ? 'local' : '',
      place.parent, place.parent && blobOf(place.parent), place.baseline, place.baseline && blobOf(place.baseline)),
  /** undefined when a blob it depends on is not known */
  missing(version: string, catalog: Catalog, region: Region, blobOf: (p: string) => string | undefined): string | undefined {
    const parts: string[] = ['missing', version, region.code, region.level ?? '', [...(catalog.items.get(region.code)?.keys() ?? [])].sort().join(',')];
    for (const { code: at } of ancestorsOf(catalog, region)) {
      const files = catalog.items.get(at) ?? new Map<string, string>();
      if (at !== catalog.top?.code) {
        parts.push(at, [...files.keys()].sort().join(','));
        continue;
      }
      for (const [code, path] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const blob = blobOf(path);
        if (blob === undefined) return undefined;
        parts.push(code, blob);
      }
    }
    return cacheKey(...parts);
  },
};

const entryBlobs = new WeakMap<Catalog, Map<string, string | undefined>>();

/** The blob ids the source listed, by path: built once per catalog, not once per part a worker computes. */
function entryBlobsOf(catalog: Catalog): Map<string, string | undefined> {
  let blobs = entryBlobs.get(catalog);
  if (!blobs) entryBlobs.set(catalog, (blobs = new Map(catalog.source.entries.map((e) => [e.path, e.blob]))));
  return blobs;
}

/**
 * `onJson`, with `plan.json`: called with each batch's outcomes as soon as they are computed, so their JSON can
 * leave the thread (it takes it off them) instead of a whole part's piling up: ≈ 60 MB a worker on a city.
 */
export async function computeWork(catalog: Catalog, plan: WorkPlan, version: string, onJson?: (outcomes: ItemOutcome[]) => void | Promise<void>): Promise<WorkResult> {
  const result: WorkResult = { items: [], regions: [], blobs: [] };
  const classes = resolveFieldClasses(catalog.settings.fields);
  const rules = ITEM_RULES.filter((r) => severityOf(catalog.settings, r.id, r.severity) !== undefined);
  const locators = new WeakMap<ParsedFile, Locate>();
  const locate = (file: ParsedFile, path: string) => {
    let locator = locators.get(file);
    if (!locator) locators.set(file, (locator = locatorOf(file)));
    return locator(path);
  };

  // Files of regions with children stay parsed while their subtree is worked on; the rest are read per region.
  // The top region's (every subtree's baseline) stay parsed in the catalog, for the next part a worker gets.
  const kept = new Map<string, ParsedFile>();
  const regionOfFile = (path: string) => catalog.regions.get(path.split('/').at(-3) ?? '');
  const blobs = new Map<string, string>();
  const read = async (paths: string[]): Promise<Map<string, ParsedFile>> => {
    const out = new Map<string, ParsedFile>();
    const fresh: string[] = [];
    const baseline: string[] = [];
    for (const path of paths) {
      const hit = kept.get(path);
      if (hit) out.set(path, hit);
      else if (regionOfFile(path) === catalog.top) baseline.push(path);
      else fresh.push(path);
    }
    for (const files of [await catalog.read(fresh), await catalog.parse(baseline)]) {
      for (const [path, file] of files) {
        out.set(path, file);
        if (file.id) blobs.set(path, file.id);
        if ((regionOfFile(path)?.children.length ?? 0) > 0) kept.set(path, file);
      }
    }
    return out;
  };
  const blobOf = (path: string) => blobs.get(path) ?? entryBlobsOf(catalog).get(path);
  const itemOf = (file: ParsedFile | undefined): Item | undefined =>
    file?.data !== null && typeof file?.data === 'object' && !Array.isArray(file.data) ? (file.data as Item) : undefined;

  // Work region by region in batches, ancestors before descendants (paths sort that way), so `kept` is filled first.
  const byRegion = new Map<string, string[]>();
  for (const path of [...plan.items].sort()) {
    const dir = path.slice(0, path.lastIndexOf('/items/'));
    let list = byRegion.get(dir);
    if (!list) byRegion.set(dir, (list = []));
    list.push(path);
  }
  const batches = [...byRegion.values()].flatMap((paths) => {
    const out: string[][] = [];
    for (let at = 0; at < paths.length; at += READ_BATCH) out.push(paths.slice(at, at + READ_BATCH));
    return out;
  });
  for (const paths of batches) {
    const first = result.items.length;
    const places = paths.map((path) => ({ path, place: placeOf(catalog, path)! }));
    const context = places.flatMap(({ place }) => [place.parent, place.baseline]).filter((p): p is string => p !== undefined);
    const files = await read([...new Set([...paths, ...context])]);
    for (const { path, place } of places) {
      const file = files.get(path)!;
      const blob = file.id || blobOf(path) || '';
      const item = itemOf(file);
      const code = ITEM_CODE.test(place.code) ? place.code : undefined;
      const findings: Finding[] = file.problems.map((p) => (code ? { ...p, catalogCode: code } : p));
      if (item) {
        const catalogCode = typeof item.catalogCode === 'string' ? item.catalogCode : code;
        const fileName = path.slice(path.lastIndexOf('/') + 1);
        const context = { file, item, region: place.region, fileName, settings: catalog.settings, files: catalog.files };
        for (const rule of rules) {
          for (const problem of rule.check(context)) {
            const finding: Finding = { rule: rule.id, severity: rule.severity, file: path, ...locate(file, problem.path), path: problem.path, region: place.region.code, message: problem.message };
            if (catalogCode !== undefined) finding.catalogCode = catalogCode;
            findings.push(finding);
          }
        }
      }
      let discrepancies: Discrepancy[] = [];
      if (place.region !== catalog.top && catalog.top) {
        const parent = place.parent ? files.get(place.parent) : undefined;
        const baseline = place.baseline ? files.get(place.baseline) : undefined;
        if (item) {
          discrepancies = compareItem({
            region: place.region.code, catalogCode: place.code, ours: item,
            parent: itemOf(parent), parentRegion: parent?.region,
            baseline: itemOf(baseline), baselineRegion: catalog.top.code, local: place.local, classes,
          });
        }
        findings.push(...discrepancyFindings(discrepancies, {
          fileOf: () => file,
          regionFile: (code) => catalog.regions.get(code)?.file ?? code,
          locate,
          itemsOf: (d) => ({ ours: item, theirs: itemOf(d.against === parent?.region ? parent : baseline) }),
        }));
      }
      const outcome: ItemOutcome = { path, result: { findings, discrepancies } };
      if (plan.keyed) outcome.key = keys.item(version, path, blob, place, blobOf);
      if (plan.json) outcome.json = { text: item ? JSON.stringify(item) : null, fields: itemFieldsJson(item), blob };
      result.items.push(outcome);
    }
    if (plan.json) await onJson?.(result.items.slice(first));
  }

  if (plan.regions.length > 0 && catalog.top) {
    const top = catalog.top;
    const baselineFiles = await read([...(catalog.items.get(top.code)?.values() ?? [])]);
    const baseline: RegionItems = { code: top.code, level: top.level, items: new Map() };
    for (const [code, path] of catalog.items.get(top.code) ?? []) {
      const item = itemOf(baselineFiles.get(path));
      if (item) (baseline.items as Map<string, Item>).set(code, item);
    }
    // Claimed means "has a file", whether or not it parses: a broken file is not a missing item.
    const withFiles = (region: Region) => filesOnly(region.code, region.level, catalog.items.get(region.code)?.keys() ?? []);
    for (const code of plan.regions) {
      const region = catalog.regions.get(code)!;
      const ancestors = ancestorsOf(catalog, region).map((at): RegionItems => (at === top ? baseline : withFiles(at)));
      const discrepancies = missingItems({ region: withFiles(region), ancestors });
      const findings = discrepancyFindings(discrepancies, {
        fileOf: () => undefined,
        regionFile: (c) => catalog.regions.get(c)?.file ?? c,
        locate,
        itemsOf: (d) => ({ ours: undefined, theirs: baseline.items.get(d.catalogCode) }),
      });
      // Every baseline file was read above, so every blob the key needs is known.
      const key = keys.missing(version, catalog, region, blobOf)!;
      result.regions.push({ region: code, key, result: { findings, discrepancies } });
    }
  }
  // Only those the source's listing lacks: the caller trusts a listed blob id (git's index) without a stamp, and a
  // province's 167k pairs, cloned to the calling thread, were garbage there.
  if (plan.keyed) for (const [path, blob] of blobs) if (!entryBlobsOf(catalog).get(path)) result.blobs.push([path, blob]);
  return result;
}
