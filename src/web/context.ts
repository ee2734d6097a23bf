// What every request carries (hono variables) and what every view receives (Ui).
import type { ReviewRow } from '../store/rows.js';
import type { Context } from 'hono';
import type { Store } from '../store/db.js';
import type { DataVersions, Memo, RegionRow } from '../store/read/regions.js';
import { inSubtree } from '../store/rows.js';
import type { Session, User } from '../store/users.js';
import { translator, type Lang, type Translate } from './i18n.js';

export interface AppOptions {
  store: Store;
  /** pages readable without logging in (deciding still needs a login) */
  publicRead?: boolean;
  /** always mark cookies Secure (behind a TLS-terminating proxy); they are anyway when the request is https */
  secureCookies?: boolean;
  /** failed logins of one name from one address before each further attempt waits (1 s, doubling; rate-limit.ts) */
  loginFreeFailures?: number;
  /** attempts allowed per client address across names in `loginWindowMs` */
  loginLimitPerIp?: number;
  loginWindowMs?: number;
  /** reverse proxies in front (0: none): the client address is taken that many entries from the right of X-Forwarded-For */
  trustProxy?: number;
  /** clock, for tests */
  now?: () => Date;
  /** product version shown in the footer */
  version?: string;
  /** bytes of rendered page bodies each process keeps (default 32 MiB; 0: none) */
  pageCacheBytes?: number;
  /** the catalog the database was synced from: fixes are offered as patches of its files (serve --catalog) */
  catalogDir?: string;
  /** told of every decision recorded (not comments), with its region's lineage: `serve --commit-decisions` */
  onDecision?: (review: ReviewRow, lineage: string) => void;
}

export type Env = {
  Variables: {
    lang: Lang;
    session?: Session;
    /** this request's memo (created on first use) */
    memo?: Memo;
    /** the data versions, read once per request (on first use) */
    versions?: Promise<DataVersions>;
    /** the route chose the response's encoding itself (compress.ts): the middleware leaves it alone */
    encoded?: boolean;
  };
};

export type Ctx = Context<Env>;

/** The page-independent things every view needs. */
export interface Ui {
  lang: Lang;
  t: Translate;
  user?: User;
  /**
   * per-session CSRF token for forms; undefined when logged out, and in the queue and item page bodies, which
   * the app keeps for every session (body-cache.ts): a POST form there would have to take it from the frame
   */
  csrf?: string;
  publicRead: boolean;
  /** current path + query, for "back" links and the language switch */
  here: string;
  version: string;
  /** may the current user decide discrepancies of this region? */
  canDecide(region: string): boolean;
  /** may the current user reopen a decision made by `author` in `region`? */
  canReopen(region: string, author: string): boolean;
  /**
   * does the server know the catalog it was synced from (serve --catalog)? Then a fix is offered as a patch of the
   * item file (fix-patch.ts) and an item's files/ references can be opened (routes/files.ts)
   */
  catalog: boolean;
}

/** Admins decide everywhere; reviewers and officers in their own region's subtree (`regions`: code → region). */
export function mayDecide(user: User | undefined, regionLineage: string | undefined, regions: ReadonlyMap<string, RegionRow>): boolean {
  if (!user || user.disabled) return false;
  if (user.role === 'admin') return true;
  const own = regions.get(user.region)?.lineage;
  return regionLineage !== undefined && own !== undefined && inSubtree(regionLineage, own);
}

/** Reviewers may reopen only their own decisions; officers any within their subtree; admins all. */
export function mayReopen(user: User | undefined, regionLineage: string | undefined, author: string, regions: ReadonlyMap<string, RegionRow>): boolean {
  if (!mayDecide(user, regionLineage, regions)) return false;
  return user!.role !== 'reviewer' || author === user!.name;
}

export function makeUi(c: Ctx, opts: AppOptions, regions: Map<string, RegionRow>): Ui {
  const lang = c.get('lang');
  const session = c.get('session');
  const url = new URL(c.req.url);
  url.searchParams.delete('lang');
  const lineage = (code: string) => regions.get(code)?.lineage;
  return {
    lang,
    t: translator(lang),
    ...(session ? { user: session.user, csrf: session.csrfToken } : {}),
    publicRead: opts.publicRead ?? false,
    here: url.pathname + url.search,
    version: opts.version ?? '',
    canDecide: (region) => mayDecide(session?.user, lineage(region), regions),
    canReopen: (region, author) => mayReopen(session?.user, lineage(region), author, regions),
    catalog: opts.catalogDir !== undefined,
  };
}
