// Redirect targets and back links taken from input stay on this site, read the way a browser reads them
// (tabs and newlines dropped, `\` as `/`): safeBack itself, then through /login?next=, /decide?back=…&close=1,
// the decide form's hidden `back` and its 取消 link.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { safeBack } from '../../src/web/http.js';
import { form, httpGet, PASSWORD, servedApp, testApp } from './seed.js';

const ORIGIN = 'http://localhost';

// What a browser would do with each as a Location or an href on this origin: the WHATWG parser is Node's too.
const offSite = (target: string) => new URL(target, ORIGIN + '/queue').origin !== ORIGIN;

// Each an off-site target for a browser (or a control character that has no place in a path).
const HOSTILE = [
  '//evil.example',
  '//evil.example/x',
  '/\\evil.example',
  '\\\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  ' //evil.example',
  '/\t\\evil.example',
  'https://evil.example/',
  'https:evil.example',
  'HTTPS://evil.example',
  'javascript:alert(1)',
  'java\tscript:alert(1)',
  '\u0000//evil.example',
  '/\u0000/evil.example',
];

// Encoded forms: once decoded by the query string these are either hostile above or a harmless local path.
const ENCODED = ['/%09/evil.example', '/%2F/evil.example', '/%5Cevil.example', '/%2f%2fevil.example', '/%0a/evil.example'];

describe('safeBack', () => {
  test('every hostile target falls back', () => {
    for (const value of HOSTILE) {
      expect(offSite(value) || /[\u0000-\u001f]/.test(value), JSON.stringify(value)).toBe(true);
      expect(safeBack(value, '/fallback'), JSON.stringify(value)).toBe('/fallback');
    }
  });

  test('encoded forms stay paths on this site (a browser does not decode %09 or %2F in a path)', () => {
    for (const value of ENCODED) {
      const back = safeBack(value, '/fallback');
      expect(offSite(back), value).toBe(false);
      expect(back.startsWith('//')).toBe(false);
    }
  });

  test('local paths are kept, query and fragment included', () => {
    expect(safeBack('/queue?kind=review&region=420102', '/')).toBe('/queue?kind=review&region=420102');
    expect(safeBack('/items/420102/002000101000#d-x', '/')).toBe('/items/420102/002000101000#d-x');
    expect(safeBack('/queue?q=%E5%85%BB%E8%80%81', '/')).toBe('/queue?q=%E5%85%BB%E8%80%81');
    expect(safeBack(undefined, '/')).toBe('/');
    expect(safeBack('', '/x')).toBe('/x');
    expect(safeBack('queue', '/x')).toBe('/x');
    expect(safeBack('/' + 'a'.repeat(3000), '/x')).toBe('/x');
  });
});

describe('through the routes', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.cleanup());

  async function loginNext(next: string): Promise<string | null> {
    const pre = await t.app.request('/login');
    const token = /name="_csrf" value="([^"]+)"/.exec(await pre.text())![1]!;
    const cookie = pre.headers.getSetCookie().find((c) => c.startsWith('tb_login_csrf='))!.split(';')[0]!;
    const res = await t.app.request('/login', form({ name: 'jiangan', password: PASSWORD, _csrf: token, next }, { Cookie: cookie }));
    expect(res.status).toBe(303);
    return res.headers.get('Location');
  }

  test('POST /login next=…: every hostile or encoded target lands on this site', async () => {
    for (const next of [...HOSTILE, ...ENCODED]) {
      const location = await loginNext(next);
      expect(offSite(location!), `${JSON.stringify(next)} → ${location}`).toBe(false);
    }
    expect(await loginNext('/\t/evil.example')).toBe('/');
  });

  test('GET /login?next=… when logged in redirects on this site only', async () => {
    for (const next of [...HOSTILE, ...ENCODED]) {
      const res = await t.app.request('/login?next=' + encodeURIComponent(next), { headers: { Cookie: t.sessions.jiangan.cookie } });
      expect(res.status).toBe(303);
      expect(offSite(res.headers.get('Location')!), JSON.stringify(next)).toBe(false);
    }
  });

  test('/decide?back=…: the close=1 redirect, the hidden back field and the 取消 link stay on this site', async () => {
    const key = encodeURIComponent(t.keys.conditions);
    for (const back of [...HOSTILE, ...ENCODED]) {
      const closed = await t.app.request(`/decide?key=${key}&close=1&back=${encodeURIComponent(back)}`, { headers: { Cookie: t.sessions.jiangan.cookie } });
      expect(closed.status).toBe(303);
      expect(offSite(closed.headers.get('Location')!), JSON.stringify(back)).toBe(false);

      const page = await (await t.app.request(`/decide?key=${key}&back=${encodeURIComponent(back)}`, { headers: { Cookie: t.sessions.jiangan.cookie } })).text();
      const hidden = /name="back" value="([^"]*)"/.exec(page)![1]!.replace(/&amp;/g, '&');
      expect(offSite(hidden), JSON.stringify(back)).toBe(false);
      const cancel = /class="decide-cancel" href="([^"]*)"/.exec(page)![1]!.replace(/&amp;/g, '&');
      expect(offSite(cancel), JSON.stringify(back)).toBe(false);
      const crumb = /<nav class="crumbs"><a href="([^"]*)"/.exec(page)![1]!.replace(/&amp;/g, '&');
      expect(offSite(crumb), JSON.stringify(back)).toBe(false);
    }
  });

  test('POST /decide back=…: the 303 after a decision stays on this site', async () => {
    const res = await t.app.request(
      '/decide',
      form(
        { _csrf: t.sessions.jiangan.csrf, key: t.keys.conditions, fingerprint: t.discrepancies.find((d) => d.key === t.keys.conditions)!.fingerprint, decision: 'comment', reason: '看过', back: '/\t/evil.example' },
        { Cookie: t.sessions.jiangan.cookie },
      ),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toMatch(/^\/queue\?saved=[^#]+#d-/);
  });
});

describe('the error page', () => {
  let s: Awaited<ReturnType<typeof servedApp>>;
  beforeAll(async () => {
    s = await servedApp(0);
  });
  afterAll(async () => {
    await s.close();
  });

  /** The 404 page's 返回 link when coming from `referer` (over real HTTP), or undefined when it has none. */
  async function backLink(referer: string): Promise<string | undefined> {
    const res = await httpGet(s.server.url, '/nothere', { Cookie: s.sessions.jiangan.cookie, Referer: referer });
    expect(res.status, referer).toBe(404);
    const html = res.body.toString();
    expect(html, referer).toContain('找不到该页面或对象');
    return /<a href="([^"]*)" class="button">/.exec(html)?.[1]?.replace(/&amp;/g, '&');
  }

  test('links back to the page of this site the client came from', async () => {
    expect(await backLink(new URL('/queue?kind=review', s.server.url).href)).toBe('/queue?kind=review');
  });

  test('a Referer of another site, or one that does not parse, gives no back link (and no 500)', async () => {
    for (const referer of ['https://evil.example/queue', 'http://[', 'http://a b/', '::::', '//evil.example/x', '/\\evil.example']) {
      expect(await backLink(referer), referer).toBeUndefined();
    }
  });
});
