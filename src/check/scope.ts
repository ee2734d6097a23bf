// Which files a change can affect (validate --changed-since, incremental sync): the changed files plus
// everything whose result they can change. Pure: paths in, paths out.
import { CONFIG_FILE } from '../catalog/config.js';
import { DECISIONS_FILE } from '../catalog/decisions.js';
import type { Catalog } from '../catalog/load.js';
import { REGION_FILE } from '../catalog/layout.js';
import type { FileChange } from '../catalog/git.js';
import type { Region } from '../catalog/types.js';

/**
 * The catalog-relative files to report on after `changes`, or undefined for "everything"
 * (the settings changed, so every result may differ).
 */
export function affectedFiles(catalog: Catalog, changes: readonly FileChange[]): Set<string> | undefined {
  const scope = new Set<string>();
  const subtree = (code: string): Region[] => {
    const region = catalog.regions.get(code);
    return region ? [region, ...region.children.flatMap(subtree)] : [];
  };
  const addRegionFile = (region: Region) => {
    scope.add(region.file);
    scope.add(region.dir);
  };
  const addItemBelow = (region: Region, code: string) => {
    for (const below of subtree(region.code)) {
      const path = catalog.items.get(below.code)?.get(code);
      if (path) scope.add(path);
    }
  };

  const all = changes.flatMap((c) => (c.oldPath ? [c, { status: 'D' as const, path: c.oldPath }] : [c]));
  // Every changed file that exists now is reported on: one pass over the listing.
  const changed = new Set(all.map((c) => c.path));
  for (const entry of catalog.source.entries) if (changed.has(entry.path)) scope.add(entry.path);
  for (const { path, status } of all) {
    if (path === CONFIG_FILE) return undefined;
    const parts = path.split('/');
    const name = parts.at(-1)!;
    if (name === REGION_FILE) {
      const region = catalog.regions.get(parts.at(-2) ?? '');
      if (!region) continue;
      addRegionFile(region);
      for (const child of region.children) addRegionFile(catalog.regions.get(child)!);
      for (const itemPath of catalog.items.get(region.code)?.values() ?? []) scope.add(itemPath);
    } else if (name === DECISIONS_FILE) {
      // Every finding of the region may carry a decision from it (level-missing ones sit at region.yaml).
      const region = catalog.regions.get(parts.at(-2) ?? '');
      if (!region) continue;
      addRegionFile(region);
      for (const itemPath of catalog.items.get(region.code)?.values() ?? []) scope.add(itemPath);
    } else if (parts.at(-2) === 'items' && name.endsWith('.yaml')) {
      const region = catalog.regions.get(parts.at(-3) ?? '');
      if (!region) continue;
      const code = name.slice(0, -'.yaml'.length);
      // The same item below inherits its parent and baseline from here.
      addItemBelow(region, code);
      if (status !== 'M') addRegionFile(region);
      // A baseline item's useLevel decides which regions miss it: every region's missing list may change.
      if (region === catalog.top) for (const r of catalog.regions.values()) addRegionFile(r);
    }
  }
  return scope;
}
