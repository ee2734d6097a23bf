// The login limits on a real database: name + address backs off (1 s, 2 s, 4 s … after three free failures)
// without touching the same name at another address; an address across names has a window; a success
// forgives; the client's address behind a trusted proxy comes from the right end of X-Forwarded-For.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { clientAddress } from '../../src/web/http.js';
import { backoffDelay, LoginRateLimiter, loginLimits, pairKey } from '../../src/web/rate-limit.js';
import { tempStore, type TempStore } from './seed.js';

let temp: TempStore;
let limiter: LoginRateLimiter;
beforeEach(async () => {
  temp = await tempStore();
  limiter = new LoginRateLimiter(temp.store.db, 15 * 60_000);
});
afterEach(() => temp.cleanup());

const T0 = Date.parse('2026-03-01T00:00:00Z');
const limits = (name: string, address: string) => loginLimits(name, address, { perAddress: 20 });

describe('backoff per name + address', () => {
  test('three free failures, then 1 s, 2 s, 4 s … capped', () => {
    const limit = { key: 'k', free: 3, firstDelayMs: 1000, maxDelayMs: 60_000 };
    expect([0, 1, 2, 3, 4, 5, 6, 9, 100].map((n) => backoffDelay(limit, n))).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 60_000, 60_000]);
  });

  test('an attacker at one address is slowed; the real user at another address gets in at once', async () => {
    let now = T0;
    for (let i = 0; i < 3; i++) expect((await limiter.reserve(limits('jiangan', '203.0.113.9'), now)).ok).toBe(true);
    // the fourth attempt from that address must wait a second after the third
    const refused = await limiter.reserve(limits('jiangan', '203.0.113.9'), now + 500);
    expect(refused).toEqual({ ok: false, retryAfterMs: 500 });
    now += 1000;
    expect((await limiter.reserve(limits('jiangan', '203.0.113.9'), now)).ok).toBe(true);
    expect(await limiter.reserve(limits('jiangan', '203.0.113.9'), now + 1999)).toEqual({ ok: false, retryAfterMs: 1 });
    // the same name from the office: no wait at all
    const user = await limiter.reserve(limits('jiangan', '10.0.0.7'), now);
    expect(user.ok).toBe(true);
    // and the name is case-insensitive for the pair
    expect(pairKey('JiangAn', '1.2.3.4')).toBe(pairKey('jiangan', '1.2.3.4'));
  });

  test('a success forgives the pair; the limit is shared by every limiter over the database', async () => {
    const other = new LoginRateLimiter(temp.store.db, 15 * 60_000);
    for (let i = 0; i < 3; i++) await limiter.reserve(limits('jiangan', '10.0.0.7'), T0);
    expect((await other.reserve(limits('jiangan', '10.0.0.7'), T0)).ok).toBe(false);
    const ok = await other.reserve(limits('jiangan', '10.0.0.7'), T0 + 1000);
    expect(ok.ok).toBe(true);
    await limiter.succeeded(ok as { ids: number[] }, pairKey('jiangan', '10.0.0.7'));
    for (let i = 0; i < 3; i++) expect((await limiter.reserve(limits('jiangan', '10.0.0.7'), T0 + 1000)).ok).toBe(true);
  });

  test('one address across many names: a window of 20', async () => {
    for (let i = 0; i < 20; i++) expect((await limiter.reserve(limits(`name${i}`, '203.0.113.9'), T0 + i)).ok).toBe(true);
    const refused = await limiter.reserve(limits('jiangan', '203.0.113.9'), T0 + 100);
    expect(refused.ok).toBe(false);
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBe(15 * 60_000 - 100);
    expect((await limiter.reserve(limits('jiangan', '203.0.113.9'), T0 + 15 * 60_000 + 1)).ok).toBe(true);
  });
});

describe('clientAddress', () => {
  test('the socket peer unless proxies are trusted; then the entry that many from the right', () => {
    expect(clientAddress('10.0.0.1', '1.2.3.4', 0)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', '1.2.3.4', 1)).toBe('1.2.3.4');
    // a client that writes its own X-Forwarded-For cannot choose its address: the proxy appends the real one
    expect(clientAddress('10.0.0.1', '6.6.6.6, 1.2.3.4', 1)).toBe('1.2.3.4');
    expect(clientAddress('10.0.0.1', '6.6.6.6, 1.2.3.4, 10.0.0.2', 2)).toBe('1.2.3.4');
    expect(clientAddress('10.0.0.1', '2001:db8::1', 1)).toBe('2001:db8::1');
    expect(clientAddress('10.0.0.1', 'not an address', 1)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', '', 1)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', '1.2.3.4', 2)).toBe('10.0.0.1');
    expect(clientAddress(undefined, undefined, 0)).toBe('local');
  });
});
