// Request bodies over real HTTP: every POST is a small form, so a body over 64 KB is refused with 413 and a
// message on the error page, before it is read — whether its length is declared (Content-Length) or not
// (chunked) — on /login, which takes posts from anyone, as on /decide. A form of the largest real size still posts.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { reviews } from '../../src/store/schema.js';
import { MAX_BODY_BYTES } from '../../src/web/middleware.js';
import { servedApp } from './seed.js';

let s: Awaited<ReturnType<typeof servedApp>>;
beforeAll(async () => {
  s = await servedApp(0);
});
afterAll(async () => {
  await s?.close();
});

/** POSTs `body` as a form, in `chunks` pieces; with `chunked` no Content-Length is sent. */
function post(path: string, body: string, options: { cookie?: string; chunked?: boolean } = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const bytes = Buffer.from(body);
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', ...(options.cookie ? { Cookie: options.cookie } : {}) };
    if (!options.chunked) headers['Content-Length'] = String(bytes.length);
    const req = request(new URL(path, s.server.url), { method: 'POST', headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(parts).toString() }));
    });
    req.on('error', reject);
    for (let at = 0; at < bytes.length; at += 16 * 1024) req.write(bytes.subarray(at, at + 16 * 1024));
    req.end();
  });
}

const decision = (reason: string) => {
  const d = s.discrepancies.find((x) => x.key === s.keys.conditions)!;
  return new URLSearchParams({ _csrf: s.sessions.jiangan.csrf, key: d.key, fingerprint: d.fingerprint, decision: 'comment', reason }).toString();
};

describe('request bodies', () => {
  test('a login form over the limit is refused with 413 and says why, declared or chunked', async () => {
    const body = `name=jiangan&password=${'x'.repeat(MAX_BODY_BYTES)}`;
    for (const chunked of [false, true]) {
      const res = await post('/login', body, { chunked });
      expect(res.status, `chunked: ${chunked}`).toBe(413);
      expect(res.text).toContain('提交的内容过大');
    }
  });

  test('a decision over the limit is refused and nothing is recorded; the largest real one posts', async () => {
    const huge = await post('/decide', decision('x'.repeat(MAX_BODY_BYTES)), { cookie: s.sessions.jiangan.cookie, chunked: true });
    expect(huge.status).toBe(413);
    expect(huge.text).toContain('提交的内容过大');
    expect(await s.store.db.select().from(reviews)).toHaveLength(0);
    // a reason of 2,000 Chinese characters (the most the form takes) is ≈ 18 KB encoded
    const largest = await post('/decide', decision('很'.repeat(2000)), { cookie: s.sessions.jiangan.cookie });
    expect(largest.status).toBe(303);
    expect(await s.store.db.select().from(reviews)).toHaveLength(1);
  });
});
