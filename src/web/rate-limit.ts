// The login rate limit: a sliding window of attempts per key (user name, client address), kept in the database
// so that every process serving it (`tongbiao serve --workers N`) counts the same attempts.
//
// An attempt is recorded *before* the password is checked, in the same write transaction as the check of the
// limit: two logins at once, in one process or in two, cannot both pass the check and then both fail. The
// caller forgets the attempt again when the login succeeds (`succeeded`), so only failures count.
import { and, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../store/db.js';
import { loginAttempts } from '../store/schema.js';

export interface Limit {
  /** e.g. `name:jiangan`, `ip:10.0.0.7` */
  key: string;
  /** attempts allowed in the window */
  max: number;
}

export type Reservation = { ok: true; ids: number[] } | { ok: false; retryAfterMs: number };

export class LoginRateLimiter {
  constructor(
    private readonly db: Db,
    readonly windowMs: number,
  ) {}

  /**
   * Checks every limit at `now` and, when none is reached, records one attempt for each. Otherwise records
   * nothing and says how long until the first of the limits that are reached lets an attempt through.
   */
  async reserve(limits: readonly Limit[], now: number): Promise<Reservation> {
    const since = now - this.windowMs;
    return this.db.transaction(async (tx) => {
      // the window slides: older attempts no longer count for anyone
      await tx.delete(loginAttempts).where(lte(loginAttempts.at, since));
      let wait = 0;
      for (const limit of limits) {
        // the max-th most recent attempt in the window decides when the next one may come
        const rows = await tx
          .select({ at: loginAttempts.at })
          .from(loginAttempts)
          .where(and(eq(loginAttempts.key, limit.key), gt(loginAttempts.at, since)))
          .orderBy(sql`${loginAttempts.at} DESC`)
          .limit(limit.max);
        if (rows.length >= limit.max) wait = Math.max(wait, this.windowMs - (now - rows[limit.max - 1]!.at));
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
