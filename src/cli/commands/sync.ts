import { TongbiaoError } from '../../errors.js';
import { openStore, resolveDbUrl } from '../../store/db.js';
import { syncCatalog, type SyncProgress, type SyncSummary } from '../../sync/sync.js';
import { resolveCatalogRoot } from '../catalog-arg.js';
import { defineCommand, oneOf } from '../command.js';
import { statusLine, type StatusLine } from '../progress.js';

export const sync = defineCommand({
  name: 'sync',
  help: `Usage: tongbiao sync [CATALOG] [options]

Reads the catalog as committed at a revision (default HEAD) through git — not the working tree —
validates it, compares every city and county item with its parent and the province baseline, and
stores items, their history (one version per commit), findings and discrepancies in the database
the review UI reads. After the first sync only what changed since the last synced revision is read
again, with everything whose result it can change. One sync is one transaction: interrupted, the
database keeps the previous complete state. Reviews are never changed by a sync.

Options:
  --catalog DIR    the catalog root (else CATALOG, the current folder, or ./catalog-yaml)
  --db URL         database: a file path, file:PATH, libsql://, http(s)://, ws(s):// (default: $TONGBIAO_DB,
                   else file:data/tongbiao.db); token from $TONGBIAO_DB_TOKEN
  --rev REV        the git revision to sync (default HEAD)
  --worktree       sync the working tree as it is, uncommitted changes included (marked uncommitted)
  --format FORMAT  text (default) or json: the summary as one JSON object
  --progress       show progress on stderr even when it is not a terminal (one line per update);
                   by default progress shows only on a terminal, and never when CI is set
  -h, --help       show this help

When nothing in the catalog changed since the last sync, nothing is read or written but a 'noop'
run is recorded (the UI shows when the catalog was last checked). Another sync running at the same
time is waited for. Findings do not change the exit status: use 'tongbiao validate' as the gate.

Exit status: 0 synced (or nothing new), 2 could not run (nothing written).`,
  options: {
    catalog: { type: 'string' },
    db: { type: 'string' },
    rev: { type: 'string' },
    worktree: { type: 'boolean' },
    format: { type: 'string' },
    progress: { type: 'boolean' },
  },
  async run(values, positionals, io) {
    const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
    if (positionals.length > 1) throw new TongbiaoError(`sync takes one catalog, got ${positionals.length}. See 'tongbiao sync --help'.`);
    const catalogDir = resolveCatalogRoot(values.catalog ?? positionals[0], io.cwd);
    const url = resolveDbUrl(values.db, io.env, io.cwd);
    const store = await openStore(url, io.env.TONGBIAO_DB_TOKEN || undefined);
    const progress = progressLine(statusLine(io, { force: values.progress === true }));
    try {
      const summary = await syncCatalog(store, {
        catalogDir,
        ...(values.rev !== undefined ? { rev: values.rev } : {}),
        ...(values.worktree ? { worktree: true } : {}),
        ...(progress.enabled ? { onProgress: progress.update } : {}),
        onWait: (other) => io.stderr.write(`tongbiao: waiting for another sync to finish (pid ${other.pid} on ${other.host})…\n`),
      });
      progress.clear();
      io.stdout.write(format === 'json' ? JSON.stringify(summary) + '\n' : summaryLine(summary) + '\n');
      return 0;
    } finally {
      progress.clear();
      store.close();
    }
  },
});

export function summaryLine(s: SyncSummary): string {
  const rev = s.revision.slice(0, 12) + (s.worktree ? ' + working tree' : '');
  if (s.outcome === 'noop') return `already up to date at ${rev}: nothing to sync (${s.items} items, ${s.findings} findings, ${s.discrepancies} discrepancies)`;
  const history = s.commits > 0 ? `, ${s.commits} commit${s.commits === 1 ? '' : 's'}` : '';
  return (
    `synced ${rev}${history}${s.full ? ' (full)' : ''}: ` +
    `items +${s.itemsAdded} ~${s.itemsChanged} -${s.itemsRemoved} (${s.items} in all), ` +
    `${s.findings} findings (${s.errors} errors), ${s.discrepancies} discrepancies, ` +
    `reviews ${s.reviewsOutdated} outdated ${s.reviewsResolved} resolved, ` +
    `${s.files} files checked in ${(s.ms / 1000).toFixed(1)} s`
  );
}

/** Phase, count and rate on one self-overwriting line (one line per update when forced off a terminal). */
function progressLine(line: StatusLine) {
  let phase = '';
  let phaseStart = Date.now();
  return {
    enabled: line.enabled,
    update(p: SyncProgress) {
      const now = Date.now();
      const changed = p.phase !== phase;
      if (changed) {
        phase = p.phase;
        phaseStart = now;
      }
      const seconds = Math.max((now - phaseStart) / 1000, 0.001);
      const label = { parsing: 'reading items', checking: 'checking', history: 'reading history', writing: 'writing rows' }[p.phase];
      const rate = p.done > 0 && p.phase !== 'checking' ? `  ${Math.round(p.done / seconds)}/s` : '';
      const count = p.total > 0 ? `  ${p.done}/${p.total}` : '';
      line.show(`sync: ${label}${count}${rate}`, changed || p.done >= p.total);
    },
    clear: line.clear,
  };
}
