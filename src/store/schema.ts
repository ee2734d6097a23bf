// The store's tables (drizzle). Data flows in from sync; the web UI reads it and writes reviews,
// users and the audit log. Reviews are keyed by discrepancy key + fingerprint and never deleted by a sync.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, sqliteView, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** One run of `tongbiao sync`. */
export const syncRuns = sqliteTable('sync_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  startedAt: text('started_at').notNull().default(now),
  finishedAt: text('finished_at'),
  /** commit synced; for --worktree syncs, the HEAD commit the working tree sits on */
  revision: text('revision').notNull(),
  previousRevision: text('previous_revision'),
  worktree: integer('worktree', { mode: 'boolean' }).notNull().default(false),
  /** ok | noop */
  outcome: text('outcome').notNull(),
  /** { itemsAdded, itemsChanged, itemsRemoved, findings, discrepancies, reviewsOutdated, files, ms } */
  counts: text('counts', { mode: 'json' }).$type<Record<string, number>>().notNull(),
  /**
   * --worktree syncs: catalog-relative paths that differed from `revision` (uncommitted), so the next sync
   * re-reads them even if no commit touches them. Null for committed syncs.
   */
  dirty: text('dirty', { mode: 'json' }).$type<string[]>(),
});

/** 行政区划 */
export const regions = sqliteTable('regions', {
  code: text('code').primaryKey(),
  name: text('name'),
  level: text('level'),
  parent: text('parent'),
  dir: text('dir').notNull(),
  /** materialised path of codes, e.g. `420000/420100/420102`, so a subtree is one LIKE prefix query */
  lineage: text('lineage').notNull(),
  /** region.yaml `localItems` (catalogCodes the region establishes itself) as a JSON array; null when none */
  localItems: text('local_items', { mode: 'json' }).$type<string[]>(),
}, (t) => [index('regions_parent').on(t.parent), index('regions_lineage').on(t.lineage)]);

/** The current state of every item file (事项), including removed ones (their history stays). */
export const items = sqliteTable('items', {
  region: text('region').notNull(),
  /**
   * The file name's stem (`items/<catalogCode>.yaml`): unique within a region even when the document's own
   * catalogCode differs from it (which is a `file-name` finding).
   */
  catalogCode: text('catalog_code').notNull(),
  file: text('file').notNull(),
  blob: text('blob').notNull(),
  revision: text('revision').notNull(),
  /** the item as plain JSON; null when the file does not parse */
  body: text('body', { mode: 'json' }).$type<Record<string, unknown>>(),
  name: text('name'),
  type: text('type'),
  errors: integer('errors').notNull().default(0),
  warnings: integer('warnings').notNull().default(0),
  /** true when synced from uncommitted files (--worktree) */
  uncommitted: integer('uncommitted', { mode: 'boolean' }).notNull().default(false),
  /** revision at which the file was deleted; null while it exists */
  removedAt: text('removed_at'),
  /**
   * A stable integer id given by the sync (never reused, survives VACUUM unlike the implicit rowid): the
   * item's rowid in items_fts, and a short id for URLs.
   */
  id: integer('id'),
}, (t) => [
  primaryKey({ columns: [t.region, t.catalogCode] }),
  uniqueIndex('items_id').on(t.id),
  index('items_code').on(t.catalogCode),
  // the web UI's coverage matrix: which of these regions hold these codes, answered from the index alone
  index('items_code_region').on(t.catalogCode, t.region, t.removedAt),
  index('items_file').on(t.file),
]);

/** Every commit that changed an item file. */
export const itemVersions = sqliteTable('item_versions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  region: text('region').notNull(),
  catalogCode: text('catalog_code').notNull(),
  file: text('file').notNull(),
  commit: text('commit').notNull(),
  author: text('author').notNull(),
  date: text('date').notNull(),
  message: text('message').notNull(),
  /** A added, M modified, D deleted, R renamed */
  change: text('change').notNull(),
  blob: text('blob'),
  body: text('body', { mode: 'json' }).$type<Record<string, unknown>>(),
  /** for a rename (R): the file's path before it */
  previousFile: text('previous_file'),
}, (t) => [
  index('item_versions_item').on(t.region, t.catalogCode, t.date),
  uniqueIndex('item_versions_commit_file').on(t.commit, t.file),
]);

/** Current validate findings. Replaced per file by each sync. */
export const findings = sqliteTable('findings', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  file: text('file').notNull(),
  region: text('region').notNull(),
  catalogCode: text('catalog_code'),
  rule: text('rule').notNull(),
  severity: text('severity').notNull(),
  line: integer('line').notNull(),
  column: integer('column').notNull(),
  path: text('path').notNull(),
  messageZh: text('message_zh').notNull(),
  messageEn: text('message_en').notNull(),
}, (t) => [
  index('findings_file').on(t.file),
  index('findings_item').on(t.region, t.catalogCode),
  index('findings_rule').on(t.rule),
]);

