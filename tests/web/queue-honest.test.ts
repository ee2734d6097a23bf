// The queue says what it shows: the 「整个事项」 facet filters (it linked to the unfiltered queue), a reviewer
// lands on its own subtree with a link to the whole province, comments show on the queue, a decision made
// without JavaScript is confirmed even when its row leaves the page, an in-place decision recounts the facets
// (out of band), and a refused decision without JavaScript comes back as the form with the message and the
// reason typed.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { form, testApp } from './seed.js';

let t: Awaited<ReturnType<typeof testApp>>;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.cleanup());

type Who = 'jiangan' | 'wuchang' | 'wuhan' | 'admin';
const get = (url: string, who: Who = 'admin', headers: Record<string, string> = {}) =>
  t.app.request(url, { headers: { Cookie: t.sessions[who].cookie, ...headers } });
const json = async (url: string, who: Who = 'admin') =>
  (await (await get(url, who, { Accept: 'application/json' })).json()) as { total: number; facets: Record<string, Record<string, number>>; discrepancies: { key: string; region: string; path: string }[] };
const decideAs = (who: Who, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  t.app.request('/decide', form({ _csrf: t.sessions[who].csrf, ...fields }, { Cookie: t.sessions[who].cookie, ...headers }));
const fingerprint = (key: string) => t.discrepancies.find((d) => d.key === key)!.fingerprint;
const unescape = (text: string) => text.replace(/&amp;/g, '&');

describe('the 「整个事项」 facet', () => {
  test('links to the discrepancies about the whole item, and that page lists exactly as many', async () => {
    const html = await (await get('/queue')).text();
    const link = /<a href="([^"]*)"><span>整个事项<\/span><span class="count">(\d+)<\/span><\/a>/.exec(html);
    expect(link).not.toBeNull();
    const [, href, count] = link!;
    expect(unescape(href!)).toBe('/queue?field=-');
    const filtered = await json(unescape(href!));
    expect(filtered.total).toBe(Number(count));
    expect(filtered.discrepancies.length).toBeGreaterThan(0);
    expect(filtered.discrepancies.every((d) => d.path === '')).toBe(true);
    // the filter form carries it on, and the page marks it current
    const page = await (await get('/queue?field=-')).text();
    expect(page).toContain('<input type="hidden" name="field" value="-"/>');
    expect(page).toMatch(/<a href="\/queue\?field=-" aria-current="true"><span>整个事项/);
  });
});

describe('a reviewer lands on its own subtree', () => {
  test('reviewer and officer: own subtree by default, a link to widen; an explicit empty region is all', async () => {
    const own = await json('/queue', 'jiangan');
    expect(own.discrepancies.length).toBeGreaterThan(0);
    expect(own.discrepancies.every((d) => d.region === '420102')).toBe(true);
    const html = await (await get('/queue', 'jiangan')).text();
    expect(html).toContain('默认显示本辖区（江岸区）及下级的差异。');
    expect(html).toContain('<a href="/queue?region=420000">查看全部（湖北省）</a>');
    expect(html).toMatch(/<option value="420102" selected="">/);
    const all = await json('/queue?region=', 'jiangan');
    expect(new Set(all.discrepancies.map((d) => d.region)).size).toBeGreaterThan(1);
    const city = await json('/queue', 'wuhan');
    expect(city.discrepancies.every((d) => ['420100', '420102', '420106'].includes(d.region))).toBe(true);
    // an admin sees everything, with no note
    const admin = await (await get('/queue', 'admin')).text();
    expect(admin).not.toContain('默认显示本辖区');
    expect((await json('/queue', 'admin')).total).toBe(all.total);
  });
});

describe('comments on the queue', () => {
  test('a comment shows on the queue row, as on the item page', async () => {
    const res = await decideAs('jiangan', { key: t.keys.conditions, fingerprint: fingerprint(t.keys.conditions), decision: 'comment', reason: '已电话联系市局核对条件', back: '/queue' });
    expect(res.status).toBe(303);
    const html = await (await get('/queue', 'jiangan')).text();
    const row = html.slice(html.indexOf(`data-key="${t.keys.conditions}"`));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('处理记录 (1)');
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('已电话联系市局核对条件');
  });
});

