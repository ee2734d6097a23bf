import { openStore, resolveDbUrl } from '../../store/db.js';
import { countUsers } from '../../store/users.js';
import { isWorker, leavePrimary, parseWorkers, reportFatal, startWorkers, untilWorkerStopped } from '../../web/cluster.js';
import { listen, parsePort, untilStopped } from '../../web/server.js';
import { TongbiaoError } from '../../errors.js';
import { VERSION } from '../version.js';
import { defineCommand, type Io } from '../command.js';
import { asVerdict, chinaTime, type StoredVerdict } from '../../store/decisions.js';
import type { ReviewRow } from '../../store/rows.js';
import { decisionCommitter, type DecisionCommitter } from '../../sync/commit-decisions.js';
import { resolveCatalogRoot } from '../catalog-arg.js';

export const serve = defineCommand({
  name: 'serve',
  help: `Usage: tongbiao serve [options]

Serves the web UI where staff review each discrepancy: an overview per region, the review queue,
item pages with the parent's and the province's values side by side, coverage and the audit log.
Every page needs a login (create accounts with 'tongbiao user add') unless --public-read.

Options:
  --db URL           database: a file path, file:PATH, libsql://, http(s)://, ws(s):// (default: $TONGBIAO_DB,
                     else file:data/tongbiao.db); token from $TONGBIAO_DB_TOKEN
  --port N           port to listen on (default 8787; 0 picks a free one)
  --host ADDR        address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --workers N        processes serving the port (default: the number of cores, at most 4);
                     1 serves from this process alone
  --public-read      let anyone read the pages without logging in (deciding still needs a login)
  --secure-cookies   mark cookies Secure (behind a proxy that terminates https)
  --trust-proxy N    N reverse proxies (usually 1) stand in front and append to X-Forwarded-For: the login
                     limits then count the client address they report, not the proxy's (default 0: the
                     header is ignored, as anyone can send it)
  --commit-decisions BRANCH
                     also write every decision as a commit on BRANCH of the catalog's git repository
                     (plumbing only: no working tree is touched; batched every few seconds; a failed
                     write is retried, and the decision is in the database whatever happens)
  --catalog DIR      the catalog the database was synced from: "request fix" offers each fix as a
                     patch of its files, and --commit-decisions writes to its repository (default: the
                     current folder when it holds tongbiao.yaml, else ./catalog-yaml, when there is one)
  -h, --help         show this help

Stops on Ctrl-C. Exit status: 0 stopped, 2 could not start.`,
  options: {
    db: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    workers: { type: 'string' },
    'public-read': { type: 'boolean' },
    'secure-cookies': { type: 'boolean' },
    'trust-proxy': { type: 'string' },
    'commit-decisions': { type: 'string' },
    catalog: { type: 'string' },
  },
  async run(values, _positionals, io) {
    const port = parsePort(values.port, 8787);
    const workers = parseWorkers(values.workers);
    const host = values.host ?? '127.0.0.1';
    const trustProxy = parseTrustProxy(values['trust-proxy']);
    const url = resolveDbUrl(values.db, io.env, io.cwd);
    const token = io.env.TONGBIAO_DB_TOKEN || undefined;
    const committer = await decisionsToGit(values['commit-decisions'], values.catalog, io);
    const catalogDir = committer?.catalogDir ?? catalogIfAny(values.catalog, io);
    const appOptions = {
      ...(catalogDir ? { catalogDir } : {}),
      publicRead: values['public-read'] === true, secureCookies: values['secure-cookies'] === true, version: VERSION, trustProxy,
      ...(committer ? { onDecision: committer.onDecision } : {}),
    };

    if (isWorker()) {
      // one of the processes `serve --workers N` started: serve until the primary says stop
      // asked to stop from here on, even while still opening the database
      const stopped = untilWorkerStopped();
      try {
        const store = await openStore(url, token);
        try {
          const server = await listen({ store, port, host, ...appOptions });
          await stopped;
          await server.close();
          await committer?.close();
          return 0;
        } finally {
          store.close();
        }
      } catch (error) {
        await reportFatal(error instanceof TongbiaoError ? error.message : String(error));
        return 2;
      } finally {
        leavePrimary();
      }
    }

    // this process: open the database once (migrations run here, not in N workers at once)
    const store = await openStore(url, token);
    if (workers === 1) {
      try {
        const server = await listen({ store, port, host, ...appOptions });
        io.stdout.write(`tongbiao: serving ${server.url} (Ctrl-C to stop)\n`);
        if ((await countUsers(store.db)) === 0) io.stderr.write(NO_USERS);
        await untilStopped();
        await server.close();
        await committer?.close();
        return 0;
      } finally {
        store.close();
      }
    }
    let noUsers: boolean;
    try {
      noUsers = (await countUsers(store.db)) === 0;
    } finally {
      store.close();
    }
    // the workers run this same command with the same options; the database URL (absolute) goes by the
    // environment, not the command line, where other users of the machine could read it
    const args = ['serve', '--port', String(port), '--host', host, '--workers', String(workers)];
    if (values['public-read']) args.push('--public-read');
    if (values['secure-cookies']) args.push('--secure-cookies');
    // each worker commits its own decisions; they share the branch by compare-and-swap
    if (committer) args.push('--commit-decisions', values['commit-decisions']!);
    if (catalogDir) args.push('--catalog', catalogDir);
    await committer?.close();
    const group = await startWorkers({
      count: workers,
      host,
      args,
      env: { TONGBIAO_DB: url },
      onLog: (line) => io.stderr.write(`tongbiao: ${line}\n`),
    });
    io.stdout.write(`tongbiao: serving ${group.url} with ${workers} workers (Ctrl-C to stop)\n`);
    if (noUsers) io.stderr.write(NO_USERS);
    await untilStopped();
    await group.close();
    return 0;
  },
});

