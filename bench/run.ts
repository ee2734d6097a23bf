// `npm run bench`: the province-scale table of issue 6. Generates (or reuses) a province catalog in git,
// then measures each step as a real `tongbiao` process: wall time and peak RSS (GNU time), each also as a
// ratio to the floor (reading every item file + JSON.parse of the same data as JSON).
// After the sync step, the review UI is served from the database it synced and measured under 20 concurrent
// clients (bench/web.ts measureWeb: /healthz as the ceiling, queue pages, the item page; p50 / p95, req/s and
// the server's peak RSS).
// --formats 2,1 measures a v2 province (the default, `--formats 2`) and then the same province written in format v1
// (read through the spec §8 mapping), each in its own catalog and database, in one run and one table, so the two can
// be compared without the machine's load changing in between; the web step runs on the first format's database.
// Options: --items N --cities N --counties-per-city N (a smaller catalog for a quick look), --formats 2,1,
// --only validate,sync,web, --web-duration S (per page, default 10), --repeat N (runs of each step that leaves
// no trace — warm and --changed-since validate — reported by the median, default 3: a shared machine is noisy).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { commitEdits } from '../src/gen/index.js';
import { benchCatalog, benchName } from './catalog.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { scanBlockYaml } from '../src/catalog/block-yaml.js';
import { measureWeb } from './web.js';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '1500' },
    cities: { type: 'string', default: '13' },
    'counties-per-city': { type: 'string', default: '8' },
    only: { type: 'string' },
    'web-duration': { type: 'string', default: '10' },
    repeat: { type: 'string', default: '3' },
    formats: { type: 'string', default: '2' },
  },
});
const OUT = join(PACKAGE_ROOT, 'bench', 'out');
const formats = values.formats.split(',').map(Number);
if (formats.length === 0 || formats.some((f) => f !== 1 && f !== 2)) throw new Error(`--formats: 1 and/or 2, comma-separated (got ${values.formats})`);
const BIN = join(PACKAGE_ROOT, 'bin', 'tongbiao.js');

interface Row {
  step: string;
  /** undefined for the web rows, which are latencies (in the notes) */
  seconds?: number;
  /** user + system CPU seconds of the process and its children (git), comparable on a busy machine */
  cpuSeconds?: number;
  rssMb?: number;
  /** the floor's seconds on the same catalog (the × floor column) */
  floor?: number;
  target?: string;
  note?: string;
}
const rows: Row[] = [];
const log = (line: string) => process.stderr.write(line + '\n');

