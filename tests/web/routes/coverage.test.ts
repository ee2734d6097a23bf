// /coverage (认领覆盖) and its twins: the CSV export has every baseline item the filters select (it had one
// page), the JSON twin is paged with a Link header.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { items } from '../../../src/store/schema.js';
import { recordSync, REVISION, testApp } from '../seed.js';

const MANY = 1_200;

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await testApp();
  admin = { Cookie: t.sessions.admin.cookie };
  // more province (baseline) items than a page of the export holds
  const rows = Array.from({ length: MANY }, (_, i) => {
    const code = String(300_000_000_000 + i);
    return { region: '420000', catalogCode: code, file: `420000/items/${code}.yaml`, blob: 'b'.repeat(40), revision: REVISION, name: `事项${i}`, type: '公共服务', body: { catalogCode: code, useLevel: ['省级', '市级'] } };
  });
  for (let i = 0; i < rows.length; i += 300) await t.store.db.insert(items).values(rows.slice(i, i + 300));
  await recordSync(t.store);
});
afterAll(() => t.cleanup());

describe('coverage: happy', () => {
  test('the CSV export has every baseline item, in code order, not one page', async () => {
    const json = (await (await t.app.request('/coverage?format=json', { headers: admin })).json()) as { total: number };
    expect(json.total).toBe(MANY + 3);
    const text = (await (await t.app.request('/coverage?format=csv&per=10', { headers: admin })).text()).replace(/^\uFEFF/, '');
    const rows = text.replace(/\r\n$/, '').split('\r\n');
    expect(rows[0]!.startsWith('catalogCode,name,type,420100 武汉市')).toBe(true);
    const codes = rows.slice(1).map((l) => l.split(',')[0]!);
    expect(codes.length).toBe(MANY + 3);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
  });

  test('the JSON twin pages with a Link header', async () => {
    const res = await t.app.request('/coverage?format=json&per=500', { headers: admin });
    expect(res.headers.get('Link')).toBe('</coverage?format=json&per=500&page=1>; rel="first", </coverage?format=json&per=500&page=2>; rel="next", </coverage?format=json&per=500&page=3>; rel="last"');
  });
});

describe('coverage: error', () => {
  test('an unknown region is a 404, a bad flag a 400', async () => {
    expect((await t.app.request('/coverage?region=999999', { headers: admin })).status).toBe(404);
    expect((await t.app.request('/coverage?gaps=yes&format=csv', { headers: admin })).status).toBe(400);
  });
});

describe('coverage: security', () => {
  test('without a login: 401 in every format', async () => {
    for (const format of ['html', 'json', 'csv']) expect((await t.app.request(`/coverage?format=${format}`)).status, format).toBe(401);
  });
});
