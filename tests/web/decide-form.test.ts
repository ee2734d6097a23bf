// The decision form on demand: rows carry a link (GET /decide), not the form. Without JavaScript the link is a
// page with the row and its form (which posts and comes back with 303); with htmx (HX-Request) the same URL
// answers the open row alone, and `close=1` the closed row again.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { form, testApp } from './seed.js';

let t: Awaited<ReturnType<typeof testApp>>;

beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.cleanup());

type Who = 'jiangan' | 'wuchang' | 'wuhan' | 'admin';

function get(url: string, who?: Who, headers: Record<string, string> = {}) {
  return t.app.request(url, { headers: { ...(who ? { Cookie: t.sessions[who].cookie } : {}), ...headers } });
}

const htmx = { 'HX-Request': 'true' };

/** jiangan (江岸区's reviewer) posts the decide form with these fields, its CSRF token and its cookie. */
function postAsJiangan(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return t.app.request('/decide', form({ _csrf: t.sessions.jiangan.csrf, ...fields }, { Cookie: t.sessions.jiangan.cookie, ...headers }));
}
const decideUrl = (key: string, extra = '') => `/decide?key=${encodeURIComponent(key)}${extra}`;

describe('rows link to their form', () => {
  test('the queue has no forms in its rows, one link per row that works as a page and as an htmx GET', async () => {
    const html = await (await get('/queue?kind=review', 'admin')).text();
    expect(html).not.toContain('<textarea');
    expect(html).not.toContain('name="decision"');
    expect(html).toContain('<tbody hx-target="closest tr" hx-swap="outerHTML">');
    const links = [...html.matchAll(/<a class="decide-link" href="([^"]+)" hx-get="([^"]+)">/g)];
    expect(links.length).toBeGreaterThan(0);
    for (const [, href, hxGet] of links) {
      expect(hxGet).toBe(href);
      // the queue state to come back to (HTML-escaped &amp; in the attribute)
      expect(href).toContain('&amp;back=%2Fqueue%3Fkind%3Dreview');
    }
    expect(html).toContain(`href="${decideUrl(t.keys.conditions).replace(/&/g, '&amp;')}&amp;back=`);
  });

  test('on the item page the link says view=item and needs no back (the item page is the default)', async () => {
    const html = await (await get('/items/420102/002000101000', 'jiangan')).text();
    expect(html).not.toContain('<textarea');
    expect(html).toContain(`href="${decideUrl(t.keys.conditions).replace(/&/g, '&amp;')}&amp;view=item"`);
  });

  test('who may not decide gets no link', async () => {
    const html = await (await get('/queue?region=420102', 'wuchang')).text();
    expect(html).not.toContain('decide-link');
    expect(html).toContain('无权处理');
  });
});

