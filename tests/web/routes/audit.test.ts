// /audit (审计日志) and its twins: the CSV export has every entry the filters select (it had one page), the
// JSON twin is paged with a Link header; anonymous readers (--public-read) see decisions only, in every format.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditLog } from '../../../src/store/schema.js';
import { createApp } from '../../../src/web/app.js';
import { testApp } from '../seed.js';

const MANY = 1_500;

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await testApp();
  admin = { Cookie: t.sessions.admin.cookie };
  const rows = Array.from({ length: MANY }, (_, i) => ({
    actor: 'jiangan', action: i % 3 === 0 ? 'review.accepted' : 'login', region: '420102', target: `002000101000/conditions#${i}`, detail: { i },
  }));
  for (let i = 0; i < rows.length; i += 500) await t.store.db.insert(auditLog).values(rows.slice(i, i + 500));
});
afterAll(() => t.cleanup());

const lines = async (res: Response) => (await res.text()).replace(/^\uFEFF/, '').replace(/\r\n$/, '').split('\r\n');

describe('audit: happy', () => {
  test('the CSV export has every matching entry, newest first, not one page', async () => {
    const total = ((await (await t.app.request('/audit?format=json&actor=jiangan', { headers: admin })).json()) as { total: number }).total;
    expect(total).toBe(MANY);
    const csv = await lines(await t.app.request('/audit?format=csv&actor=jiangan&per=5', { headers: admin }));
    expect(csv[0]).toBe('id,at,actor,action,region,target,detail');
    const ids = csv.slice(1).map((l) => Number(l.split(',')[0]));
    expect(ids.length).toBe(MANY);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(MANY);
  });

  test('the JSON twin pages with a Link header', async () => {
    const res = await t.app.request('/audit?format=json&actor=jiangan&per=100&page=2', { headers: admin });
    expect(res.headers.get('Link')).toContain('</audit?format=json&actor=jiangan&per=100&page=3>; rel="next"');
    expect(res.headers.get('Link')).toContain('page=15>; rel="last"');
  });
});

describe('audit: error', () => {
  test('a bad action or page is a 400', async () => {
    expect((await t.app.request('/audit?action=DROP%20TABLE', { headers: admin })).status).toBe(400);
    expect((await t.app.request('/audit?page=0&format=csv', { headers: admin })).status).toBe(400);
  });
});

describe('audit: security', () => {
  test('anonymous readers see decisions only, in the export too; without --public-read nothing', async () => {
    expect((await t.app.request('/audit?format=csv')).status).toBe(401);
    const open = createApp({ store: t.store, publicRead: true });
    const csv = await lines(await open.request('/audit?format=csv'));
    const actions = new Set(csv.slice(1).map((l) => l.split(',')[3]));
    expect([...actions]).toEqual(['review.accepted']);
    expect(csv.length - 1).toBe(MANY / 3);
  });
});
