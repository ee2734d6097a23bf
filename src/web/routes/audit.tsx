// 审计日志: who did what (HTML, JSON or CSV); anonymous readers (--public-read) see the decisions only.
import type { Hono } from 'hono';
import { auditAll, auditLog } from '../../store/read/audit.js';
import { AuditPage, type AuditState } from '../../../views/audit.js';
import type { Env } from '../context.js';
import { intParam, map, MAX_PER, negotiate, patternParam, textParam } from '../http.js';
import type { Site } from '../site.js';

export function registerAudit(app: Hono<Env>, site: Site): void {
  app.get('/audit', async (c) => {
    const query = new URL(c.req.url).searchParams;
    const format = negotiate(query, c.req.header('Accept'));
    const region = await site.regionParam(c, query);
    const state: AuditState = {
      ...(region ? { region: region.code } : {}),
      actor: textParam(query, 'actor', 64),
      action: patternParam(query, 'action', /^[a-z][a-z.-]{0,39}$/, { zh: '操作名，如 review.accepted', en: 'an action such as review.accepted' }),
      page: intParam(query, 'page', 1, 1, 1_000_000),
      per: intParam(query, 'per', 50, 1, MAX_PER),
    };
    const filter = {
      // with --public-read, anonymous readers see the decisions, not who signed in from where
      decisionsOnly: !c.get('session'),
      ...(region ? { region } : {}),
      ...(state.actor ? { actor: state.actor } : {}),
      ...(state.action ? { action: state.action } : {}),
    };
    if (format === 'csv') {
      // every entry the filters select, not one page
      return site.csv(c, 'audit.csv', ['id', 'at', 'actor', 'action', 'region', 'target', 'detail'],
        map(auditAll(site.db, filter), (rows) => rows.map((r) => [r.id, r.at, r.actor, r.action, r.region, r.target, r.detail])));
    }
    const result = await auditLog(site.db, { ...filter, page: state.page, per: state.per });
    if (format === 'json') return site.jsonPage(c, state.page, state.per, result.total, { entries: result.rows });
    return site.page(c, <AuditPage ui={await site.ui(c)} state={state} regions={await site.regions(c)} rows={result.rows} total={result.total} actions={result.actions} />);
  });
}
