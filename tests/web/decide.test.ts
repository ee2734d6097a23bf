// Deciding discrepancies: accept / request a fix / comment / reopen, with and without htmx; every refusal
// (not logged in, another region, CSRF, stale fingerprint, bad input); outdated and resolved states.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, discrepancies, reviews } from '../../src/store/schema.js';
import { form, recordSync, testApp } from './seed.js';

let t: Awaited<ReturnType<typeof testApp>>;

beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.cleanup());

type Who = 'jiangan' | 'wuchang' | 'wuhan' | 'admin';

function fingerprintOf(key: string): string {
  return t.discrepancies.find((d) => d.key === key)!.fingerprint;
}

function post(who: Who | undefined, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const session = who ? t.sessions[who] : undefined;
  return t.app.request(
    '/decide',
    form(
      { ...(session ? { _csrf: session.csrf } : {}), back: '/queue?kind=review', view: 'queue', ...fields },
      { ...(session ? { Cookie: session.cookie } : {}), ...headers },
    ),
  );
}

function decideFields(key: string, decision: string, reason = '') {
  return { key, fingerprint: fingerprintOf(key), decision, reason };
}

async function statusOf(key: string, who: Who = 'admin'): Promise<{ status: string; verdict?: { decision: string; author: string; reason: string } }> {
  const res = await t.app.request('/queue?per=500&format=json', { headers: { Cookie: t.sessions[who].cookie } });
  const body = (await res.json()) as { discrepancies: { key: string; status: string; verdict?: { decision: string; author: string; reason: string } }[] };
  return body.discrepancies.find((d) => d.key === key)!;
}

