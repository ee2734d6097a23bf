// CSRF: every POST carries the session's token (a form field, or the X-CSRF-Token header htmx sends); the
// login form, which has no session yet, a token of its own in a short-lived cookie.
import { timingSafeEqual } from 'node:crypto';
import type { Ctx } from './context.js';
import { HttpError } from './http.js';

export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Throws 403 unless the request carries the session's CSRF token. */
export function checkCsrf(c: Ctx, body: Record<string, unknown>): void {
  const session = c.get('session');
  const sent = c.req.header('X-CSRF-Token') ?? (typeof body._csrf === 'string' ? body._csrf : undefined);
  if (!session || !sameToken(session.csrfToken, sent)) throw new HttpError(403, 'error403Csrf');
}
