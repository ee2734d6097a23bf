// A small, realistic database for the web tests, written straight through drizzle (no sync needed):
// 湖北省 → 武汉市 {江岸区, 武昌区}, 宜昌市 {西陵区}, 仙桃市, a few items, discrepancies, findings, versions.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDiscrepancy } from '../../src/levels/discrepancy.js';
import type { Discrepancy } from '../../src/levels/types.js';
import { openStore, type Store } from '../../src/store/db.js';
import { discrepancies, findings, items, itemVersions, regions, syncRuns } from '../../src/store/schema.js';
import { syncCatalog } from '../../src/sync/sync.js';
import { addUser, createSession, type Role } from '../../src/store/users.js';
import { createApp, type AppOptions } from '../../src/web/app.js';
import { listen } from '../../src/web/server.js';

export const CODE_PENSION = '002000101000';
export const CODE_PERMIT = '000100200000';
export const CODE_XSS = '002000202000';
export const CODE_LOCAL = '002000999000';
export const XSS_NAME = '<script>alert(1)</script>';
export const REVISION = 'a'.repeat(40);

export interface TempStore {
  store: Store;
  dir: string;
  cleanup(): void;
}

export async function tempStore(): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), 'tongbiao-web-'));
  const store = await openStore('file:' + join(dir, 'test.db'));
  return {
    store,
    dir,
    cleanup() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const REGIONS = [
  { code: '420000', name: '湖北省', level: '省级', parent: null, lineage: '420000' },
  { code: '420100', name: '武汉市', level: '市级', parent: '420000', lineage: '420000/420100' },
  { code: '420102', name: '江岸区', level: '县级', parent: '420100', lineage: '420000/420100/420102' },
  { code: '420106', name: '武昌区', level: '县级', parent: '420100', lineage: '420000/420100/420106' },
  { code: '420500', name: '宜昌市', level: '市级', parent: '420000', lineage: '420000/420500' },
  { code: '420502', name: '西陵区', level: '县级', parent: '420500', lineage: '420000/420500/420502' },
  { code: '429004', name: '仙桃市', level: '县级', parent: '420000', lineage: '420000/429004' },
];

export function pensionItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    catalogCode: CODE_PENSION,
    name: '城镇职工基本养老保险关系转移接续',
    type: '公共服务',
    basis: [{ law: '《中华人民共和国社会保险法》', article: '第十九条' }],
    useLevel: ['省级', '市级', '县级'],
    taskCode: '11420000MB0000000X2002000101000',
    dept: { name: '湖北省人力资源和社会保障厅', creditCode: '11420000MB0000000X', nature: '法定机关' },
    serviceObjects: ['自然人'],
    caseType: '承诺件',
    statutoryLimit: { days: 45, unit: '工作日' },
    promisedLimit: { days: 15, unit: '工作日' },
    visits: 1,
    visitsReason: '需现场核验身份',
    conditions: '参保人员跨统筹地区就业并已在转出地参加城镇职工基本养老保险。',
    materials: [
      { name: '居民身份证', necessity: '必要', form: '原件', medium: '纸质', copies: 1, source: '申请人自备' },
      { name: '参保缴费凭证', necessity: '必要', form: '原件', medium: '纸质或电子', source: '政府部门核发' },
    ],
    steps: [
      { name: '受理', days: 1 },
      { name: '审核', days: 10 },
      { name: '办结', days: 4 },
    ],
    fee: { charged: false },
    handlingForms: ['窗口办理', '网上办理'],
    onlineDepth: 3,
    places: [{ address: '武汉市洪山区市民之家二楼', hours: '工作日 9:00-12:00' }],
    consultPhone: '027-12345678',
    ...overrides,
  };
}

function simpleItem(code: string, name: string, type: string, useLevel: string[]): Record<string, unknown> {
  return { ...pensionItem(), catalogCode: code, name, type, useLevel };
}

export interface Seeded {
  /** discrepancy keys by a short name */
  keys: Record<'conditions' | 'visits' | 'missingPermit' | 'lockedName' | 'unknown' | 'xss', string>;
  discrepancies: Discrepancy[];
}