describe('deciding without JavaScript', () => {
  test('the queue confirms what was saved, even when the row has left the page', async () => {
    const res = await decideAs('jiangan', { key: t.keys.conditions, fingerprint: fingerprint(t.keys.conditions), decision: 'accepted', reason: '本地规定', back: '/queue?status=open' });
    expect(res.status).toBe(303);
    const location = res.headers.get('Location')!;
    expect(location).toMatch(/^\/queue\?status=open&saved=/);
    const html = await (await get(location, 'jiangan')).text();
    expect(html).not.toContain(`data-key="${t.keys.conditions}"`); // decided: no longer 待审
    expect(html).toContain('<p class="notice" role="status">已保存：城镇职工基本养老保险关系转移接续 · 受理条件（认可为本地差异）。');
  });

  test('a refused decision answers the form again with the message and the reason typed', async () => {
    const blank = await decideAs('jiangan', { key: t.keys.conditions, fingerprint: fingerprint(t.keys.conditions), decision: 'accepted', reason: '   ', back: '/queue' });
    expect(blank.status).toBe(400);
    const html = await blank.text();
    expect(html).toContain('<div class="error" role="alert">请填写理由或意见。</div>');
    expect(html).toContain('<textarea name="reason"');
    const changed = await decideAs('jiangan', { key: t.keys.conditions, fingerprint: 'stale', decision: 'accepted', reason: '本地规定', back: '/queue' });
    expect(changed.status).toBe(409);
    const page = await changed.text();
    expect(page).toContain('该差异在您查看后已发生变化');
    expect(page).toMatch(/<textarea name="reason"[^>]*>本地规定<\/textarea>/);
    expect(page).toContain(`name="fingerprint" value="${fingerprint(t.keys.conditions)}"`);
  });
});

describe('deciding in place (htmx)', () => {
  test('the answer recounts the queue facets out of band', async () => {
    const before = await json('/queue?region=420102', 'jiangan');
    const res = await decideAs(
      'jiangan',
      { key: t.keys.conditions, fingerprint: fingerprint(t.keys.conditions), decision: 'accepted', reason: '本地规定', back: '/queue?region=420102', view: 'queue' },
      { 'HX-Request': 'true', 'X-CSRF-Token': t.sessions.jiangan.csrf },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith('<tr')).toBe(true);
    const oob = /<template><aside class="facets" id="facets"[^>]* hx-swap-oob="true">([\s\S]*)<\/aside><\/template>$/.exec(html);
    expect(oob).not.toBeNull();
    const open = /<span>待审<\/span><span class="count">(\d+)<\/span>/.exec(oob![1]!)![1];
    expect(Number(open)).toBe(before.facets.status.open! - 1);
    expect(oob![1]).toMatch(/<span>已处理<\/span><span class="count">1<\/span>/);
    // from the item page there is no sidebar to update
    const item = await decideAs(
      'jiangan',
      { key: t.keys.visits, fingerprint: fingerprint(t.keys.visits), decision: 'comment', reason: '看过', back: '/items/420102/002000101000', view: 'item' },
      { 'HX-Request': 'true' },
    );
    expect(await item.text()).not.toContain('hx-swap-oob');
  });
});

describe('the dashboard says whose counts it shows', () => {
  test("the province row: its own open count and its subtree's, which is the summary's", async () => {
    const html = await (await get('/')).text();
    expect(html).toContain('<th class="num" title="本区划自己的事项，不含下级">本级待审</th>');
    expect(html).toContain('<th class="num" title="本区划及其全部下级">含下级待审</th>');
    const summary = Number(/<dt>待审（全部区划）<\/dt><dd><a href="\/queue\?status=open">(\d+)<\/a>/.exec(html)![1]);
    expect(summary).toBeGreaterThan(0);
    const province = html.slice(html.indexOf('<tr class="depth-0">'));
    const own = /region=420000&amp;scope=self&amp;status=open">(\d+)</.exec(province)![1];
    const subtree = /region=420000&amp;status=open">(\d+)</.exec(province)![1];
    expect(Number(own)).toBe(0);
    expect(Number(subtree)).toBe(summary);
  });
});
