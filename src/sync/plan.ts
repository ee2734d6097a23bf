// Which files a sync reports on, and how paths map to regions and items. Pure.
import type { FileChange } from '../catalog/git.js';
import type { Catalog } from '../catalog/load.js';
import { REGION_CODE } from '../catalog/types.js';
import { affectedFiles } from '../check/scope.js';

export interface ItemPath {
  /** catalog-relative region folder, e.g. `420000/420100` */
  regionDir: string;
  /** the region folder's code */
  region: string;
  /** the file name's stem: the item's identity in its region */
  catalogCode: string;
}

/** The region folder a catalog-relative path lies in (the longest run of 6-digit folders from the top). */
export function regionDirOf(path: string): string | undefined {
  const parts = path.split('/');
  let end = 0;
  while (end < parts.length - 1 && REGION_CODE.test(parts[end]!)) end++;
  // a path that *is* a region folder (`420000/420100`) belongs to itself
  if (end === parts.length - 1 && REGION_CODE.test(parts[end]!)) end++;
  return end === 0 ? undefined : parts.slice(0, end).join('/');
}

/** `<region folder>/items/<stem>.yaml` → its parts; anything else → undefined. */
export function itemPathOf(path: string): ItemPath | undefined {
  const match = /^(.*)\/items\/([^/]+)\.yaml$/.exec(path);
  if (!match) return undefined;
  const regionDir = match[1]!;
  if (regionDirOf(path) !== regionDir) return undefined;
  return { regionDir, region: regionDir.slice(regionDir.lastIndexOf('/') + 1), catalogCode: match[2]! };
}

export interface Scope {
  /** true: report on everything (first sync, unknown previous state, tongbiao.yaml changed) */
  full: boolean;
  /** catalog-relative paths to report on again (files that may no longer exist included) */
  paths: Set<string>;
}

/**
 * The paths to report on after `changes`: what check/scope.ts's affectedFiles says (the changed files and
 * everything whose result they can change), plus what only a store needs — deleted files and the region
 * folders the changes lie in, so their old findings and discrepancies are taken out.
 */
export function syncScope(catalog: Catalog, changes: readonly FileChange[]): Scope {
  const affected = affectedFiles(catalog, changes);
  if (affected === undefined) return { full: true, paths: new Set() };
  for (const change of changes) {
    for (const path of change.oldPath === undefined ? [change.path] : [change.path, change.oldPath]) {
      affected.add(path);
      const dir = regionDirOf(path);
      if (dir !== undefined) affected.add(dir);
    }
  }
  return { full: false, paths: affected };
}

/** Every path a full sync reports on: every listed file, every region folder and region.yaml. */
export function allPaths(catalog: Pick<Catalog, 'regions'>, entries: ReadonlyArray<{ path: string; type: string }>): Set<string> {
  const paths = new Set<string>();
  for (const entry of entries) if (entry.type !== 'dir') paths.add(entry.path);
  for (const region of catalog.regions.values()) {
    paths.add(region.dir);
    paths.add(region.file);
  }
  return paths;
}
