// `tongbiao sync`: the catalog as committed at a revision (or the working tree) → the store.
//
// A sync runs in two phases:
//   1. read (no transaction): what changed since the last synced revision (`git diff --name-status`), which
//      files that affects (check/scope.ts), their findings and discrepancies (check/check.ts), the commits
//      in between (`git log --raw`, one process) with each version's body;
//   2. write: ONE write transaction that replaces the results of the affected files, upserts items, records
//      versions and the run, and releases the sync lease. Killed at any point, the database keeps the
//      previous complete state. Reviews are never written: their state is derived (store/review-state.ts).
// Two syncs never interleave: a lease (store/lease.ts) makes the second wait, and the write transaction checks that
// no other run was recorded since phase 1 read the previous state. This module orchestrates (git, the checker,
// the spill file, the rows); what it reads from and writes to the database is store/sync-state.ts's.
import type { Client, InStatement } from '@libsql/client';
import { BlobReader, commitExists, commitsBetween, diffRevisions, openRepo, resolveRevision, type Commit, type FileChange } from '../catalog/git.js';
import type { Settings } from '../catalog/config.js';
import { itemFieldsJson, type ItemFields } from '../catalog/item-fields.js';
import { loadCatalog, readItem, type Catalog } from '../catalog/load.js';
import { moveV1Decisions } from '../check/v1-decisions.js';
import { readFile } from '../catalog/read-file.js';
import { fsSource } from '../catalog/source-fs.js';
import { gitSourceAt } from '../catalog/source-git.js';
import type { Finding } from '../catalog/types.js';
import { checkCatalog } from '../check/check.js';
import { TongbiaoError } from '../errors.js';
import { topElement } from '../levels/pointer.js';
import type { Discrepancy } from '../levels/types.js';
import type { Store } from '../store/db.js';
import { recordGitDecisions } from '../store/git-decisions.js';
import { acquireLease, type HolderInfo, type Lease } from '../store/lease.js';
import { planRekey, rekeyStatements, rekeyStored, type Rekey } from '../store/rekey.js';
import { insertStatements, json, ROWS_PER_INSERT, runAll, slices, STATEMENTS_PER_BATCH, type Row } from '../store/sql.js';
import {
  clearStatements, DISCREPANCY_COLUMNS, FINDING_COLUMNS, FTS_COLUMNS, ITEM_COLUMNS, ITEM_UPSERT, lastRun, latestRunId, nextItemId, readDiscrepancies, readItems,
  readTotals, recordNoop, recordRun, REGION_COLUMNS, removalStatements, reviewTransitions, VERSION_COLUMNS, type ItemState, type PreviousRun, type StoredDiscrepancies,
} from '../store/sync-state.js';
import { allPaths, itemPathOf, syncScope } from './plan.js';
import { Spill, type SpillRef } from './spill.js';

export interface SyncOptions {
  /** the catalog folder (inside a git working tree) */
  catalogDir: string;
  /** revision to sync (default HEAD); not with `worktree` */
  rev?: string;
  /** sync the working tree as it is (uncommitted files marked `uncommitted`) on top of HEAD */
  worktree?: boolean;
  /** progress while reading and writing */
  onProgress?: (progress: SyncProgress) => void;
  /** called once when another sync holds the lease and this one waits */
  onWait?: (other: HolderInfo) => void;
  /** how long to wait for another sync (default 10 minutes) */
  lockWaitMs?: number;
}

export interface SyncProgress {
  phase: 'parsing' | 'checking' | 'history' | 'writing';
  done: number;
  total: number;
}

export interface SyncSummary {
  outcome: 'ok' | 'noop';
  /** the commit synced (for --worktree: HEAD) */
  revision: string;
  previousRevision: string | null;
  worktree: boolean;
  /** true when every file was re-reported (first sync, tongbiao.yaml changed, previous revision lost) */
  full: boolean;
  /** commits whose item changes were recorded as versions */
  commits: number;
  /** files reported on again */
  files: number;
  itemsAdded: number;
  itemsChanged: number;
  itemsRemoved: number;
  /** item versions recorded */
  versions: number;
  /** totals in the store after the sync */
  items: number;
  findings: number;
  errors: number;
  discrepancies: number;
  /** reviewed discrepancies whose fingerprint this sync changed (decided → outdated) */
  reviewsOutdated: number;
  /** reviewed discrepancies this sync made disappear (→ resolved) */
  reviewsResolved: number;
  ms: number;
}


