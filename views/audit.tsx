// 审计日志: who did what and when — decisions, logins, account changes — newest first.
import type { AuditRow, RegionRow } from '../src/store/rows.js';
import type { Ui } from '../src/web/context.js';
import { href } from '../src/web/http.js';
import { label } from '../src/web/i18n.js';
import { Empty, Exports, formatTime, Pager, RegionOptions } from './components.js';
import { Layout } from './layout.js';

export interface AuditState {
  region?: string;
  actor?: string;
  action?: string;
  page: number;
  per: number;
}

export function auditHref(state: AuditState, change: Partial<AuditState> = {}): string {
  const s = { ...state, page: 1, ...change };
  return href('/audit', {
    region: s.region,
    actor: s.actor,
    action: s.action,
    per: s.per === 50 ? undefined : s.per,
    page: s.page === 1 ? undefined : s.page,
  });
}

function detailText(detail: Record<string, unknown> | null): string {
  if (!detail) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(detail)) {
    if (key === 'fingerprint' || key === 'key' || value === '' || value === null || value === undefined) continue;
    parts.push(`${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  }
  return parts.join(' · ');
}

function targetHref(row: AuditRow): string | undefined {
  const key = typeof row.detail?.key === 'string' ? row.detail.key : undefined;
  const m = key ? /^(\d{6}(?:\d{3}){0,2})\/(\d{12})#/.exec(key) : null;
  return m ? `/items/${m[1]}/${m[2]}` : undefined;
}

export function AuditPage(props: { ui: Ui; state: AuditState; regions: RegionRow[]; rows: AuditRow[]; total: number; actions: string[] }) {
  const { ui, state, regions, rows, total } = props;
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('auditTitle')} section="audit" wide>
      <div class="page-head">
        <h1>{t('auditTitle')}</h1>
        <span class="muted">{t('resultsCount', { total })}</span>
        <Exports ui={ui} here={ui.here} />
      </div>
      <form method="get" action="/audit" class="filters">
        <select name="region" aria-label={t('region')}>
          <option value="">{t('allRegions')}</option>
          <RegionOptions regions={regions} selected={state.region} />
        </select>
        <select name="action" aria-label={t('action')}>
          <option value="">{t('allActions')}</option>
          {props.actions.map((a) => (
            <option value={a} selected={a === state.action}>
              {label(ui.lang, 'action', a)}
            </option>
          ))}
        </select>
        <input type="text" name="actor" value={state.actor ?? ''} placeholder={t('actor')} aria-label={t('actor')} maxlength={64} />
        <button type="submit" class="primary">
          {t('searchButton')}
        </button>
        <a href="/audit" class="muted">
          {t('clearFilters')}
        </a>
      </form>
      {rows.length === 0 ? (
        <Empty>{t('noAudit')}</Empty>
      ) : (
        <table class="grid audit">
          <thead>
            <tr>
              <th>{t('time')}</th>
              <th>{t('actor')}</th>
              <th>{t('action')}</th>
              <th>{t('region')}</th>
              <th>{t('target')}</th>
              <th>{t('detail')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const link = targetHref(row);
              return (
                <tr>
                  <td class="nowrap">{formatTime(row.at)}</td>
                  <td>
                    <a href={auditHref(state, { actor: row.actor })}>{row.actor}</a>
                  </td>
                  <td class="nowrap">
                    <span class={`badge act-${row.action.replace(/[^a-z-]/g, '-')}`}>{label(ui.lang, 'action', row.action)}</span>
                  </td>
                  <td>{row.regionName ?? row.region ?? ''}</td>
                  <td class="code small">{link ? <a href={link}>{row.target}</a> : row.target}</td>
                  <td class="small">{detailText(row.detail)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Pager ui={ui} page={state.page} per={state.per} total={total} link={(page) => auditHref(state, { page })} />
    </Layout>
  );
}
