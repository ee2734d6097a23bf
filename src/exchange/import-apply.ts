// What an import does to a catalog folder: creates region folders and item files, updates existing ones in
// place (through the one YAML editor, src/catalog/yaml-edit.ts: comments and key order kept, only changed values
// rewritten; new files laid out by src/levels/item-yaml.ts) and leaves the same ones untouched. Nothing is
// written when any problem is an error, unless forced — then the items with errors are left out and listed.
//
// Items are consumed one at a time (a province's workbook is never held whole): each file is written at once
// where nothing sees it yet (staged: under a temporary name beside its place, or inside a new folder that has a
// temporary name), and only when every item has been read and no error was found (or --force) is everything
// renamed into place; otherwise the staged files and folders are removed. So a failure at any point, an error
// found in the last item, or Ctrl-C (SIGINT, SIGTERM) while files are staged leaves the catalog as it was.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE } from '../catalog/config.js';
import { FORMAT_VERSION } from '../schema/item.js';
import { loadCatalog, type Catalog } from '../catalog/load.js';
import { REGION_FILE } from '../catalog/layout.js';
import { fsSource } from '../catalog/source-fs.js';
import type { Item } from '../catalog/types.js';
import { signalExitCode, STOP_SIGNALS, TongbiaoError } from '../errors.js';
import { modelineFor } from '../levels/claim.js';
import { parseForEdit, reconcile, renderEdited, rewriteYaml } from '../catalog/yaml-edit.js';
import { itemYaml, styleItemNode } from '../levels/item-yaml.js';
import { sameData } from '../levels/semantic-diff.js';
import { itemKey, problem, type ImportedItem, type ImportInput, type ImportProblem } from './import-input.js';
import { WritePool } from './write-pool.js';

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
    // the input's own list: a workbook's items add their problems to it as they are put together
    problems: input.problems,
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

  // Items, staged as they come.
  const hasSchema = catalog?.source.entries.some((e) => e.path === SCHEMA_FILE && e.type === 'file') ?? false;
  const stage = new Stage(options.root, !options.dryRun && WritePool.available() ? new WritePool() : undefined);
  const failed = new Set<string>();
  let seenProblems = 0;
  /** errors so far: the items they belong to ('' for the file as a whole) */
  const errorsSoFar = () => {
    for (; seenProblems < report.problems.length; seenProblems++) {
      const p = report.problems[seenProblems]!;
      if (p.severity === 'error') failed.add(p.item ?? '');
    }
    return failed;
  };
  /** staged while nothing says it will be thrown away: a dry run, or an error without --force */
  const staging = () => !options.dryRun && (options.force || errorsSoFar().size === 0);
  const created: string[] = [];
  const changed: string[] = [];
  const signals = options.dryRun ? undefined : new Signals();
  let taken = 0;
  try {
    if (staging()) for (const w of writes) stage.write(w.path, w.text, dirs);
    for await (const imported of input.items) {
      // let a signal's handler run now and then: putting items together and writing them may never wait for I/O
      if (signals && ++taken % SIGNAL_TURN === 0) await signals.turn();
      if (options.region !== undefined && imported.region !== options.region) {
        report.otherRegions++;
        continue;
      }
      const key = itemKey(imported.region, imported.catalogCode);
      const planned = planItem(imported, key, dirOf, catalog, options.root, hasSchema, report);
      if (planned === undefined || errorsSoFar().has(key)) continue;
      if (planned === 'unchanged') {
        report.items.unchanged++;
        continue;
      }
      (planned.created ? created : changed).push(key);
      if (!staging()) continue;
      if (planned.text !== undefined) stage.write(planned.path, planned.text, planned.dirs);
      else await stage.writeItem(planned.path, imported.item, planned.modeline, planned.dirs);
    }
    if (errorsSoFar().size > 0 && !options.force) {
      await stage.discard();
      report.regions = { created: [], changed: [], unchanged: report.regions.unchanged };
      return report;
    }
    report.items.created = created;
    report.items.changed = changed;
    report.leftOut = [...failed].filter((k) => k !== '').sort();
    if (options.dryRun) return report;
    await stage.drain();
    signals?.check();
    // from here to the end nothing waits: no signal comes between the renames
    stage.commit();
  } catch (error) {
    await stage.discard();
    throw error;
  } finally {
    signals?.close();
    await stage.close();
  }
  report.written = true;
  return report;
}

