// 事项附件: a file an item refers to (空白表格, 示例样表, 审批结果样本), served from the catalog's files/ at the
// synced revision (catalog-files.ts says why and how). Only a path the region's own item refers to is served, under
// that item's URL, so reading a file needs what reading the item needs; anything else is the 404 page.
import type { Hono } from 'hono';
import { forEachFileRef } from '../../rules/file-ref.js';
import { currentItemBody } from '../../store/read/item.js';
import { lastSyncOf } from '../../store/read/regions.js';
import { contentDisposition, filesPath, fileType, readCatalogFile } from '../catalog-files.js';
import type { Env } from '../context.js';
import { CATALOG_CODE, HttpError, REGION_CODE } from '../http.js';
import type { Site } from '../site.js';

export function registerFiles(app: Hono<Env>, site: Site): void {
  app.get('/items/:region/:code/files/*', async (c) => {
    const regionCode = c.req.param('region');
    const code = c.req.param('code');
    if (!REGION_CODE.test(regionCode) || !CATALOG_CODE.test(code)) throw new HttpError(404, 'error404');
    // the path as sent (still encoded), so that each segment is decoded once, by filesPath
    const prefix = `/items/${regionCode}/${code}/files/`;
    const raw = new URL(c.req.url).pathname;
    const path = raw.startsWith(prefix) ? filesPath(raw.slice(prefix.length).split('/')) : undefined;
    if (!path) throw new HttpError(404, 'fileNotFound', raw.slice(prefix.length));
    if (site.opts.catalogDir === undefined) throw new HttpError(404, 'fileNoCatalog');
    // the files as synced: at the revision of the last sync, the one the item page shows
    const [body, sync] = await Promise.all([currentItemBody(site.db, regionCode, code), lastSyncOf(site.db, site.memoOf(c))]);
    let referenced = false;
    if (body) forEachFileRef(body, (value) => (referenced ||= value === path));
    const git = referenced && sync ? await site.catalogRepo() : undefined;
    const bytes = git && sync ? await readCatalogFile(git, sync.revision, path) : undefined;
    if (!bytes) throw new HttpError(404, 'fileNotFound', path);
    const { type, inline } = fileType(path);
    c.set('encoded', true);
    c.header('Content-Type', type);
    c.header('Content-Disposition', contentDisposition(path.slice(path.lastIndexOf('/') + 1), inline));
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'private, no-cache');
    return c.body(bytes as Uint8Array<ArrayBuffer>);
  });
}
