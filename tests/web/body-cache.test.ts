// Rendered page bodies kept per data version: the cache itself (bytes, recency, versions), and through the app
// that a kept body never shows stale data, another viewer's permissions or another session's CSRF token.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { createSession } from '../../src/store/users.js';
import { items } from '../../src/store/schema.js';
import { createApp } from '../../src/web/app.js';
import { BodyCache } from '../../src/web/body-cache.js';
import { CODE_PENSION, form, recordSync, testApp } from './seed.js';

const body = (text: string) => ({ title: text, body: Buffer.from(text) });

describe('BodyCache', () => {
  test('a body is found only for the version it was rendered from', () => {
    const cache = new BodyCache(1000);
    cache.set('a', 'v1', body('one'));
    expect(cache.get('a', 'v1')?.title).toBe('one');
    expect(cache.get('a', 'v2')).toBeUndefined();
    // the stale entry is gone, and its bytes with it
    expect(cache.get('a', 'v1')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });

  test('the least recently used bodies go first once the bytes exceed the budget', () => {
    const cache = new BodyCache(10);
    cache.set('a', 'v', body('aaaa'));
    cache.set('b', 'v', body('bbbb'));
    expect(cache.get('a', 'v')?.title).toBe('aaaa'); // a is now the most recent
    cache.set('c', 'v', body('cccc'));
    expect(cache.get('b', 'v')).toBeUndefined();
    expect(cache.get('a', 'v')?.title).toBe('aaaa');
    expect(cache.get('c', 'v')?.title).toBe('cccc');
    expect(cache.bytes).toBe(8);
    // replacing an entry counts its bytes once; a body bigger than the budget is not kept
    cache.set('c', 'v', body('cc'));
    expect(cache.bytes).toBe(6);
    cache.set('d', 'v', body('d'.repeat(11)));
    expect(cache.get('d', 'v')).toBeUndefined();
    expect(cache.bytes).toBe(6);
  });
});

describe('kept pages', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.cleanup());

  const page = async (url: string, cookie: string) => (await t.app.request(url, { headers: { Cookie: cookie } })).text();
  const rowOf = (html: string, key: string) => {
    const at = html.indexOf(`data-key="${key}"`);
    expect(at).toBeGreaterThan(0);
    return html.slice(at, html.indexOf('</tr>', at));
  };

  test('a decision shows on the next view of the same queue and item pages', async () => {
    const admin = t.sessions.admin;
    const queueUrl = '/queue?kind=review';
    const itemUrl = `/items/420102/${CODE_PENSION}`;
    expect(rowOf(await page(queueUrl, admin.cookie), t.keys.conditions)).toContain('status-open');
    expect(rowOf(await page(itemUrl, admin.cookie), t.keys.conditions)).toContain('status-open');
    const fingerprint = t.discrepancies.find((d) => d.key === t.keys.conditions)!.fingerprint;
    const res = await t.app.request(
      '/decide',
      form({ _csrf: admin.csrf, key: t.keys.conditions, fingerprint, decision: 'accepted', reason: '本区另有规定', back: queueUrl, view: 'queue' }, { Cookie: admin.cookie }),
    );
    expect(res.status).toBe(303);
    expect(rowOf(await page(queueUrl, admin.cookie), t.keys.conditions)).toContain('status-decided');
    const item = rowOf(await page(itemUrl, admin.cookie), t.keys.conditions);
    expect(item).toContain('status-decided');
    expect(item).toContain('本区另有规定');
  });

  test('a sync shows on the next view', async () => {
    const url = `/items/420102/${CODE_PENSION}`;
    expect(await page(url, t.sessions.admin.cookie)).toContain('<title>城镇职工基本养老保险关系转移接续');
    await t.store.db.update(items).set({ name: '养老保险关系转移（新名称）' }).where(eq(items.region, '420102'));
    await recordSync(t.store);
    const html = await page(url, t.sessions.admin.cookie);
    expect(html).toContain('<title>养老保险关系转移（新名称）');
    expect(html).toContain('<h1>养老保险关系转移（新名称）</h1>');
  });

  test('each viewer sees its own permissions, language and CSRF token on the same URL', async () => {
    const url = '/queue?kind=review&region=420000'; // the whole province: without a region jiangan sees its own
    const decideLink = 'class="decide-link"';
    const byAdmin = await page(url, t.sessions.admin.cookie);
    expect(rowOf(byAdmin, t.keys.xss)).toContain(decideLink);
    // jiangan (420102) may not decide Wuhan's own discrepancy
    const byJiangan = await page(url, t.sessions.jiangan.cookie);
    expect(rowOf(byJiangan, t.keys.xss)).not.toContain(decideLink);
    expect(rowOf(byJiangan, t.keys.conditions)).toContain(decideLink);
    expect(byJiangan).toContain('jiangan');
    expect(byJiangan).not.toContain(t.sessions.admin.csrf);
    expect(byJiangan).toContain(t.sessions.jiangan.csrf);
    // a second session of the same person: its own token
    const second = await createSession(t.store.db, t.users.admin.id);
    const bySecond = await page(url, `tb_session=${second.token}`);
    expect(bySecond).toContain(second.csrfToken);
    expect(bySecond).not.toContain(t.sessions.admin.csrf);
    expect(bySecond.replaceAll(second.csrfToken, 'TOKEN')).toBe(byAdmin.replaceAll(t.sessions.admin.csrf, 'TOKEN'));
    const english = await page(url + '&lang=en', t.sessions.admin.cookie);
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('Review queue');
    expect(english).not.toContain('差异审核');
  });

  test('without a budget (pageCacheBytes: 0) every page is rendered afresh, to the same HTML', async () => {
    const fresh = createApp({ store: t.store, pageCacheBytes: 0 });
    const cookie = t.sessions.admin.cookie;
    for (const url of ['/queue?kind=review', `/items/420102/${CODE_PENSION}`]) {
      await page(url, cookie);
      const kept = await page(url, cookie);
      expect(await (await fresh.request(url, { headers: { Cookie: cookie } })).text()).toBe(kept);
    }
    // nothing kept: even a change no sync recorded shows at once
    await t.store.db.update(items).set({ name: '未记录的改名' }).where(eq(items.region, '420102'));
    expect(await (await fresh.request(`/items/420102/${CODE_PENSION}`, { headers: { Cookie: cookie } })).text()).toContain('<h1>未记录的改名</h1>');
  });
});
