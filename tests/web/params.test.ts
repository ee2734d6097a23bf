// Bad bytes in any query parameter of any page: control characters (NUL ends an FTS5 query string, which was a
// 500) give a 400 that says which parameter, or are taken as literal text; never a 500.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CODE_PENSION, testApp } from './seed.js';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

const PAGES: Record<string, string[]> = {
  '/': ['format', 'lang'],
  '/queue': ['q', 'region', 'scope', 'kind', 'rule', 'field', 'type', 'status', 'page', 'per', 'format', 'lang'],
  [`/items/420102/${CODE_PENSION}`]: ['from', 'to', 'format', 'lang'],
  '/coverage': ['q', 'region', 'gaps', 'all', 'page', 'per', 'format', 'lang'],
  '/audit': ['region', 'actor', 'action', 'page', 'per', 'format', 'lang'],
  '/decide': ['key', 'view', 'close', 'back', 'lang'],
  '/login': ['next', 'lang'],
};

// as they go in the query string: encoded text, then bytes that are not UTF-8 and a stray %
const VALUES = [
  ...['a\u0000b', '\u0000', 'a\tb', 'a\r\nb', '\u001b[31m', 'a\u007fb', '养老\u0000保险', '"\u0000', "'", '%', '*', 'a"b', 'NEAR(', '\uFFFF'].map(encodeURIComponent),
  '%ED%A0%80',
  '%FF%FE',
  '%',
  '%0',
];

describe('control characters and odd text in every parameter', () => {
  test('never a 500, on every page and parameter, as HTML and JSON', async () => {
    const failures: string[] = [];
    for (const [path, names] of Object.entries(PAGES)) {
      for (const name of names) {
        for (const value of VALUES) {
          for (const accept of ['text/html', 'application/json']) {
            const url = `${path}?${name}=${value}${path === '/decide' && name !== 'key' ? '&key=' + encodeURIComponent(t.keys.conditions) : ''}`;
            const res = await t.app.request(url, { headers: { Cookie: t.sessions.admin.cookie, Accept: accept } });
            if (res.status >= 500) failures.push(`${res.status} ${url} (${accept})`);
            await res.arrayBuffer();
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  test('a NUL in a search term is a 400 naming the parameter, in the user\'s language (was 500: FTS "unterminated string")', async () => {
    for (const path of ['/queue?q=a%00b', '/coverage?q=a%00b', '/queue?q=%E5%85%BB%E8%80%81%00%E4%BF%9D%E9%99%A9', '/audit?actor=a%00b']) {
      const res = await t.app.request(path, { headers: { Cookie: t.sessions.admin.cookie } });
      expect(res.status, path).toBe(400);
      const html = await res.text();
      expect(html).toMatch(/请求参数无效：参数 (q|actor) 不能含控制字符/);
      expect(html).not.toContain('control characters');
      const json = await t.app.request(path, { headers: { Cookie: t.sessions.admin.cookie, Accept: 'application/json' } });
      expect(json.status).toBe(400);
      expect(((await json.json()) as { error: { detail: string } }).error.detail).toMatch(/^参数 (q|actor) 不能含控制字符$/);
      const en = await t.app.request(`${path}&lang=en`, { headers: { Cookie: t.sessions.admin.cookie, Accept: 'application/json' } });
      expect(((await en.json()) as { error: { message: string; detail: string } }).error).toMatchObject({
        message: expect.stringMatching(/^Bad request: (q|actor) must not contain control characters$/),
        detail: expect.stringMatching(/^(q|actor) must not contain control characters$/),
      });
    }
  });

  test('a NUL in a path segment or a discrepancy key is a 400 or 404', async () => {
    for (const path of ['/items/4201%0002/002000101000', `/items/420102/${CODE_PENSION}%00`, '/decide?key=420102%2F002000101000%00%23%2Fconditions', '/static/app%00.css']) {
      const res = await t.app.request(path, { headers: { Cookie: t.sessions.admin.cookie } });
      expect([400, 404], path).toContain(res.status);
    }
  });
});
