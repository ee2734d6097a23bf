// /static: the stylesheet and htmx under content-hashed URLs (a year, immutable) and their plain names
// (revalidated), each in the encoding the client accepts with that representation's ETag; If-None-Match
// with weak tags, lists and `*`.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ifNoneMatch } from '../../../src/web/http.js';
import { testApp } from '../seed.js';

let t: Awaited<ReturnType<typeof testApp>>;
let css: { url: string; js: string };

beforeAll(async () => {
  t = await testApp();
  const page = await (await t.app.request('/login')).text();
  css = {
    url: /<link rel="stylesheet" href="([^"]+)"/.exec(page)![1]!,
    js: /<script src="([^"]+)"/.exec(page)![1]!,
  };
});
afterAll(() => t.cleanup());

describe('static: happy', () => {
  test('pages link the files under content-hashed URLs, cached for a year as immutable, without login', async () => {
    expect(css.url).toMatch(/^\/static\/app\.[A-Za-z0-9]{12}\.css$/);
    expect(css.js).toMatch(/^\/static\/htmx\.min\.[A-Za-z0-9]{12}\.js$/);
    for (const url of [css.url, css.js]) {
      const res = await t.app.request(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    }
    const plain = await t.app.request('/static/app.css');
    expect(plain.headers.get('Cache-Control')).toBe('no-cache');
    expect(plain.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
    expect(await plain.text()).toBe(await (await t.app.request(css.url)).text());
    expect(await (await t.app.request('/static/htmx.min.js')).text()).toContain('htmx');
  });

  test('sent as brotli or gzip when accepted, each with its own ETag, decoding to the same bytes', async () => {
    const identity = await t.app.request(css.js);
    const bytes = Buffer.from(await identity.arrayBuffer());
    const br = await t.app.request(css.js, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    const gz = await t.app.request(css.js, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(br.headers.get('Content-Encoding')).toBe('br');
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(bytes.length / 3);
    expect(brotliDecompressSync(brBytes).equals(bytes)).toBe(true);
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(bytes)).toBe(true);
    const tags = new Set([identity, br, gz].map((r) => r.headers.get('ETag')));
    expect(tags.size).toBe(3);
    for (const r of [identity, br, gz]) expect(r.headers.get('Vary')).toContain('Accept-Encoding');
  });

  test('If-None-Match: the same tag, a weak one, one in a list, or * answer 304; others 200', async () => {
    const etag = (await t.app.request('/static/app.css')).headers.get('ETag')!;
    const ask = async (header: string) => (await t.app.request('/static/app.css', { headers: { 'If-None-Match': header } })).status;
    expect(await ask(etag)).toBe(304);
    expect(await ask(`W/${etag}`)).toBe(304);
    expect(await ask(`"other", ${etag}`)).toBe(304);
    expect(await ask(`W/"other",W/${etag}`)).toBe(304);
    expect(await ask('*')).toBe(304);
    expect(await ask('"other"')).toBe(200);
    expect(await ask(etag.slice(0, -2) + '"')).toBe(200);
    // the gzip representation's tag does not match the identity one
    const gzTag = (await t.app.request('/static/app.css', { headers: { 'Accept-Encoding': 'gzip' } })).headers.get('ETag')!;
    expect(await ask(gzTag)).toBe(200);
    expect((await t.app.request('/static/app.css', { headers: { 'If-None-Match': gzTag, 'Accept-Encoding': 'gzip' } })).status).toBe(304);
  });

  test('ifNoneMatch follows RFC 9110 weak comparison', () => {
    expect(ifNoneMatch(undefined, '"a"')).toBe(false);
    expect(ifNoneMatch('"a"', '"a"')).toBe(true);
    expect(ifNoneMatch(' W/"a" ', '"a"')).toBe(true);
    expect(ifNoneMatch('"b", W/"a"', '"a"')).toBe(true);
    expect(ifNoneMatch('"a"', 'W/"a"')).toBe(true);
    expect(ifNoneMatch('"ab"', '"a"')).toBe(false);
    expect(ifNoneMatch('a', '"a"')).toBe(false);
  });
});

describe('static: error', () => {
  test('unknown names and stale hashes are 404', async () => {
    expect((await t.app.request('/static/nope.js')).status).toBe(404);
    expect((await t.app.request(css.url.replace(/\.[A-Za-z0-9]{12}\./, '.aaaaaaaaaaaa.'))).status).toBe(404);
  });
});

describe('static: security', () => {
  test('no path outside the two files is reachable', async () => {
    for (const url of ['/static/..%2f..%2fpackage.json', '/static/%2e%2e/package.json', '/static/app.css%00', '/static/.env']) {
      const res = await t.app.request(url);
      expect([401, 404], url).toContain(res.status);
      expect(await res.text(), url).not.toContain('devDependencies');
    }
  });
});
