// 账号管理: admins re-enable, disable, move (role, region) and delete accounts in the browser, as `tongbiao user`
// does on the command line, through the same store functions (which audit each change and refuse to leave no
// enabled admin). Everyone else gets 403.
import type { Hono } from 'hono';
import { TongbiaoError } from '../../errors.js';
import { AccountError, changeUser, deleteUser, disableUser, enableUser, listUsers } from '../../store/users.js';
import { UsersPage } from '../../../views/users.js';
import type { Ctx, Env } from '../context.js';
import { checkCsrf } from '../csrf.js';
import { badRequest, HttpError, textParam } from '../http.js';
import { translator } from '../i18n.js';
import type { Site } from '../site.js';

export function registerUsers(app: Hono<Env>, site: Site): void {
  const adminOnly = (c: Ctx) => {
    const user = c.get('session')?.user;
    if (!user) throw new HttpError(401, 'error401');
    if (user.role !== 'admin') throw new HttpError(403, 'error403');
    return user;
  };
  const render = async (c: Ctx, status: 200 | 400 | 409, extra: { notice?: string; error?: string }) =>
    site.page(c, <UsersPage ui={await site.ui(c)} users={await listUsers(site.db)} regions={await site.regions(c)} {...extra} />, status);

  app.get('/admin/users', async (c) => {
    adminOnly(c);
    const saved = textParam(new URL(c.req.url).searchParams, 'saved', 64);
    return render(c, 200, saved ? { notice: translator(c.get('lang'))('userSaved', { name: saved }) } : {});
  });

  app.post('/admin/users', async (c) => {
    const admin = adminOnly(c);
    const body = await c.req.parseBody();
    checkCsrf(c, body);
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const name = field('name');
    const action = field('action');
    if (!name) throw badRequest('缺少账号名', 'the account name is missing');
    try {
      if (action === 'enable') await enableUser(site.db, name, admin.name);
      else if (action === 'disable') await disableUser(site.db, name, admin.name);
      else if (action === 'set') await changeUser(site.db, name, { role: field('role'), region: field('region') }, admin.name);
      else if (action === 'delete') {
        if (field('confirm') !== 'yes') throw new TongbiaoError(translator(c.get('lang'))('confirmDeleteNeeded'));
        await deleteUser(site.db, name, admin.name);
      } else throw badRequest('操作应为 enable、disable、set 或 delete', 'action must be enable, disable, set or delete');
    } catch (error) {
      // what the store refuses (the last admin, an unknown region, nothing changed) is said on the page, in its language
      const lang = c.get('lang');
      const reason = error instanceof AccountError ? error.text[lang] : error instanceof TongbiaoError ? error.message : undefined;
      if (reason !== undefined) return render(c, 409, { error: translator(lang)('userNotChanged', { reason }) });
      throw error;
    }
    site.dataChanged(c);
    return c.redirect(`/admin/users?saved=${encodeURIComponent(name)}`, 303);
  });
}
