// The review UI under load. `measureWeb()` takes a synced database, adds realistic reviews and a bench account if
// it has none, serves it with `tongbiao serve` (its own processes: --workers N) and drives each page with N
// concurrent clients on 127.0.0.1 for a bounded time (autocannon): p50 / p95 / p99 latency, requests per second,
// and the server's peak RSS. /healthz is measured too: the ceiling this machine allows right now (the server
// answering without touching the database or rendering), so figures from a busy machine can be read as ratios.
//
// `npm run bench:web` runs it standalone: generates (or reuses) the v2 province catalog of `npm run bench`
// (tongbiao gen's generator, ≥ 50,000 items at the default shape), syncs it into a file database of its own
// with the real sync (made again when the catalog was generated again), then measures every scenario.
// Options: --items N --cities N --counties-per-city N --duration S --connections N --workers N --only name,name.
// `npm run bench` (bench/run.ts) calls measureWeb() on the database its sync step made.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { PACKAGE_ROOT } from '../src/paths.js';
import { benchCatalog, benchName } from './catalog.js';
import { openStore } from '../src/store/db.js';
import { addUser, createSession, findUser } from '../src/store/users.js';

const BIN = join(PACKAGE_ROOT, 'bin', 'tongbiao.js');
const log = (line: string) => process.stderr.write(line + '\n');

export interface PageResult {
  name: string;
  /** what the scenario is: the ceiling, a queue page, an item page, another page */
  kind: 'baseline' | 'queue' | 'item' | 'other';
  requests: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** responses that were not 2xx, errors and timeouts */
  failures: number;
  kbPerResponse: number;
}

export interface WebResult {
  itemCount: number;
  discrepancyCount: number;
  reviewCount: number;
  connections: number;
  duration: number;
  workers: number;
  pages: PageResult[];
  /** peak resident memory of the server: its processes' peaks added up (primary + workers) */
  rssMb: number;
  /** the largest single process's peak */
  maxProcessRssMb: number;
}

export interface MeasureOptions {
  dbUrl: string;
  /** seconds per scenario (default 10) */
  duration?: number;
  /** concurrent clients (default 20) */
  connections?: number;
  /** `tongbiao serve --workers` (default: serve's own default) */
  workers?: number;
  /** `core`: /healthz, two queue pages, the item page; `all` (default): every scenario */
  scenarios?: 'core' | 'all';
  /** only scenarios whose name contains one of these */
  only?: string[];
}

/** Reviews as a province in the middle of its work, and the bench account, unless the database has them. */
async function seed(dbUrl: string) {
  const store = await openStore(dbUrl);
  try {
    const count = async (query: ReturnType<typeof sql>) => Number((await store.db.all<{ n: number }>(query))[0]!.n);
    const itemCount = await count(sql`SELECT count(*) AS n FROM items WHERE removed_at IS NULL`);
    const discrepancyCount = await count(sql`SELECT count(*) AS n FROM discrepancies`);
    // a third of the non-missing discrepancies decided, one in five of those on an older fingerprint (outdated),
    // plus comments
    if ((await count(sql`SELECT count(*) AS n FROM reviews`)) === 0) {
      const rows = await store.db.all<{ key: string; fingerprint: string; region: string; catalog_code: string; path: string }>(
        sql`SELECT key, fingerprint, region, catalog_code, path FROM discrepancies WHERE kind <> 'missing' ORDER BY key`,
      );
      const values: string[] = [];
      const args: (string | number)[] = [];
      rows.forEach((d, i) => {
        if (i % 3 !== 0) return;
        const outdated = i % 15 === 0;
        const decision = i % 2 === 0 ? 'accepted' : 'fix-requested';
        const push = (fingerprint: string, decision: string, reason: string) => {
          values.push('(?, ?, ?, ?, ?, ?, ?, ?)');
          args.push(d.key, fingerprint, d.region, d.catalog_code, d.path, decision, reason, `reviewer${d.region}`);
        };
        push(outdated ? 'stale' + d.fingerprint.slice(5) : d.fingerprint, decision, decision === 'accepted' ? '本地实际情况，已报市级备案' : '请与上级保持一致');
        if (i % 9 === 0) push(d.fingerprint, 'comment', '已电话通知业务科室');
      });
      const statements = [];
      for (let i = 0; i < values.length; i += 500) {
        statements.push({
          sql: `INSERT INTO reviews (key, fingerprint, region, catalog_code, path, decision, reason, author) VALUES ${values.slice(i, i + 500).join(', ')}`,
          args: args.slice(i * 8, (i + 500) * 8),
        });
      }
      if (statements.length > 0) await store.client.batch(statements, 'write');
      log(`added ${values.length} reviews`);
    }
    const reviewCount = await count(sql`SELECT count(*) AS n FROM reviews`);
    if (!(await findUser(store.db, 'bench-admin'))) {
      const top = (await store.db.all<{ code: string }>(sql`SELECT code FROM regions WHERE parent IS NULL`))[0]!.code;
      await addUser(store.db, { name: 'bench-admin', password: 'bench password', region: top, role: 'admin' }, 'bench');
    }
    const admin = (await findUser(store.db, 'bench-admin'))!;
    const session = await createSession(store.db, admin.id, new Date());
    // targets: a city with its subtree, items that have discrepancies (spread over the province)
    const city = (await store.db.all<{ code: string }>(sql`SELECT code FROM regions WHERE level = '市级' ORDER BY code LIMIT 1`))[0]?.code;
    const itemPaths = (
      await store.db.all<{ region: string; catalog_code: string }>(
        sql`SELECT region, catalog_code FROM discrepancies WHERE kind <> 'missing' GROUP BY region, catalog_code ORDER BY random() LIMIT 1000`,
      )
    ).map((r) => `/items/${r.region}/${r.catalog_code}`);
    const someName =
      (await store.db.all<{ name: string }>(sql`SELECT name FROM items WHERE name IS NOT NULL ORDER BY catalog_code LIMIT 1 OFFSET 200`))[0]?.name ??
      '许可证';
    return { itemCount, discrepancyCount, reviewCount, cookie: `tb_session=${session.token}`, city, itemPaths, someName };
  } finally {
    store.close();
  }
}

