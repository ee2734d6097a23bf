// 事项详情: one region's item beside its parent's and the province's, its findings, discrepancies, decisions
// and versions; `?from=&to=` compares two versions (HTML or JSON).
import type { Hono } from 'hono';
import { diffValues } from '../../levels/semantic-diff.js';
import { itemPage } from '../../store/read/item.js';
import { ItemBody, itemTitle, type VersionDiff } from '../../../views/item.js';
import type { Env } from '../context.js';
import { badRequest, CATALOG_CODE, HttpError, intParam, negotiate, REGION_CODE } from '../http.js';
import type { Site } from '../site.js';

export function registerItem(app: Hono<Env>, site: Site): void {
  app.get('/items/:region/:code', async (c) => {
    const query = new URL(c.req.url).searchParams;
    const format = negotiate(query, c.req.header('Accept'), false);
    const regionCode = c.req.param('region');
    const code = c.req.param('code');
    if (!REGION_CODE.test(regionCode) || !CATALOG_CODE.test(code)) throw new HttpError(404, 'error404');
    const from = query.has('from') ? intParam(query, 'from', 0, 1, Number.MAX_SAFE_INTEGER) : undefined;
    const to = query.has('to') ? intParam(query, 'to', 0, 1, Number.MAX_SAFE_INTEGER) : undefined;
    const load = async () => {
      const found = await itemPage(site.db, regionCode, code, await site.regionMap(c));
      if (!found) throw new HttpError(404, 'error404', `${regionCode}/${code}`);
      let diff: VersionDiff | undefined;
      if (from !== undefined && to !== undefined) {
        const a = found.versions.find((v) => v.id === from);
        const b = found.versions.find((v) => v.id === to);
        if (!a || !b) throw new HttpError(404, 'error404', 'version');
        diff = { from: a, to: b, changes: diffValues(b.body ?? {}, a.body ?? {}) };
      } else if (from !== undefined || to !== undefined) {
        throw badRequest('参数 from 和 to 须同时给出', 'from and to go together');
      }
      return { found, diff };
    };
    if (format === 'json') {
      const { found: { reviews, ...data }, diff } = await load();
      return c.json({
        ...data,
        reviews: Object.fromEntries(reviews),
        ...(diff ? { versionDiff: { from: diff.from.id, to: diff.to.id, changes: diff.changes } } : {}),
      });
    }
    return site.cachedPage(c, await site.ui(c), 'item', async (shared) => {
      const { found, diff } = await load();
      return {
        title: itemTitle(found),
        node: <ItemBody ui={shared} page={found} reviews={found.reviews} {...(diff ? { diff } : {})} {...(from ? { from } : {})} {...(to ? { to } : {})} />,
      };
    });
  });
}
