// 账号管理 (admins only): every account with its role, region and state, and a form per account to move it to
// another role or region, disable or enable it, or delete it. Each change is a plain POST (CSRF-checked,
// answered 303 back here) and is written to the audit log by store/users.ts, as the CLI's are.
import type { RegionRow } from '../src/store/rows.js';
import { ROLES, type User } from '../src/store/users.js';
import type { Ui } from '../src/web/context.js';
import { label } from '../src/web/i18n.js';
import { formatTime, RegionOptions } from './components.js';
import { Layout } from './layout.js';

export function UsersPage(props: { ui: Ui; users: User[]; regions: RegionRow[]; notice?: string; error?: string }) {
  const { ui, users } = props;
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('usersTitle')} section="users">
      <div class="page-head">
        <h1>{t('usersTitle')}</h1>
        <span class="muted">{t('usersHint')}</span>
      </div>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
      <table class="grid users">
        <thead>
          <tr>
            <th>{t('userName')}</th>
            <th>{t('roleAndRegion')}</th>
            <th>{t('accountState')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr id={`u-${u.id}`}>
              <td>
                <strong>{u.name}</strong>
                <div class="muted small">{formatTime(u.createdAt)}</div>
              </td>
              <td>
                <form method="post" action="/admin/users" class="user-set">
                  <Hidden ui={ui} name={u.name} action="set" />
                  <label>
                    <span class="sr">{t('roleOf', { name: u.name })}</span>
                    <select name="role">
                      {ROLES.map((role) => (
                        <option value={role} selected={role === u.role}>
                          {label(ui.lang, 'role', role)}
                        </option>
                      ))}
                    </select>
                  </label>{' '}
                  <label>
                    <span class="sr">{t('regionOf', { name: u.name })}</span>
                    <select name="region">
                      <RegionOptions regions={props.regions} selected={u.region} />
                    </select>
                  </label>{' '}
                  <button type="submit">{t('saveChange')}</button>
                </form>
              </td>
              <td>{u.disabled ? <span class="badge status-outdated">{t('disabled')}</span> : <span class="badge status-decided">{t('enabled')}</span>}</td>
              <td class="user-actions">
                <form method="post" action="/admin/users" class="inline">
                  <Hidden ui={ui} name={u.name} action={u.disabled ? 'enable' : 'disable'} />
                  <button type="submit">{u.disabled ? t('doEnable') : t('doDisable')}</button>
                </form>{' '}
                <form method="post" action="/admin/users" class="inline">
                  <Hidden ui={ui} name={u.name} action="delete" />
                  <label class="check">
                    <input type="checkbox" name="confirm" value="yes" required />
                    {t('confirmDelete')}
                  </label>{' '}
                  <button type="submit" class="warn">
                    {t('doDelete')}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

function Hidden(props: { ui: Ui; name: string; action: string }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={props.ui.csrf} />
      <input type="hidden" name="name" value={props.name} />
      <input type="hidden" name="action" value={props.action} />
    </>
  );
}
