// Login, sessions, logout, rate limiting, --public-read; password hashing.
import { afterEach, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions } from '../../src/store/schema.js';
import { disableUser, hashPassword, sha256, verifyPassword } from '../../src/store/users.js';
import { form, PASSWORD, testApp } from './seed.js';

let t: Awaited<ReturnType<typeof testApp>> | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

/** GET /login, as a browser would before posting it: the pre-session CSRF cookie and field. */
async function loginForm(app: NonNullable<typeof t>['app'], url = '/login') {
  const res = await app.request(url);
  const html = await res.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tb_login_csrf='))!.split(';')[0]!;
  return { token, cookie, html, res };
}

async function login(name: string, password: string, extra: Record<string, string> = {}, url = 'http://localhost/login') {
  const { token, cookie } = await loginForm(t!.app);
  return t!.app.request(url, form({ name, password, _csrf: token, ...extra }, { Cookie: cookie }));
}

describe('passwords', () => {
  test('scrypt with a per-user salt, verified in constant time', async () => {
    const a = await hashPassword('secret password');
    const b = await hashPassword('secret password');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('secret password', a)).toBe(true);
    expect(await verifyPassword('secret passwore', a)).toBe(false);
    expect(await verifyPassword('secret password', undefined)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe('login', () => {
  test('not logged in: pages answer 401 with the login form; JSON answers 401 JSON', async () => {
    t = await testApp();
    for (const url of ['/', '/queue', '/items/420102/002000101000', '/coverage', '/audit']) {
      const res = await t.app.request(url);
      expect(res.status).toBe(401);
      const html = await res.text();
      expect(html).toContain('action="/login"');
      expect(html).toContain(`name="next" value="${url}"`);
    }
    const api = await t.app.request('/queue', { headers: { Accept: 'application/json' } });
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ error: { status: 401 } });
    expect((await t.app.request('/queue?format=csv')).status).toBe(401);
  });

  test('logs in with a session cookie (HttpOnly, SameSite=Lax; only its hash stored) and goes to next', async () => {
    t = await testApp();
    const res = await login('jiangan', PASSWORD, { next: '/queue?kind=looser' });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/queue?kind=looser');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tb_session='))!;
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    const token = cookie.split(';')[0]!.slice('tb_session='.length);
    const stored = await t.store.db.select().from(sessions).where(eq(sessions.id, sha256(token)));
    expect(stored).toHaveLength(1);
    expect((await t.store.db.select().from(sessions).where(eq(sessions.id, token))).length).toBe(0);
    const page = await t.app.request('/queue', { headers: { Cookie: `tb_session=${token}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('jiangan');
  });

  test('Secure cookies over https or with secureCookies', async () => {
    t = await testApp();
    const https = await login('jiangan', PASSWORD, {}, 'https://review.example/login');
    expect(https.headers.getSetCookie().find((c) => c.startsWith('tb_session='))).toContain('Secure');
    t.cleanup();
    t = await testApp({ secureCookies: true });
    const flagged = await login('jiangan', PASSWORD);
    expect(flagged.headers.getSetCookie().find((c) => c.startsWith('tb_session='))).toContain('Secure');
  });

  test('wrong password or unknown user: 401 and the same message', async () => {
    t = await testApp();
    const wrong = await login('jiangan', 'wrong password');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('用户名或密码错误');
    const unknown = await login('nobody', PASSWORD);
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).toContain('用户名或密码错误');
  });

  test('the login form is CSRF-checked', async () => {
    t = await testApp();
    const { cookie } = await loginForm(t.app);
    expect((await t.app.request('/login', form({ name: 'jiangan', password: PASSWORD }, { Cookie: cookie }))).status).toBe(403);
    expect((await t.app.request('/login', form({ name: 'jiangan', password: PASSWORD, _csrf: 'forged' }, { Cookie: cookie }))).status).toBe(403);
    expect((await t.app.request('/login', form({ name: 'jiangan', password: PASSWORD, _csrf: 'forged' }))).status).toBe(403);
  });

  test('next must stay on this site', async () => {
    t = await testApp();
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const res = await login('jiangan', PASSWORD, { next });
      expect(res.headers.get('Location')).toBe('/');
    }
  });

  test('a disabled account cannot log in and its sessions end', async () => {
    t = await testApp();
    await disableUser(t.store.db, 'jiangan', 'test');
    expect((await login('jiangan', PASSWORD)).status).toBe(401);
    expect((await t.app.request('/', { headers: { Cookie: t.sessions.jiangan.cookie } })).status).toBe(401);
  });

  test('logout ends the session', async () => {
    t = await testApp();
    const s = t.sessions.jiangan;
    const res = await t.app.request('/logout', form({ _csrf: s.csrf }, { Cookie: s.cookie }));
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/login');
    expect((await t.app.request('/', { headers: { Cookie: s.cookie } })).status).toBe(401);
  });

  test('an expired session is not accepted', async () => {
    let now = new Date('2026-03-01T00:00:00Z');
    t = await testApp({ now: () => now });
    const res = await login('jiangan', PASSWORD);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tb_session='))!.split(';')[0]!;
    expect((await t.app.request('/', { headers: { Cookie: cookie } })).status).toBe(200);
    now = new Date('2026-03-01T13:00:00Z');
    expect((await t.app.request('/', { headers: { Cookie: cookie } })).status).toBe(401);
  });
});

describe('rate limit', () => {
  test('name + address backs off after 3 failures (429, Retry-After, a Chinese message); the owner elsewhere is never locked out', async () => {
    let now = new Date('2026-03-01T00:00:00Z');
    t = await testApp({ now: () => now, trustProxy: 1 });
    const from = (address: string) => ({ 'X-Forwarded-For': address });
    const attempt = async (name: string, password: string, address: string) => {
      const { token, cookie } = await loginForm(t!.app);
      return t!.app.request('/login', form({ name, password, _csrf: token }, { Cookie: cookie, ...from(address) }));
    };
    for (let i = 0; i < 3; i++) expect((await attempt('jiangan', `wrong ${i}`, '203.0.113.9')).status).toBe(401);
    const limited = await attempt('jiangan', PASSWORD, '203.0.113.9');
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain('登录尝试过于频繁，请 1 秒后再试');
    expect(limited.headers.get('Retry-After')).toBe('1');
    // the same name from the office's address: straight in (the old per-name lockout refused it for 15 minutes)
    expect((await attempt('jiangan', PASSWORD, '10.0.0.7')).status).toBe(303);
    // the guesser waits a second, then two, then four …
    now = new Date(now.getTime() + 1000);
    expect((await attempt('jiangan', 'wrong 3', '203.0.113.9')).status).toBe(401);
    const slower = await attempt('JIANGAN', 'wrong 4', '203.0.113.9');
    expect(slower.status).toBe(429);
    expect(slower.headers.get('Retry-After')).toBe('2');
    // a client cannot pick its address: only the entry the trusted proxy appended counts
    expect((await attempt('jiangan', 'wrong 5', '10.0.0.7, 203.0.113.9')).status).toBe(429);
  });

  test('per client address across names', async () => {
    t = await testApp({ loginLimitPerIp: 3 });
    for (const name of ['a', 'b', 'c']) expect((await login(name, 'x')).status).toBe(401);
    expect((await login('jiangan', PASSWORD)).status).toBe(429);
  });

  test('without --trust-proxy, X-Forwarded-For is ignored', async () => {
    t = await testApp();
    for (let i = 0; i < 3; i++) {
      const { token, cookie } = await loginForm(t.app);
      await t.app.request('/login', form({ name: 'jiangan', password: 'wrong', _csrf: token }, { Cookie: cookie, 'X-Forwarded-For': `198.51.100.${i}` }));
    }
    expect((await login('jiangan', PASSWORD)).status).toBe(429);
  });
});

describe('--public-read', () => {
  test('pages are readable without login; deciding still needs one; no decide forms shown', async () => {
    t = await testApp({ publicRead: true });
    for (const url of ['/', '/queue', '/items/420102/002000101000', '/coverage', '/audit']) {
      expect((await t.app.request(url)).status).toBe(200);
    }
    const queue = await (await t.app.request('/queue')).text();
    expect(queue).not.toContain('name="decision"');
    expect(queue).toContain('href="/login?next=');
    const d = t.discrepancies[0]!;
    const res = await t.app.request('/decide', form({ key: d.key, fingerprint: d.fingerprint, decision: 'comment', reason: 'x' }));
    expect(res.status).toBe(401);
    // the audit log shows decisions to anonymous readers, not sign-ins, addresses or account changes
    await login('jiangan', PASSWORD);
    const audit = (await (await t.app.request('/audit?format=json')).json()) as { entries: { action: string }[] };
    expect(audit.entries.filter((e) => !e.action.startsWith('review.'))).toEqual([]);
    const signedIn = (await (await t.app.request('/audit?format=json', { headers: { Cookie: t.sessions.admin.cookie } })).json()) as { entries: { action: string }[] };
    expect(signedIn.entries.map((e) => e.action)).toContain('login');
  });
});
