// The web UI: a hono app over the store. Every page is a plain GET whose query string holds all its state;
// every change is a POST form that works without JavaScript (303 back) and is upgraded by htmx (row swap).
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { diffValues } from '../levels/semantic-diff.js';
import { ITEM_TYPES } from '../schema/codes.js';
import * as q from '../store/queries.js';
import { decide, reviewsFor, STATUSES } from '../store/reviews.js';
import {
  audit,
  createSession,
  deleteExpiredSessions,
  deleteSession,
  findUser,
  getSession,
  randomToken,
  SESSION_HOURS,
  verifyPassword,
} from '../store/users.js';
import { AuditPage, type AuditState } from '../../views/audit.js';
import { DiscRow, defaultBack, domId } from '../../views/components.js';
import { CoveragePage, type CoverageState } from '../../views/coverage.js';
import { DashboardPage } from '../../views/dashboard.js';
import { DecidePage } from '../../views/decide.js';
import { ErrorPage } from '../../views/error.js';
import { ItemBody, itemTitle, type VersionDiff } from '../../views/item.js';
import { LoginPage } from '../../views/login.js';
import { Layout, type Section } from '../../views/layout.js';
import { QueueBody, type QueueState } from '../../views/queue.js';
import { BodyCache, type CachedBody } from './body-cache.js';
import { makeUi, mayDecide, mayReopen, type AppOptions, type Ctx, type Env, type Ui } from './context.js';
import { displayValue } from './display.js';
import {
  badRequest,
  CATALOG_CODE,
  enumParam,
  HttpError,
  intParam,
  negotiate,
  patternParam,
  REGION_CODE,
  safeBack,
  textParam,
  toCsv,
  type Format,
} from './http.js';
import { parseLang, translator, type MsgKey } from './i18n.js';
import { LoginRateLimiter } from './rate-limit.js';
import { staticFiles } from './static.js';

export type { AppOptions } from './context.js';

const SESSION_COOKIE = 'tb_session';
const LOGIN_CSRF_COOKIE = 'tb_login_csrf';
const LANG_COOKIE = 'tb_lang';

const KINDS = ['locked', 'looser', 'tightened', 'review', 'unknown', 'missing'] as const;
const RULES = KINDS.map((k) => `level-${k}`);
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9]{0,39}$/;
const MAX_PER = 500;

// No inline scripts or styles anywhere; htmx is loaded from /static and told not to inject its own <style>.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

