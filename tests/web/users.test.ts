// The accounts page (/admin/users): admins only; re-enable, move (role, region), disable and delete, each
// CSRF-checked and audited with the admin as actor; the store's refusals (the last admin) said on the page.
import { desc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { auditLog } from '../../src/store/schema.js';
import { disableUser, findUser } from '../../src/store/users.js';
import { form, testApp } from './seed.js';

let t: Awaited<ReturnType<typeof testApp>>;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.cleanup());

type Who = 'jiangan' | 'wuchang' | 'wuhan' | 'admin';
const get = (url: string, who: Who) => t.app.request(url, { headers: { Cookie: t.sessions[who].cookie } });
const post = (who: Who, fields: Record<string, string>, csrf = t.sessions[who].csrf) =>
  t.app.request('/admin/users', form({ _csrf: csrf, ...fields }, { Cookie: t.sessions[who].cookie }));
const lastAudit = async () => (await t.store.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]!;

describe('/admin/users', () => {
  test('admins only: reviewers and officers get 403, the anonymous 401; only admins see the nav link', async () => {
    expect((await get('/admin/users', 'jiangan')).status).toBe(403);
    expect((await get('/admin/users', 'wuhan')).status).toBe(403);
    expect((await t.app.request('/admin/users')).status).toBe(401);
    expect((await post('jiangan', { name: 'wuchang', action: 'disable' })).status).toBe(403);
    expect((await findUser(t.store.db, 'wuchang'))!.disabled).toBe(false);
    const page = await (await get('/admin/users', 'admin')).text();
    expect(page).toContain('<a href="/admin/users" aria-current="page">账号</a>');
    expect(await (await get('/', 'jiangan')).text()).not.toContain('/admin/users');
    for (const name of ['jiangan', 'wuchang', 'wuhan', 'admin']) expect(page).toContain(`<strong>${name}</strong>`);
  });

  test('re-enable, move, delete: each 303 back with a notice, audited with the admin as actor', async () => {
    await disableUser(t.store.db, 'wuchang', 'test');
    const enabled = await post('admin', { name: 'wuchang', action: 'enable' });
    expect(enabled.status).toBe(303);
    expect(enabled.headers.get('Location')).toBe('/admin/users?saved=wuchang');
    expect(await (await get(enabled.headers.get('Location')!, 'admin')).text()).toContain('账号 wuchang 已更新。');
    expect((await findUser(t.store.db, 'wuchang'))!.disabled).toBe(false);
    expect(await lastAudit()).toMatchObject({ actor: 'admin', action: 'user.enable', target: 'wuchang' });

    expect((await post('admin', { name: 'wuchang', action: 'set', role: 'officer', region: '420100' })).status).toBe(303);
    expect(await findUser(t.store.db, 'wuchang')).toMatchObject({ role: 'officer', region: '420100' });
    expect(await lastAudit()).toMatchObject({ actor: 'admin', action: 'user.change', detail: { from: { role: 'reviewer', region: '420106' }, to: { role: 'officer', region: '420100' } } });
    // the moved account's session ended
    expect((await get('/', 'wuchang')).status).toBe(401);

    const unconfirmed = await post('admin', { name: 'wuchang', action: 'delete' });
    expect(unconfirmed.status).toBe(409);
    expect(await unconfirmed.text()).toContain('删除前请勾选');
    expect((await post('admin', { name: 'wuchang', action: 'delete', confirm: 'yes' })).status).toBe(303);
    expect(await findUser(t.store.db, 'wuchang')).toBeUndefined();
    expect(await lastAudit()).toMatchObject({ actor: 'admin', action: 'user.delete', target: 'wuchang' });
  });

  test('CSRF-checked; the last admin cannot demote itself; bad input is a 400 or said on the page', async () => {
    expect((await post('admin', { name: 'jiangan', action: 'disable' }, 'forged')).status).toBe(403);
    const last = await post('admin', { name: 'admin', action: 'set', role: 'reviewer', region: '420000' });
    expect(last.status).toBe(409);
    expect(await last.text()).toContain('未更改：“admin”是最后一个启用的管理员：请先设置另一位管理员');
    // the same refusal in English for an English page
    const english = await t.app.request('/admin/users', form({ _csrf: t.sessions.admin.csrf, name: 'admin', action: 'disable' }, { Cookie: `${t.sessions.admin.cookie}; tb_lang=en` }));
    expect(english.status).toBe(409);
    expect(await english.text()).toContain("Not changed: &#39;admin&#39; is the last enabled admin: make another admin first");
    expect((await findUser(t.store.db, 'admin'))!.role).toBe('admin');
    const region = await post('admin', { name: 'jiangan', action: 'set', role: 'reviewer', region: '999999' });
    expect(region.status).toBe(409);
    expect(await region.text()).toContain('没有区划“999999”');
    const same = await post('admin', { name: 'jiangan', action: 'set', role: 'reviewer', region: '420102' });
    expect(same.status).toBe(409);
    expect(await same.text()).toContain('账号“jiangan”的角色（reviewer）和区划（420102）都没有变');
    const nobody = await post('admin', { name: 'nobody', action: 'enable' });
    expect(nobody.status).toBe(409);
    expect(await nobody.text()).toContain('没有账号“nobody”');
    expect((await post('admin', { name: 'jiangan', action: 'frobnicate' })).status).toBe(400);
    expect((await post('admin', { action: 'disable' })).status).toBe(400);
  });
});