/** Current discrepancies (差异), one per key. */
export const discrepancies = sqliteTable('discrepancies', {
  key: text('key').primaryKey(),
  region: text('region').notNull(),
  catalogCode: text('catalog_code').notNull(),
  against: text('against').notNull(),
  path: text('path').notNull(),
  /** top-level element of path, e.g. `materials` — the queue's "field" facet */
  field: text('field').notNull(),
  kind: text('kind').notNull(),
  rule: text('rule').notNull(),
  ours: text('ours', { mode: 'json' }),
  theirs: text('theirs', { mode: 'json' }),
  fingerprint: text('fingerprint').notNull(),
  /** revision at which this fingerprint was first seen */
  since: text('since').notNull(),
  /** catalog-relative file the discrepancy is reported on (the item file; region.yaml for `missing`) */
  file: text('file').notNull().default(''),
}, (t) => [
  index('discrepancies_region').on(t.region, t.kind),
  index('discrepancies_item').on(t.region, t.catalogCode),
  index('discrepancies_fingerprint').on(t.fingerprint),
  index('discrepancies_file').on(t.file),
  // the web UI: queue search (codes a name search matched) and coverage gaps (missing in these regions)
  index('discrepancies_code').on(t.catalogCode, t.kind, t.region),
]);

/**
 * A person's decision on a discrepancy, stored against its key and the fingerprint it was made on.
 * Never deleted by a sync: whether it is current, outdated or resolved is derived by joining on key.
 */
export const reviews = sqliteTable('reviews', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  key: text('key').notNull(),
  fingerprint: text('fingerprint').notNull(),
  region: text('region').notNull(),
  catalogCode: text('catalog_code').notNull(),
  path: text('path').notNull(),
  /** accepted (local variation) | fix-requested | comment | reopened */
  decision: text('decision').notNull(),
  reason: text('reason').notNull().default(''),
  author: text('author').notNull(),
  /** ui: decided in the review UI; git: read by a sync from the region's decisions.yaml */
  source: text('source').$type<'ui' | 'git'>().notNull().default('ui'),
  /** with fix-requested: the fix as a unified diff of the item file, as the reviewer saw it */
  patch: text('patch'),
  createdAt: text('created_at').notNull().default(now),
}, (t) => [index('reviews_key').on(t.key, t.createdAt), index('reviews_region').on(t.region)]);

/**
 * The decisions.yaml entries of the revision last synced (spec §6), replaced whole by every sync: what git holds,
 * so the UI can tell which decisions are not yet in git. (Their verdicts also enter `reviews`, source git.)
 */
export const gitDecisions = sqliteTable('git_decisions', {
  key: text('key').primaryKey(),
  region: text('region').notNull(),
  fingerprint: text('fingerprint').notNull(),
  decision: text('decision').notNull(),
  reason: text('reason'),
  by: text('by').notNull(),
  at: text('at').notNull(),
  patch: text('patch'),
}, (t) => [index('git_decisions_region').on(t.region)]);

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  /** scrypt: `scrypt$N$r$p$salt$hash` (base64) */
  passwordHash: text('password_hash').notNull(),
  region: text('region').notNull(),
  /** reviewer | officer | admin */
  role: text('role').notNull(),
  createdAt: text('created_at').notNull().default(now),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
});

export const sessions = sqliteTable('sessions', {
  /** sha256 of the cookie token, so a leaked database does not leak live sessions */
  id: text('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  createdAt: text('created_at').notNull().default(now),
  expiresAt: text('expires_at').notNull(),
}, (t) => [index('sessions_user').on(t.userId)]);

/** Who did what, when: reviews, logins, user changes, syncs. Append-only. */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull().default(now),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  region: text('region'),
  target: text('target'),
  detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
}, (t) => [index('audit_log_at').on(t.at), index('audit_log_region').on(t.region)]);

/**
 * Recent login attempts for the rate limit, shared by every process serving the database (`serve --workers`):
 * one row per attempt and limited key (`name:<lower-case name>`, `ip:<address>`), `at` in epoch milliseconds.
 * Rows older than the window are deleted as new attempts come in; a successful login removes its own.
 */
export const loginAttempts = sqliteTable('login_attempts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  key: text('key').notNull(),
  at: integer('at').notNull(),
}, (t) => [index('login_attempts_key').on(t.key, t.at), index('login_attempts_at').on(t.at)]);

/**
 * Facts about the stored data itself, one row each. `discrepancy-keys` = `index-path` marks a database
 * whose discrepancy keys predate spec §3 "Keys and fingerprints" (set by migration 0008 on a database that
 * had any), `discrepancy-items` = `as-written` one whose discrepancies of a v1 catalog predate its v2
 * reading (spec §8; migration 0011); the next sync re-keys it (rekey.ts) and removes the rows.
 */
export const storeMeta = sqliteTable('store_meta', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
});

/** Single-row lease that keeps two syncs from interleaving. */
export const syncLock = sqliteTable('sync_lock', {
  id: integer('id').primaryKey(),
  holder: text('holder').notNull(),
  acquiredAt: text('acquired_at').notNull(),
});

/**
 * The state of each reviewed discrepancy key, derived by the view of migration 0003 (never stored, so a
 * sync cannot break it): the latest verdict per key (accepted / fix-requested / reopened; comments do not
 * count) joined with the current discrepancy. state: decided | outdated | resolved | open (reopened).
 * `.existing()`: drizzle-kit does not manage it.
 */
export const reviewStatesView = sqliteView('review_states', {
  key: text('key').notNull(),
  region: text('region').notNull(),
  catalogCode: text('catalog_code').notNull(),
  path: text('path').notNull(),
  reviewId: integer('review_id').notNull(),
  decision: text('decision').notNull(),
  author: text('author').notNull(),
  createdAt: text('created_at').notNull(),
  reviewFingerprint: text('review_fingerprint').notNull(),
  /** null when the key is gone (resolved) */
  currentFingerprint: text('current_fingerprint'),
  state: text('state').$type<'decided' | 'outdated' | 'resolved' | 'open'>().notNull(),
}).existing();
