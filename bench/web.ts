// `npm run bench:web`: the review UI under load. Generates a province catalog (tongbiao gen's generator,
// ≥ 50,000 items at the default shape), syncs it into a file database with the real sync, adds realistic
// reviews (decided, outdated, comments), then serves it with `tongbiao serve` in its own process and drives
// each page with 20 concurrent clients on 127.0.0.1 for a bounded time (autocannon): p50 / p95 / p99
// latency and requests per second. Options: --items N --cities N --counties-per-city N --duration S
// --connections N --only name,name.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { generateCatalog } from '../src/gen/index.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { openStore } from '../src/store/db.js';
import { addUser, createSession, findUser } from '../src/store/users.js';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '1500' },
    cities: { type: 'string', default: '13' },
    'counties-per-city': { type: 'string', default: '8' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    only: { type: 'string' },
  },
});
const shape = { items: Number(values.items), cities: Number(values.cities), countiesPerCity: Number(values['counties-per-city']) };
const duration = Number(values.duration);
const connections = Number(values.connections);
const OUT = join(PACKAGE_ROOT, 'bench', 'out');
const name = `web-${shape.cities}x${shape.countiesPerCity}-${shape.items}`;
const catalog = join(OUT, name);
const dbPath = join(OUT, `${name}.db`);
const dbUrl = `file:${dbPath}`;
const BIN = join(PACKAGE_ROOT, 'bin', 'tongbiao.js');
const log = (line: string) => process.stderr.write(line + '\n');

// ---- catalog and database

mkdirSync(OUT, { recursive: true });
const marker = join(catalog, '.bench-complete');
if (!existsSync(marker)) {
  rmSync(catalog, { recursive: true, force: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  mkdirSync(catalog, { recursive: true });
  log(`generating ${name} …`);
  const result = generateCatalog(catalog, { ...shape, git: true });
  log(`generated ${result.files} files in ${result.seconds.toFixed(1)} s + git ${result.gitSeconds?.toFixed(1)} s`);
  writeFileSync(marker, String(result.files));
}

// the real `tongbiao sync`, as a process (incremental: nothing to do when the database is current)
{
  const started = performance.now();
  const result = spawnSync(process.execPath, [BIN, 'sync', catalog, '--db', dbUrl], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (result.status !== 0) throw new Error(`tongbiao sync failed (${result.status}):\n${result.stderr}`);
  log(`${result.stdout.trim()} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
const store = await openStore(dbUrl);
const count = async (query: ReturnType<typeof sql>) => Number((await store.db.all<{ n: number }>(query))[0]!.n);
const itemCount = await count(sql`SELECT count(*) AS n FROM items WHERE removed_at IS NULL`);
const discrepancyCount = await count(sql`SELECT count(*) AS n FROM discrepancies`);
if (itemCount < 50_000) log(`note: only ${itemCount} items (the target is ≥ 50,000; use the default shape)`);

// Reviews as a province in the middle of its work: a third of the non-missing discrepancies decided,
// one in five of those on an older fingerprint (outdated), plus comments.
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
  await store.client.batch(statements, 'write');
  log(`added ${values.length} reviews`);
}
const reviewCount = await count(sql`SELECT count(*) AS n FROM reviews`);

if (!(await findUser(store.db, 'bench-admin'))) {
  const top = (await store.db.all<{ code: string }>(sql`SELECT code FROM regions WHERE parent IS NULL`))[0]!.code;
  await addUser(store.db, { name: 'bench-admin', password: 'bench password', region: top, role: 'admin' }, 'bench');
}
const admin = (await findUser(store.db, 'bench-admin'))!;
const session = await createSession(store.db, admin.id, new Date());
const cookie = `tb_session=${session.token}`;

// targets: a city with its subtree, items that have discrepancies (spread over the province)
const city = (await store.db.all<{ code: string }>(sql`SELECT code FROM regions WHERE level = '市级' ORDER BY code LIMIT 1`))[0]!.code;
const itemPaths = (
  await store.db.all<{ region: string; catalog_code: string }>(
    sql`SELECT region, catalog_code FROM discrepancies WHERE kind <> 'missing' GROUP BY region, catalog_code ORDER BY random() LIMIT 1000`,
  )
).map((r) => `/items/${r.region}/${r.catalog_code}`);
const someName = (await store.db.all<{ name: string }>(sql`SELECT name FROM items WHERE name IS NOT NULL ORDER BY catalog_code LIMIT 1 OFFSET 200`))[0]!.name;
store.close();

// ---- server in its own process, so it does not share a core with the load generator

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--db', dbUrl, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /serving (http:\/\/\S+)\//.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

interface Scenario {
  name: string;
  paths: string[];
}

const scenarios: Scenario[] = [
  // the ceiling on this machine right now: the server answering without touching the database or rendering
  { name: 'baseline: /healthz', paths: ['/healthz'] },
  { name: 'queue: whole province, page 1', paths: ['/queue'] },
  { name: 'queue: page 40', paths: ['/queue?page=40'] },
  { name: `queue: city ${city} subtree, open, review`, paths: [`/queue?region=${city}&status=open&kind=review`] },
  { name: 'queue: outdated', paths: ['/queue?status=outdated'] },
  { name: 'queue: search, 2 characters', paths: [`/queue?q=${encodeURIComponent('许可')}`] },
  { name: `queue: search, ${[...someName.slice(0, 4)].length} characters`, paths: [`/queue?q=${encodeURIComponent(someName.slice(0, 4))}`] },
  { name: `item page (${itemPaths.length} items in turn)`, paths: itemPaths },
  { name: 'dashboard', paths: ['/'] },
];
const wanted = (s: Scenario) => values.only === undefined || values.only.split(',').some((w) => s.name.includes(w));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function run(base: string, scenario: Scenario) {
  let i = 0;
  const latencies: number[] = [];
  const options: autocannon.Options = {
    url: base,
    connections,
    duration,
    headers: { cookie, accept: 'text/html' },
    requests: [
      {
        setupRequest: (request) => {
          request.path = scenario.paths[i++ % scenario.paths.length]!;
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
    scenario: scenario.name,
    requests: result.requests.total,
    rps: result.requests.total / (result.duration || duration),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    kbPerRequest: result.throughput.total / Math.max(1, result.requests.total) / 1024,
  };
}

const { child, url } = await startServer();
try {
  // warm up: caches, ICU data, the first facet scan after the reviews were added
  for (const s of scenarios) for (const path of s.paths.slice(0, 3)) await fetch(url + path, { headers: { cookie } }).then((r) => r.arrayBuffer());
  const results = [];
  for (const s of scenarios.filter(wanted)) {
    log(`${s.name} …`);
    results.push(await run(url, s));
  }
  const header = `${itemCount} items, ${discrepancyCount} discrepancies, ${reviewCount} reviews; ${connections} connections × ${duration} s each, server and load generator on 127.0.0.1`;
  const table = [
    header,
    '',
    '| page | req/s | p50 ms | p95 ms | p99 ms | requests | non-2xx | KB/resp |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map((r) =>
      `| ${r.scenario} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.requests} | ${r.non2xx + r.errors} | ${r.kbPerRequest.toFixed(0)} |`),
  ];
  process.stdout.write(table.join('\n') + '\n');
  writeFileSync(join(OUT, `${name}-web.json`), JSON.stringify({ itemCount, discrepancyCount, reviewCount, connections, duration, results }, null, 2));
} finally {
  child.kill('SIGTERM');
}

