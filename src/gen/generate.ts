// `generateCatalog`: a realistic synthetic catalog for benchmarks, tests and demos — a province baseline,
// its cities and counties claiming most of it with a small share of local discrepancies and of errors,
// all deterministic from a seed. Files are plain string templates written with writeFileSync; almost all
// of the time goes into the kernel creating ~170,000 files. The region subtrees can be spread over worker
// threads (`workers`), but on the 2-core VM this was measured on (ext4, busy neighbours) two writer
// threads were no faster than one, so one is the default. The output never depends on the worker count.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { CREDIT_CODE_ALPHABET, creditCheckChar } from '../codes/uscc.js';
import { buildBaseline, maxBaselineItems } from './baseline.js';
import type { GenItem } from './item.js';
import { localItemsOf } from './local-items.js';
import { RegionLocals } from './local.js';
import { hash32, Random } from './random.js';
import { allRegions, regionTree, type GenRegion } from './regions.js';
import { modeline, renderItem, renderRegion, schemaFiles, tongbiaoYaml, type FormatVersion, type LocalElements } from './render.js';
import { breakItem, DISCREPANCY_KINDS, ERROR_KINDS, errorKindsFor, vary, type DiscrepancyKind, type ErrorKind } from './variants.js';

/** Percent of the regions holding a suspended or cancelled item that have not followed the province yet. */
const LAGGING_PERCENT = 10;

export interface GenerateOptions {
  /** cities under the province (default 13, Hubei's) */
  cities?: number;
  /** counties in each city (default 8) */
  countiesPerCity?: number;
  /** include the 省直辖 county-level units 429004 429005 429006 429021 (default true) */
  provinceDirect?: boolean;
  /** 乡镇级 regions under each county (default 0), claiming the items whose useLevel includes 乡镇级 */
  townships?: number;
  /** the catalog format written: 2 (default), or 1 — a v1 catalog for testing `tongbiao migrate` */
  formatVersion?: FormatVersion;
  /** baseline items (default 1,500) */
  items?: number;
  /** the seed; the same seed gives the same files (default "tongbiao") */
  seed?: string | number;
  /** share of eligible baseline items a region claims: [min, max], drawn per region (default [0.88, 0.99]) */
  claimRate?: readonly [number, number];
  /** share of claimed items with a discrepancy (default 0.04) */
  discrepancyRate?: number;
  /** share of discrepancies that are looser than the parent allows (default 0.06) */
  looserShare?: number;
  /** share of claimed items with an injected error (default 0.005) */
  errorRate?: number;
  /** `git init` and commit everything in one reproducible commit */
  git?: boolean;
  /** write into a folder that is not empty: tongbiao.yaml, schema/, the province folder and (with git) .git are replaced */
  force?: boolean;
  /** worker threads writing files (default 1: this thread; file creation is kernel-bound, see above) */
  workers?: number;
  /** called now and then with files written so far and the total */
  onProgress?: (written: number, total: number) => void;
}

/** One deliberate difference or mistake, so tests can tell intended findings from bugs. */
export interface Injection {
  /** catalog-relative file */
  file: string;
  region: string;
  catalogCode: string;
  category: 'discrepancy' | 'error';
  kind: DiscrepancyKind | ErrorKind;
  /** the rules expected to report it */
  rules: readonly string[];
}

export interface GenerateResult {
  dir: string;
  seed: string;
  /** files written, tongbiao.yaml, schema/*.json and region.yaml included */
  files: number;
  bytes: number;
  regions: number;
  baselineItems: number;
  /** item files in cities and counties */
  claimedItems: number;
  /** baseline items a region could claim (useLevel) but did not: one `level-missing` each */
  unclaimed: number;
  /** in file order */
  injections: Injection[];
  discrepancies: Partial<Record<DiscrepancyKind, number>>;
  errors: Partial<Record<ErrorKind, number>>;
  /** worker threads that wrote the files (1: this thread) */
  workers: number;
  /** seconds spent generating and writing files */
  seconds: number;
  /** seconds spent in git, with `git` */
  gitSeconds?: number;
  /** the commit id, with `git` */
  commit?: string;
}

export const GEN_DEFAULTS = {
  cities: 13, countiesPerCity: 8, items: 1500, seed: 'tongbiao', claimRate: [0.88, 0.99] as const,
  discrepancyRate: 0.04, looserShare: 0.06, errorRate: 0.005,
};

/** Fixed identity and date of generated commits, so the same seed gives the same commit id. */
export const GEN_AUTHOR = { name: 'tongbiao gen', email: 'gen@tongbiao.invalid', date: '2025-01-01T08:00:00+08:00' };

