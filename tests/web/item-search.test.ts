// GET /search over real HTTP: items found by name and 受理条件 (Chinese substrings of any length: trigram
// MATCH from 3 characters, LIKE below), one hit per item as the topmost matching region holds it, where it matched
// marked, within a region's subtree, by code; escaped; paged; JSON.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { highlight } from '../../src/web/display.js';
import { CODE, startItemServer, SUSPENDED, type ItemServer } from './item-catalog.js';

let s: ItemServer;
beforeAll(async () => {
  s = await startItemServer();
});
afterAll(async () => {
  await s?.close();
});

interface Hit {
  catalogCode: string;
  region: string;
  name: string;
  regions: number;
  inName: boolean;
  conditions: string;
}

async function search(params: Record<string, string>, format: 'json' | 'html' = 'json'): Promise<{ status: number; total: number; items: Hit[]; html: string }> {
  const query = new URLSearchParams({ ...params, ...(format === 'json' ? { format: 'json' } : {}) });
  const res = await fetch(`${s.url}search?${query}`, { headers: { cookie: s.cookie } });
  const text = await res.text();
  if (format === 'html' || res.status !== 200) return { status: res.status, total: 0, items: [], html: text };
  const body = JSON.parse(text) as { total: number; items: Hit[] };
  return { status: res.status, total: body.total, items: body.items, html: '' };
}

describe('search: happy', () => {
  test('a term only in one village\'s 受理条件 finds that item there, and says it matched in the conditions', async () => {
    const found = await search({ q: '社区居民' });
    expect(found.items.map((h) => [h.catalogCode, h.region, h.regions, h.inName])).toEqual([[CODE, '420102001001', 1, false]]);
    const { html } = await search({ q: '社区居民' }, 'html');
    expect(html).toContain(`<a href="/items/420102001001/${CODE}" class="hit-name">`);
    expect(html).toContain('匹配于: 受理条件');
    expect(html).toContain('<mark>社区居民</mark>在本社区办理');
    expect(html).toContain('大智社区 <span class="code">420102001001</span> 村级');
  });

  test('two characters (below the trigram length) still match names, name matches first, one hit per item', async () => {
    const found = await search({ q: '养老' });
    expect(found.items.map((h) => h.catalogCode)).toEqual([CODE, SUSPENDED]);
    expect(found.items.every((h) => h.inName && h.region === '420000')).toBe(true);
    expect(found.items[0]!.regions).toBe(5);
    // the text shown is the shown region's (the province's), not the village's own conditions
    expect(found.items[0]!.conditions).not.toContain('社区居民');
    expect(found.items[1]!.regions).toBe(3);
  });

  test('every term must occur (in the name or the conditions); a region narrows to its subtree; a code finds by its start', async () => {
    expect((await search({ q: '养老 退休人员' })).items.map((h) => h.catalogCode)).toEqual([SUSPENDED]);
    expect((await search({ q: '养老', region: '420102001' })).items.map((h) => [h.catalogCode, h.region, h.regions])).toEqual([[CODE, '420102001', 2]]);
    expect((await search({ q: CODE.slice(0, 8) })).items.map((h) => h.catalogCode)).toEqual([CODE, SUSPENDED]);
    expect((await search({ q: '没有这样的事项' })).total).toBe(0);
  });

  test('pages: the total stays, each page its share', async () => {
    const first = await search({ q: '养老', per: '1' });
    const second = await search({ q: '养老', per: '1', page: '2' });
    expect([first.total, second.total]).toEqual([2, 2]);
    expect([first.items[0]!.catalogCode, second.items[0]!.catalogCode]).toEqual([CODE, SUSPENDED]);
  });

  test('highlight marks every occurrence, in any ASCII case, and cuts a long text around the first', () => {
    expect(highlight('Abc 社保 abc', ['ABC'])).toEqual([
      { text: 'Abc', hit: true },
      { text: ' 社保 ', hit: false },
      { text: 'abc', hit: true },
    ]);
    expect(highlight('一二三四五六七八九十', ['五六'], 2)).toEqual([
      { text: '…', hit: false },
      { text: '三四', hit: false },
      { text: '五六', hit: true },
      { text: '七八', hit: false },
      { text: '…', hit: false },
    ]);
  });
});

describe('search: error and security', () => {
  test('what is searched for is escaped back, a bad parameter is a 400, an unknown region a 404, no login a 401', async () => {
    const { html } = await search({ q: '<script>alert(1)</script>' }, 'html');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect((await search({ q: '养老', page: 'x' })).status).toBe(400);
    expect((await search({ q: '养老', region: '999999' })).status).toBe(404);
    expect((await fetch(`${s.url}search?q=x`)).status).toBe(401);
  });
});