const NO_USERS = `tongbiao: no accounts yet — create one with 'tongbiao user add NAME --region CODE --role admin'\n`;

/** With --commit-decisions: a committer fed by every decision POST; decisions keep their order per process. */
async function decisionsToGit(branch: string | undefined, catalog: string | undefined, io: Io) {
  if (branch === undefined) return undefined;
  const catalogDir = resolveCatalogRoot(catalog, io.cwd);
  let committer: DecisionCommitter;
  try {
    committer = await decisionCommitter({
      catalogDir,
      branch,
      onError: (error) => io.stderr.write(`tongbiao: decisions not yet committed to ${branch} (will retry): ${error.message}\n`),
    });
  } catch (error) {
    throw new TongbiaoError(`--commit-decisions: ${(error as Error).message}`);
  }
  return {
    catalogDir,
    onDecision(review: ReviewRow, lineage: string) {
      const { key, region, fingerprint, reason, author: by, createdAt, patch } = review;
      const decision = review.decision as StoredVerdict['decision'];
      const verdict = asVerdict({ key, region, fingerprint, decision, reason, by, at: chinaTime(createdAt), ...(patch && decision === 'fix-requested' ? { patch } : {}) });
      committer.add({ verdict, region, regionDir: lineage });
    },
    close: () => committer.close(),
  };
}

/** The catalog named by --catalog (an error when it is none), else the one found where commands look, if any. */
function catalogIfAny(explicit: string | undefined, io: Io): string | undefined {
  if (explicit !== undefined) return resolveCatalogRoot(explicit, io.cwd);
  try {
    return resolveCatalogRoot(undefined, io.cwd);
  } catch {
    return undefined;
  }
}

/** `--trust-proxy N`: how many proxies append to X-Forwarded-For (0–9). */
function parseTrustProxy(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d$/.test(value)) throw new TongbiaoError(`--trust-proxy must be the number of proxies in front (0-9), not '${value}'`);
  return Number(value);
}