function startServer(dbUrl: string, workers: number | undefined): Promise<{ child: ChildProcess; url: string; workers: number }> {
  const args = [BIN, 'serve', '--db', dbUrl, '--port', '0', ...(workers === undefined ? [] : ['--workers', String(workers)])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /serving (http:\/\/\S+)\/(?: with (\d+) workers)?/.exec(out);
      if (m) resolve({ child, url: m[1]!, workers: m[2] ? Number(m[2]) : 1 });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

/** The server's processes: the one started and, with --workers, its children. */
function processTree(pid: number): number[] {
  const out = [pid];
  try {
    for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)) {
      if (child) out.push(...processTree(Number(child)));
    }
  } catch {
    // not Linux, or gone
  }
  return out;
}

/** Peak RSS (VmHWM) of a process in MB; 0 when unknown. */
function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

interface Scenario {
  name: string;
  kind: PageResult['kind'];
  paths: string[];
  core?: boolean;
  /**
   * every request a URL not asked before (a parameter the page ignores), so that no body the server keeps per
   * URL and data version answers it: what a first view costs
   */
  fresh?: boolean;
}

async function drive(base: string, scenario: Scenario, cookie: string, connections: number, duration: number): Promise<PageResult> {
  let i = 0;
  const latencies: number[] = [];
  const options: autocannon.Options = {
    url: base,
    connections,
    duration,
    // as a browser asks: compressed if the server can (KB/resp is then the compressed size)
    headers: { cookie, accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' },
    requests: [
      {
        setupRequest: (request) => {
          const path = scenario.paths[i % scenario.paths.length]!;
          request.path = scenario.fresh ? `${path}${path.includes('?') ? '&' : '?'}fresh=${i}` : path;
          i++;
          return request;
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    name: scenario.name,
    kind: scenario.kind,
    requests: result.requests.total,
    rps: result.requests.total / (result.duration || duration),
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    failures: result.non2xx + result.errors + result.timeouts,
    kbPerResponse: result.throughput.total / Math.max(1, result.requests.total) / 1024,
  };
}

/** Serves `dbUrl` with `tongbiao serve` and measures its pages; see the top of this file. */
export async function measureWeb(options: MeasureOptions): Promise<WebResult> {
  const duration = options.duration ?? 10;
  const connections = options.connections ?? 20;
  const data = await seed(options.dbUrl);
  const q = (text: string) => encodeURIComponent(text);
  const shortName = data.someName.slice(0, 4);
  const scenarios: Scenario[] = [
    { name: 'baseline: /healthz', kind: 'baseline', paths: ['/healthz'], core: true },
    { name: 'queue: whole province, page 1', kind: 'queue', paths: ['/queue'], core: true },
    { name: 'queue: page 40', kind: 'queue', paths: ['/queue?page=40'] },
    ...(data.city
      ? [{ name: `queue: city ${data.city} subtree, open, review`, kind: 'queue' as const, paths: [`/queue?region=${data.city}&status=open&kind=review`], core: true }]
      : []),
    { name: 'queue: outdated', kind: 'queue', paths: ['/queue?status=outdated'] },
    // A page is kept per data version once rendered: first views show what a page costs to make.
    { name: 'queue: outdated, first views (every URL new)', kind: 'queue', paths: ['/queue?status=outdated'], fresh: true, core: true },
    { name: 'queue: search, 2 characters', kind: 'queue', paths: [`/queue?q=${q('许可')}`] },
    { name: `queue: search, ${[...shortName].length} characters`, kind: 'queue', paths: [`/queue?q=${q(shortName)}`] },
    { name: `item page (${data.itemPaths.length} items in turn)`, kind: 'item', paths: data.itemPaths, core: true },
    { name: 'item page, first views (every URL new)', kind: 'item', paths: data.itemPaths, fresh: true, core: true },
    { name: 'dashboard', kind: 'other', paths: ['/'] },
  ];
  const chosen = scenarios.filter(
    (s) => (options.scenarios !== 'core' || s.core) && (options.only === undefined || options.only.some((w) => s.name.includes(w))),
  );

  const server = await startServer(options.dbUrl, options.workers);
  try {
    // warm up every process (requests go round-robin): caches, ICU data, the first facet scan after reviews
    for (const s of chosen) {
      for (let n = 0; n < 3 * server.workers; n++) {
        const path = s.paths[n % s.paths.length]!;
        await fetch(server.url + path, { headers: { cookie: data.cookie } }).then((r) => r.arrayBuffer());
      }
    }
    const pages: PageResult[] = [];
    for (const s of chosen) {
      log(`${s.name} …`);
      pages.push(await drive(server.url, s, data.cookie, connections, duration));
    }
    const peaks = processTree(server.child.pid!).map(peakRssMb);
    return {
      itemCount: data.itemCount,
      discrepancyCount: data.discrepancyCount,
      reviewCount: data.reviewCount,
      connections,
      duration,
      workers: server.workers,
      pages,
      rssMb: peaks.reduce((a, b) => a + b, 0),
      maxProcessRssMb: Math.max(0, ...peaks),
    };
  } finally {
    await new Promise<void>((resolve) => {
      if (server.child.exitCode !== null) return resolve();
      server.child.once('exit', () => resolve());
      server.child.kill('SIGTERM');
    });
  }
}

/** The result as a markdown table, each page's req/s also as a share of /healthz's. */
export function webTable(result: WebResult): string {
  const ceiling = result.pages.find((p) => p.kind === 'baseline')?.rps;
  return [
    `${result.itemCount} items, ${result.discrepancyCount} discrepancies, ${result.reviewCount} reviews; ${result.connections} connections × ${result.duration} s each, ` +
      `server (${result.workers} worker${result.workers === 1 ? '' : 's'}) and load generator on 127.0.0.1; server peak RSS ${Math.round(result.rssMb)} MB ` +
      `(largest process ${Math.round(result.maxProcessRssMb)} MB)`,
    '',
    '| page | req/s | % of /healthz | p50 ms | p95 ms | p99 ms | requests | failures | KB/resp |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...result.pages.map(
      (r) =>
        `| ${r.name} | ${r.rps.toFixed(0)} | ${ceiling ? ((100 * r.rps) / ceiling).toFixed(1) : ''} | ${r.p50Ms.toFixed(1)} | ${r.p95Ms.toFixed(1)} | ${r.p99Ms.toFixed(1)} | ${r.requests} | ${r.failures} | ${r.kbPerResponse.toFixed(0)} |`,
    ),
  ].join('\n');
}

// ---- standalone: `npm run bench:web`

async function standalone(): Promise<void> {
  const { values } = parseArgs({
    options: {
      items: { type: 'string', default: '1500' },
      cities: { type: 'string', default: '13' },
      'counties-per-city': { type: 'string', default: '8' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '20' },
      workers: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const shape = { items: Number(values.items), cities: Number(values.cities), countiesPerCity: Number(values['counties-per-city']) };
  const OUT = join(PACKAGE_ROOT, 'bench', 'out');
  // the province catalog `npm run bench` measures (v2), with a database of its own
  const catalog = join(OUT, benchName('province', shape));
  const name = benchName('web', shape);
  const dbPath = join(OUT, `${name}.db`);
  const dbUrl = `file:${dbPath}`;

  mkdirSync(OUT, { recursive: true });
  benchCatalog(catalog, shape, 'bench-web-base', log);
  // the database is of the catalog's generated commit (which `npm run bench` may have made again since)
  const from = `${dbPath}.from`;
  const generated = execFileSync('git', ['rev-parse', 'bench-web-base'], { cwd: catalog, encoding: 'utf8' }).trim();
  if (!existsSync(from) || readFileSync(from, 'utf8').trim() !== generated) for (const suffix of ['', '-wal', '-shm', '.from']) rmSync(dbPath + suffix, { force: true });
  // the real `tongbiao sync`, as a process (incremental: nothing to do when the database is current)
  const started = performance.now();
  const synced = spawnSync(process.execPath, [BIN, 'sync', catalog, '--db', dbUrl], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (synced.status !== 0) throw new Error(`tongbiao sync failed (${synced.status}):\n${synced.stderr}`);
  log(`${synced.stdout.trim()} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  writeFileSync(from, generated + '\n');

  const result = await measureWeb({
    dbUrl,
    duration: Number(values.duration),
    connections: Number(values.connections),
    ...(values.workers ? { workers: Number(values.workers) } : {}),
    ...(values.only ? { only: values.only.split(',') } : {}),
  });
  if (result.itemCount < 50_000) log(`note: only ${result.itemCount} items (the target is ≥ 50,000; use the default shape)`);
  process.stdout.write(webTable(result) + '\n');
  writeFileSync(join(OUT, `${name}-web.json`), JSON.stringify(result, null, 2));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await standalone();
}
