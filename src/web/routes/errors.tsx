// Every error as the client asked for it: JSON for JSON clients, the login form for a GET that needs a login,
// else an error page with a link back. Unexpected errors are logged and shown as 500 without details.
import type { Hono } from 'hono';
import { ErrorPage } from '../../../views/error.js';
import { LoginPage } from '../../../views/login.js';
import { makeUi, type Ctx, type Env } from '../context.js';
import { HttpError, negotiate, safeBack, type Format } from '../http.js';
import { translator } from '../i18n.js';
import type { Site } from '../site.js';

export function registerErrors(app: Hono<Env>, site: Site): void {
  app.notFound(async (c) => renderError(site, c, new HttpError(404, 'error404')));
  app.onError(async (error, c) => {
    if (error instanceof HttpError) return renderError(site, c as Ctx, error);
    console.error(error);
    return renderError(site, c as Ctx, undefined);
  });
}

/**
 * The 返回 link: the page the client came from, when the Referer names a page of this site (it is the client's
 * word: another site's address, or one that does not parse, gives no link — never a failure of the error page).
 */
function backFrom(referer: string | undefined, here: string): string {
  if (!referer) return '';
  let from: URL;
  try {
    from = new URL(referer);
  } catch {
    return '';
  }
  return from.host === new URL(here).host ? safeBack(from.pathname + from.search, '') : '';
}

async function renderError(site: Site, c: Ctx, error: HttpError | undefined): Promise<Response> {
  const status = error?.status ?? 500;
  const lang = c.get('lang') ?? 'zh';
  const t = translator(lang);
  const detail = error === undefined ? '' : typeof error.detail === 'string' ? error.detail : error.detail[lang];
  const message = error ? t(error.messageKey, { detail }) : t('error500');
  for (const [name, value] of Object.entries(error?.headers ?? {})) c.header(name, value);
  let format: Format = 'html';
  try {
    format = negotiate(new URL(c.req.url).searchParams, c.req.header('Accept'));
  } catch {
    // a bad ?format= is itself the error being reported: answer in what the client accepts
    if (/application\/json/i.test(c.req.header('Accept') ?? '')) format = 'json';
  }
  if (format !== 'html') return c.json({ error: { status, message, ...(detail ? { detail } : {}) } }, status as 400);
  if (!c.get('lang')) c.set('lang', 'zh');
  const u = makeUi(c, site.opts, new Map());
  if (status === 401 && c.req.method === 'GET') {
    return site.page(c, <LoginPage ui={u} csrf={site.loginCsrf(c)} next={safeBack(u.here, '/')} error={t('loginRequired')} />, 401);
  }
  const back = backFrom(c.req.header('Referer'), c.req.url);
  return site.page(c, <ErrorPage ui={u} status={status} message={message} {...(back ? { back } : {})} />, status);
}