export async function seed(store: Store): Promise<Seeded> {
  const { db } = store;
  await db.insert(regions).values(REGIONS.map((r) => ({ ...r, dir: r.lineage })));
  const bodies: [string, Record<string, unknown>][] = [
    ['420000', pensionItem()],
    ['420000', simpleItem(CODE_PERMIT, '建设工程规划许可证核发', '行政许可', ['省级', '市级', '县级'])],
    ['420000', simpleItem(CODE_XSS, XSS_NAME, '公共服务', ['省级', '市级'])],
    ['420100', pensionItem({ promisedLimit: { days: 12, unit: '工作日' } })],
    ['420100', simpleItem(CODE_PERMIT, '建设工程规划许可证核发', '行政许可', ['省级', '市级', '县级'])],
    ['420100', simpleItem(CODE_XSS, XSS_NAME, '公共服务', ['省级', '市级'])],
    [
      '420102',
      pensionItem({
        promisedLimit: { days: 12, unit: '工作日' },
        visits: 2,
        conditions: '参保人员跨统筹地区就业并已在转出地参加城镇职工基本养老保险，且缴费满一年。',
      }),
    ],
    ['420106', pensionItem({ promisedLimit: { days: 12, unit: '工作日' } })],
    ['420502', pensionItem({ name: '企业职工养老保险关系转移' })],
    ['429004', simpleItem(CODE_LOCAL, '仙桃市特色补贴发放', '行政给付', ['县级'])],
  ];
  await db.insert(items).values(
    bodies.map(([region, body]) => ({
      region,
      catalogCode: String(body.catalogCode),
      file: `${REGIONS.find((r) => r.code === region)!.lineage}/items/${String(body.catalogCode)}.yaml`,
      blob: 'b'.repeat(40),
      revision: REVISION,
      body,
      name: String(body.name),
      type: String(body.type),
      errors: region === '420102' ? 1 : 0,
    })),
  );
  // the sync keeps items_fts (FTS5 trigram) in step with items; so does the seed
  for (const [region, body] of bodies) {
    await store.client.execute({
      sql: 'INSERT INTO items_fts (region, catalog_code, name, conditions, materials) VALUES (?, ?, ?, ?, ?)',
      args: [region, String(body.catalogCode), String(body.name), String(body.conditions ?? ''), ''],
    });
  }
  const city = bodies[3]![1];
  const jiangan = bodies[6]![1];
  const list: Discrepancy[] = [
    makeDiscrepancy({ region: '420102', catalogCode: CODE_PENSION, against: '420100', path: '/conditions', kind: 'review', ours: jiangan.conditions, theirs: city.conditions }),
    makeDiscrepancy({ region: '420102', catalogCode: CODE_PENSION, against: '420100', path: '/visits', kind: 'looser', ours: 2, theirs: 1 }),
    makeDiscrepancy({ region: '420102', catalogCode: CODE_PERMIT, against: '420100', path: '', kind: 'missing' }),
    makeDiscrepancy({ region: '420502', catalogCode: CODE_PENSION, against: '420000', path: '/name', kind: 'locked', ours: '企业职工养老保险关系转移', theirs: '城镇职工基本养老保险关系转移接续' }),
    makeDiscrepancy({ region: '429004', catalogCode: CODE_LOCAL, against: '420000', path: '', kind: 'unknown' }),
    makeDiscrepancy({ region: '420100', catalogCode: CODE_XSS, against: '420000', path: '/conditions', kind: 'review', ours: XSS_NAME, theirs: '正常条件' }),
  ];
  await db.insert(discrepancies).values(
    list.map((d) => ({
      key: d.key,
      region: d.region,
      catalogCode: d.catalogCode,
      against: d.against,
      path: d.path,
      field: d.path.split('/')[1] ?? '',
      kind: d.kind,
      rule: d.rule,
      ours: d.ours ?? null,
      theirs: d.theirs ?? null,
      fingerprint: d.fingerprint,
      since: REVISION,
    })),
  );
  await db.insert(findings).values([
    {
      file: '420000/420100/420102/items/002000101000.yaml',
      region: '420102',
      catalogCode: CODE_PENSION,
      rule: 'level-looser',
      severity: 'error',
      line: 14,
      column: 9,
      path: '/visits',
      messageZh: '到办事现场次数 (2) 多于上级 (1)',
      messageEn: 'visits (2) is more than the parent (1)',
    },
  ]);
  await db.insert(itemVersions).values([
    {
      region: '420102', catalogCode: CODE_PENSION, file: '420000/420100/420102/items/002000101000.yaml',
      commit: 'c'.repeat(40), author: '张三', date: '2026-01-05T08:00:00Z', message: '认领养老保险转移', change: 'A',
      blob: 'd'.repeat(40), body: pensionItem({ promisedLimit: { days: 12, unit: '工作日' } }),
    },
    {
      region: '420102', catalogCode: CODE_PENSION, file: '420000/420100/420102/items/002000101000.yaml',
      commit: REVISION, author: '李四', date: '2026-02-01T08:00:00Z', message: '调整受理条件', change: 'M',
      blob: 'b'.repeat(40), body: jiangan,
    },
  ]);
  await db.insert(syncRuns).values({ revision: REVISION, finishedAt: '2026-02-01T09:00:00.000Z', outcome: 'ok', counts: { itemsAdded: bodies.length } });
  const keys = {
    conditions: list[0]!.key,
    visits: list[1]!.key,
    missingPermit: list[2]!.key,
    lockedName: list[3]!.key,
    unknown: list[4]!.key,
    xss: list[5]!.key,
  };
  return { keys, discrepancies: list };
}

