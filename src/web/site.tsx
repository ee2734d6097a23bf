// What the routes share for the life of the app: the store, the kept aggregates (Memo) and page bodies
// (body-cache.ts), the region map, and how a page, a fragment or a CSV file goes out. One per createApp.
import { randomUUID } from 'node:crypto';
import { getCookie, setCookie } from 'hono/cookie';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { openRepo, type GitRepo } from '../catalog/git.js';
import type { Db } from '../store/db.js';
import { dataVersions, listRegions, type DataVersions, type Memo, type RegionRow } from '../store/read/regions.js';
import { getSession, randomToken, type Session } from '../store/users.js';
import { Layout, type Section } from '../../views/layout.js';
import { BodyCache, type CachedBody } from './body-cache.js';
import { encodedBody } from './compress.js';
import { makeUi, type AppOptions, type Ctx, type Ui } from './context.js';
import { csvHead, csvLine, HttpError, pageLinks, patternParam, REGION_CODE } from './http.js';

export const LOGIN_CSRF_COOKIE = 'tb_login_csrf';

export class Site {
  readonly db: Db;
  readonly now: () => Date;
  // Aggregates that are expensive on a big catalog are reused until the data they depend on changes.
  private readonly memoStore = new Map<string, { version: string; value: unknown }>();
  // code → region, built once per region list (one list per sync)
  private readonly regionMaps = new WeakMap<RegionRow[], Map<string, RegionRow>>();
  private readonly bodies: BodyCache;
  // where the cached body goes in the rendered frame: unguessable, so no catalog text can contain it
  private readonly bodyMark = `<!--${randomUUID()}-->`;
  // the catalog's repository once opened (catalogRepo)
  private repo: Promise<GitRepo> | undefined;

  constructor(readonly opts: AppOptions) {
    this.db = opts.store.db;
    this.now = opts.now ?? (() => new Date());
    this.bodies = new BodyCache(opts.pageCacheBytes ?? 32 * 1024 * 1024);
  }

  /**
   * The git repository of the catalog the database was synced from (serve --catalog), which the item files and
   * the fix patches are read from; undefined when the server has no catalog. Opened on first use and kept. An
   * opening that fails is not kept: the request that met it is answered 503 — the reason goes to the log, not to
   * the page, as it names the server's folders — and the next request tries again, so a catalog that is made a
   * repository, or mounted, after the server started is used without a restart.
   */
  async catalogRepo(): Promise<GitRepo | undefined> {
    const dir = this.opts.catalogDir;
    if (dir === undefined) return undefined;
    const opening = (this.repo ??= openRepo(dir));
    try {
      return await opening;
    } catch (error) {
      if (this.repo === opening) this.repo = undefined;
      console.error(`tongbiao: cannot open the catalog's git repository: ${(error as Error).message}`);
      throw new HttpError(503, 'errCatalogRepo');
    }
  }

  secure(c: Ctx): boolean {
    return this.opts.secureCookies === true || new URL(c.req.url).protocol === 'https:';
  }

  sessionOf(token: string): Promise<Session | undefined> {
    return getSession(this.db, token, this.now());
  }

  /** The data versions, read once per request. */
  versionsOf(c: Ctx): Promise<DataVersions> {
    let versions = c.get('versions');
    if (!versions) c.set('versions', (versions = dataVersions(this.db)));
    return versions;
  }

  /** This request changed the data (a decision): the versions are read again when next asked for. */
  dataChanged(c: Ctx): void {
    c.set('versions', undefined);
  }

  /** This request's memo: the values are kept across requests, per data version. */
  memoOf(c: Ctx): Memo {
    let memo = c.get('memo');
    if (!memo) {
      memo = async (key, compute, scope = 'reviews') => {
        const version = (await this.versionsOf(c))[scope];
        const hit = this.memoStore.get(key);
        if (hit && hit.version === version) return hit.value as Awaited<ReturnType<typeof compute>>;
        const value = await compute();
        if (this.memoStore.size > 1000) this.memoStore.clear();
        this.memoStore.set(key, { version, value });
        return value;
      };
      c.set('memo', memo);
    }
    return memo;
  }

  regions(c: Ctx): Promise<RegionRow[]> {
    return this.memoOf(c)('regions', () => listRegions(this.db), 'sync');
  }

  async regionMap(c: Ctx): Promise<Map<string, RegionRow>> {
    const list = await this.regions(c);
    let map = this.regionMaps.get(list);
    if (!map) this.regionMaps.set(list, (map = new Map(list.map((r) => [r.code, r]))));
    return map;
  }