/** Thrown inside the write transaction when another run was recorded meanwhile: read again. */
class StaleRead extends Error {}

const MAX_ATTEMPTS = 6;

export async function syncCatalog(store: Store, options: SyncOptions): Promise<SyncSummary> {
  const started = Date.now();
  if (options.worktree && options.rev !== undefined) throw new TongbiaoError('--worktree syncs the working tree on top of HEAD; it cannot be combined with --rev');
  const repo = await openRepo(options.catalogDir);
  const target = await resolveRevision(repo, options.rev ?? 'HEAD');
  const lease = await acquireLease(store.client, {
    ...(options.onWait ? { onWait: options.onWait } : {}),
    ...(options.lockWaitMs !== undefined ? { waitMs: options.lockWaitMs } : {}),
  });
  // The plan holds the spilled item bodies: it is kept for a retry and closed when replaced or done.
  let plan: Plan | 'noop' | undefined;
  try {
    let previous: PreviousRun | undefined;
    for (let attempt = 1; ; attempt++) {
      // A write that failed only for a busy database is retried with the same plan; after another run was
      // recorded meanwhile (StaleRead) everything is read again.
      if (plan === undefined) {
        previous = await lastRun(store.client);
        plan = await prepare(store.client, repo, target, previous, options);
      }
      if (plan === 'noop') {
        await recordNoop(store.client, target, previous!, !!options.worktree, Date.now() - started);
        const totals = await readTotals(store.client);
        return {
          outcome: 'noop', revision: target, previousRevision: previous!.revision, worktree: !!options.worktree, full: false,
          commits: 0, files: 0, itemsAdded: 0, itemsChanged: 0, itemsRemoved: 0, versions: 0, ...totals,
          reviewsOutdated: 0, reviewsResolved: 0, ms: Date.now() - started,
        };
      }
      try {
        return await write(store.client, plan, lease, previous, options, started);
      } catch (error) {
        if (attempt < MAX_ATTEMPTS && (error instanceof StaleRead || retryable(error))) {
          if (error instanceof StaleRead) {
            plan.spill.close();
            plan = undefined;
          }
          await sleep(200 * attempt);
          continue;
        }
        if (error instanceof TongbiaoError) throw error;
        throw new TongbiaoError(`sync failed, nothing was written: ${firstLine((error as Error).message)}`);
      }
    }
  } finally {
    if (plan !== undefined && plan !== 'noop') plan.spill.close();
    await lease.release();
    lease.stop();
  }
}

/** sqld rolls back a transaction whose write lock another writer waited >5 s for; a file DB can stay busy. */
function retryable(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code ?? '');
  const message = String((error as Error).message ?? '');
  return /TRANSACTION_TIMEOUT|SQLITE_BUSY|SQLITE_LOCKED|STREAM_EXPIRED/.test(code + ' ' + message);
}


// ---- phase 1: read ---------------------------------------------------------------------------------------


/**
 * An item file of the scope that exists: where it is and, in the spill file, its parsed data as JSON text
 * and the fields lists and search use (`[name, type, conditions, materials]` as JSON).
 */
interface PresentItem {
  region: string;
  catalogCode: string;
  file: string;
  blob: string;
  /** null when the file is not a mapping */
  body: SpillRef | null;
  fields: SpillRef;
}

/** An item_versions row whose body waits in the spill file. */
interface VersionRow {
  region: string;
  catalogCode: string;
  file: string;
  commit: Commit;
  change: string;
  blob: string | null;
  body: SpillRef | null;
  previousFile: string | null;
}

