// The pages' SQL on a real libSQL server (sqld over ws://), whose parser is not SQLite's: queue rows as JSON,
// the page keys first (CROSS JOIN), long key lists as json_each, the item page in one statement, and the login
// rate limit's transaction. The same answers as on a file: database.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeDiscrepancy } from '../../src/levels/discrepancy.js';
import { openStore, type Store } from '../../src/store/db.js';
import { discrepancies, reviews } from '../../src/store/schema.js';
import { addUser, createSession } from '../../src/store/users.js';
import { createApp } from '../../src/web/app.js';
import { fileBackend, sqldBackend, type Database } from '../helpers/backends.js';
import { form, PASSWORD, REVISION, seed } from './seed.js';

interface Setup {
  db: Database;
  store: Store;
  app: ReturnType<typeof createApp>;
  cookie: string;
}

/** The seed, plus 40 decided discrepancies (more than inList's 30 bound values: the JSON list). */
async function setUp(backend: typeof fileBackend): Promise<Setup> {
  const db = await backend.start();
  const store = await openStore(db.url);
  await seed(store);
  const extra = Array.from({ length: 40 }, (_, i) =>
    makeDiscrepancy({ region: '420106', catalogCode: '002000101000', against: '420100', path: `/steps/${i}/days`, kind: 'review', ours: i, theirs: i + 1 }),
  );
  await store.db.insert(discrepancies).values(
    extra.map((d) => ({ key: d.key, region: d.region, catalogCode: d.catalogCode, against: d.against, path: d.path, field: 'steps', kind: d.kind, rule: d.rule, ours: d.ours, theirs: d.theirs, fingerprint: d.fingerprint, since: REVISION })),
  );
  await store.db.insert(reviews).values(
    extra.map((d) => ({ key: d.key, fingerprint: d.fingerprint, region: d.region, catalogCode: d.catalogCode, path: d.path, decision: 'accepted', reason: '本地', author: 'wuchang' })),
  );
  const admin = await addUser(store.db, { name: 'admin', password: PASSWORD, region: '420000', role: 'admin' }, 'test');
  await addUser(store.db, { name: 'jiangan', password: PASSWORD, region: '420102', role: 'reviewer' }, 'test');
  const session = await createSession(store.db, admin.id);
  return { db, store, app: createApp({ store }), cookie: `tb_session=${session.token}` };
}

const URLS = [
  '/queue?format=json',
  '/queue?format=json&per=10&page=3',
  '/queue?format=json&status=decided',
  '/queue?format=json&status=open&region=420100&kind=review',
  '/queue?format=json&type=%E5%85%AC%E5%85%B1%E6%9C%8D%E5%8A%A1',
  '/items/420106/002000101000?format=json',
  '/items/420102/002000101000?format=json',
];

let file: Setup;
let sqld: Setup;

beforeAll(async () => {
  file = await setUp(fileBackend);
  sqld = await setUp(sqldBackend);
}, 60_000);

afterAll(async () => {
  for (const s of [file, sqld]) {
    s?.store.close();
    await s?.db.stop();
  }
});

describe('pages on sqld', () => {
  test.each(URLS)('%s answers as on a file database', async (url) => {
    const get = async (s: Setup) => {
      const res = await s.app.request(url, { headers: { Cookie: s.cookie } });
      expect(res.status).toBe(200);
      return (await res.json()) as Record<string, unknown>;
    };
    const [a, b] = [await get(file), await get(sqld)];
    // review ids and times differ between the two databases; everything else is the same
    const normalise = (v: unknown) => JSON.parse(JSON.stringify(v).replace(/"(at|createdAt|id)":("[^"]*"|\d+)/g, '"$1":0'));
    expect(normalise(b)).toEqual(normalise(a));
    if (url.includes('status=decided')) expect((b.discrepancies as unknown[]).length).toBe(40);
  });

  test('HTML pages and the login limit (a write transaction) work on sqld', async () => {
    for (const url of ['/queue', '/queue?status=decided&kind=review', '/items/420106/002000101000', `/decide?key=${encodeURIComponent('420102/002000101000#/visits')}`]) {
      expect((await sqld.app.request(url, { headers: { Cookie: sqld.cookie } })).status).toBe(200);
    }
    const loginPage = await sqld.app.request('/login');
    const token = /name="_csrf" value="([^"]+)"/.exec(await loginPage.text())![1]!;
    const cookie = loginPage.headers.getSetCookie()[0]!.split(';')[0]!;
    const attempt = (password: string) => sqld.app.request('/login', form({ name: 'jiangan', password, _csrf: token }, { Cookie: cookie }));
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt(i < 5 ? 'wrong' : PASSWORD)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]); // three free failures, then the backoff (rate-limit.ts)
  });
});
