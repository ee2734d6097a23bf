// The web UI: a hono app over the store. Every page is a plain GET whose query string holds all its state;
// every change is a POST form that works without JavaScript (303 back) and is upgraded by htmx (row swap).
// This file only puts the pieces in order: middleware, then one route module per page (routes/), each with
// its query module in store/read/. What comes after requireLogin needs a login.
import { Hono } from 'hono';
import { compression } from './compress.js';
import type { AppOptions, Env } from './context.js';
import { bodySize, language, requireLogin, securityHeaders, session } from './middleware.js';
import { registerAudit } from './routes/audit.js';
import { registerCoverage } from './routes/coverage.js';
import { registerDashboard } from './routes/dashboard.js';
import { registerDecide } from './routes/decide.js';
import { registerDecisions } from './routes/decisions.js';
import { registerErrors } from './routes/errors.js';
import { registerExport } from './routes/export.js';
import { registerFiles } from './routes/files.js';
import { registerItem } from './routes/item.js';
import { registerLogin } from './routes/login.js';
import { registerQueue } from './routes/queue.js';
import { registerSearch } from './routes/search.js';
import { registerStatic } from './routes/static.js';
import { registerUsers } from './routes/users.js';
import { Site } from './site.js';

export type { AppOptions } from './context.js';

export function createApp(opts: AppOptions): Hono<Env> {
  const site = new Site(opts);
  const app = new Hono<Env>();
  app.use('*', securityHeaders(site));
  app.use('*', compression());
  registerStatic(app);
  app.use('*', language(site));
  app.use('*', session(site));
  app.use('*', bodySize());
  registerLogin(app, site);
  app.use('*', requireLogin(site));
  registerDashboard(app, site);
  registerQueue(app, site);
  registerItem(app, site);
  registerFiles(app, site);
  registerSearch(app, site);
  registerCoverage(app, site);
  registerAudit(app, site);
  registerExport(app, site);
  registerDecide(app, site);
  registerUsers(app, site);
  registerDecisions(app, site);
  registerErrors(app, site);
  return app;
}