interface Plan {
  target: string;
  worktree: boolean;
  full: boolean;
  scope: Set<string>;
  dirty: string[];
  catalog: Catalog;
  findings: Finding[];
  discrepancies: Array<Discrepancy & { file: string }>;
  files: number;
  /** the items of the scope that exist now, as the rows need them */
  present: PresentItem[];
  /** region/catalogCode of scope items that no longer exist */
  absent: Array<{ region: string; catalogCode: string }>;
  commits: Commit[];
  versions: VersionRow[];
  /** where the bodies and fields of `present` and `versions` wait for the write */
  spill: Spill;
  /** file → last commit that changed it */
  lastCommit: Map<string, string>;
  dbItems: Map<string, ItemState>;
  /** the id the next new item gets */
  nextId: number;
  dbDiscrepancies: StoredDiscrepancies;
  /** stored keys of the index-path scheme and their identity keys (rekey.ts): then the sync is full */
  rekey?: Rekey;
}

async function prepare(
  client: Client,
  repo: Awaited<ReturnType<typeof openRepo>>,
  target: string,
  previous: PreviousRun | undefined,
  options: SyncOptions,
): Promise<Plan | 'noop'> {
  const worktree = !!options.worktree;
  const usable = previous !== undefined && (await commitExists(repo, previous.revision));

  let changes: FileChange[] = [];
  let dirty: string[] = [];
  if (usable) {
    if (previous.revision !== target) changes.push(...(await diffRevisions(repo, previous.revision, target)));
    for (const path of previous.dirty) changes.push({ status: 'A', path });
  }
  if (worktree) {
    const uncommitted = await diffRevisions(repo, target, undefined);
    dirty = [...new Set(uncommitted.flatMap((c) => (c.oldPath ? [c.path, c.oldPath] : [c.path])))].sort();
    changes.push(...uncommitted);
  }
  changes = dedupeChanges(changes);
  const rekey = await planRekey(client);
  if (usable && changes.length === 0 && !rekey) return 'noop';

  const source = worktree ? fsSource(repo.catalogDir) : await gitSourceAt(repo, target);
  const spill = new Spill();
  try {
    const catalog = await loadCatalog(source);
    await moveV1Decisions(catalog);
    const scope = usable && !rekey ? syncScope(catalog, changes) : { full: true, paths: new Set<string>() };
    const full = scope.full;
    const paths = full ? allPaths(catalog, source.entries) : scope.paths;

    const scopeItems: Array<{ region: string; catalogCode: string; file: string }> = [];
    for (const [region, items] of catalog.items) {
      for (const [catalogCode, file] of items) if (full || paths.has(file)) scopeItems.push({ region, catalogCode, file });
    }
    // Findings and discrepancies (on worker threads when there are many files); each item's data arrives as
    // JSON a batch at a time and goes to the spill file. Slots keep the catalog's order (item ids
    // are given in it) whatever order the batches arrive in.
    const slots: Array<PresentItem | undefined> = new Array(scopeItems.length);
    const slotOf = new Map(scopeItems.map((item, i) => [item.file, i]));
    options.onProgress?.({ phase: 'checking', done: 0, total: scopeItems.length });
    const checked = await checkCatalog(catalog, {
      ...(full ? {} : { only: paths }),
      onItemJson: (items) => {
        const kept = items.filter((item) => slotOf.has(item.path));
        const spilled = spillItems(spill, kept.map((item) => ({ ...scopeItems[slotOf.get(item.path)!]!, blob: item.blob, json: item.json, fields: item.fields })));
        kept.forEach((item, i) => (slots[slotOf.get(item.path)!] = spilled[i]));
      },
      onProgress: (done, total) => options.onProgress?.({ phase: 'checking', done, total }),
    });
    // Anything the check did not hand back is read here, in chunks.
    const unread = scopeItems.flatMap((item, i) => (slots[i] ? [] : [i]));
    const CHUNK = 500;
    const readChunk = (from: number) => catalog.read(unread.slice(from, from + CHUNK).map((i) => scopeItems[i]!.file));
    let next = unread.length > 0 ? readChunk(0) : undefined;
    for (let at = 0; at < unread.length; at += CHUNK) {
      options.onProgress?.({ phase: 'parsing', done: at, total: unread.length });
      const chunk = unread.slice(at, at + CHUNK);
      const files = await next!;
      // read the next chunk (git works in its own process) while this one is spilled
      next = at + CHUNK < unread.length ? readChunk(at + CHUNK) : undefined;
      const spilled = spillItems(spill, chunk.map((i) => {
        const file = files.get(scopeItems[i]!.file)!;
        return { ...scopeItems[i]!, blob: file.id, data: file.data };
      }));
      chunk.forEach((i, n) => (slots[i] = spilled[n]));
    }
    const present = slots as PresentItem[];

    const presentKeys = new Set(present.map((p) => `${p.region}/${p.catalogCode}`));
    const absent: Plan['absent'] = [];
    if (!full) {
      for (const path of paths) {
        const item = itemPathOf(path);
        if (item && !presentKeys.has(`${item.region}/${item.catalogCode}`)) absent.push({ region: item.region, catalogCode: item.catalogCode });
      }
    }

    // Discrepancies are stored against the file they are reported on.
    const discrepancies = checked.discrepancies.map((d) => {
      const region = catalog.regions.get(d.region);
      const file = d.kind === 'missing' ? (region?.file ?? '') : (catalog.items.get(d.region)?.get(d.catalogCode) ?? '');
      return { ...d, file };
    });

    // History: every commit since the previous sync (all of it on a first sync), one git process.
    const from = usable ? previous.revision : undefined;
    options.onProgress?.({ phase: 'history', done: 0, total: 0 });
    const commits = from === target ? [] : await commitsBetween(repo, from, target);
    const { rows: versions, lastCommit } = await versionRows(repo, commits, present, spill, catalog.settings, options);

    const dbItems = await readItems(client, full, [...present, ...absent]);
    const nextId = await nextItemId(client);
    const dbDiscrepancies = rekeyStored(await readDiscrepancies(client, full, paths), rekey);
    return {
      target, worktree, full, scope: paths, dirty, catalog, findings: checked.findings, discrepancies, files: checked.files,
      present, absent, commits, versions, spill, lastCommit, dbItems, dbDiscrepancies, nextId, ...(rekey ? { rekey } : {}),
    };
  } catch (error) {
    spill.close();
    throw error;
  } finally {
    if ('close' in source && typeof source.close === 'function') source.close();
  }
}



