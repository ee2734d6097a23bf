// Static files (no login needed), the health check and the favicon. A hashed URL is cached for a year
// (immutable); a plain name is revalidated (ETag, If-None-Match). Each file is sent compressed if the client
// accepts it, with the ETag of that representation.
import type { Hono } from 'hono';
import { chooseEncoding } from '../compress.js';
import type { Env } from '../context.js';
import { HttpError, ifNoneMatch } from '../http.js';
import { staticFile } from '../static.js';

export function registerStatic(app: Hono<Env>): void {
  app.get('/static/:name', (c) => {
    const found = staticFile(c.req.param('name'));
    if (!found) throw new HttpError(404, 'error404');
    const { file, immutable } = found;
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
    const body = file.bodies[encoding ?? 'identity'];
    c.set('encoded', true);
    c.header('ETag', body.etag);
    c.header('Vary', 'Accept-Encoding');
    c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (ifNoneMatch(c.req.header('If-None-Match'), body.etag)) return c.body(null, 304);
    c.header('Content-Type', file.type);
    if (encoding) c.header('Content-Encoding', encoding);
    return c.body(body.bytes);
  });
  app.get('/healthz', (c) => c.text('ok'));
  app.get('/favicon.ico', (c) => c.body(null, 204));
}
