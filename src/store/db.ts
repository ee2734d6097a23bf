// Opening the store: an embedded `file:` database by default, any libSQL URL (`libsql://`, `http://`, `ws://`) otherwise.
// The database migrates itself on first use, so no separate setup step exists.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { TongbiaoError } from '../errors.js';
import { PACKAGE_ROOT } from '../paths.js';
import * as schema from './schema.js';

export type Db = LibSQLDatabase<typeof schema>;

export interface Store {
  url: string;
  client: Client;
  db: Db;
  close(): void;
}

export const DEFAULT_DB_URL = 'file:data/tongbiao.db';

/** The URL to use: an explicit one, else TONGBIAO_DB, else the embedded default (relative to cwd). */
export function resolveDbUrl(explicit: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  // an empty TONGBIAO_DB counts as unset (as shells and CI files often leave it)
  const url = explicit ?? (env.TONGBIAO_DB || undefined) ?? DEFAULT_DB_URL;
  if (!url.startsWith('file:')) return url;
  const path = url.slice('file:'.length);
  return 'file:' + resolve(cwd, path);
}

export async function openStore(url: string, authToken?: string): Promise<Store> {
  if (url.startsWith('file:')) mkdirSync(dirname(url.slice('file:'.length)), { recursive: true });
  // `timeout` is the busy timeout of every pooled connection of a file: database (a PRAGMA would reach one).
  const client = createClient({ url, ...(authToken ? { authToken } : {}), ...(url.startsWith('file:') ? { timeout: 30_000 } : {}) });
  try {
    if (url.startsWith('file:')) {
      // WAL lets the web UI read while a sync writes; busy_timeout makes a second writer wait instead of failing.
      await client.execute('PRAGMA journal_mode = WAL');
      await client.execute('PRAGMA busy_timeout = 30000');
      await client.execute('PRAGMA foreign_keys = ON');
    }
    const db = drizzle(client, { schema });
    await migrateOnce(db);
    return { url, client, db, close: () => client.close() };
  } catch (error) {
    client.close();
    throw new TongbiaoError(`cannot open database ${redact(url)}: ${(error as Error).message.split('\n')[0]}`);
  }
}

/**
 * Apply pending migrations. They run as one atomic batch, but which ones are pending is read before it, so two
 * processes opening a new database at once may both try: the loser's batch fails and rolls back, and reading
 * again finds them applied.
 */
async function migrateOnce(db: Db): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrate(db, { migrationsFolder: join(PACKAGE_ROOT, 'migrations') });
      return;
    } catch (error) {
      if (attempt >= 4 || !/already exists|SQLITE_BUSY|duplicate column/i.test(String((error as Error).message))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

function redact(url: string): string {
  return url.replace(/(authToken=)[^&]+/, '$1***');
}
