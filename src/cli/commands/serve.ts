import { openStore, resolveDbUrl } from '../../store/db.js';
import { countUsers } from '../../store/users.js';
import { listen, parsePort, untilStopped } from '../../web/server.js';
import { VERSION } from '../version.js';
import { defineCommand } from '../command.js';

export const serve = defineCommand({
  name: 'serve',
  help: `Usage: tongbiao serve [options]

Serves the web UI where staff review each discrepancy: an overview per region, the review queue,
item pages with the parent's and the province's values side by side, coverage and the audit log.
Every page needs a login (create accounts with 'tongbiao user add') unless --public-read.

Options:
  --db URL           database: file:PATH, libsql://, http://, ws:// (default: $TONGBIAO_DB,
                     else file:data/tongbiao.db); token from $TONGBIAO_DB_TOKEN
  --port N           port to listen on (default 8787; 0 picks a free one)
  --host ADDR        address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --public-read      let anyone read the pages without logging in (deciding still needs a login)
  --secure-cookies   mark cookies Secure (behind a proxy that terminates https)
  -h, --help         show this help

Stops on Ctrl-C. Exit status: 0 stopped, 2 could not start.`,
  options: {
    db: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'public-read': { type: 'boolean' },
    'secure-cookies': { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    const port = parsePort(values.port, 8787);
    const store = await openStore(resolveDbUrl(values.db, io.env, io.cwd), io.env.TONGBIAO_DB_TOKEN || undefined);
    try {
      const server = await listen({
        store,
        port,
        host: values.host ?? '127.0.0.1',
        publicRead: values['public-read'] === true,
        secureCookies: values['secure-cookies'] === true,
        version: VERSION,
      });
      io.stdout.write(`tongbiao: serving ${server.url} (Ctrl-C to stop)\n`);
      if ((await countUsers(store.db)) === 0) {
        io.stderr.write(`tongbiao: no accounts yet — create one with 'tongbiao user add NAME --region CODE --role admin'\n`);
      }
      await untilStopped();
      await server.close();
      return 0;
    } finally {
      store.close();
    }
  },
});