/** Runs the CLI under GNU time: wall seconds, CPU seconds and peak RSS of the whole process (workers are threads in it). */
function cli(args: string[], env: NodeJS.ProcessEnv = {}): { seconds: number; cpuSeconds: number; rssMb: number; stdout: string; code: number } {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, BIN, ...args], {
    env: { ...process.env, CI: 'true', ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const seconds = (performance.now() - started) / 1000;
  const [user = NaN, system = NaN, rssKb = NaN] = result.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  if (result.status !== 0 && result.status !== 1) throw new Error(`tongbiao ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  return { seconds, cpuSeconds: user + system, rssMb: rssKb / 1024, stdout: result.stdout, code: result.status ?? -1 };
}

/** Reading every item file plus JSON.parse of the same data as JSON (made untimed): what any checker must pay. */
function floor(catalog: string, prefix: string): number {
  const files = execFileSync('git', ['ls-files', '-z', '--', '*/items/*.yaml'], { cwd: catalog, encoding: 'utf8', maxBuffer: 1 << 30 })
    .split('\0').filter(Boolean);
  const json = files.map((f) => JSON.stringify(scanBlockYaml(readFileSync(join(catalog, f), 'utf8'))));
  const started = performance.now();
  let bytes = 0;
  for (const f of files) bytes += readFileSync(join(catalog, f)).length;
  for (const text of json) JSON.parse(text);
  const seconds = (performance.now() - started) / 1000;
  rows.push({ step: `${prefix}floor: read ${files.length} files + JSON.parse`, seconds, floor: seconds, note: `${(bytes / 1e6).toFixed(0)} MB` });
  return seconds;
}

const wanted = (step: string) => values.only === undefined || values.only.split(',').includes(step);

/** Validate and sync steps on the province of one format version; returns its database. */
function measureFormat(formatVersion: 1 | 2): string {
  const shape = { items: Number(values.items), cities: Number(values.cities), countiesPerCity: Number(values['counties-per-city']), formatVersion };
  const name = benchName('province', shape);
  const catalog = join(OUT, name);
  const prefix = `v${formatVersion}: `;
  const { files, items } = benchCatalog(catalog, shape, 'bench-base', log);
  log(`catalog ${catalog}: ${files} files, ${items} items`);
  const floorSeconds = floor(catalog, prefix);
  const push = (row: Omit<Row, 'floor'>) => rows.push({ ...row, step: prefix + row.step, floor: floorSeconds });
  const cacheDir = join(OUT, `cache-${name}`);
  const db = join(OUT, `${name}.db`);

  if (wanted('validate')) {
    rmSync(cacheDir, { recursive: true, force: true });
    const env = { TONGBIAO_CACHE: cacheDir };
    const cold = cli(['validate', catalog, '--format', 'json'], env);
    const summary = JSON.parse(cold.stdout).summary as { files: number; errors: number; warnings: number; infos: number };
    push({ step: 'validate, cold', ...cold, target: '≤ 30 s', note: `${summary.files} files, ${summary.errors} errors, ${summary.warnings} warnings, ${summary.infos} infos` });
    const runs = Number(values.repeat);
    const median = (args: string[]) => {
      const all = Array.from({ length: runs }, () => cli(args, env)).sort((a, b) => a.seconds - b.seconds);
      return { ...all[Math.floor((all.length - 1) / 2)]!, note: `median of ${runs}: ${all.map((r) => r.seconds.toFixed(2)).join(' ')} s` };
    };
    push({ step: 'validate, warm cache', ...median(['validate', catalog, '--format', 'json']), target: '≤ 3 s' });
    commitEdits(catalog, 10, 'bench-validate');
    const changed = median(['validate', catalog, '--changed-since', 'HEAD~1', '--format', 'json']);
    push({ step: 'validate --changed-since, 10-file commit', ...changed, target: '≤ 1 s', note: `${JSON.parse(changed.stdout).summary.files} files checked; ${changed.note}` });
    execFileSync('git', ['reset', '-q', '--hard', 'bench-base'], { cwd: catalog });
  }

  if (wanted('sync')) {
    rmSync(db, { force: true });
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
    const env = { TONGBIAO_DB: `file:${db}` };
    const full = cli(['sync', catalog, '--format', 'json'], env);
    push({ step: 'sync, full', ...full, target: '≤ 120 s', note: `${Math.round(items / full.seconds)} items/s` });
    commitEdits(catalog, 10, 'bench-sync');
    push({ step: 'sync, incremental after a 10-file commit', ...cli(['sync', catalog, '--format', 'json'], env), target: '≤ 2 s' });
  }
  return db;
}

const dbs = formats.map((f) => measureFormat(f as 1 | 2));

if (wanted('web')) {
  const db = dbs[0]!;
  if (!existsSync(db)) throw new Error(`no database at ${db}: the web step needs the sync step (--only sync,web)`);
  const web = await measureWeb({ dbUrl: `file:${db}`, scenarios: 'core', duration: Number(values['web-duration']), connections: 20 });
  const ceiling = web.pages.find((p) => p.kind === 'baseline');
  const rss = `server: ${web.workers} worker${web.workers === 1 ? '' : 's'}, peak RSS of all its processes`;
  for (const page of web.pages) {
    const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
    const figures = `p50 ${ms(page.p50Ms)} ms, p95 ${ms(page.p95Ms)} ms, ${page.rps.toFixed(0)} req/s`;
    const share = ceiling && page !== ceiling ? ` (${((100 * page.rps) / ceiling.rps).toFixed(1)}% of /healthz)` : '';
    rows.push({
      step: `v${formats[0]}: web, ${web.connections} clients: ${page.name}`,
      rssMb: web.rssMb,
      ...(page.kind === 'queue' || page.kind === 'item' ? { target: 'p95 ≤ 50 ms' } : {}),
      note: `${figures}${share}${page.failures ? `, ${page.failures} failed` : ''}; ${rss}`,
    });
  }
}

const table = [
  '| step | seconds | × floor | CPU s | peak RSS | target | notes |',
  '|---|---:|---:|---:|---:|---|---|',
  ...rows.map((r) =>
    `| ${r.step} | ${r.seconds === undefined ? '' : r.seconds.toFixed(2)} | ${r.seconds === undefined ? '' : r.floor === undefined ? '' : (r.seconds / r.floor).toFixed(1)} | ${r.cpuSeconds === undefined ? '' : r.cpuSeconds.toFixed(1)} | ${r.rssMb === undefined ? '' : `${Math.round(r.rssMb)} MB`} | ${r.target ?? ''} | ${r.note ?? ''} |`),
];
process.stdout.write(table.join('\n') + '\n');
