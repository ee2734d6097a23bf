// Static files (no login needed), the health check and the favicon.
import type { Hono } from 'hono';
import type { Env } from '../context.js';
import { HttpError } from '../http.js';
import { staticFiles } from '../static.js';

export function registerStatic(app: Hono<Env>): void {
  app.get('/static/:name', (c) => {
    const file = staticFiles().get(c.req.param('name'));
    if (!file) throw new HttpError(404, 'error404');
    c.header('ETag', file.etag);
    c.header('Cache-Control', 'no-cache');
    if (c.req.header('If-None-Match') === file.etag) return c.body(null, 304);
    c.header('Content-Type', file.type);
    return c.body(file.body);
  });
  app.get('/healthz', (c) => c.text('ok'));
  app.get('/favicon.ico', (c) => c.body(null, 204));
}
