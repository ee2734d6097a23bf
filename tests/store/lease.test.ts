import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/db.js';
import { acquireLease, STALE_SECONDS } from '../../src/store/lease.js';
import { TongbiaoError } from '../../src/errors.js';
import { BACKENDS, type Database } from '../helpers/backends.js';

describe.each(BACKENDS)('sync lease on $name', (backend) => {
  let db: Database;
  let store: Store;
  let other: Store;
  beforeEach(async () => {
    db = await backend.start();
    store = await openStore(db.url);
    other = await openStore(db.url);
  });
  afterEach(async () => {
    store.close();
    other.close();
    await db.stop();
  });
  const holder = async () => String((await store.client.execute('SELECT holder FROM sync_lock')).rows[0]?.holder ?? '');

  it('makes a second sync wait until the first releases, then lets it in', async () => {
    const first = await acquireLease(store.client);
    expect(await holder()).toBe(first.holder);
    let waited = 0;
    const second = acquireLease(other.client, { onWait: (o) => { waited++; expect(o.pid).toBe(process.pid); } });
    await new Promise((r) => setTimeout(r, 600));
    expect(waited).toBe(1);
    await first.release();
    const lease = await second;
    expect(await holder()).toBe(lease.holder);
    await lease.release();
    expect(await holder()).toBe('');
  });

  it('gives up after waitMs with a clear message', async () => {
    const first = await acquireLease(store.client);
    const error = await acquireLease(other.client, { waitMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TongbiaoError);
    expect((error as Error).message).toMatch(/^another sync is still running \(pid \d+ on .+, last seen .+\); try again later$/);
    await first.release();
  });

  it('takes over at once from a sync whose process is gone, and from one silent for too long', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await store.client.execute({ sql: "INSERT INTO sync_lock (id, holder, acquired_at) VALUES (1, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))", args: [`${hostname()} ${dead.stdout} dead`] });
    const lease = await acquireLease(other.client, { waitMs: 0 });
    expect(await holder()).toBe(lease.holder);
    lease.stop();
    // another host's sync, last seen longer ago than STALE_SECONDS
    await store.client.execute({
      sql: `UPDATE sync_lock SET holder = ?, acquired_at = strftime('%Y-%m-%dT%H:%M:%fZ','now','-${STALE_SECONDS + 5} seconds')`,
      args: ['elsewhere.example 1234 abcd'],
    });
    const again = await acquireLease(store.client, { waitMs: 0 });
    expect(await holder()).toBe(again.holder);
    await again.release();
  });

  it('a held lease is confirmed inside the write transaction and released by its commit', async () => {
    const lease = await acquireLease(store.client, { heartbeatMs: 20 });
    lease.pause();
    const tx = await store.client.transaction('write');
    await lease.confirmIn(tx);
    // longer than sqld's 5 s write-lock timeout and than many heartbeats: a heartbeat now would be a second writer
    await new Promise((r) => setTimeout(r, backend.name === 'sqld' ? 6000 : 300));
    await tx.execute("INSERT INTO audit_log (actor, action) VALUES ('test', 'long write')");
    await lease.releaseIn(tx);
    await tx.commit();
    tx.close();
    expect(await holder()).toBe('');
    expect((await store.client.execute('SELECT count(*) AS n FROM audit_log')).rows[0]!.n).toBe(1);
  }, 20_000);

  it('a sync that lost its lease writes nothing', async () => {
    const lease = await acquireLease(store.client);
    lease.stop();
    await other.client.execute("UPDATE sync_lock SET holder = 'someone else 1 x'");
    const tx = await store.client.transaction('write');
    await expect(lease.confirmIn(tx)).rejects.toThrow(/lost its lock/);
    await tx.rollback();
    tx.close();
  });
});
