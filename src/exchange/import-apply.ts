// What an import does to a catalog folder: creates region folders and item files, updates existing ones in
// place (through the one YAML editor, src/catalog/yaml-edit.ts: comments and key order kept, only changed values
// rewritten; new files laid out by src/levels/item-yaml.ts) and leaves the same ones untouched. Everything is planned first; nothing is written when any
// problem is an error, unless forced — then the items with errors are left out and listed. Files are written
// under temporary names and renamed at the end, so a failure while writing leaves no half-written file.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE } from '../catalog/config.js';
import { FORMAT_VERSION } from '../schema/item.js';
import { loadCatalog, type Catalog } from '../catalog/load.js';
import { REGION_FILE } from '../catalog/layout.js';
import { fsSource } from '../catalog/source-fs.js';
import type { Item } from '../catalog/types.js';
import { TongbiaoError } from '../errors.js';
import { modelineFor } from '../levels/claim.js';
import { parseForEdit, rewriteYaml } from '../catalog/yaml-edit.js';
import { itemYaml, styleItemNode } from '../levels/item-yaml.js';
import { itemKey, problem, type ImportInput, type ImportProblem } from './import-input.js';
import { sameData } from './national.js';

export interface ImportOptions {
  root: string;
  /** the catalog at root (openCatalog), undefined for an empty or new folder */
  catalog: Catalog | undefined;
  /** only this region's items (and items the file does not place: into this region) */
  region?: string;
  force: boolean;
  dryRun: boolean;
}

export interface ImportReport {
  written: boolean;
  regions: { created: string[]; changed: string[]; unchanged: number };
  items: { created: string[]; changed: string[]; unchanged: number };
  /** items (region/catalogCode) and regions (region:CODE) left out because of an error (with --force) */
  leftOut: string[];
  /** items of other regions than --region, not imported */
  otherRegions: number;
  problems: ImportProblem[];
}

/** Where `tongbiao schema --out` puts the item schema in a catalog; new item files point at it when it is there. */
const SCHEMA_FILE = 'schema/item.schema.json';

interface Write {
  path: string;
  text: string;
}