/** An error the caller can act on (bad options, a non-empty folder). */
export class GenError extends Error {
  override name = 'GenError';
}

/** What the options resolve to; plain data, so it can be handed to a worker. */
export interface PlanOptions {
  seed: string;
  items: number;
  cities: number;
  countiesPerCity: number;
  provinceDirect: boolean;
  townships: number;
  formatVersion: FormatVersion;
  claimRate: readonly [number, number];
  discrepancyRate: number;
  looserShare: number;
  errorRate: number;
}

interface Plan extends PlanOptions {
  tree: GenRegion;
  regions: GenRegion[];
  baseline: GenItem[];
}

export function planOptions(options: GenerateOptions): PlanOptions {
  const plan: PlanOptions = {
    seed: String(options.seed ?? GEN_DEFAULTS.seed),
    items: options.items ?? GEN_DEFAULTS.items,
    cities: options.cities ?? GEN_DEFAULTS.cities,
    countiesPerCity: options.countiesPerCity ?? GEN_DEFAULTS.countiesPerCity,
    provinceDirect: options.provinceDirect ?? true,
    townships: options.townships ?? 0,
    formatVersion: options.formatVersion ?? 2,
    claimRate: options.claimRate ?? GEN_DEFAULTS.claimRate,
    discrepancyRate: options.discrepancyRate ?? GEN_DEFAULTS.discrepancyRate,
    looserShare: options.looserShare ?? GEN_DEFAULTS.looserShare,
    errorRate: options.errorRate ?? GEN_DEFAULTS.errorRate,
  };
  if (plan.formatVersion !== 1 && plan.formatVersion !== 2) throw new GenError('formatVersion must be 1 or 2');
  const max = maxBaselineItems();
  if (!Number.isInteger(plan.items) || plan.items < 1 || plan.items > max) throw new GenError(`items must be 1–${max}`);
  const rates = [...plan.claimRate, plan.discrepancyRate, plan.looserShare, plan.errorRate];
  if (rates.some((r) => !(r >= 0 && r <= 1)) || plan.claimRate[0] > plan.claimRate[1]) throw new GenError('rates must be between 0 and 1');
  return plan;
}

function makePlan(options: PlanOptions): Plan {
  let tree: GenRegion;
  try {
    tree = regionTree(options);
  } catch (error) {
    throw new GenError((error as Error).message);
  }
  return { ...options, tree, regions: allRegions(tree), baseline: buildBaseline(options.seed, options.items) };
}

/** The baseline items `region` claims, drawn from its own stream. */
function claimsOf(plan: Plan, region: GenRegion): { claimed: GenItem[]; unclaimed: number } {
  const rng = new Random(plan.seed, 'claims', region.code);
  const [min, max] = plan.claimRate;
  const rate = min + rng.next() * (max - min);
  const claimed: GenItem[] = [];
  let unclaimed = 0;
  for (const item of plan.baseline) {
    if (!item.useLevel.includes(region.level)) continue;
    if (rng.next() < rate) claimed.push(item);
    // Only an item in use (在用) is missed where it is not claimed (level-missing).
    else if (item.status === undefined) unclaimed++;
  }
  return { claimed, unclaimed };
}

/** A share of the work: the province's own files, or one child of the province with everything below it. */
type Unit = string;

/** What writing some units produced. */
export interface UnitResult {
  files: number;
  bytes: number;
  claimedItems: number;
  unclaimed: number;
  injections: Injection[];
}