/**
 * What one item does to its file: created (rendered later, in the write pool), changed (the new text), left
 * unchanged, or undefined on a problem.
 */
function planItem(
  imported: ImportedItem, key: string, dirOf: ReadonlyMap<string, string>, catalog: Catalog | undefined, root: string, hasSchema: boolean, report: ImportReport,
): { created: boolean; path: string; text?: string; modeline?: string; dirs: string[] } | 'unchanged' | undefined {
  const dir = dirOf.get(imported.region);
  if (dir === undefined) {
    report.problems.push(problem(imported.at, `事项 ${key} 的区划 ${imported.region} 在目录和文件中都不存在`, `the region ${imported.region} of item ${key} exists neither in the catalog nor in the file`, key));
    return undefined;
  }
  const existingPath = catalog?.items.get(imported.region)?.get(imported.catalogCode);
  if (existingPath === undefined) {
    const path = `${dir}/items/${imported.catalogCode}.yaml`;
    return { created: true, path, dirs: [dir, `${dir}/items`], ...(hasSchema ? { modeline: modelineFor(SCHEMA_FILE, path) } : {}) };
  }
  const absolute = join(root, existingPath);
  if (!lstatSync(absolute).isFile()) {
    report.problems.push(problem(imported.at, `${existingPath} 不是普通文件（不会跟随链接）`, `${existingPath} is not a regular file (links are never followed)`, key));
    return undefined;
  }
  const text = readFileSync(absolute, 'utf8');
  let doc: ReturnType<typeof parseForEdit> | undefined;
  let old: unknown;
  try {
    doc = parseForEdit(text);
    old = doc.toJS();
  } catch {
    old = undefined;
  }
  if (doc === undefined || typeof old !== 'object' || old === null || Array.isArray(old)) {
    report.problems.push(problem(imported.at, `${existingPath} 无法解析，先修复它（tongbiao validate）`, `${existingPath} does not parse; fix it first (tongbiao validate)`, key));
    return undefined;
  }
  const data: Item = { ...imported.item };
  for (const kept of imported.keep ?? []) {
    if (Object.hasOwn(old, kept)) data[kept] = (old as Item)[kept];
  }
  if (sameData(old, data)) return 'unchanged';
  // The document just read is the one edited: comments, key order and quoting stay, the file is parsed once.
  reconcile(doc, data, { onCreate: styleItemNode });
  return { created: false, path: existingPath, dirs: [], text: renderEdited(doc, text) };
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

/**
 * Files and folders written where nothing sees them until commit. A folder the catalog does not have yet is made
 * under a temporary name beside its place, and everything inside it — folders and files — under their own names;
 * commit renames that one folder. Only a file that goes into a folder that exists already is written under a
 * temporary name beside its place and renamed on its own. So an import into a new region (or an empty folder)
 * renames one folder instead of every file: a province's 167,000 files cost 167,000 fewer renames. discard removes
 * the temporary files and folders, and the catalog folder itself when this import made it. New item files are
 * rendered and written by the write pool when there is one (commit and discard wait for it).
 */
class Stage {
  /** folder (relative) → where it is now: its absolute place inside a temporary folder, or null when it is in place */
  private readonly places = new Map<string, string | null>();
  /** the new folders made under temporary names: relative path, temporary absolute path */
  private readonly trees: Array<[string, string]> = [];
  /** files written under a temporary name beside their place */
  private readonly staged: string[] = [];
  private madeRoot = false;

  constructor(private readonly root: string, private readonly pool: WritePool | undefined) {}

  write(path: string, text: string, dirs: Iterable<string>): void {
    this.attempt(() => writeFileSync(this.prepare(path, dirs), text, { flag: 'wx' }));
  }

  /** A new item file, laid out by itemYaml. */
  async writeItem(path: string, item: Item, modeline: string | undefined, dirs: Iterable<string>): Promise<void> {
    let at = '';
    this.attempt(() => (at = this.prepare(path, dirs)));
    if (!this.pool) return this.attempt(() => writeFileSync(at, itemYaml(item, modeline), { flag: 'wx' }));
    try {
      await this.pool.write({ path: at, item, ...(modeline !== undefined ? { modeline } : {}) });
    } catch (error) {
      throw this.failed(error);
    }
  }

  /** Waits until the write pool has written every file. */
  async drain(): Promise<void> {
    try {
      await this.pool?.drain();
    } catch (error) {
      throw this.failed(error);
    }
  }

  /** Renames everything into place (after drain). */
  commit(): void {
    for (const path of this.staged) renameSync(temporary(join(this.root, path)), join(this.root, path));
    for (const [dir, at] of this.trees) renameSync(at, join(this.root, dir));
    this.staged.length = 0;
    this.trees.length = 0;
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  /** The folders a file needs, made; where the file is written now (counted first, so that discard removes it). */
  private prepare(path: string, dirs: Iterable<string>): string {
    for (const dir of dirs) this.mkdir(dir);
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? '' : path.slice(0, slash);
    this.mkdir(dir);
    const inside = this.places.get(dir);
    if (inside) return join(inside, path.slice(slash + 1));
    this.staged.push(path);
    return temporary(join(this.root, path));
  }

  private attempt(write: () => void): void {
    try {
      write();
    } catch (error) {
      throw this.failed(error);
    }
  }

  private failed(error: unknown): TongbiaoError {
    return new TongbiaoError(`cannot write into ${this.root}: ${(error as Error).message}; nothing was changed`);
  }

  async discard(): Promise<void> {
    await this.pool?.drain().catch(() => undefined);
    for (const path of this.staged) rmSync(temporary(join(this.root, path)), { force: true });
    for (const [, at] of this.trees) rmSync(at, { recursive: true, force: true });
    this.staged.length = 0;
    this.trees.length = 0;
    if (this.madeRoot) {
      try {
        rmdirSync(this.root);
      } catch {
        /* not empty: something else is in it */
      }
    }
  }

  /** Makes a folder the first time it is asked for: parents first; a new one under a temporary name unless its parent is new too. */
  private mkdir(dir: string): void {
    if (this.places.has(dir)) return;
    if (dir === '') {
      if (!existsSync(this.root)) {
        mkdirSync(this.root);
        this.madeRoot = true;
      }
      this.places.set('', null);
      return;
    }
    const slash = dir.lastIndexOf('/');
    const parent = slash < 0 ? '' : dir.slice(0, slash);
    this.mkdir(parent);
    const parentAt = this.places.get(parent);
    if (parentAt) {
      const at = join(parentAt, dir.slice(slash + 1));
      mkdirSync(at);
      this.places.set(dir, at);
    } else if (existsSync(join(this.root, dir))) {
      this.places.set(dir, null);
    } else {
      const at = temporary(join(this.root, dir));
      mkdirSync(at);
      this.trees.push([dir, at]);
      this.places.set(dir, at);
    }
  }
}

/** Items between two turns of the event loop, in which a signal's handler can run. */
const SIGNAL_TURN = 256;

/**
 * Ctrl-C and SIGTERM while an import stages files: instead of ending the process where it stands, which would leave
 * the staged files and folders in the catalog, the import stops at its next turn and removes them, and the
 * process exits as a shell reports the signal (130, 143).
 */
class Signals {
  private caught: NodeJS.Signals | undefined;
  private readonly handler = (signal: NodeJS.Signals) => {
    this.caught ??= signal;
  };

  constructor() {
    for (const signal of STOP_SIGNALS) process.on(signal, this.handler);
  }

  /** Lets a signal's handler run, then checks. */
  async turn(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.check();
  }

  /** Throws when a signal has come. */
  check(): void {
    if (this.caught !== undefined) {
      throw new TongbiaoError(`import stopped by ${this.caught}: nothing was changed`, signalExitCode(this.caught));
    }
  }

  close(): void {
    for (const signal of STOP_SIGNALS) process.off(signal, this.handler);
  }
}

/** The name a file or folder has until the import commits. */
function temporary(absolute: string): string {
  return `${absolute}.tongbiao-import`;
}
