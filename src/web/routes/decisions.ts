// A region's decisions.yaml with the review database's decisions brought in (what `tongbiao decisions export`
// would write), for an officer to download and commit.
import type { Hono } from 'hono';
import { decisionsYaml } from '../../catalog/decisions.js';
import { regionDecisions } from '../../store/decisions.js';
import type { Env } from '../context.js';
import { HttpError, REGION_CODE } from '../http.js';
import type { Site } from '../site.js';

export function registerDecisions(app: Hono<Env>, site: Site): void {
  app.get('/regions/:code/decisions.yaml', async (c) => {
    const code = c.req.param('code');
    if (!REGION_CODE.test(code) || !(await site.regionMap(c)).has(code)) throw new HttpError(404, 'error404', 'region');
    c.header('Content-Type', 'application/yaml; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${code}-decisions.yaml"`);
    return c.body(decisionsYaml(await regionDecisions(site.db, code)));
  });
}