/** Writes the given units' regions and items under `root`. `onWritten` is told every `every` files. */
export function writeUnits(root: string, options: PlanOptions, units: Unit[], onWritten?: (n: number) => void, every = 1000): UnitResult {
  const plan = makePlan(options);
  const { seed, tree } = plan;
  const out: UnitResult = { files: 0, bytes: 0, claimedItems: 0, unclaimed: 0, injections: [] };
  let pending = 0;
  const write = (path: string, text: string) => {
    writeFileSync(join(root, path), text);
    out.bytes += Buffer.byteLength(text);
    out.files++;
    if (++pending === every) {
      onWritten?.(pending);
      pending = 0;
    }
  };
  let head = '';
  const begin = (region: GenRegion, localItems: readonly GenItem[] = []) => {
    mkdirSync(join(root, region.dir, 'items'), { recursive: true });
    const depth = region.dir.split('/').length;
    const local = plan.formatVersion === 2 ? localItems.map((i) => i.catalogCode) : [];
    write(`${region.dir}/region.yaml`, renderRegion(region.code, region.name, region.level, modeline(depth, 'region'), local));
    head = modeline(depth + 1, 'item');
    return new RegionLocals(seed, region, plan.formatVersion);
  };

  for (const unit of units) {
    if (unit === tree.code) {
      const locals = begin(tree);
      for (const item of plan.baseline) write(`${tree.dir}/items/${item.catalogCode}.yaml`, renderItem(item, locals.elements(item), head, plan.formatVersion));
      continue;
    }
    const top = tree.children.find((c) => c.code === unit)!;
    // Each region copies its parent's items as the parent implements them (without injected errors).
    const writeRegion = (region: GenRegion, parentItems: ReadonlyMap<string, GenItem> | undefined) => {
      const own = plan.formatVersion === 2 ? localItemsOf(region) : [];
      const locals = begin(region, own);
      const { claimed, unclaimed } = claimsOf(plan, region);
      out.unclaimed += unclaimed;
      const rng = new Random(seed, 'vary', region.code);
      let errorTurn = rng.int(0, 3);
      const effective = region.children.length > 0 ? new Map<string, GenItem>() : undefined;
      for (const base of claimed) {
        const file = `${region.dir}/items/${base.catalogCode}.yaml`;
        let item = parentItems?.get(base.catalogCode) ?? base;
        let comments: Record<string, string> | undefined;
        if (rng.next() < plan.discrepancyRate) {
          const variation = vary(item, rng, rng.next() < plan.looserShare, region.name);
          if (variation) {
            item = variation.item;
            if (variation.comment) comments = { [variation.comment.key]: variation.comment.text };
            out.injections.push({
              file, region: region.code, catalogCode: item.catalogCode, category: 'discrepancy', kind: variation.kind,
              rules: [DISCREPANCY_KINDS[variation.kind]],
            });
          }
        }
        // A region that has not followed the province's suspension or cancellation yet still lists the item in use.
        if (item.status !== undefined && hash32(`lifecycle${region.code}${item.catalogCode}`) % 100 < LAGGING_PERCENT) {
          const { status: _status, cancelDate: _cancelDate, ...inUse } = item;
          item = inUse;
        }
        if (base.status !== undefined && item.status === undefined) {
          const kind = base.status === '取消' ? 'kept-cancelled' : 'kept-suspended';
          out.injections.push({ file, region: region.code, catalogCode: item.catalogCode, category: 'discrepancy', kind, rules: [DISCREPANCY_KINDS[kind]] });
        }
        effective?.set(item.catalogCode, item);
        const local: LocalElements = locals.elements(item);
        if (comments) local.comments = comments;
        let written = item;
        if (rng.next() < plan.errorRate) {
          const kinds = errorKindsFor(item);
          const kind = kinds[errorTurn++ % kinds.length]!;
          written = breakItem(item, kind, rng);
          if (kind === 'credit-code') {
            local.creditCode = badCheck(local.creditCode, rng);
            local.taskCode = local.creditCode + local.taskCode.slice(18);
          }
          if (kind === 'unquoted-phone') local.complaintUnquoted = true;
          out.injections.push({ file, region: region.code, catalogCode: item.catalogCode, category: 'error', kind, rules: ERROR_KINDS[kind] });
        }
        write(file, renderItem(written, local, head, plan.formatVersion));
        out.claimedItems++;
      }
      for (const item of own) {
        const file = `${region.dir}/items/${item.catalogCode}.yaml`;
        write(file, renderItem(item, locals.elements(item), head, plan.formatVersion));
        out.injections.push({ file, region: region.code, catalogCode: item.catalogCode, category: 'discrepancy', kind: 'local-item', rules: [DISCREPANCY_KINDS['local-item']] });
        out.claimedItems++;
      }
      for (const child of region.children) writeRegion(child, effective);
    };
    writeRegion(top, undefined);
  }
  if (pending > 0) onWritten?.(pending);
  return out;
}

/** The same credit code with a wrong GB 32100 check character (neither the one written nor, for a listed legacy code, the valid one). */
function badCheck(code: string, rng: Random): string {
  const valid = creditCheckChar(code.slice(0, 17));
  const wrong = CREDIT_CODE_ALPHABET.split('').filter((ch) => ch !== code[17] && ch !== valid);
  return code.slice(0, 17) + rng.pick(wrong);
}

