import { randomBytes } from 'node:crypto';
import { openStore, resolveDbUrl } from '../../store/db.js';
import { topRegion } from '../../store/read/regions.js';
import { syncCatalog } from '../../sync/sync.js';
import { addUser, countUsers } from '../../store/users.js';
import { listen, parsePort, untilStopped } from '../../web/server.js';
import { resolveCatalogRoot } from '../catalog-arg.js';
import { defineCommand } from '../command.js';
import { VERSION } from '../version.js';
import { summaryLine } from './sync.js';

export const DEMO_USER = 'admin';

export const start = defineCommand({
  name: 'start',
  help: `Usage: tongbiao start [CATALOG] [options]

The quickest way to see tongbiao at work: syncs the catalog (the demo catalog-yaml/ unless told
otherwise) as committed in git into the embedded database, creates a first account when the
database has none, and serves the review UI.

The first account is '${DEMO_USER}' (role admin, the province's region) with a generated password
printed once on the terminal. Keep it, or set another with 'tongbiao user passwd ${DEMO_USER}'.

Options:
  --catalog DIR    the catalog root (else CATALOG, the current folder, or ./catalog-yaml)
  --db URL         database: a file path or a libSQL URL (default: $TONGBIAO_DB, else file:data/tongbiao.db)
  --worktree       sync the working tree, uncommitted changes included
  --port N         port to listen on (default 8787)
  --host ADDR      address to listen on (default 127.0.0.1)
  --public-read    let anyone read the pages without logging in
  -h, --help       show this help

Stops on Ctrl-C. Exit status: 0 stopped, 2 could not start.`,
  options: {
    catalog: { type: 'string' },
    db: { type: 'string' },
    worktree: { type: 'boolean' },
    port: { type: 'string' },
    host: { type: 'string' },
    'public-read': { type: 'boolean' },
  },
  async run(values, positionals, io) {
    const port = parsePort(values.port, 8787);
    const catalogDir = resolveCatalogRoot(values.catalog ?? positionals[0], io.cwd);
    const store = await openStore(resolveDbUrl(values.db, io.env, io.cwd), io.env.TONGBIAO_DB_TOKEN || undefined);
    try {
      const summary = await syncCatalog(store, { catalogDir, ...(values.worktree ? { worktree: true } : {}) });
      io.stdout.write(summaryLine(summary) + '\n');
      let login = '';
      if ((await countUsers(store.db)) === 0) {
        const top = await topRegion(store.db);
        if (top) {
          const password = randomBytes(12).toString('base64url');
          await addUser(store.db, { name: DEMO_USER, password, region: top.code, role: 'admin' }, 'tongbiao start');
          login = `log in as ${DEMO_USER} with password ${password} (shown this once; change it with 'tongbiao user passwd ${DEMO_USER}')`;
        }
      }
      const server = await listen({
        store,
        port,
        host: values.host ?? '127.0.0.1',
        publicRead: values['public-read'] === true,
        version: VERSION,
        catalogDir,
      });
      io.stdout.write(`tongbiao: serving ${server.url} (Ctrl-C to stop)\n`);
      if (login) io.stdout.write(`tongbiao: ${login}\n`);
      await untilStopped();
      await server.close();
      return 0;
    } finally {
      store.close();
    }
  },
});