export async function applyImport(input: ImportInput, options: ImportOptions): Promise<ImportReport> {
  const report: ImportReport = {
    written: false,
    regions: { created: [], changed: [], unchanged: 0 },
    items: { created: [], changed: [], unchanged: 0 },
    leftOut: [],
    otherRegions: 0,
    problems: [...input.problems],
  };
  const catalog = options.catalog;
  const writes: Write[] = [];
  /** folders to make, each once (a region's items folder is asked for by every new item in it) */
  const dirs = new Set<string>();
  if (!catalog) writes.push({ path: CONFIG_FILE, text: `formatVersion: ${FORMAT_VERSION}\n` });

  // Regions: a region is placed under its parent, which the catalog or the file must have (parents first).
  const dirOf = new Map<string, string>();
  for (const region of catalog?.regions.values() ?? []) dirOf.set(region.code, region.dir);
  const parents = new Map(input.regions.map((r) => [r.code, r.parent]));
  const depth = (code: string) => {
    let n = 0;
    for (let c = parents.get(code); c !== undefined && n < 8; c = parents.get(c)) n++;
    return n;
  };
  const pendingRegions = [...input.regions].sort((a, b) => depth(a.code) - depth(b.code));
  for (const region of pendingRegions) {
    const existing = catalog?.regions.get(region.code);
    if (existing) {
      const file = catalog!.regionFiles.get(region.code);
      if (file?.data !== undefined && sameData(file.data, region.data)) report.regions.unchanged++;
      else {
        report.regions.changed.push(region.code);
        writes.push({ path: existing.file, text: file?.text !== undefined ? rewriteYaml(file.text, region.data) : itemYaml(region.data) });
      }
      continue;
    }
    let dir: string | undefined;
    if (region.parent === undefined) {
      const top = catalog?.top?.code ?? report.regions.created.find((code) => input.regions.find((r) => r.code === code)?.parent === undefined);
      if (top !== undefined) {
        report.problems.push(problem(region.at, `区划 ${region.code} 没有上级区划代码，而目录已有顶层区划 ${top}`, `region ${region.code} has no parent, and the catalog already has the top region ${top}`, `region:${region.code}`));
        continue;
      }
      dir = region.code;
    } else {
      const parentDir = dirOf.get(region.parent);
      if (parentDir === undefined) {
        report.problems.push(problem(region.at, `区划 ${region.code} 的上级区划 ${region.parent} 不存在`, `the parent ${region.parent} of region ${region.code} does not exist`, `region:${region.code}`));
        continue;
      }
      dir = `${parentDir}/${region.code}`;
    }
    dirOf.set(region.code, dir);
    dirs.add(dir);
    report.regions.created.push(region.code);
    writes.push({ path: `${dir}/${REGION_FILE}`, text: itemYaml(region.data) });
  }

  // Items.
  const hasSchema = catalog?.source.entries.some((e) => e.path === SCHEMA_FILE && e.type === 'file') ?? false;
  const itemWrites: Array<Write & { key: string; created: boolean }> = [];
  for (const imported of input.items) {
    if (options.region !== undefined && imported.region !== options.region) {
      report.otherRegions++;
      continue;
    }
    const key = itemKey(imported.region, imported.catalogCode);
    const dir = dirOf.get(imported.region);
    if (dir === undefined) {
      report.problems.push(problem(imported.at, `事项 ${key} 的区划 ${imported.region} 在目录和文件中都不存在`, `the region ${imported.region} of item ${key} exists neither in the catalog nor in the file`, key));
      continue;
    }
    const path = `${dir}/items/${imported.catalogCode}.yaml`;
    const existingPath = catalog?.items.get(imported.region)?.get(imported.catalogCode);
    if (existingPath === undefined) {
      if (!dirs.has(`${dir}/items`) && !existsSync(join(options.root, dir, 'items'))) dirs.add(`${dir}/items`);
      itemWrites.push({ key, created: true, path, text: itemYaml(imported.item, hasSchema ? modelineFor(SCHEMA_FILE, path) : undefined) });
      continue;
    }
    const absolute = join(options.root, existingPath);
    if (!lstatSync(absolute).isFile()) {
      report.problems.push(problem(imported.at, `${existingPath} 不是普通文件（不会跟随链接）`, `${existingPath} is not a regular file (links are never followed)`, key));
      continue;
    }
    const text = readFileSync(absolute, 'utf8');
    let old: unknown;
    try {
      old = parseForEdit(text).toJS();
    } catch {
      old = undefined;
    }
    if (typeof old !== 'object' || old === null || Array.isArray(old)) {
      report.problems.push(problem(imported.at, `${existingPath} 无法解析，先修复它（tongbiao validate）`, `${existingPath} does not parse; fix it first (tongbiao validate)`, key));
      continue;
    }
    const data: Item = { ...imported.item };
    for (const kept of imported.keep ?? []) {
      if (Object.hasOwn(old, kept)) data[kept] = (old as Item)[kept];
    }
    if (sameData(old, data)) {
      report.items.unchanged++;
      continue;
    }
    itemWrites.push({ key, created: false, path: existingPath, text: rewriteYaml(text, data, { onCreate: styleItemNode }) });
  }

  const failed = new Set(report.problems.filter((p) => p.severity === 'error').map((p) => p.item ?? ''));
  const hasErrors = failed.size > 0;
  if (hasErrors && !options.force) {
    report.items = { created: [], changed: [], unchanged: report.items.unchanged };
    report.regions = { created: [], changed: [], unchanged: report.regions.unchanged };
    return report;
  }
  for (const w of itemWrites) {
    if (failed.has(w.key)) continue;
    (w.created ? report.items.created : report.items.changed).push(w.key);
    writes.push(w);
  }
  report.leftOut = [...failed].filter((k) => k !== '').sort();
  if (options.dryRun) return report;
  commit(options.root, dirs, writes);
  report.written = true;
  return report;
}

/** The catalog to import into; undefined for an empty or new folder (which becomes one). */
export async function openCatalog(root: string): Promise<Catalog | undefined> {
  if (existsSync(join(root, CONFIG_FILE))) {
    const catalog = await loadCatalog(fsSource(root));
    if (catalog.settings.formatVersion !== FORMAT_VERSION) {
      throw new TongbiaoError(`${root} is in catalog format ${catalog.settings.formatVersion}: imported items are format ${FORMAT_VERSION}; run 'tongbiao migrate' first`);
    }
    return catalog;
  }
  if (existsSync(root) && readdirSync(root).length > 0) {
    throw new TongbiaoError(`${root}: not a catalog (no ${CONFIG_FILE}) and not empty: import into a catalog or an empty folder`);
  }
  return undefined;
}

/** Folders first, every file under a temporary name, then all renamed: a failure leaves no half-written file. */
function commit(root: string, dirs: ReadonlySet<string>, writes: readonly Write[]): void {
  mkdirSync(root, { recursive: true });
  for (const dir of dirs) mkdirSync(join(root, dir), { recursive: true });
  const temporary = (path: string) => join(root, `${path}.tongbiao-import`);
  const done: string[] = [];
  try {
    for (const w of writes) {
      writeFileSync(temporary(w.path), w.text, { flag: 'wx' });
      done.push(w.path);
    }
  } catch (error) {
    for (const path of done) rmSync(temporary(path), { force: true });
    throw new TongbiaoError(`cannot write into ${root}: ${(error as Error).message}; nothing was changed`);
  }
  for (const w of writes) renameSync(temporary(w.path), join(root, w.path));
}
