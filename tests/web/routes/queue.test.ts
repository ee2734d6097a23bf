// /queue (差异审核) and its JSON and CSV twins: happy paths, errors, and what an attacker may try. The CSV
// export streams every row the filters select — a province queue of 25,000 discrepancies arrives whole,
// through real HTTP and compressed; the JSON twin is paged with a Link header (RFC 8288) and says the total.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { httpGet as httpGetFrom, servedApp } from '../seed.js';

const MANY = 25_000;

let t: Awaited<ReturnType<typeof servedApp>>;
let admin: Record<string, string>;

beforeAll(async () => {
  // 25,000 more discrepancies in 江岸区 (one item, one path each), as a province-sized queue has
  t = await servedApp(MANY);
  admin = { Cookie: t.sessions.admin.cookie };
}, 120_000);
afterAll(() => t?.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.request(url, { headers: { ...admin, ...headers } });

const httpGet = (path: string, headers: Record<string, string>) => httpGetFrom(t.server.url, path, { ...admin, ...headers });

/** CSV lines without the byte-order mark and the final CRLF. */
const csvLines = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r\n$/, '').split('\r\n');

describe('queue: happy', () => {
  test('the HTML page shows a page of rows and the total', async () => {
    const res = await get('/queue?region=420102');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('<!DOCTYPE html>');
    expect(text.match(/<tr[^>]*id="d-/g)?.length).toBe(50);
  });

  test('the CSV export has every row the filters select, not one page: 25,000 arrive whole over HTTP, compressed', async () => {
    const res = await httpGet('/queue?region=420102&kind=review&format=csv&per=10', { 'Accept-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.chunks).toBeGreaterThan(1);
    const lines = csvLines(gunzipSync(res.body).toString('utf8'));
    expect(lines[0]!.startsWith('key,region,regionName,catalogCode')).toBe(true);
    const keys = lines.slice(1).map((l) => l.split(',')[0]!);
    expect(keys.length).toBe(MANY + 1); // and the seed's 江岸区 review discrepancy
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(keys);
    const json = (await (await get('/queue?region=420102&kind=review&format=json')).json()) as { total: number };
    expect(json.total).toBe(keys.length);
  }, 60_000);

  test('the CSV export of a state filter and of a search has exactly their rows', async () => {
    const open = csvLines(await (await get('/queue?status=open&format=csv')).text());
    const total = ((await (await get('/queue?status=open&format=json')).json()) as { total: number }).total;
    expect(open.length - 1).toBe(total);
    const search = csvLines(await (await get(`/queue?q=${encodeURIComponent('养老保险')}&format=csv`)).text());
    expect(search.length - 1).toBe(((await (await get(`/queue?q=${encodeURIComponent('养老保险')}&format=json`)).json()) as { total: number }).total);
    expect(search.length).toBeGreaterThan(1);
  });

  test('the JSON twin is a page with the total and RFC 8288 links to the first, previous, next and last pages', async () => {
    const res = await get('/queue?region=420102&per=100&page=3&format=json');
    const body = (await res.json()) as { total: number; page: number; per: number; discrepancies: unknown[] };
    expect(body).toMatchObject({ page: 3, per: 100 });
    expect(body.discrepancies).toHaveLength(100);
    const last = Math.ceil(body.total / 100);
    expect(res.headers.get('Link')).toBe(
      [
        '</queue?region=420102&per=100&page=1&format=json>; rel="first"',
        '</queue?region=420102&per=100&page=2&format=json>; rel="prev"',
        '</queue?region=420102&per=100&page=4&format=json>; rel="next"',
        `</queue?region=420102&per=100&page=${last}&format=json>; rel="last"`,
      ].join(', '),
    );
    // following next from the last page: none
    const end = await get(`/queue?region=420102&per=100&page=${last}&format=json`);
    expect(end.headers.get('Link')).not.toContain('rel="next"');
    // everything on one page: no links
    expect((await get('/queue?region=429004&format=json')).headers.get('Link')).toBeNull();
  });

  test('pages are compressed for clients that accept it, and say Vary: Accept-Encoding', async () => {
    const plain = await get('/queue?region=420102');
    const html = await plain.text();
    const res = await httpGet('/queue?region=420102', { 'Accept-Encoding': 'gzip, deflate' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(String(res.headers.vary)).toContain('Accept-Encoding');
    expect(res.body.length).toBeLessThan(Buffer.byteLength(html) / 3);
    expect(gunzipSync(res.body).toString('utf8')).toBe(html);
    const refused = await httpGet('/queue?region=420102', { 'Accept-Encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.toString('utf8')).toBe(html);
  });
});

describe('queue: error', () => {
  test('bad filter values are a 400 naming the parameter, in HTML and JSON', async () => {
    for (const query of ['kind=nope', 'status=nope', 'page=0', 'per=501', 'field=a-b', 'scope=all', 'format=xml']) {
      const res = await get(`/queue?${query}`, { Accept: 'application/json' });
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { status: number; detail: string } };
      expect(body.error.detail, query).toContain(query.split('=')[0]!);
    }
    expect((await get('/queue?kind=nope')).status).toBe(400);
  });

  test('an unknown region is a 404, a page past the end is empty', async () => {
    expect((await get('/queue?region=999999')).status).toBe(404);
    const body = (await (await get('/queue?region=429004&page=99&format=json')).json()) as { discrepancies: unknown[] };
    expect(body.discrepancies).toEqual([]);
  });
});

describe('queue: security', () => {
  test('without a login: 401, in every format', async () => {
    for (const format of ['html', 'json', 'csv']) {
      const res = await t.app.request(`/queue?format=${format}`);
      expect(res.status, format).toBe(401);
    }
  });

  test('CSV cells a spreadsheet would run as formulas are neutralised; HTML escapes catalog text', async () => {
    const csv = await (await get('/queue?region=420100&format=csv')).text();
    expect(csv).toContain('<script>alert(1)</script>');
    const html = await (await get('/queue?region=420100')).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const formula = await (await get(`/queue?q=${encodeURIComponent('=cmd|calc')}&format=csv`)).text();
    expect(formula).not.toMatch(/^=/m);
  });

  test('the Link header carries the query re-encoded: no header injection, no foreign host', async () => {
    const res = await get('/queue?region=420102&per=1&format=json&x=' + encodeURIComponent('1>; rel="x", <//evil.example/'));
    const link = res.headers.get('Link') ?? '';
    expect(link).toContain('rel="next"');
    expect(link).not.toContain('evil.example/>');
    for (const part of link.split(', ')) expect(part).toMatch(/^<\/queue\?[^<>\s]*>; rel="(first|prev|next|last)"$/);
  });
});
