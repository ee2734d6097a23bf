// The login rate limit, kept in the database so that every process serving it (`tongbiao serve --workers N`)
// counts the same attempts. Two kinds of limit, both keyed by strings the caller chooses:
//
// - backoff (per user name + client address): the first `free` failures cost nothing, then each further
//   attempt must wait twice as long as the one before (1 s, 2 s, 4 s … up to `maxDelayMs`) after the last one.
//   Guessing from one address slows to a crawl, while the real user, at another address, is never locked out
//   by someone who merely knows the name (a per-name lockout let anyone do that for 15 minutes).
// - window (per client address, across names): at most `max` attempts in `windowMs`, against one address
//   trying many names. Offices sit behind one NAT address, so this one is generous.
//
// An attempt is recorded *before* the password is checked, in the same write transaction as the check of the
// limits: two logins at once, in one process or in two, cannot both pass the check and then both fail. The
// caller forgets the attempt again when the login succeeds (`succeeded`), so only failures count.
import { and, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../store/db.js';
import { loginAttempts } from '../store/schema.js';

/** At most `max` attempts in the limiter's window. */
export interface WindowLimit {
  key: string;
  max: number;
}

/** After `free` failures, each attempt waits `firstDelayMs`, doubling, at most `maxDelayMs`, after the last. */
export interface BackoffLimit {
  key: string;
  free: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export type Limit = WindowLimit | BackoffLimit;

export type Reservation = { ok: true; ids: number[] } | { ok: false; retryAfterMs: number };

/** How long after its last failure the next attempt of a backoff key may come, given its failures so far. */
export function backoffDelay(limit: BackoffLimit, failures: number): number {
  if (failures < limit.free) return 0;
  const doublings = Math.min(failures - limit.free, 40);
  return Math.min(limit.maxDelayMs, limit.firstDelayMs * 2 ** doublings);
}

export class LoginRateLimiter {
  /**
   * @param windowMs the window of window limits
   * @param memoryMs how long an attempt is remembered at all (backoff failures count this long); ≥ windowMs
   */
  constructor(
    private readonly db: Db,
    readonly windowMs: number,
    readonly memoryMs = Math.max(windowMs, 24 * 3600_000),
  ) {}

  /**
   * Checks every limit at `now` and, when none is reached, records one attempt for each. Otherwise records
   * nothing and says how long until every limit lets an attempt through.
   */
  async reserve(limits: readonly Limit[], now: number): Promise<Reservation> {
    const windowStart = now - this.windowMs;
    return this.db.transaction(async (tx) => {
      // nothing older than the memory counts for anyone
      await tx.delete(loginAttempts).where(lte(loginAttempts.at, now - this.memoryMs));
      let wait = 0;
      for (const limit of limits) {
        if ('max' in limit) {
          // the max-th most recent attempt in the window decides when the next one may come
          const rows = await tx
            .select({ at: loginAttempts.at })
            .from(loginAttempts)
            .where(and(eq(loginAttempts.key, limit.key), gt(loginAttempts.at, windowStart)))
            .orderBy(sql`${loginAttempts.at} DESC`)
            .limit(limit.max);
          if (rows.length >= limit.max) wait = Math.max(wait, this.windowMs - (now - rows[limit.max - 1]!.at));
        } else {
          const [row] = await tx
            .select({ n: sql<number>`count(*)`, last: sql<number | null>`max(${loginAttempts.at})` })
            .from(loginAttempts)
            .where(eq(loginAttempts.key, limit.key));
          const failures = Number(row?.n ?? 0);
          const delay = backoffDelay(limit, failures);
          if (delay > 0 && row?.last !== null && row?.last !== undefined) wait = Math.max(wait, Number(row.last) + delay - now);
        }
      }
      if (wait > 0) return { ok: false, retryAfterMs: wait } as const;
      const inserted = await tx
        .insert(loginAttempts)
        .values(limits.map((l) => ({ key: l.key, at: now })))
        .returning({ id: loginAttempts.id });
      return { ok: true, ids: inserted.map((r) => r.id) } as const;
    });
  }

  /** A login succeeded: its own attempts do not count, and earlier failures of `resetKey` are forgiven. */
  async succeeded(reservation: { ids: number[] }, resetKey: string): Promise<void> {
    await this.db.batch([
      this.db.delete(loginAttempts).where(inArray(loginAttempts.id, reservation.ids.length > 0 ? reservation.ids : [-1])),
      this.db.delete(loginAttempts).where(eq(loginAttempts.key, resetKey)),
    ]);
  }
}

/** The limits of one login: name + address with backoff, and the address across names in a window. */
export function loginLimits(name: string, address: string, policy: { perAddress: number; free?: number; maxDelayMs?: number }): Limit[] {
  return [
    { key: pairKey(name, address), free: policy.free ?? 3, firstDelayMs: 1000, maxDelayMs: policy.maxDelayMs ?? 15 * 60_000 },
    { key: `ip:${address}`, max: policy.perAddress },
  ];
}

/** The backoff key of a name at an address (the name case-insensitive, as logins are counted). */
export function pairKey(name: string, address: string): string {
  return `pair:${name.toLowerCase()}|${address}`;
}