/** The compiled worker, when there is one (not when this module runs from TypeScript source, e.g. under vitest). */
function workerFile(): URL | undefined {
  const url = new URL('./worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * Generates a catalog in `dir` (made if missing; refused when not empty unless `force`). Synchronous: with
 * workers, this thread waits on shared memory for them (and reports their progress meanwhile).
 */
export function generateCatalog(dir: string, options: GenerateOptions = {}): GenerateResult {
  const started = performance.now();
  const root = resolve(dir);
  const planned = planOptions(options);
  const plan = makePlan(planned);
  const { tree, regions, baseline } = plan;
  prepareDir(root, tree.code, options.force === true, options.git === true);

  // Units, largest first, dealt to the least loaded worker.
  const sizes = new Map<Unit, number>([[tree.code, baseline.length]]);
  let total = 3 + regions.length + baseline.length;
  for (const top of tree.children) {
    let size = 0;
    for (const region of allRegions(top)) size += claimsOf(plan, region).claimed.length + (planned.formatVersion === 2 ? localItemsOf(region).length : 0);
    sizes.set(top.code, size);
    total += size;
  }
  const file = workerFile();
  const workers = file ? Math.max(1, Math.min(options.workers ?? 1, availableParallelism() * 2, sizes.size)) : 1;
  const shares: Unit[][] = Array.from({ length: workers }, () => []);
  const load = new Array<number>(workers).fill(0);
  for (const [unit, size] of [...sizes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    const w = load.indexOf(Math.min(...load));
    shares[w]!.push(unit);
    load[w]! += size;
  }

  // The catalog's own files: tongbiao.yaml and the schemas the files' first lines point at.
  const exceptions = planned.formatVersion === 2 ? regions.flatMap((r) => new RegionLocals(plan.seed, r, 2).legacyCreditCodes()) : [];
  const own: Record<string, string> = { 'tongbiao.yaml': tongbiaoYaml(planned.formatVersion, exceptions), ...schemaFiles() };
  mkdirSync(join(root, 'schema'), { recursive: true });
  let ownBytes = 0;
  for (const [path, text] of Object.entries(own)) {
    writeFileSync(join(root, path), text);
    ownBytes += Buffer.byteLength(text);
  }
  let written = Object.keys(own).length;
  const progress = (n: number) => {
    written += n;
    options.onProgress?.(written, total);
  };
  const parts = workers === 1
    ? [writeUnits(root, planned, shares[0]!, progress)]
    : runWorkers(file!, shares.map((units) => ({ root, options: planned, units })), progress);

  const injections = parts.flatMap((p) => p.injections).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const discrepancies: GenerateResult['discrepancies'] = {};
  const errors: GenerateResult['errors'] = {};
  for (const i of injections) {
    const counts = (i.category === 'error' ? errors : discrepancies) as Record<string, number>;
    counts[i.kind] = (counts[i.kind] ?? 0) + 1;
  }
  const result: GenerateResult = {
    dir: root, seed: plan.seed,
    files: Object.keys(own).length + parts.reduce((n, p) => n + p.files, 0),
    bytes: ownBytes + parts.reduce((n, p) => n + p.bytes, 0),
    regions: regions.length, baselineItems: baseline.length,
    claimedItems: parts.reduce((n, p) => n + p.claimedItems, 0),
    unclaimed: parts.reduce((n, p) => n + p.unclaimed, 0),
    injections, discrepancies, errors, workers,
    seconds: (performance.now() - started) / 1000,
  };
  if (options.git) {
    const gitStarted = performance.now();
    result.commit = commitAll(root, `Generated catalog (seed ${plan.seed}): ${regions.length} regions, ${baseline.length} baseline items, ${result.files} files`);
    result.gitSeconds = (performance.now() - gitStarted) / 1000;
  }
  return result;
}

export interface WorkerTask {
  root: string;
  options: PlanOptions;
  units: Unit[];
}

/** What a worker is given: its task, the port it answers on, and the shared counters (see runWorkers). */
export interface WorkerInput {
  task: WorkerTask;
  index: number;
  workers: number;
  port: MessagePort;
  counters: SharedArrayBuffer;
}

export type WorkerAnswer = { type: 'done'; result: UnitResult } | { type: 'error'; message: string };

/** A worker's state in the shared counters. */
export const WORKER_STATE = { starting: 0, running: 1, answered: 2, takenOver: 3, couldNotLoad: 4 } as const;

/** How long a worker may take to start before this thread does its share itself. */
const START_TIMEOUT_MS = 15_000;

/**
 * Runs the tasks on worker threads and waits for them synchronously (as synckit does). Shared counters:
 * files written by each worker, each worker's state, and a wake-up counter bumped on every state change.
 * This thread sleeps on the wake-up counter, reporting progress between wake-ups, and takes the answers
 * with receiveMessageOnPort. A worker that cannot load the generator (say, dist/ is being rebuilt) or has
 * not started in time has its share done here instead; the compare-and-swap on its state makes sure only
 * one of the two does it.
 */
function runWorkers(file: URL, tasks: WorkerTask[], progress: (n: number) => void): UnitResult[] {
  const n = tasks.length;
  const counters = new Int32Array(new SharedArrayBuffer(4 * (2 * n + 1)));
  const state = (i: number) => n + i;
  const wake = 2 * n;
  const ports: MessagePort[] = [];
  const workers = tasks.map((task, index) => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1);
    const input: WorkerInput = { task, index, workers: n, port: port2, counters: counters.buffer as SharedArrayBuffer };
    // No inherited flags: `--input-type` or a TypeScript loader would stop a compiled worker from starting.
    const worker = new Worker(file, { workerData: input, transferList: [port2], execArgv: [] });
    // A worker that fails to load is handled through its state (its share is done here), not as a crash.
    worker.on('error', () => {});
    return worker;
  });
  let reported = 0;
  const report = () => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Atomics.load(counters, i);
    if (sum > reported) progress(sum - reported);
    reported = sum;
  };
  const results: Array<UnitResult | undefined> = new Array(n);
  const started = performance.now();
  try {
    for (;;) {
      const seen = Atomics.load(counters, wake);
      let waiting = false;
      for (let i = 0; i < n; i++) {
        const s = Atomics.load(counters, state(i));
        const late = s === WORKER_STATE.starting && performance.now() - started > START_TIMEOUT_MS;
        if ((late || s === WORKER_STATE.couldNotLoad) && Atomics.compareExchange(counters, state(i), s, WORKER_STATE.takenOver) === s) {
          results[i] = writeUnits(tasks[i]!.root, tasks[i]!.options, tasks[i]!.units, progress);
        } else if (s === WORKER_STATE.starting || s === WORKER_STATE.running) {
          waiting = true;
        }
      }
      if (!waiting) break;
      Atomics.wait(counters, wake, seen, 250);
      report();
    }
    report();
    for (let i = 0; i < n; i++) {
      if (results[i]) continue;
      const answer = receiveMessageOnPort(ports[i]!)?.message as WorkerAnswer | undefined;
      if (!answer) throw new GenError('a generator worker stopped without an answer');
      if (answer.type === 'error') throw new GenError(answer.message);
      results[i] = answer.result;
    }
    return results as UnitResult[];
  } finally {
    for (const port of ports) port.close();
    for (const worker of workers) void worker.terminate();
  }
}

