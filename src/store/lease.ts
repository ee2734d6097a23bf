// One sync at a time: a lease in the single `sync_lock` row. A sync takes it before it reads anything,
// refreshes it while it works, and gives it back in the same transaction that writes its results (so a
// crash can never leave results without the release or the release without the results).
//
// Why not rely on the database's write lock alone: a sync reads the catalog for a long time before it writes,
// and over sqld a writer that waits more than ~5 s makes the server roll back the transaction holding the lock
// (TRANSACTION_TIMEOUT), so two large syncs could keep undoing each other. Waiters therefore only *read* the
// lease until it is free, and write nothing while another sync holds it.
//
// A sync killed with kill -9 leaves its lease behind: it is taken over at once when its process is visibly
// gone (same host, pid not running), else when it has not been refreshed for STALE_SECONDS.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Client, Transaction } from '@libsql/client';
import { TongbiaoError } from '../errors.js';

export const STALE_SECONDS = 600;
const HEARTBEAT_MS = 15_000;
const POLL_MS = 250;
const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ','now')`;

export interface HolderInfo {
  host: string;
  pid: number;
  /** when the holder last refreshed the lease (database clock) */
  since: string;
}

export interface Lease {
  holder: string;
  /**
   * Stop refreshing the lease while this sync writes: the refresh is a write from another connection, which
   * would wait for the sync's own transaction (and on sqld, make the server roll that transaction back).
   */
  pause(): void;
  /** Refresh again (after a write that failed and will be retried). */
  resume(): void;
  /** First statement of the write transaction: fails if the lease was lost meanwhile. */
  confirmIn(tx: Transaction): Promise<void>;
  /** Last statement of the write transaction: the lease ends when the transaction commits. */
  releaseIn(tx: Transaction): Promise<void>;
  /** Give the lease back outside a transaction (no-op sync, or after an error). Never throws. */
  release(): Promise<void>;
}

export function newHolder(): string {
  return `${hostname()} ${process.pid} ${randomBytes(4).toString('hex')}`;
}

export function describeHolder(holder: string): HolderInfo & { text: string } {
  const [host = '?', pid = '0'] = holder.split(' ');
  return { host, pid: Number(pid), since: '', text: `pid ${pid} on ${host}` };
}

export interface AcquireOptions {
  holder?: string;
  /** how long to wait for another sync before giving up (default 10 minutes) */
  waitMs?: number;
  /** called once when the lease is held by another sync and this one starts waiting */
  onWait?: (other: HolderInfo) => void;
  /** how often the lease is refreshed while held (default 15 s) */
  heartbeatMs?: number;
}

export async function acquireLease(client: Client, options: AcquireOptions = {}): Promise<Lease & { stop(): void }> {
  const holder = options.holder ?? newHolder();
  const deadline = Date.now() + (options.waitMs ?? 600_000);
  let told = false;
  for (;;) {
    const state = await client.execute(
      `SELECT holder, acquired_at, ${NOW} AS now, strftime('%Y-%m-%dT%H:%M:%fZ','now','-${STALE_SECONDS} seconds') AS stale_before
       FROM sync_lock WHERE id = 1`,
    );
    const row = state.rows[0];
    const current = row ? String(row.holder) : '';
    const acquiredAt = row ? String(row.acquired_at) : '';
    const free = !row || current === '' || current === holder || acquiredAt < String(row.stale_before) || isDeadLocal(current);
    if (free) {
      const taken = await client.execute({
        sql: `INSERT INTO sync_lock (id, holder, acquired_at) VALUES (1, ?, ${NOW})
              ON CONFLICT(id) DO UPDATE SET holder = excluded.holder, acquired_at = excluded.acquired_at
              WHERE sync_lock.holder = ? AND sync_lock.acquired_at = ?`,
        args: [holder, current, acquiredAt],
      });
      if (taken.rowsAffected === 1) break;
      continue; // someone else took it between our read and write: look again
    }
    if (Date.now() >= deadline) {
      const other = describeHolder(current);
      throw new TongbiaoError(`another sync is still running (${other.text}, last seen ${acquiredAt}); try again later`);
    }
    if (!told) {
      told = true;
      options.onWait?.({ ...describeHolder(current), since: acquiredAt });
    }
    await sleep(POLL_MS);
  }

  const beat = () => {
    client
      .execute({ sql: `UPDATE sync_lock SET acquired_at = ${NOW} WHERE id = 1 AND holder = ?`, args: [holder] })
      .catch(() => {
        /* a missed heartbeat only matters after STALE_SECONDS; confirmIn() notices a lost lease */
      });
  };
  let timer: NodeJS.Timeout | undefined;
  const resume = () => {
    if (timer) return;
    timer = setInterval(beat, options.heartbeatMs ?? HEARTBEAT_MS);
    timer.unref();
  };
  const pause = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  resume();

  const lease = {
    holder,
    pause,
    resume,
    stop: pause,
    async confirmIn(tx: Transaction) {
      const result = await tx.execute({
        sql: `UPDATE sync_lock SET acquired_at = ${NOW} WHERE id = 1 AND holder = ?`,
        args: [holder],
      });
      if (result.rowsAffected !== 1) {
        throw new TongbiaoError('this sync lost its lock to another sync (it was stalled too long); nothing was written, run it again');
      }
    },
    async releaseIn(tx: Transaction) {
      pause();
      await tx.execute({ sql: `UPDATE sync_lock SET holder = '' WHERE id = 1 AND holder = ?`, args: [holder] });
    },
    async release() {
      pause();
      try {
        await client.execute({ sql: `UPDATE sync_lock SET holder = '' WHERE id = 1 AND holder = ?`, args: [holder] });
      } catch {
        /* the lease expires by itself */
      }
    },
  };
  return lease;
}

/** A holder on this host whose process is gone (killed, crashed). */
function isDeadLocal(holder: string): boolean {
  const { host, pid } = describeHolder(holder);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
