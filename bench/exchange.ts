// `node dist/bench/exchange.js` (after `npm run build`): export of a generated province to xlsx and to the exchange
// JSON, and import of each back into an empty folder, as real processes under GNU time: wall seconds and peak RSS.
// Not a timed test — figures on a shared machine swing: CPU seconds (user + sys) compare across runs, wall only
// on an idle machine. The target (issue 14) is the 167,000-item province in ≤ 60 s and ≤ 1 GB each way, which
// is what runs by default (1,500 baseline items × 13 cities × 8 counties ≈ 167,500 item files, generated once
// into bench/out). A smaller shape (--items 240) is scaled linearly to --target — export and import are linear
// (items are read, converted and written one batch at a time) — and the output says which figures are scaled.
// Options: --items N (baseline items, default 1500), --cities N, --counties-per-city N,
//          --formats xlsx,exchange-json (default xlsx; the province's exchange JSON is ≈ 650 MB, read as a stream),
//          --target N (items to scale to, default 167000),
//          --catalog DIR (a catalog already made, e.g. a colleague's bench/out: read at its HEAD, never changed).
// Each import's folder is kept until the end: on an ext4 without a journal (as on the shared VMs), the kernel skips
// every inode freed in the last 60 s (360 s while its inode-table block is dirty) when it makes a file, reading the
// inode table for each, so files made soon after deleting a province's 167,000 cost up to 200 s of system time
// more (measured). Leave six minutes after deleting a large catalog before running this.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/paths.js';
import { benchCatalog } from './catalog.js';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '1500' },
    cities: { type: 'string', default: '13' },
    'counties-per-city': { type: 'string', default: '8' },
    formats: { type: 'string', default: 'xlsx' },
    target: { type: 'string', default: '167000' },
    catalog: { type: 'string' },
  },
});
const shape = { items: Number(values.items), cities: Number(values.cities), countiesPerCity: Number(values['counties-per-city']) };
const BIN = join(PACKAGE_ROOT, 'bin', 'tongbiao.js');
const log = (line: string) => process.stderr.write(line + '\n');
/** What a tongbiao process holds before it reads anything. */
const NODE_BASE_MB = 60;
const catalog = values.catalog ?? join(PACKAGE_ROOT, 'bench', 'out', `exchange-${shape.cities}x${shape.countiesPerCity}-${shape.items}`);

/** One command as a process under GNU time: wall and CPU (user + system) seconds, peak RSS in MB. */
function timed(args: string[]): { seconds: number; cpu: number; rssMb: number; stdout: string } {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const last = result.stderr.trim().split('\n').at(-1) ?? '';
  const [seconds, user, system, kb] = last.split(' ').map(Number);
  if (result.status !== 0 && result.status !== 1) throw new Error(`tongbiao ${args[0]} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  return { seconds: seconds ?? NaN, cpu: (user ?? NaN) + (system ?? NaN), rssMb: Math.round((kb ?? NaN) / 1024), stdout: result.stdout };
}

const items = values.catalog === undefined
  ? benchCatalog(catalog, shape, 'bench-exchange-base', log).items
  : execFileSync('git', ['ls-tree', '-r', '--name-only', '-z', 'HEAD'], { cwd: catalog, encoding: 'utf8', maxBuffer: 1 << 30 }).split('\0').filter((f) => /\/items\/[^/]+\.yaml$/.test(f)).length;
const target = Number(values.target);
const scale = target / items;
/** the full province is measured, not scaled */
const measuredOnly = items >= target;
const work = mkdtempSync(join(tmpdir(), 'tongbiao-bench-exchange-'));
const rows: string[][] = [];
try {
  for (const format of values.formats.split(',')) {
    const file = join(work, `province.${format === 'xlsx' ? 'xlsx' : 'json'}`);
    log(`export ${format} …`);
    const out = timed(['export', '--catalog', catalog, '--rev', 'HEAD', '--format', format, '-o', file]);
    const size = statSync(file).size;
    log(`import ${format} …`);
    const into = join(work, `imported-${format}`);
    const back = timed(['import', file, '--catalog', into, '--format', 'json']);
    const report = JSON.parse(back.stdout) as { items: { created: string[] } };
    if (report.items.created.length !== items) throw new Error(`import created ${report.items.created.length} of ${items} items`);
    for (const [step, r] of [['export', out], ['import', back]] as const) {
      rows.push([
        `${step} ${format}`,
        r.seconds.toFixed(1), r.cpu.toFixed(1), String(r.rssMb),
        (r.seconds * scale).toFixed(0), (r.cpu * scale).toFixed(0),
        String(Math.round(NODE_BASE_MB + Math.max(0, r.rssMb - NODE_BASE_MB) * scale)),
        step === 'export' ? `${(size / 1e6).toFixed(1)} MB` : '',
      ]);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const keep = (cells: string[]) => (measuredOnly ? cells.filter((_, i) => i < 4 || i === 7) : cells);
const header = keep(['step', `wall s (${items} items)`, 'CPU s', 'peak RSS MB', `wall s scaled to ${target}`, 'CPU s scaled', 'RSS MB scaled', 'file']);
const shown = rows.map(keep);
const widths = header.map((h, i) => Math.max(h.length, ...shown.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
process.stdout.write([
  `exchange benchmark: ${items} items measured (${shape.cities} cities × ${shape.countiesPerCity} counties, ${shape.items} baseline items)${measuredOnly ? '' : `; scaled ×${scale.toFixed(2)} to ${target} items`}`,
  ...(measuredOnly ? [] : [`(scaled = linear estimates, not measurements; RSS above a ${NODE_BASE_MB} MB process is scaled too, an upper bound where memory is batch-bounded)`]),
  line(header),
  ...shown.map(line),
].join('\n') + '\n');