/** Refuse a non-empty folder unless forced; forced, remove what the generator writes. */
function prepareDir(root: string, top: string, force: boolean, git: boolean): void {
  if (existsSync(root)) {
    if (!statSync(root).isDirectory()) throw new GenError(`${root} is not a directory`);
    if (readdirSync(root).length > 0) {
      if (!force) throw new GenError(`${root} is not empty (use --force to write into it)`);
      for (const name of ['tongbiao.yaml', 'schema', top, ...(git ? ['.git'] : [])]) rmSync(join(root, name), { recursive: true, force: true });
    }
  }
  mkdirSync(root, { recursive: true });
}

// ---- git -----------------------------------------------------------------------------------------------

/** Environment for git in a generated catalog: fixed identity and dates, no variables pointing elsewhere. */
export function genGitEnv(date = GEN_AUTHOR.date): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_COMMON_DIR']) delete env[name];
  return {
    ...env,
    GIT_AUTHOR_NAME: GEN_AUTHOR.name, GIT_AUTHOR_EMAIL: GEN_AUTHOR.email, GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: GEN_AUTHOR.name, GIT_COMMITTER_EMAIL: GEN_AUTHOR.email, GIT_COMMITTER_DATE: date,
    LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0',
  };
}

/** Run git in `cwd` and return its trimmed stdout. */
export function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = genGitEnv(), input?: string): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 30, input, stdio: ['pipe', 'pipe', 'pipe'] }).trim();
}

function commitAll(root: string, message: string): string {
  git(root, ['init', '-q', '-b', 'main']);
  for (const [key, value] of [
    ['gc.auto', '0'], ['commit.gpgsign', 'false'], ['core.quotePath', 'false'],
    ['user.name', GEN_AUTHOR.name], ['user.email', GEN_AUTHOR.email],
  ] as const) git(root, ['config', key, value]);
  git(root, ['add', '-A', '.']);
  git(root, ['commit', '-q', '--no-verify', '-m', message]);
  return git(root, ['rev-parse', 'HEAD']);
}