/** Records a sync run, as every real sync does after changing items, findings or discrepancies. */
export async function recordSync(store: Store, revision = 'e'.repeat(40)): Promise<void> {
  await store.db.insert(syncRuns).values({ revision, finishedAt: new Date().toISOString(), outcome: 'ok', counts: {} });
}

export const PASSWORD = 'correct horse battery';

/** A seeded database, an app over it, and logged-in sessions for a few users. */
export async function testApp(options: Partial<AppOptions> = {}) {
  const temp = await tempStore();
  const seeded = await seed(temp.store);
  const app = createApp({ store: temp.store, ...options });
  const users = {
    jiangan: await addUser(temp.store.db, { name: 'jiangan', password: PASSWORD, region: '420102', role: 'reviewer' }, 'test'),
    wuchang: await addUser(temp.store.db, { name: 'wuchang', password: PASSWORD, region: '420106', role: 'reviewer' }, 'test'),
    wuhan: await addUser(temp.store.db, { name: 'wuhan', password: PASSWORD, region: '420100', role: 'officer' }, 'test'),
    admin: await addUser(temp.store.db, { name: 'admin', password: PASSWORD, region: '420000', role: 'admin' }, 'test'),
  };
  const sessions: Record<keyof typeof users, { cookie: string; csrf: string }> = {} as never;
  for (const [name, user] of Object.entries(users) as [keyof typeof users, { id: number }][]) {
    const s = await createSession(temp.store.db, user.id);
    sessions[name] = { cookie: `tb_session=${s.token}`, csrf: s.csrfToken };
  }
  return { ...temp, ...seeded, app, users, sessions };
}

/**
 * A real catalog folder committed as a new git repository and synced into a temporary database (what sync makes
 * of it, where the seeded database is written by hand), the app over it, and a session of one user.
 */
export async function syncedApp(catalog: string, user: { name: string; region: string; role: Role }) {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: catalog, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'catalog');
  const temp = await tempStore();
  await syncCatalog(temp.store, { catalogDir: catalog });
  const account = await addUser(temp.store.db, { ...user, password: PASSWORD }, 'test');
  const cookie = `tb_session=${(await createSession(temp.store.db, account.id)).token}`;
  return { ...temp, app: createApp({ store: temp.store }), cookie };
}

/** A form POST as a browser sends it. */
export function form(fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  };
}

/** A seeded app with `many` more discrepancies, listening on a free port; close() stops it and removes the store. */
export async function servedApp(many: number) {
  const t = await testApp();
  await addManyDiscrepancies(t.store, many);
  await recordSync(t.store);
  const server = await listen({ store: t.store, port: 0, host: '127.0.0.1' });
  return {
    ...t,
    server,
    close: async () => {
      await server.close();
      t.cleanup();
    },
  };
}

/** `count` more review discrepancies in 江岸区 (one item, one path each), as a province-sized queue has. */
export async function addManyDiscrepancies(store: Store, count: number): Promise<void> {
  const rows = [];
  for (let i = 0; i < count; i++) {
    const code = String(100_000_000_000 + i);
    const d = makeDiscrepancy({ region: '420102', catalogCode: code, against: '420100', path: '/conditions', kind: 'review', ours: `条件${i}`, theirs: '上级条件' });
    rows.push({ key: d.key, region: d.region, catalogCode: d.catalogCode, against: d.against, path: d.path, field: 'conditions', kind: d.kind, rule: d.rule, ours: d.ours, theirs: d.theirs, fingerprint: d.fingerprint, since: REVISION });
  }
  for (let i = 0; i < rows.length; i += 1000) await store.db.insert(discrepancies).values(rows.slice(i, i + 1000));
}

/** A GET over real HTTP: status, headers, and the body as it arrived on the wire (chunks counted). */
export function httpGet(base: string, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; chunks: number }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts), chunks: parts.length }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
