// What runs around every route: security headers, the language, the session, the size of a form, and the login
// requirement.
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import type { MiddlewareHandler } from 'hono';
import type { Env } from './context.js';
import { HttpError } from './http.js';
import { parseLang } from './i18n.js';
import type { Site } from './site.js';

export const SESSION_COOKIE = 'tb_session';
const LANG_COOKIE = 'tb_lang';

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

/**
 * Security headers on every response. Set before the handler runs, so that they are part of the response it
 * makes: touching c.res afterwards would turn @hono/node-server's light response (a string written as it is)
 * into a web Response read back as a stream, ≈ 20% of a queue page's time. Routes may override (Cache-Control).
 */
export function securityHeaders(site: Site): MiddlewareHandler<Env> {
  return async (c, next) => {
    c.header('Content-Security-Policy', CSP);
    c.header('X-Frame-Options', 'DENY');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (site.secure(c)) c.header('Strict-Transport-Security', 'max-age=15552000');
    c.header('Cache-Control', 'no-store');
    await next();
  };
}

/** The language: `?lang=` switches and is remembered in a cookie; Chinese by default. */
export function language(site: Site): MiddlewareHandler<Env> {
  return async (c, next) => {
    const asked = parseLang(c.req.query('lang'));
    if (asked) setCookie(c, LANG_COOKIE, asked, { path: '/', sameSite: 'Lax', maxAge: 365 * 86400, secure: site.secure(c) });
    c.set('lang', asked ?? parseLang(getCookie(c, LANG_COOKIE)) ?? 'zh');
    await next();
  };
}

/** The signed-in session, if the cookie names a live one. */
export function session(site: Site): MiddlewareHandler<Env> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token && token.length <= 100) {
      const found = await site.sessionOf(token);
      if (found) c.set('session', found);
    }
    await next();
  };
}

/**
 * The largest request body: every POST is a small form (a decision's reason is at most 2,000 characters, a few KB
 * encoded). A bigger one is refused (413, said on the error page) before it is read — it would otherwise be held
 * whole in memory, and /login takes posts from anyone.
 */
export const MAX_BODY_BYTES = 64 * 1024;

export function bodySize(): MiddlewareHandler<Env> {
  return bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new HttpError(413, 'error413');
    },
  });
}

/** Everything registered after this needs a login (GETs may be public with --public-read). */
export function requireLogin(site: Site): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (c.get('session')) return next();
    if (site.opts.publicRead && (c.req.method === 'GET' || c.req.method === 'HEAD')) return next();
    throw new HttpError(401, 'error401');
  };
}