function dedupeChanges(changes: FileChange[]): FileChange[] {
  const seen = new Map<string, FileChange>();
  for (const change of changes) {
    const key = `${change.path}\0${change.oldPath ?? ''}`;
    const before = seen.get(key);
    // anything but a plain modification widens what is re-reported, so it wins
    if (!before || before.status === 'M') seen.set(key, change);
  }
  return [...seen.values()];
}

/** Item versions for the commits: one row per item file a commit adds, changes, renames or deletes. */
async function versionRows(
  repo: Awaited<ReturnType<typeof openRepo>>,
  commits: Commit[],
  present: readonly PresentItem[],
  spill: Spill,
  settings: Settings,
  options: SyncOptions,
): Promise<{ rows: VersionRow[]; lastCommit: Map<string, string> }> {
  const lastCommit = new Map<string, string>();
  const rows: VersionRow[] = [];
  const row = (item: { region: string; catalogCode: string }, file: string, commit: Commit, change: string): VersionRow => ({
    region: item.region, catalogCode: item.catalogCode, file, commit, change, blob: null, body: null, previousFile: null,
  });
  for (const commit of commits) {
    for (const change of commit.changes) {
      const item = itemPathOf(change.path);
      if (item) {
        lastCommit.set(change.path, commit.id);
        const version = row(item, change.path, commit, change.status);
        if (change.status !== 'D' && change.blob && change.mode !== '120000') version.blob = change.blob;
        if (change.oldPath !== undefined) version.previousFile = change.oldPath;
        rows.push(version);
      }
      if (change.oldPath !== undefined) {
        // The old path's item ends here (git pairs renames by similarity, so the new path may even be
        // another region's item): its own history closes with a deletion, the new path's opens with R.
        const old = itemPathOf(change.oldPath);
        if (old) rows.push(row(old, change.oldPath, commit, 'D'));
      }
    }
  }

  // Bodies: the current files' are in the spill already; other blobs are read in one cat-file process,
  // parsed once and spilled too.
  const bodies = new Map<string, SpillRef | null>();
  for (const item of present) if (item.blob) bodies.set(item.blob, item.body);
  const missing = [...new Set(rows.flatMap((r) => (r.blob !== null && !bodies.has(r.blob) ? [r.blob] : [])))];
  if (missing.length > 0) {
    const reader = new BlobReader(repo.top);
    try {
      const CHUNK = 500;
      for (let i = 0; i < missing.length; i += CHUNK) {
        options.onProgress?.({ phase: 'history', done: i, total: missing.length });
        const chunk = missing.slice(i, i + CHUNK);
        const blobs = await reader.read(chunk);
        const texts: Array<{ id: string; text: string | null }> = chunk.map((id) => {
          const bytes = blobs.get(id);
          // Read as the catalog reads its items (a v1 catalog's through the v1→v2 mapping), like the current bodies.
          const data = bytes ? mapping(readItem(readFile('', '', bytes, id), settings).data) : undefined;
          return { id, text: data === undefined ? null : JSON.stringify(data) };
        });
        const spilled = texts.filter((t): t is { id: string; text: string } => t.text !== null);
        const refs = spill.append(spilled.map((t) => t.text));
        for (const t of texts) bodies.set(t.id, null);
        spilled.forEach((t, n) => bodies.set(t.id, refs[n]!));
      }
    } finally {
      reader.close();
    }
  }
  for (const version of rows) if (version.blob !== null) version.body = bodies.get(version.blob) ?? null;
  return { rows, lastCommit };
}