describe('GET /decide without JavaScript: a page', () => {
  test('the row with its form open; the forms post without htmx and go back where the link came from', async () => {
    const res = await get(decideUrl(t.keys.conditions, '&back=' + encodeURIComponent('/queue?kind=review')), 'jiangan');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<h1>处理差异</h1>');
    expect(html).toContain('<textarea name="reason"');
    expect(html).toContain('autofocus');
    expect(html).not.toContain('hx-post');
    expect(html).toContain('name="back" value="/queue?kind=review"');
    expect(html).toContain(`name="fingerprint" value="${t.discrepancies[0]!.fingerprint}"`);
    // the item and its region are shown: the page stands on its own
    expect(html).toContain('城镇职工基本养老保险关系转移接续');
    expect(html).toContain('href="/queue?kind=review#d-');
    // the form it shows decides: 303 back
    const post = await postAsJiangan({ key: t.keys.conditions, fingerprint: t.discrepancies[0]!.fingerprint, decision: 'accepted', reason: '本地规定', back: '/queue?kind=review', view: 'queue' });
    expect(post.status).toBe(303);
    expect(post.headers.get('Location')).toMatch(/^\/queue\?kind=review&saved=[^#]+#d-/);
  });

  test('the history of the discrepancy is on the page; reopen is offered to who decided', async () => {
    await postAsJiangan({ key: t.keys.visits, fingerprint: t.discrepancies[1]!.fingerprint, decision: 'fix-requested', reason: '请改为 1 次', back: '/', view: 'queue' });
    const html = await (await get(decideUrl(t.keys.visits), 'jiangan')).text();
    expect(html).toContain('处理记录 (1)');
    expect(html).toContain('请改为 1 次');
    expect(html).toContain('class="reopen-form"');
    expect(await (await get(decideUrl(t.keys.visits), 'wuhan')).text()).toContain('class="reopen-form"');
  });

  test('back must stay on this site; without it the queue (or the item page for view=item)', async () => {
    for (const bad of ['//evil.example/x', 'https://evil.example/', '/\\evil']) {
      const html = await (await get(decideUrl(t.keys.conditions, '&back=' + encodeURIComponent(bad)), 'jiangan')).text();
      expect(html).toContain('name="back" value="/queue"');
    }
    const item = await (await get(decideUrl(t.keys.conditions, '&view=item'), 'jiangan')).text();
    expect(item).toContain('name="back" value="/items/420102/002000101000"');
    expect(item).toContain('name="view" value="item"');
  });

  test('another region: the row without a form; not logged in: 401; unknown key 404; no key 400', async () => {
    const other = await get(decideUrl(t.keys.conditions), 'wuchang');
    expect(other.status).toBe(200);
    const html = await other.text();
    expect(html).not.toContain('<textarea');
    expect(html).toContain('无权处理');
    expect((await get(decideUrl(t.keys.conditions))).status).toBe(401);
    expect((await get(decideUrl('420102/000000000000#/nothing'), 'jiangan')).status).toBe(404);
    expect((await get('/decide', 'jiangan')).status).toBe(400);
    expect((await get(decideUrl(t.keys.conditions, '&view=bogus'), 'jiangan')).status).toBe(400);
  });

  test('close=1 without htmx goes back', async () => {
    const res = await get(decideUrl(t.keys.conditions, '&close=1&back=' + encodeURIComponent('/queue?kind=review')), 'jiangan');
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toMatch(/^\/queue\?kind=review#d-/);
  });
});

describe('GET /decide with htmx: the row', () => {
  test('the open row alone, its forms posting through htmx, a cancel link that closes it again', async () => {
    const res = await get(decideUrl(t.keys.conditions, '&back=' + encodeURIComponent('/queue?kind=review')), 'jiangan', htmx);
    expect(res.status).toBe(200);
    expect(res.headers.get('Vary')).toContain('HX-Request');
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
    const html = await res.text();
    expect(html.startsWith('<tr class="disc status-open"')).toBe(true);
    expect(html).not.toContain('<html');
    expect(html).toContain(`data-key="${t.keys.conditions}"`);
    expect(html).toContain('<form method="post" action="/decide" class="decide-form" hx-post="/decide">');
    expect(html).toContain('name="back" value="/queue?kind=review"');
    expect(html).toMatch(/<a class="decide-cancel" href="\/queue\?kind=review#d-[a-z0-9]+" hx-get="[^"]*close=1"/);
    // the queue view has no history column content; the item view does
    expect(html).not.toContain('处理记录');

    const closed = await (await get(decideUrl(t.keys.conditions, '&close=1&back=' + encodeURIComponent('/queue?kind=review')), 'jiangan', htmx)).text();
    expect(closed.startsWith('<tr')).toBe(true);
    expect(closed).not.toContain('<textarea');
    expect(closed).toContain('class="decide-link"');
  });

  test('a refused htmx decision comes back as the open row with the message', async () => {
    const res = await postAsJiangan({ key: t.keys.conditions, fingerprint: t.discrepancies[0]!.fingerprint, decision: 'accepted', reason: ' ', back: '/queue', view: 'queue' }, htmx);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html.startsWith('<tr')).toBe(true);
    expect(html).toContain('请填写理由或意见');
    expect(html).toContain('<textarea name="reason"');
  });

  test('a saved htmx decision comes back closed, with the notice', async () => {
    const res = await postAsJiangan({ key: t.keys.conditions, fingerprint: t.discrepancies[0]!.fingerprint, decision: 'comment', reason: '已核对', back: '/queue', view: 'item' }, htmx);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('已保存');
    expect(html).not.toContain('<textarea');
    expect(html).toContain('class="decide-link"');
    expect(html).toContain('处理记录 (1)');
  });
});