describe('accepting as local variation', () => {
  test('a reviewer accepts within its region: 303 back, decided, shown with who and when, audited', async () => {
    const res = await post('jiangan', decideFields(t.keys.conditions, 'accepted', '本区另有规定：需缴费满一年'));
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toMatch(/^\/queue\?kind=review&saved=420102%2F[^#]+#d-[a-z0-9]+$/);
    const row = await statusOf(t.keys.conditions);
    expect(row.status).toBe('decided');
    expect(row.verdict).toMatchObject({ decision: 'accepted', author: 'jiangan', reason: '本区另有规定：需缴费满一年' });
    const page = await (await t.app.request('/queue?status=decided', { headers: { Cookie: t.sessions.admin.cookie } })).text();
    expect(page).toContain('认可为本地差异');
    expect(page).toContain('jiangan');
    const audit = await t.store.db.select().from(auditLog).where(eq(auditLog.action, 'review.accepted'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'jiangan', region: '420102', target: '002000101000/conditions' });
    const auditPage = await (await t.app.request('/audit', { headers: { Cookie: t.sessions.admin.cookie } })).text();
    expect(auditPage).toContain('认可差异');
  });

  test('a reason is required', async () => {
    const res = await post('jiangan', decideFields(t.keys.conditions, 'accepted', '   '));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('请填写理由或意见');
    expect((await statusOf(t.keys.conditions)).status).toBe('open');
  });

  test('with htmx the row comes back in place', async () => {
    const res = await post('jiangan', decideFields(t.keys.conditions, 'accepted', '本地规定'), { 'HX-Request': 'true' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith('<tr')).toBe(true);
    expect(html).not.toContain('<html');
    expect(html).toContain('status-decided');
    expect(html).toContain('已保存');
  });
});

describe('request a fix, comment, reopen', () => {
  test('fix-requested decides; a comment does not change the state; a reopen opens it again', async () => {
    expect((await post('jiangan', decideFields(t.keys.visits, 'fix-requested', '请改为 1 次'))).status).toBe(303);
    expect((await statusOf(t.keys.visits)).status).toBe('decided');
    expect((await post('jiangan', decideFields(t.keys.visits, 'comment', '已通知业务科室'))).status).toBe(303);
    const after = await statusOf(t.keys.visits);
    expect(after.status).toBe('decided');
    expect(after.verdict?.decision).toBe('fix-requested');
    expect((await post('jiangan', decideFields(t.keys.visits, 'reopened'))).status).toBe(303);
    expect((await statusOf(t.keys.visits)).status).toBe('open');
    const all = await t.store.db.select().from(reviews).where(eq(reviews.key, t.keys.visits));
    expect(all.map((r) => r.decision)).toEqual(['fix-requested', 'comment', 'reopened']);
  });

  test('reopening something not decided is a conflict', async () => {
    expect((await post('jiangan', decideFields(t.keys.visits, 'reopened'))).status).toBe(409);
  });

  test('a reviewer may reopen only its own decisions; an officer of the parent region may reopen them', async () => {
    await post('jiangan', decideFields(t.keys.conditions, 'accepted', '本地规定'));
    // another reviewer in the same region would be refused; here: the city's officer may, the other county's reviewer may not
    expect((await post('wuchang', decideFields(t.keys.conditions, 'reopened'))).status).toBe(403);
    expect((await post('wuhan', decideFields(t.keys.conditions, 'reopened'))).status).toBe(303);
    expect((await statusOf(t.keys.conditions)).status).toBe('open');
    await post('wuhan', decideFields(t.keys.conditions, 'accepted', '市级认可'));
    expect((await post('jiangan', decideFields(t.keys.conditions, 'reopened'))).status).toBe(403);
  });

  test('an unknown decision is a bad request', async () => {
    expect((await post('jiangan', decideFields(t.keys.visits, 'approve', 'x'))).status).toBe(400);
  });
});

describe('access', () => {
  test('401 when not logged in', async () => {
    const res = await post(undefined, decideFields(t.keys.conditions, 'accepted', 'x'));
    expect(res.status).toBe(401);
    expect(await t.store.db.select().from(reviews)).toHaveLength(0);
  });

  test('403 for another region: a county reviewer on its neighbour and on another city', async () => {
    const neighbour = await post('wuchang', decideFields(t.keys.conditions, 'accepted', '越权'));
    expect(neighbour.status).toBe(403);
    expect(await neighbour.text()).toContain('不在您的辖区内');
    expect((await post('jiangan', decideFields(t.keys.lockedName, 'accepted', '越权'))).status).toBe(403);
    // a county reviewer cannot decide its parent's discrepancies either
    expect((await post('jiangan', decideFields(t.keys.xss, 'comment', '越权'))).status).toBe(403);
    expect(await t.store.db.select().from(reviews)).toHaveLength(0);
  });

  test('an officer decides in its subtree, an admin everywhere', async () => {
    expect((await post('wuhan', decideFields(t.keys.conditions, 'comment', '市级意见'))).status).toBe(303);
    expect((await post('wuhan', decideFields(t.keys.lockedName, 'comment', '越权'))).status).toBe(403);
    expect((await post('admin', decideFields(t.keys.lockedName, 'fix-requested', '名称须与省级一致'))).status).toBe(303);
    expect((await post('admin', decideFields(t.keys.unknown, 'accepted', '地方特色事项，已报备'))).status).toBe(303);
  });

  test('403 without or with a wrong CSRF token (form field or header)', async () => {
    const base = decideFields(t.keys.conditions, 'accepted', '本地规定');
    const s = t.sessions.jiangan;
    const missing = await t.app.request('/decide', form({ ...base, back: '/queue' }, { Cookie: s.cookie }));
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain('安全校验未通过');
    expect((await t.app.request('/decide', form({ ...base, _csrf: 'x'.repeat(43) }, { Cookie: s.cookie }))).status).toBe(403);
    // another user's token does not do
    expect((await t.app.request('/decide', form({ ...base, _csrf: t.sessions.wuhan.csrf }, { Cookie: s.cookie }))).status).toBe(403);
    // htmx sends it as a header
    const viaHeader = await t.app.request('/decide', form(base, { Cookie: s.cookie, 'X-CSRF-Token': s.csrf, 'HX-Request': 'true' }));
    expect(viaHeader.status).toBe(200);
    const wrongHeader = await t.app.request(
      '/decide',
      form({ ...decideFields(t.keys.visits, 'comment', 'x') }, { Cookie: s.cookie, 'X-CSRF-Token': 'nope', 'HX-Request': 'true' }),
    );
    expect(wrongHeader.status).toBe(403);
    expect(await wrongHeader.text()).toContain('安全校验未通过');
    expect(await t.store.db.select().from(reviews)).toHaveLength(1);
  });

  test('logout needs the CSRF token too', async () => {
    const s = t.sessions.jiangan;
    expect((await t.app.request('/logout', form({}, { Cookie: s.cookie }))).status).toBe(403);
  });

  test('404 for an unknown discrepancy, 400 for a missing key', async () => {
    expect((await post('admin', { key: '420102/002000101000#/nope', fingerprint: 'x', decision: 'comment', reason: 'x' })).status).toBe(404);
    expect((await post('admin', { key: '', fingerprint: 'x', decision: 'comment', reason: 'x' })).status).toBe(400);
  });
});

describe('outdated and resolved', () => {
  test('a decision on a fingerprint that changed is outdated and needs a new look', async () => {
    await post('jiangan', decideFields(t.keys.conditions, 'accepted', '本地规定'));
    // a sync finds the county changed the text again: same key, new fingerprint
    await t.store.db.update(discrepancies).set({ fingerprint: 'changed0000000000', ours: JSON.stringify('新的受理条件') }).where(eq(discrepancies.key, t.keys.conditions));
    await recordSync(t.store);
    const row = await statusOf(t.keys.conditions);
    expect(row.status).toBe('outdated');
    const dash = (await (await t.app.request('/?format=json', { headers: { Cookie: t.sessions.admin.cookie } })).json()) as { regions: { code: string; outdated: number }[] };
    expect(dash.regions.find((r) => r.code === '420102')!.outdated).toBe(1);
    const page = await (await t.app.request('/queue?status=outdated', { headers: { Cookie: t.sessions.admin.cookie } })).text();
    expect(page).toContain('status-outdated');
    expect(page).toContain('需复核');
    // deciding with the old fingerprint is refused: the person saw stale content
    expect((await post('jiangan', decideFields(t.keys.conditions, 'accepted', '再次认可'))).status).toBe(409);
    // with the new one it is decided again
    const fresh = await post('jiangan', { key: t.keys.conditions, fingerprint: 'changed0000000000', decision: 'accepted', reason: '再次认可' });
    expect(fresh.status).toBe(303);
    expect((await statusOf(t.keys.conditions)).status).toBe('decided');
  });

  test('a decided discrepancy that disappears is listed as resolved', async () => {
    await post('jiangan', decideFields(t.keys.visits, 'fix-requested', '请改为 1 次'));
    await t.store.db.delete(discrepancies).where(eq(discrepancies.key, t.keys.visits));
    await recordSync(t.store);
    const res = await t.app.request('/queue?status=resolved&format=json', { headers: { Cookie: t.sessions.admin.cookie } });
    const body = (await res.json()) as { total: number; discrepancies: { key: string; status: string; verdict: { decision: string } }[]; facets: { status: Record<string, number> } };
    expect(body.total).toBe(1);
    expect(body.discrepancies[0]).toMatchObject({ key: t.keys.visits, status: 'resolved', verdict: { decision: 'fix-requested' } });
    expect(body.facets.status.resolved).toBe(1);
    const page = await (await t.app.request('/queue?status=resolved', { headers: { Cookie: t.sessions.admin.cookie } })).text();
    expect(page).toContain('已消除');
    // nothing left to decide on it
    expect(page).not.toContain('name="decision"');
  });
});