/**
 * An item with its data: as the check's JSON (UTF-8; null when not a mapping) with its fields (item-fields.ts),
 * or as parsed here.
 */
type Spillable = { region: string; catalogCode: string; file: string; blob: string } & ({ json: Buffer | null; fields: Buffer } | { data: unknown });

/** Spills each item's body (as JSON text) and the fields lists and search use; keeps where they went. */
function spillItems(spill: Spill, entries: readonly Spillable[]): PresentItem[] {
  const texts: Array<string | Buffer> = [];
  const mappings: boolean[] = [];
  for (const entry of entries) {
    // The check's JSON is spilled as it came: its fields were picked out where it was parsed.
    const body = 'json' in entry ? entry.json : mapping(entry.data);
    if (body) texts.push(body instanceof Buffer ? body : JSON.stringify(body));
    texts.push('json' in entry ? entry.fields : itemFieldsJson(body));
    mappings.push(!!body);
  }
  const refs = spill.append(texts);
  let at = 0;
  return entries.map((entry, i) => ({
    region: entry.region, catalogCode: entry.catalogCode, file: entry.file, blob: entry.blob,
    body: mappings[i] ? refs[at++]! : null,
    fields: refs[at++]!,
  }));
}

function mapping(data: unknown): Record<string, unknown> | undefined {
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
}

// ---- phase 2: write --------------------------------------------------------------------------------------

const ROWS_PER_ROUND_TRIP = 2 * ROWS_PER_INSERT;

