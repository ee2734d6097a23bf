// 概览: every region's counts (HTML, JSON or CSV).
import type { Hono } from 'hono';
import { lastSyncOf } from '../../store/read/regions.js';
import { dashboard } from '../../store/read/dashboard.js';
import { DashboardPage } from '../../../views/dashboard.js';
import type { Env } from '../context.js';
import { negotiate } from '../http.js';
import type { Site } from '../site.js';

export function registerDashboard(app: Hono<Env>, site: Site): void {
  app.get('/', async (c) => {
    const format = negotiate(new URL(c.req.url).searchParams, c.req.header('Accept'));
    const [rows, sync] = await Promise.all([dashboard(site.db, site.memoOf(c)), lastSyncOf(site.db, site.memoOf(c))]);
    if (format === 'json') return c.json({ sync: sync ?? null, regions: rows });
    if (format === 'csv') {
      return site.csv(c, 'dashboard.csv', ['code', 'name', 'level', 'parent', 'items', 'errors', 'acceptedErrors', 'warnings', 'open', 'decided', 'outdated', 'claimed', 'missing', 'claimRate', 'notInGit'],
        rows.map((r) => [r.code, r.name, r.level, r.parent, r.items, r.errors, r.acceptedErrors, r.warnings, r.open, r.decided, r.outdated, r.claimed, r.missing, r.claimRate === null ? '' : r.claimRate.toFixed(4), r.notInGit]));
    }
    return site.page(c, <DashboardPage ui={await site.ui(c)} rows={rows} {...(sync ? { sync } : {})} />);
  });
}
