// The validate pipeline over a loaded catalog: file rules, region rules and cross-level rules, then the
// catalog's severity overrides. Results come from the cache where everything they depend on is
// unchanged; the rest is computed, on both cores when there is a lot of it.
import type { Catalog } from '../catalog/load.js';
import { severityOf } from '../catalog/config.js';
import { withDecisions } from '../catalog/decisions.js';
import { createLocator } from '../catalog/locate.js';
import type { Finding, Region } from '../catalog/types.js';
import type { Discrepancy } from '../levels/types.js';
import { ruleInfo } from '../rules/registry.js';
import { SCHEMA_VERSION } from '../schema/item.js';
import { VERSION } from '../version.js';
import { cacheKey, type CachedResult, type ResultCache } from './cache.js';
import { keys, placeOf, type WorkPlan } from './compute.js';

// The one walk up the region tree is compute.ts's (item places need it); commands import it from here.
export { ancestorsOf } from './compute.js';
import { runPlan, type ItemJson } from './pool.js';

export interface CheckOptions {
  /** report only on these catalog-relative files (item files, region.yaml files, region directories); default: all */
  only?: ReadonlySet<string>;
  /** results of earlier runs, by what they depend on */
  cache?: ResultCache;
  /** item files computed so far (not those from the cache) */
  onProgress?: (done: number, total: number) => void;
  /** workers for big runs; default: the cores available */
  workers?: number;
  /** item files below which no worker is started */
  workerThreshold?: number;
  /** item files below which the cache is not consulted (default CACHE_THRESHOLD) */
  cacheThreshold?: number;
  /**
   * Also hand over the parsed data of the item files computed (not those from the cache) as JSON, a batch
   * at a time as it is computed: it is not kept, so a caller that stores it holds one batch at most. A
   * part ends when its last batch's returned promise settles.
   */
  onItemJson?: (items: ItemJson[]) => void | Promise<void>;
}

export type { ItemJson };

export interface CheckResult {
  findings: Finding[];
  discrepancies: Discrepancy[];
  /** how many files were checked and reported on */
  files: number;
  /** those files (item files, then region.yaml files), catalog-relative */
  checked: string[];
  /** how many item files were computed rather than taken from the cache */
  computed: number;
}

/**
 * What every cached result depends on besides its files: the tool, the schema, the catalog's settings and what
 * lies under files/ (file references).
 */
export function resultVersion(catalog: Catalog): string {
  return cacheKey(VERSION, String(SCHEMA_VERSION), JSON.stringify(catalog.settings), JSON.stringify([...catalog.files]));
}

/** Below this many item files a check computes everything: cheaper than reading a province's cache. */
export const CACHE_THRESHOLD = 2000;

export async function checkCatalog(catalog: Catalog, options: CheckOptions = {}): Promise<CheckResult> {
  const { only } = options;
  const version = resultVersion(catalog);
  const inScope = (file: string) => only === undefined || only.has(file);
  const findings: Finding[] = [];
  const discrepancies: Discrepancy[] = [];
  const take = (result: CachedResult) => {
    findings.push(...result.findings);
    discrepancies.push(...result.discrepancies);
  };

  // Layout and region.yaml findings: cheap, computed on every run.
  const locators = new Map<string, ReturnType<typeof createLocator>>();
  for (const entry of catalog.regionFindings) {
    if ('rule' in entry && typeof entry.file === 'string') {
      if (inScope(entry.file)) findings.push(entry as Finding);
      continue;
    }
    const { file, rule, path, message } = entry as Exclude<Catalog['regionFindings'][number], Finding>;
    if (!inScope(file.file)) continue;
    let locate = locators.get(file.file);
    if (!locate) locators.set(file.file, (locate = createLocator(file.text)));
    findings.push({ rule, severity: ruleInfo(rule).severity, file: file.file, ...locate(path), path, region: file.region, message });
  }

  const scopedItems: string[] = [];
  for (const items of catalog.items.values()) for (const path of items.values()) if (inScope(path)) scopedItems.push(path);
  const scopedRegions: Region[] = [...catalog.regions.values()].filter((r) => inScope(r.file) && catalog.regionFiles.has(r.code));

  // Take what the cache has; plan the rest.
  const cache = scopedItems.length >= (options.cacheThreshold ?? CACHE_THRESHOLD) ? options.cache : undefined;
  const entries = new Map(catalog.source.entries.map((e) => [e.path, e]));
  const stamps = new Map<string, string | undefined>();
  const stampOf = (path: string) => {
    if (!stamps.has(path)) stamps.set(path, catalog.source.stamp?.(path));
    return stamps.get(path);
  };
  const blobOf = (path: string) => entries.get(path)?.blob ?? cache?.blobFor(path, stampOf(path));
  const { onItemJson } = options;
  const plan: WorkPlan = { items: [], regions: [], ...(onItemJson ? { json: true } : {}), ...(cache ? { keyed: true } : {}) };
  for (const path of scopedItems) {
    const place = placeOf(catalog, path)!;
    const blob = blobOf(path);
    const known = blob && (!place.parent || blobOf(place.parent)) && (!place.baseline || blobOf(place.baseline));
    const hit = known ? cache?.get(keys.item(version, path, blob, place, blobOf)) : undefined;
    if (hit) take(hit);
    else plan.items.push(path);
  }
  for (const region of scopedRegions) {
    if (region === catalog.top || !catalog.top) continue;
    const key = cache && keys.missing(version, catalog, region, blobOf);
    const hit = key ? cache.get(key) : undefined;
    if (hit) take(hit);
    else plan.regions.push(region.code);
  }

  const computed = await runPlan(catalog, plan, {
    version, onProgress: options.onProgress, workers: options.workers, workerThreshold: options.workerThreshold, ...(onItemJson ? { onJson: onItemJson } : {}),
  });
  for (const outcome of computed.items) {
    take(outcome.result);
    if (outcome.key) cache?.set(outcome.key, outcome.result);
  }
  for (const outcome of computed.regions) {
    take(outcome.result);
    cache?.set(outcome.key, outcome.result);
  }
  // Files git's index vouches for need no stamp of ours (and stamping them now would come after the read).
  if (cache) for (const [path, blob] of computed.blobs) if (!entries.get(path)?.blob) cache.rememberBlob(path, stampOf(path), blob);

  return {
    findings: withDecisions(applySeverities(findings, catalog), catalog.decisionsOf),
    discrepancies,
    files: scopedItems.length + scopedRegions.length,
    checked: [...scopedItems, ...scopedRegions.map((r) => r.file)],
    computed: plan.items.length,
  };
}

function applySeverities(findings: Finding[], catalog: Catalog): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const severity = severityOf(catalog.settings, f.rule, f.severity);
    if (severity !== undefined) out.push(severity === f.severity ? f : { ...f, severity });
  }
  return out;
}