async function write(
  client: Client,
  plan: Plan,
  lease: Lease,
  previous: PreviousRun | undefined,
  options: SyncOptions,
  started: number,
): Promise<SyncSummary> {
  const { target, full, scope } = plan;
  const dirty = new Set(plan.dirty);

  // Findings per file, for the items' error and warning counts.
  const counts = new Map<string, { errors: number; warnings: number }>();
  for (const f of plan.findings) {
    const c = counts.get(f.file) ?? { errors: 0, warnings: 0 };
    if (f.severity === 'error') c.errors++;
    else if (f.severity === 'warning') c.warnings++;
    counts.set(f.file, c);
  }

  // Items: upserts for what exists, removals for what does not. Counted here; their rows are built a chunk
  // at a time inside the transaction, with the bodies read back from the spill file.
  let itemsAdded = 0;
  let itemsChanged = 0;
  /** items_fts rows to take out first: every scope item that had one */
  const ftsOut: number[] = [];
  for (const item of plan.present) {
    const before = plan.dbItems.get(`${item.region}/${item.catalogCode}`);
    if (before === undefined || before.removed) itemsAdded++;
    else if (before.blob !== item.blob) itemsChanged++;
    if (before?.id != null) ftsOut.push(before.id);
  }
  const removed: ItemState[] = [];
  if (full) {
    const present = new Set(plan.present.map((p) => `${p.region}/${p.catalogCode}`));
    for (const [key, state] of plan.dbItems) if (!state.removed && !present.has(key)) removed.push(state);
  } else {
    for (const item of plan.absent) {
      const before = plan.dbItems.get(`${item.region}/${item.catalogCode}`);
      if (before && !before.removed) removed.push(before);
    }
  }
  for (const item of removed) if (item.id !== null) ftsOut.push(item.id);

  // Discrepancies keep the revision their fingerprint was first seen at.
  const newKeys = new Map<string, string>();
  for (const d of plan.discrepancies) newKeys.set(d.key, d.fingerprint);
  const changedKeys: string[] = [];
  const goneKeys: string[] = [];
  for (const [key, before] of plan.dbDiscrepancies) {
    const now = newKeys.get(key);
    if (now === undefined) goneKeys.push(key);
    else if (now !== before.fingerprint) changedKeys.push(key);
  }

  const deletions = clearStatements(full, scope, ftsOut);
  const removals = removalStatements(target, removed);
  const regions = [...plan.catalog.regions.values()];

  /**
   * Every statement of the write, in order, as builders of a chunk of rows each (with the rows it writes):
   * what a builder makes is referenced only by the batch it is sent in (see flush below).
   */
  type Chunk = { statements: InStatement[]; rows: number };
  function* chunks(): Generator<() => Chunk> {
    yield () => ({ statements: deletions, rows: deletions.length });
    for (const findings of slices(plan.findings)) {
      yield () => {
        const rows = findings.map((f) => [f.file, f.region, f.catalogCode ?? null, f.rule, f.severity, f.line, f.column, f.path, f.message.zh, f.message.en]);
        return { statements: insertStatements('findings', FINDING_COLUMNS, rows), rows: rows.length };
      };
    }
    for (const discrepancies of slices(plan.discrepancies)) {
      yield () => {
        const rows = discrepancies.map((d) => {
          const before = plan.dbDiscrepancies.get(d.key);
          return [
            d.key, d.region, d.catalogCode, d.against, d.path, topElement(d.path), d.kind, d.rule,
            json(d.ours), json(d.theirs), d.fingerprint, before && before.fingerprint === d.fingerprint ? before.since : target, d.file,
          ];
        });
        return { statements: insertStatements('discrepancies', DISCREPANCY_COLUMNS, rows, { verb: 'INSERT OR REPLACE' }), rows: rows.length };
      };
    }
    let nextId = plan.nextId;
    for (const items of slices(plan.present)) {
      yield () => {
        const texts = plan.spill.read(items.flatMap((item) => (item.body ? [item.body, item.fields] : [item.fields])));
        let at = 0;
        const itemRows: Row[] = [];
        const ftsRows: Row[] = [];
        for (const item of items) {
          const body = item.body ? texts[at++]! : null;
          const [name, type, conditions, materials] = JSON.parse(texts[at++]!) as ItemFields;
          const before = plan.dbItems.get(`${item.region}/${item.catalogCode}`);
          const same = before !== undefined && !before.removed && before.blob === item.blob;
          const revision = same ? before.revision : (plan.lastCommit.get(item.file) ?? target);
          const c = counts.get(item.file) ?? { errors: 0, warnings: 0 };
          const id = before?.id ?? nextId++;
          itemRows.push([id, item.region, item.catalogCode, item.file, item.blob, revision, body, name, type, c.errors, c.warnings, dirty.has(item.file) ? 1 : 0, null]);
          ftsRows.push([id, item.region, item.catalogCode, name ?? '', conditions, materials]);
        }
        return {
          statements: [...insertStatements('items', ITEM_COLUMNS, itemRows, { suffix: ITEM_UPSERT }), ...insertStatements('items_fts', FTS_COLUMNS, ftsRows)],
          rows: 2 * items.length,
        };
      };
    }
    yield () => ({ statements: removals, rows: removals.length });
    for (const versions of slices(plan.versions)) {
      yield () => {
        const bodies = plan.spill.read(versions.flatMap((v) => (v.body ? [v.body] : [])));
        let at = 0;
        const rows = versions.map((v) => {
          const author = v.commit.email ? `${v.commit.author} <${v.commit.email}>` : v.commit.author;
          return [v.region, v.catalogCode, v.file, v.commit.id, author, v.commit.date, v.commit.message, v.change, v.blob, v.body ? bodies[at++]! : null, v.previousFile];
        });
        return { statements: insertStatements('item_versions', VERSION_COLUMNS, rows, { verb: 'INSERT OR IGNORE' }), rows: rows.length };
      };
    }
    yield () => {
      const rows = regions.map((r) => [r.code, r.name ?? null, r.level ?? null, r.parent ?? null, r.dir, r.dir, r.localItems ? JSON.stringify(r.localItems) : null]);
      return { statements: [{ sql: 'DELETE FROM regions', args: [] }, ...insertStatements('regions', REGION_COLUMNS, rows)], rows: 1 + rows.length };
    };
  }
  const total = deletions.length + plan.findings.length + plan.discrepancies.length + 2 * plan.present.length + removals.length
    + plan.versions.length + 1 + regions.length;

  lease.pause();
  const tx = await client.transaction('write');
  try {
    await lease.confirmIn(tx);
    if ((await latestRunId(tx)) !== previous?.id) throw new StaleRead('another sync ran meanwhile');
    if (plan.rekey) await runAll(tx, rekeyStatements(plan.rekey));

    // A few statements a round trip (sqld) and at most ROWS_PER_ROUND_TRIP rows, progress before each.
    // After each, the event loop turns with nothing of it referenced: a file: client's statements (with
    // copies of their bound values, ≈ 2 MB for 500 bodies) are freed by finalizers that run only there —
    // a loop of awaits that settle at once never got there and held ≈ 2 GB — and the rows die young.
    let done = 0;
    const pending: InStatement[] = [];
    let pendingRows = 0;
    const add = (chunk: Chunk) => {
      pending.push(...chunk.statements);
      pendingRows += chunk.rows;
    };
    const flush = async () => {
      options.onProgress?.({ phase: 'writing', done, total });
      await runAll(tx, pending.splice(0));
      done += pendingRows;
      pendingRows = 0;
      await new Promise((resolve) => setImmediate(resolve));
    };
    for (const build of chunks()) {
      add(build());
      if (pending.length >= STATEMENTS_PER_BATCH || pendingRows >= ROWS_PER_ROUND_TRIP) await flush();
    }
    if (pending.length > 0) await flush();
    options.onProgress?.({ phase: 'writing', done: total, total });

    const reviews = await reviewTransitions(tx, plan.dbDiscrepancies, changedKeys, goneKeys);
    await recordGitDecisions(tx, plan.catalog.decisionsOf);
    const totals = await readTotals(tx);
    const summary: SyncSummary = {
      outcome: 'ok',
      revision: target,
      previousRevision: previous?.revision ?? null,
      worktree: plan.worktree,
      full,
      commits: plan.commits.length,
      files: plan.files,
      itemsAdded,
      itemsChanged,
      itemsRemoved: removed.length,
      versions: plan.versions.length,
      ...totals,
      reviewsOutdated: reviews.outdated,
      reviewsResolved: reviews.resolved,
      ms: Date.now() - started,
    };
    const { outcome, revision, previousRevision, worktree, ...numbers } = summary;
    void outcome; void revision; void previousRevision; void worktree;
    await recordRun(tx, { started, revision: target, previous: previous?.revision ?? null, worktree: plan.worktree, dirty: plan.dirty, counts: numbers });
    await lease.releaseIn(tx);
    await tx.commit();
    return summary;
  } catch (error) {
    try {
      await tx.rollback();
    } catch {
      /* already rolled back (e.g. sqld's transaction timeout) */
    }
    lease.resume();
    throw error;
  } finally {
    tx.close();
  }
}



function firstLine(message: string): string {
  return message.split('\n')[0]!;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