export function createApp(opts: AppOptions): Hono<Env> {
  const db = opts.store.db;
  const now = opts.now ?? (() => new Date());
  const limiter = new LoginRateLimiter(db, opts.loginWindowMs ?? 15 * 60_000);
  const perName = opts.loginLimitPerName ?? 5;
  // Offices sit behind one NAT address: a per-address limit of 5 would lock a whole office out after a few typos.
  const perIp = opts.loginLimitPerIp ?? 20;
  const app = new Hono<Env>();

  /** The data versions, read once per request. */
  const versionsOf = (c: Ctx): Promise<q.DataVersions> => {
    let versions = c.get('versions');
    if (!versions) c.set('versions', (versions = q.dataVersions(db)));
    return versions;
  };
  // Aggregates that are expensive on a big catalog are reused until the data they depend on changes.
  const memoStore = new Map<string, { version: string; value: unknown }>();
  /** A memo for one request: the values are kept across requests. */
  function requestMemo(c: Ctx): q.Memo {
    return async (key, compute, scope = 'reviews') => {
      const version = (await versionsOf(c))[scope];
      const hit = memoStore.get(key);
      if (hit && hit.version === version) return hit.value as Awaited<ReturnType<typeof compute>>;
      const value = await compute();
      if (memoStore.size > 1000) memoStore.clear();
      memoStore.set(key, { version, value });
      return value;
    };
  }
  const memoOf = (c: Ctx): q.Memo => {
    let memo = c.get('memo');
    if (!memo) c.set('memo', (memo = requestMemo(c)));
    return memo;
  };
  const regionsCached = (c: Ctx) => memoOf(c)('regions', () => q.listRegions(db), 'sync');
  // code → region, built once per region list (one list per sync)
  const regionMaps = new WeakMap<q.RegionRow[], Map<string, q.RegionRow>>();
  async function regionMap(c: Ctx): Promise<Map<string, q.RegionRow>> {
    const list = await regionsCached(c);
    let map = regionMaps.get(list);
    if (!map) regionMaps.set(list, (map = new Map(list.map((r) => [r.code, r]))));
    return map;
  }

  const secure = (c: Ctx) => opts.secureCookies === true || new URL(c.req.url).protocol === 'https:';

  // ---- every response: security headers. Set before the handler runs, so that they are part of the response it
  // makes: touching c.res afterwards would turn @hono/node-server's light response (a string written as it is)
  // into a web Response read back as a stream, ≈ 20% of a queue page's time. Routes may override (Cache-Control).
  app.use('*', async (c, next) => {
    c.header('Content-Security-Policy', CSP);
    c.header('X-Frame-Options', 'DENY');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (secure(c)) c.header('Strict-Transport-Security', 'max-age=15552000');
    c.header('Cache-Control', 'no-store');
    await next();
  });

  // ---- static files (no login needed)
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

  // ---- language: ?lang= switches and is remembered in a cookie
  app.use('*', async (c, next) => {
    const asked = parseLang(c.req.query('lang'));
    if (asked) setCookie(c, LANG_COOKIE, asked, { path: '/', sameSite: 'Lax', maxAge: 365 * 86400, secure: secure(c) });
    c.set('lang', asked ?? parseLang(getCookie(c, LANG_COOKIE)) ?? 'zh');
    await next();
  });

  // ---- session
  app.use('*', async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token && token.length <= 100) {
      const session = await getSession(db, token, now());
      if (session) c.set('session', session);
    }
    await next();
  });

  async function ui(c: Ctx): Promise<Ui> {
    return makeUi(c, opts, await regionMap(c));
  }

  async function page(c: Ctx, node: Child, status = 200): Promise<Response> {
    return htmlBody(c, '<!DOCTYPE html>' + (await Promise.resolve(node?.toString() ?? '')), status);
  }

  const bodies = new BodyCache(opts.pageCacheBytes ?? 32 * 1024 * 1024);
  // where the cached body goes in the rendered frame: unguessable, so no catalog text can contain it
  const BODY_MARK = `<!--${randomUUID()}-->`;

  /**
   * A page whose body (see body-cache.ts) is kept per data version, URL (ui.here: every parameter of the page,
   * and the `back` of its links), language and viewer. The body is rendered without the session's CSRF token,
   * which only the frame carries.
   */
  async function cachedPage(c: Ctx, u: Ui, section: Section, render: (shared: Ui) => Promise<{ title: string; node: Child }>): Promise<Response> {
    const viewer = u.user ? `${u.user.name}\n${u.user.role}\n${u.user.region}\n${u.user.disabled}` : '';
    const key = `${u.lang}\n${viewer}\n${u.here}`;
    const version = (await versionsOf(c)).reviews;
    let cached = bodies.get(key, version);
    if (!cached) {
      const { csrf: _withheld, ...shared } = u;
      const { title, node } = await render(shared);
      cached = { title, body: Buffer.from(String(await Promise.resolve(node?.toString() ?? '')), 'utf8') } satisfies CachedBody;
      bodies.set(key, version, cached);
    }
    const frame = '<!DOCTYPE html>' + (await Promise.resolve(
      (<Layout ui={u} title={cached.title} section={section} wide>{raw(BODY_MARK)}</Layout>).toString(),
    ));
    const at = frame.lastIndexOf(BODY_MARK);
    const bytes = Buffer.concat([Buffer.from(frame.slice(0, at), 'utf8'), cached.body, Buffer.from(frame.slice(at + BODY_MARK.length), 'utf8')]);
    return c.body(bytes, 200, { 'Content-Type': 'text/html; charset=UTF-8' });
  }

  /** An htmx fragment (a table row): not a document, so no doctype. */
  async function fragment(c: Ctx, node: Child, status = 200): Promise<Response> {
    return htmlBody(c, String(await Promise.resolve(node?.toString() ?? '')), status);
  }

  // HTML goes out as bytes encoded once: a string body is measured (Content-Length) and then encoded again
  // when written, two passes over ≈ 50 KB for every page.
  function htmlBody(c: Ctx, html: string, status: number): Response {
    return c.body(Buffer.from(html, 'utf8'), status as 200, { 'Content-Type': 'text/html; charset=UTF-8' });
  }

  function loginCsrf(c: Ctx): string {
    let token = getCookie(c, LOGIN_CSRF_COOKIE);
    if (!token || token.length > 100) {
      token = randomToken();
      setCookie(c, LOGIN_CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 3600, secure: secure(c) });
    }
    return token;
  }

  function clientAddress(c: Ctx): string {
    try {
      // only on a real server; app.request() in tests has no socket
      const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
      return incoming?.socket?.remoteAddress ?? 'local';
    } catch {
      return 'local';
    }
  }

  function sameToken(a: string | undefined, b: string | undefined): boolean {
    if (!a || !b) return false;
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }

  // ---- login / logout
  app.get('/login', async (c) => {
    const next = safeBack(c.req.query('next'), '/');
    if (c.get('session')) return c.redirect(next, 303);
    return page(c, <LoginPage ui={await ui(c)} csrf={loginCsrf(c)} next={next} />);
  });

  app.post('/login', async (c) => {
    const body = await c.req.parseBody();
    const t = translator(c.get('lang'));
    const next = safeBack(body.next, '/');
    const name = typeof body.name === 'string' ? body.name.trim().slice(0, 64) : '';
    const password = typeof body.password === 'string' ? body.password : '';
    if (!sameToken(getCookie(c, LOGIN_CSRF_COOKIE), typeof body._csrf === 'string' ? body._csrf : undefined)) {
      throw new HttpError(403, 'error403Csrf');
    }
    const ip = clientAddress(c);
    const nameKey = `name:${name.toLowerCase()}`;
    // the attempt is counted before the password is checked (see rate-limit.ts), and forgotten if it succeeds
    const reservation = await limiter.reserve([{ key: nameKey, max: perName }, { key: `ip:${ip}`, max: perIp }], now().getTime());
    if (!reservation.ok) {
      const wait = reservation.retryAfterMs;
      const minutes = Math.max(1, Math.ceil(wait / 60_000));
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      return page(c, <LoginPage ui={await ui(c)} csrf={loginCsrf(c)} next={next} name={name} error={t('loginRateLimited', { minutes })} />, 429);
    }
    const user = name ? await findUser(db, name) : undefined;
    const ok = (await verifyPassword(password, user?.passwordHash)) && user !== undefined && !user.disabled;
    if (!ok || !user) {
      await audit(db, name || '?', 'login.failed', user?.region ?? null, null, { ip });
      return page(c, <LoginPage ui={await ui(c)} csrf={loginCsrf(c)} next={next} name={name} error={t('loginFailed')} />, 401);
    }
    await limiter.succeeded(reservation, nameKey);
    await deleteExpiredSessions(db, now());
    const session = await createSession(db, user.id, now());
    setCookie(c, SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: secure(c),
      maxAge: SESSION_HOURS * 3600,
    });
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/' });
    await audit(db, user.name, 'login', user.region, null, { ip });
    return c.redirect(next, 303);
  });

  app.post('/logout', async (c) => {
    const session = c.get('session');
    if (!session) return c.redirect('/login', 303);
    const body = await c.req.parseBody();
    checkCsrf(c, body);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(db, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    await audit(db, session.user.name, 'logout', session.user.region, null, null);
    return c.redirect('/login', 303);
  });

  function checkCsrf(c: Ctx, body: Record<string, unknown>): void {
    const session = c.get('session');
    const sent = c.req.header('X-CSRF-Token') ?? (typeof body._csrf === 'string' ? body._csrf : undefined);
    if (!session || !sameToken(session.csrfToken, sent)) throw new HttpError(403, 'error403Csrf');
  }

  // ---- everything below needs a login (GETs may be public with --public-read)
  app.use('*', async (c, next) => {
    if (c.get('session')) return next();
    if (opts.publicRead && (c.req.method === 'GET' || c.req.method === 'HEAD')) return next();
    throw new HttpError(401, 'error401');
  });

  // ---- 概览
  app.get('/', async (c) => {
    const format = negotiate(new URL(c.req.url).searchParams, c.req.header('Accept'));
    const [rows, sync] = await Promise.all([q.dashboard(db, memoOf(c)), q.lastSync(db)]);
    if (format === 'json') return c.json({ sync: sync ?? null, regions: rows });
    if (format === 'csv') {
      return csv(c, 'dashboard.csv', ['code', 'name', 'level', 'parent', 'items', 'errors', 'warnings', 'open', 'decided', 'outdated', 'claimed', 'missing', 'claimRate'],
        rows.map((r) => [r.code, r.name, r.level, r.parent, r.items, r.errors, r.warnings, r.open, r.decided, r.outdated, r.claimed, r.missing, r.claimRate === null ? '' : r.claimRate.toFixed(4)]));
    }
    return page(c, <DashboardPage ui={await ui(c)} rows={rows} {...(sync ? { sync } : {})} />);
  });

  // ---- 差异审核
  async function regionParam(c: Ctx, query: URLSearchParams, name = 'region'): Promise<q.RegionRow | undefined> {
    const code = patternParam(query, name, REGION_CODE, 'a 6-digit region code');
    if (!code) return undefined;
    const region = (await regionMap(c)).get(code);
    if (!region) throw new HttpError(404, 'error404', `region ${code}`);
    return region;
  }

  app.get('/queue', async (c) => {
    const query = new URL(c.req.url).searchParams;
    const format = negotiate(query, c.req.header('Accept'));
    const region = await regionParam(c, query);
    const state: QueueState = {
      ...(region ? { region: region.code } : {}),
      scope: enumParam(query, 'scope', ['subtree', 'self'] as const) ?? 'subtree',
      kind: enumParam(query, 'kind', KINDS),
      rule: enumParam(query, 'rule', RULES),
      field: patternParam(query, 'field', FIELD_NAME, 'an element name such as materials'),
      type: enumParam(query, 'type', ITEM_TYPES),
      status: enumParam(query, 'status', STATUSES),
      q: textParam(query, 'q'),
      page: intParam(query, 'page', 1, 1, 1_000_000),
      per: intParam(query, 'per', 50, 1, MAX_PER),
    };
    const filter: q.QueueFilter = {
      ...(region ? { region } : {}),
      scope: state.scope ?? 'subtree',
      ...(state.kind ? { kind: state.kind } : {}),
      ...(state.rule ? { rule: state.rule } : {}),
      ...(state.field ? { field: state.field } : {}),
      ...(state.type ? { type: state.type } : {}),
      ...(state.status ? { status: state.status as q.QueueFilter['status'] } : {}),
      ...(state.q ? { q: state.q } : {}),
      page: state.page,
      per: state.per,
    };
    if (format === 'html') {
      return cachedPage(c, await ui(c), 'queue', async (shared) => {
        const result = await q.queue(db, filter, memoOf(c));
        return { title: shared.t('queueTitle'), node: <QueueBody ui={shared} state={state} regions={await regionsCached(c)} result={result} /> };
      });
    }
    const result = await q.queue(db, filter, memoOf(c));
    if (format === 'json') return c.json({ total: result.total, page: state.page, per: state.per, facets: result.facets, discrepancies: result.rows });
    const lang = c.get('lang');
    return csv(c, 'queue.csv',
      ['key', 'region', 'regionName', 'catalogCode', 'itemName', 'type', 'field', 'path', 'kind', 'rule', 'against', 'ours', 'theirs', 'status', 'decision', 'decidedBy', 'decidedAt', 'reason'],
      result.rows.map((r) => [r.key, r.region, r.regionName, r.catalogCode, r.itemName, r.type, r.field, r.path, r.kind, r.rule, r.against,
        displayValue(r.ours, lang), displayValue(r.theirs, lang), r.status, r.verdict?.decision, r.verdict?.author, r.verdict?.at, r.verdict?.reason]));
  });

  // ---- 事项详情
  app.get('/items/:region/:code', async (c) => {
    const query = new URL(c.req.url).searchParams;
    const format = negotiate(query, c.req.header('Accept'), false);
    const regionCode = c.req.param('region');
    const code = c.req.param('code');
    if (!REGION_CODE.test(regionCode) || !CATALOG_CODE.test(code)) throw new HttpError(404, 'error404');
    const from = query.has('from') ? intParam(query, 'from', 0, 1, Number.MAX_SAFE_INTEGER) : undefined;
    const to = query.has('to') ? intParam(query, 'to', 0, 1, Number.MAX_SAFE_INTEGER) : undefined;
    const load = async () => {
      const found = await q.itemPage(db, regionCode, code, await regionMap(c));
      if (!found) throw new HttpError(404, 'error404', `${regionCode}/${code}`);
      let diff: VersionDiff | undefined;
      if (from !== undefined && to !== undefined) {
        const a = found.versions.find((v) => v.id === from);
        const b = found.versions.find((v) => v.id === to);
        if (!a || !b) throw new HttpError(404, 'error404', 'version');
        diff = { from: a, to: b, changes: diffValues(b.body ?? {}, a.body ?? {}) };
      } else if (from !== undefined || to !== undefined) {
        throw badRequest('from and to go together');
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
    return cachedPage(c, await ui(c), 'item', async (shared) => {
      const { found, diff } = await load();
      return {
        title: itemTitle(found),
        node: <ItemBody ui={shared} page={found} reviews={found.reviews} {...(diff ? { diff } : {})} {...(from ? { from } : {})} {...(to ? { to } : {})} />,
      };
    });
  });

  // ---- 认领覆盖
  app.get('/coverage', async (c) => {
    const query = new URL(c.req.url).searchParams;
    const format = negotiate(query, c.req.header('Accept'));
    const top = await q.topRegion(db);
    const root = (await regionParam(c, query)) ?? top;
    const state: CoverageState = {
      ...(root ? { region: root.code } : {}),
      q: textParam(query, 'q'),
      gaps: enumParam(query, 'gaps', ['1', '0'] as const) === '1',
      all: enumParam(query, 'all', ['1', '0'] as const) === '1',
      page: intParam(query, 'page', 1, 1, 1_000_000),
      per: intParam(query, 'per', 50, 1, MAX_PER),
    };
    const result = root
      ? await q.coverage(db, { root, ...(state.q ? { q: state.q } : {}), gaps: state.gaps, all: state.all, page: state.page, per: state.per }, memoOf(c))
      : undefined;
    const empty: q.CoverageResult = { top: root!, columns: [], total: 0, rows: [] };
    const data = result ?? empty;
    if (format === 'json') {
      return c.json({
        total: data.total,
        page: state.page,
        per: state.per,
        regions: data.columns.map((col) => ({ code: col.code, name: col.name, level: col.level, claimed: col.claimed, missing: col.missing })),
        items: data.rows.map((r) => ({
          catalogCode: r.catalogCode, name: r.name, type: r.type, useLevel: r.useLevel,
          regions: Object.fromEntries(r.cells.map((cell, i) => [data.columns[i]!.code, cell])),
        })),
      });
    }
    if (format === 'csv') {
      return csv(c, 'coverage.csv', ['catalogCode', 'name', 'type', ...data.columns.map((col) => `${col.code} ${col.name ?? ''}`.trim())],
        data.rows.map((r) => [r.catalogCode, r.name, r.type, ...r.cells]));
    }
    if (!result) return page(c, <ErrorPage ui={await ui(c)} status={404} message={translator(c.get('lang'))('neverSynced')} />, 404);
    return page(c, <CoveragePage ui={await ui(c)} state={state} regions={await regionsCached(c)} result={result} />);
  });

  // ---- 审计日志
  app.get('/audit', async (c) => {
    const query = new URL(c.req.url).searchParams;
    const format = negotiate(query, c.req.header('Accept'));
    const region = await regionParam(c, query);
    const state: AuditState = {
      ...(region ? { region: region.code } : {}),
      actor: textParam(query, 'actor', 64),
      action: patternParam(query, 'action', /^[a-z][a-z.-]{0,39}$/, 'an action such as review.accepted'),
      page: intParam(query, 'page', 1, 1, 1_000_000),
      per: intParam(query, 'per', 50, 1, MAX_PER),
    };
    const result = await q.auditLog(db, {
      // with --public-read, anonymous readers see the decisions, not who signed in from where
      decisionsOnly: !c.get('session'),
      ...(region ? { region } : {}),
      ...(state.actor ? { actor: state.actor } : {}),
      ...(state.action ? { action: state.action } : {}),
      page: state.page,
      per: state.per,
    });
    if (format === 'json') return c.json({ total: result.total, page: state.page, per: state.per, entries: result.rows });
    if (format === 'csv') {
      return csv(c, 'audit.csv', ['id', 'at', 'actor', 'action', 'region', 'target', 'detail'],
        result.rows.map((r) => [r.id, r.at, r.actor, r.action, r.region, r.target, r.detail]));
    }
    return page(c, <AuditPage ui={await ui(c)} state={state} regions={await regionsCached(c)} rows={result.rows} total={result.total} actions={result.actions} />);
  });

  // ---- deciding
  // The decision form of one discrepancy: a page of its own without JavaScript; with htmx (HX-Request) the row
  // alone, open (the form) or closed again (`close=1`, the form's cancel link), swapped in place.
  app.get('/decide', async (c) => {
    const query = new URL(c.req.url).searchParams;
    const key = query.get('key') ?? '';
    if (key.length === 0 || key.length > 300) throw badRequest('key');
    const view = enumParam(query, 'view', ['queue', 'item'] as const) ?? 'queue';
    const close = enumParam(query, 'close', ['1'] as const) === '1';
    const row = await q.queueRow(db, key);
    if (!row) throw new HttpError(404, 'error404', 'discrepancy');
    const back = safeBack(query.get('back') ?? undefined, defaultBack(row, view));
    const history = (await reviewsFor(db, [key])).get(key) ?? [];
    const u = await ui(c);
    c.header('Vary', 'HX-Request');
    if (c.req.header('HX-Request') === 'true') {
      return fragment(c, <DiscRow ui={u} row={row} back={back} view={view} form={!close} {...(view === 'item' ? { history } : {})} />);
    }
    if (close) return c.redirect(`${back}#d-${domId(key)}`, 303);
    return page(c, <DecidePage ui={u} row={row} back={back} view={view} history={history} />);
  });

  app.post('/decide', async (c) => {
    const session = c.get('session')!;
    const body = await c.req.parseBody();
    const htmx = c.req.header('HX-Request') === 'true';
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const key = field('key');
    const view = field('view') === 'item' ? 'item' : 'queue';
    const back = safeBack(body.back, '/queue');
    const t = translator(c.get('lang'));
    const regions = await regionMap(c);

    // Answers a failure: htmx gets the row back with the message (it swaps 4xx too), a plain form a page.
    const fail = async (status: 400 | 403 | 404 | 409, messageKey: MsgKey): Promise<Response> => {
      const row = key ? await q.queueRow(db, key) : undefined;
      if (htmx && row) {
        const u = await ui(c);
        const history = view === 'item' ? { history: (await reviewsFor(db, [key])).get(key) ?? [] } : {};
        return fragment(c, <DiscRow ui={u} row={row} back={back} view={view} error={t(messageKey)} form {...history} />, status);
      }
      throw new HttpError(status, messageKey);
    };

    try {
      checkCsrf(c, body);
    } catch {
      return fail(403, 'error403Csrf');
    }
    if (key.length === 0 || key.length > 300) throw badRequest('key');
    const row = await q.queueRow(db, key);
    if (!row) throw new HttpError(404, 'error404', 'discrepancy');
    const lineage = regions.get(row.region)?.lineage;
    if (!mayDecide(session.user, lineage)) return fail(403, 'error403Region');
    const decision = field('decision');
    if (decision === 'reopened' && row.verdict && !mayReopen(session.user, lineage, row.verdict.author)) return fail(403, 'error403');
    const outcome = await decide(db, {
      key,
      fingerprint: field('fingerprint'),
      decision,
      reason: field('reason').slice(0, 2000),
      actor: session.user.name,
    });
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404, 'error404', 'discrepancy');
      if (outcome.reason === 'changed') return fail(409, 'errChanged');
      if (outcome.reason === 'not-decided') return fail(409, 'errNotDecided');
      if (outcome.reason === 'reason-required') return fail(400, 'errReasonRequired');
      throw badRequest('decision must be accepted, fix-requested, comment or reopened');
    }
    if (htmx) {
      const updated = (await q.queueRow(db, key))!;
      const history = view === 'item' ? { history: (await reviewsFor(db, [key])).get(key) ?? [] } : {};
      return fragment(c, <DiscRow ui={await ui(c)} row={updated} back={back} view={view} notice={t('saved')} {...history} />);
    }
    return c.redirect(`${back}#d-${domId(key)}`, 303);
  });

  // ---- errors
  app.notFound(async (c) => renderError(c, new HttpError(404, 'error404')));
  app.onError(async (error, c) => {
    if (error instanceof HttpError) return renderError(c as Ctx, error);
    console.error(error);
    return renderError(c as Ctx, undefined);
  });

  async function renderError(c: Ctx, error: HttpError | undefined): Promise<Response> {
    const status = error?.status ?? 500;
    const t = translator(c.get('lang') ?? 'zh');
    const message = error ? t(error.messageKey, { detail: error.detail }) : t('error500');
    for (const [name, value] of Object.entries(error?.headers ?? {})) c.header(name, value);
    let format: Format = 'html';
    try {
      format = negotiate(new URL(c.req.url).searchParams, c.req.header('Accept'));
    } catch {
      // a bad ?format= is itself the error being reported: answer in what the client accepts
      if (/application\/json/i.test(c.req.header('Accept') ?? '')) format = 'json';
    }
    if (format !== 'html') return c.json({ error: { status, message, ...(error?.detail ? { detail: error.detail } : {}) } }, status as 400);
    if (!c.get('lang')) c.set('lang', 'zh');
    const u = makeUi(c, opts, new Map());
    if (status === 401 && c.req.method === 'GET') {
      return page(c, <LoginPage ui={u} csrf={loginCsrf(c)} next={safeBack(u.here, '/')} error={t('loginRequired')} />, 401);
    }
    const referer = c.req.header('Referer');
    const back = referer ? safeBack(new URL(referer, c.req.url).pathname + new URL(referer, c.req.url).search, '') : '';
    return page(c, <ErrorPage ui={u} status={status} message={message} {...(back ? { back } : {})} />, status);
  }

  function csv(c: Ctx, name: string, header: string[], rows: unknown[][]): Response {
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    return c.body(toCsv(header, rows));
  }

  return app;
}