  /** The region a query parameter names (404 if there is none such), or undefined when it is not given. */
  async regionParam(c: Ctx, query: URLSearchParams, name = 'region'): Promise<RegionRow | undefined> {
    const code = patternParam(query, name, REGION_CODE, { zh: '区划代码（6、9 或 12 位数字）', en: 'a region code (6, 9 or 12 digits)' });
    if (!code) return undefined;
    const region = (await this.regionMap(c)).get(code);
    if (!region) throw new HttpError(404, 'error404', `region ${code}`);
    return region;
  }

  async ui(c: Ctx): Promise<Ui> {
    return makeUi(c, this.opts, await this.regionMap(c));
  }

  /** The login form's CSRF token, in a cookie of its own (there is no session yet). */
  loginCsrf(c: Ctx): string {
    let token = getCookie(c, LOGIN_CSRF_COOKIE);
    if (!token || token.length > 100) {
      token = randomToken();
      setCookie(c, LOGIN_CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 3600, secure: this.secure(c) });
    }
    return token;
  }

  async page(c: Ctx, node: Child, status = 200): Promise<Response> {
    return htmlBody(c, '<!DOCTYPE html>' + (await Promise.resolve(node?.toString() ?? '')), status);
  }

  /** An htmx fragment (a table row): not a document, so no doctype. */
  async fragment(c: Ctx, node: Child, status = 200): Promise<Response> {
    return htmlBody(c, String(await Promise.resolve(node?.toString() ?? '')), status);
  }

  /**
   * A page whose body (see body-cache.ts) is kept per data version, URL (ui.here: every parameter of the page,
   * and the `back` of its links), language and viewer. The body is rendered without the session's CSRF token,
   * which only the frame carries.
   */
  async cachedPage(c: Ctx, u: Ui, section: Section, render: (shared: Ui) => Promise<{ title: string; node: Child }>): Promise<Response> {
    const viewer = u.user ? `${u.user.name}\n${u.user.role}\n${u.user.region}\n${u.user.disabled}` : '';
    const key = `${u.lang}\n${viewer}\n${u.here}`;
    const version = (await this.versionsOf(c)).reviews;
    let cached = this.bodies.get(key, version);
    if (!cached) {
      const { csrf: _withheld, ...shared } = u;
      const { title, node } = await render(shared);
      cached = { title, body: Buffer.from(String(await Promise.resolve(node?.toString() ?? '')), 'utf8') } satisfies CachedBody;
      this.bodies.set(key, version, cached);
    }
    const frame = '<!DOCTYPE html>' + (await Promise.resolve(
      (<Layout ui={u} title={cached.title} section={section} wide>{raw(this.bodyMark)}</Layout>).toString(),
    ));
    const at = frame.lastIndexOf(this.bodyMark);
    const bytes = Buffer.concat([Buffer.from(frame.slice(0, at), 'utf8'), cached.body, Buffer.from(frame.slice(at + this.bodyMark.length), 'utf8')]);
    return encodedBody(c, bytes, HTML);
  }

  /** A page of a JSON list: the body (which says the total) and the Link header to the other pages. */
  jsonPage(c: Ctx, page: number, per: number, total: number, body: Record<string, unknown>): Response {
    const links = pageLinks(new URL(c.req.url), page, per, total);
    if (links) c.header('Link', links);
    return c.json({ total, page, per, ...body });
  }

  /**
   * A CSV file of `rows`, streamed: a chunk of rows at a time is written as it is read (an export of every
   * matching row never holds them all), and a chunk that fails ends the download short, logged.
   */
  csv(c: Ctx, name: string, header: readonly string[], rows: AsyncIterable<readonly (readonly unknown[])[]> | readonly (readonly unknown[])[]): Response {
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    const chunks: AsyncIterable<readonly (readonly unknown[])[]> = Symbol.asyncIterator in rows ? rows : (async function* () { yield rows; })();
    const encoder = new TextEncoder();
    const iterator = chunks[Symbol.asyncIterator]();
    let started = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvHead(header)));
          return;
        }
        try {
          const next = await iterator.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value.map(csvLine).join('')));
        } catch (error) {
          console.error(error);
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    });
    return c.body(body);
  }
}

const HTML = 'text/html; charset=UTF-8';

// HTML goes out as bytes encoded once: a string body is measured (Content-Length) and then encoded again
// when written, two passes over ≈ 50 KB for every page.
function htmlBody(c: Ctx, html: string, status: number): Promise<Response> {
  return encodedBody(c, Buffer.from(html, 'utf8'), HTML, status);
}
