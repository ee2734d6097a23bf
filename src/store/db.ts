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

/** What @libsql/client connects to; anything else with a scheme is a mistake, not a file name. */
const SCHEMES = ['file:', 'libsql:', 'http:', 'https:', 'ws:', 'wss:'];

/**
 * The URL to use: an explicit one, else TONGBIAO_DB, else the embedded default. A plain path (`data/x.db`) is a
 * file database, as is `file:PATH`; either is resolved against cwd. A URL of another scheme is a one-line error.
 */
export function resolveDbUrl(explicit: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  if (explicit !== undefined && explicit.trim() === '') throw new TongbiaoError('--db is empty: give a file path or a libSQL URL');
  // an empty TONGBIAO_DB counts as unset (as shells and CI files often leave it)
  const url = explicit ?? (env.TONGBIAO_DB || undefined) ?? DEFAULT_DB_URL;
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(url)?.[0].toLowerCase(); // two letters at least: `C:\x.db` is a path
  if (scheme === undefined) return 'file:' + resolve(cwd, url);
  if (!SCHEMES.includes(scheme)) {
    throw new TongbiaoError(`${redact(url)}: not a database: give a file path, or a file:, libsql://, http(s):// or ws(s):// URL`);
  }
  if (scheme !== 'file:') return url;
  const path = url.slice('file:'.length);
  if (path === '') throw new TongbiaoError(`${url}: no file path after file:`);
  return 'file:' + resolve(cwd, path);
}

export async function openStore(url: string, authToken?: string): Promise<Store> {
  let client: Client;
  try {
    if (url.startsWith('file:')) mkdirSync(dirname(url.slice('file:'.length)), { recursive: true });
    // `timeout` is the busy timeout of every pooled connection of a file: database (a PRAGMA would reach one).
    client = createClient({ url, ...(authToken ? { authToken } : {}), ...(url.startsWith('file:') ? { timeout: 30_000 } : {}) });
  } catch (error) {
    throw new TongbiaoError(`cannot open database ${redact(url)}: ${(error as Error).message.split('\n')[0]}`);
  }
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
