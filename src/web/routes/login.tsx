// Signing in and out (登录 / 退出). Failed attempts slow down per user name + client address, and are capped
// per address across names (rate-limit.ts); every sign-in, failure and sign-out is audited.
import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { audit, createSession, deleteExpiredSessions, deleteSession, findUser, SESSION_HOURS, verifyPassword } from '../../store/users.js';
import { LoginPage } from '../../../views/login.js';
import type { Ctx, Env } from '../context.js';
import { checkCsrf, sameToken } from '../csrf.js';
import { clientAddress, HttpError, safeBack } from '../http.js';
import { translator } from '../i18n.js';
import { SESSION_COOKIE } from '../middleware.js';
import { LoginRateLimiter, loginLimits, pairKey } from '../rate-limit.js';
import { LOGIN_CSRF_COOKIE, type Site } from '../site.js';

/** The client's address: the socket's peer, or behind trusted proxies the one they say (http.ts clientAddress). */
function addressOf(c: Ctx, trustProxy: number): string {
  let peer: string | undefined;
  try {
    // only on a real server; app.request() in tests has no socket
    peer = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
  } catch {
    peer = undefined;
  }
  return clientAddress(peer, c.req.header('X-Forwarded-For'), trustProxy);
}

export function registerLogin(app: Hono<Env>, site: Site): void {
  const { db, opts } = site;
  const limiter = new LoginRateLimiter(db, opts.loginWindowMs ?? 15 * 60_000);
  // Offices sit behind one NAT address: a per-address limit of 5 would lock a whole office out after a few typos.
  const policy = { perAddress: opts.loginLimitPerIp ?? 20, free: opts.loginFreeFailures ?? 3 };

  app.get('/login', async (c) => {
    const next = safeBack(c.req.query('next'), '/');
    if (c.get('session')) return c.redirect(next, 303);
    return site.page(c, <LoginPage ui={await site.ui(c)} csrf={site.loginCsrf(c)} next={next} />);
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
    const ip = addressOf(c, opts.trustProxy ?? 0);
    // the attempt is counted before the password is checked (see rate-limit.ts), and forgotten if it succeeds
    const reservation = await limiter.reserve(loginLimits(name, ip, policy), site.now().getTime());
    if (!reservation.ok) {
      const seconds = Math.ceil(reservation.retryAfterMs / 1000);
      c.header('Retry-After', String(seconds));
      const error = seconds < 60 ? t('loginRateLimitedSeconds', { seconds }) : t('loginRateLimited', { minutes: Math.ceil(seconds / 60) });
      return site.page(c, <LoginPage ui={await site.ui(c)} csrf={site.loginCsrf(c)} next={next} name={name} error={error} />, 429);
    }
    const user = name ? await findUser(db, name) : undefined;
    const ok = (await verifyPassword(password, user?.passwordHash)) && user !== undefined && !user.disabled;
    if (!ok || !user) {
      await audit(db, name || '?', 'login.failed', user?.region ?? null, null, { ip });
      return site.page(c, <LoginPage ui={await site.ui(c)} csrf={site.loginCsrf(c)} next={next} name={name} error={t('loginFailed')} />, 401);
    }
    await limiter.succeeded(reservation, pairKey(name, ip));
    await deleteExpiredSessions(db, site.now());
    const session = await createSession(db, user.id, site.now());
    setCookie(c, SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: site.secure(c),
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
}
