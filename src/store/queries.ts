// Read-only queries behind the web UI. Each returns plain data; the views decide how it looks.
// Subtrees are one LIKE on regions.lineage; a discrepancy's state comes from reviews.ts.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './db.js';
import { STATUS_SQL, VERDICT_JOIN, type Decision, type Review, type Status } from './reviews.js';

export interface RegionRow {
  code: string;
  name: string | null;
  level: string | null;
  parent: string | null;
  lineage: string;
  depth: number;
}

type Row = Record<string, unknown>;

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

function parseJson(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

export async function listRegions(db: Db): Promise<RegionRow[]> {
  const rows = await db.all<Row>(sql`SELECT code, name, level, parent, lineage FROM regions ORDER BY lineage`);
  return rows.map(toRegion);
}

function toRegion(r: Row): RegionRow {
  const lineage = str(r.lineage);
  return {
    code: str(r.code),
    name: strOrNull(r.name),
    level: strOrNull(r.level),
    parent: strOrNull(r.parent),
    lineage,
    depth: lineage.split('/').length - 1,
  };
}

export async function getRegion(db: Db, code: string): Promise<RegionRow | undefined> {
  const [row] = await db.all<Row>(sql`SELECT code, name, level, parent, lineage FROM regions WHERE code = ${code}`);
  return row ? toRegion(row) : undefined;
}

/** The top region (the province): the one without a parent. */
export async function topRegion(db: Db): Promise<RegionRow | undefined> {
  const [row] = await db.all<Row>(
    sql`SELECT code, name, level, parent, lineage FROM regions WHERE parent IS NULL ORDER BY lineage LIMIT 1`,
  );
  return row ? toRegion(row) : undefined;
}

/** True when `region` is `root` or lies below it. */
export function inSubtree(regionLineage: string, rootCode: string): boolean {
  return regionLineage.split('/').includes(rootCode);
}

/** SQL condition: `column` is a region code in the subtree rooted at the region with `lineage`. */
export function subtreeSql(column: SQL, lineage: string): SQL {
  return sql`${column} IN (SELECT code FROM regions WHERE lineage = ${lineage} OR lineage LIKE ${lineage + '/%'})`;
}

export interface SyncInfo {
  id: number;
  revision: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: string;
  worktree: boolean;
  counts: Record<string, number>;
}

export async function lastSync(db: Db): Promise<SyncInfo | undefined> {
  const [r] = await db.all<Row>(
    sql`SELECT id, revision, started_at, finished_at, outcome, worktree, counts FROM sync_runs
        WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1`,
  );
  if (!r) return undefined;
  return {
    id: num(r.id),
    revision: str(r.revision),
    startedAt: str(r.started_at),
    finishedAt: strOrNull(r.finished_at),
    outcome: str(r.outcome),
    worktree: Boolean(num(r.worktree)),
    counts: (parseJson(r.counts) as Record<string, number> | undefined) ?? {},
  };
}

export interface DataVersions {
  /** changes when a sync finishes: everything read from the catalog */
  sync: string;
  /** changes when a sync finishes or a review is written: the states of discrepancies */
  reviews: string;
}

/**
 * Cheap tokens that change whenever what the pages show may have changed. Every writer leaves a trace here:
 * a sync records a run, a decision a review. Used to reuse expensive aggregates until then.
 */
export async function dataVersions(db: Db): Promise<DataVersions> {
  const [r] = await db.all<Row>(
    sql`SELECT (SELECT max(id) FROM sync_runs) AS s, (SELECT max(finished_at) FROM sync_runs) AS f, (SELECT max(id) FROM reviews) AS r`,
  );
  const sync = `${str(r?.s)}|${str(r?.f)}`;
  return { sync, reviews: `${sync}|${str(r?.r)}` };
}

/**
 * Reuses a computed value while the data it depends on is unchanged: `sync` for what only a sync changes,
 * `reviews` (default) for what a decision changes too. The web app passes one; without, nothing is reused.
 */
export type Memo = <T>(key: string, compute: () => Promise<T>, scope?: keyof DataVersions) => Promise<T>;

export const noMemo: Memo = (_key, compute) => compute();

// ---------------------------------------------------------------------------------------------------------------
// Dashboard

export interface DashboardRow extends RegionRow {
  items: number;
  errors: number;
  warnings: number;
  open: number;
  decided: number;
  outdated: number;
  /** discrepancies of kind `missing`: applicable baseline items the region has not claimed */
  missing: number;
  /** region items that are baseline items */
  claimed: number;
  /** claimed / (claimed + missing); null for the province (it is the baseline) or when nothing applies */
  claimRate: number | null;
}

/** The SQL condition "discrepancy `d` has a verdict" (the few reviewed keys among many). */
const REVIEWED = sql`d.key IN (SELECT key FROM reviews WHERE decision IN ('accepted', 'fix-requested', 'reopened'))`;

export async function dashboard(db: Db, memo: Memo = noMemo): Promise<DashboardRow[]> {
  const regionList = await memo('regions', () => listRegions(db), 'sync');
  const top = regionList.find((r) => r.parent === null);
  // What only a sync changes: counted once per sync.
  const synced = await memo(
    'dashboard:sync',
    async () => {
      const out = new Map<string, { items: number; errors: number; warnings: number; discrepancies: number; missing: number; claimed: number }>();
      const entry = (region: unknown) => {
        const code = str(region);
        let e = out.get(code);
        if (!e) out.set(code, (e = { items: 0, errors: 0, warnings: 0, discrepancies: 0, missing: 0, claimed: 0 }));
        return e;
      };
      for (const r of await db.all<Row>(sql`SELECT region, count(*) AS n FROM items WHERE removed_at IS NULL GROUP BY region`)) {
        entry(r.region).items = num(r.n);
      }
      for (const r of await db.all<Row>(
        sql`SELECT region, sum(severity = 'error') AS e, sum(severity = 'warning') AS w FROM findings GROUP BY region`,
      )) {
        Object.assign(entry(r.region), { errors: num(r.e), warnings: num(r.w) });
      }
      for (const r of await db.all<Row>(sql`SELECT region, count(*) AS n, sum(kind = 'missing') AS m FROM discrepancies GROUP BY region`)) {
        Object.assign(entry(r.region), { discrepancies: num(r.n), missing: num(r.m) });
      }
      if (top) {
        for (const r of await db.all<Row>(sql`SELECT i.region AS region, count(*) AS n FROM items i
            JOIN items b ON b.region = ${top.code} AND b.catalog_code = i.catalog_code AND b.removed_at IS NULL
            WHERE i.removed_at IS NULL AND i.region <> ${top.code} GROUP BY i.region`)) {
          entry(r.region).claimed = num(r.n);
        }
      }
      return out;
    },
    'sync',
  );
  // What a decision changes: only the reviewed discrepancies are looked at.
  const reviewed = await memo('dashboard:reviews', async () => {
    const out = new Map<string, Record<string, number>>();
    for (const r of await db.all<Row>(sql`SELECT d.region AS region, ${STATUS_SQL} AS status, count(*) AS n
        FROM discrepancies d ${VERDICT_JOIN} WHERE ${REVIEWED} GROUP BY 1, 2`)) {
      const e = out.get(str(r.region)) ?? {};
      e[str(r.status)] = num(r.n);
      out.set(str(r.region), e);
    }
    return out;
  });
  // the rows themselves change only with those two: built once per version
  return memo('dashboard:rows', async () => regionList.map((region) => {
    const s = synced.get(region.code);
    const v = reviewed.get(region.code) ?? {};
    const decided = v.decided ?? 0;
    const outdated = v.outdated ?? 0;
    const c = s?.claimed ?? 0;
    const missing = s?.missing ?? 0;
    return {
      ...region,
      items: s?.items ?? 0,
      errors: s?.errors ?? 0,
      warnings: s?.warnings ?? 0,
      open: (s?.discrepancies ?? 0) - decided - outdated,
      decided,
      outdated,
      missing,
      claimed: c,
      claimRate: region.parent === null || c + missing === 0 ? null : c / (c + missing),
    };
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Review queue

export interface QueueFilter {
  /** root of the regions shown; undefined = all */
  region?: RegionRow;
  /** `subtree` (default): the region and everything below; `self`: that region only */
  scope: 'subtree' | 'self';
  kind?: string;
  rule?: string;
  field?: string;
  type?: string;
  status?: Status;
  q?: string;
  page: number;
  per: number;
}

export interface QueueRow {
  key: string;
  region: string;
  regionName: string | null;
  catalogCode: string;
  itemName: string | null;
  type: string | null;
  against: string;
  againstName: string | null;
  path: string;
  field: string;
  kind: string | null;
  rule: string | null;
  ours: unknown;
  theirs: unknown;
  fingerprint: string | null;
  since: string | null;
  status: Status;
  verdict?: { decision: string; author: string; at: string; reason: string; fingerprint: string };
}

export type Facets = Record<'kind' | 'rule' | 'field' | 'type' | 'status', Record<string, number>>;

export interface QueueResult {
  total: number;
  rows: QueueRow[];
  facets: Facets;
}

const FACET_DIMS = ['kind', 'rule', 'field', 'type', 'status'] as const;
type FacetDim = (typeof FACET_DIMS)[number];

/** Escapes LIKE wildcards; use with `ESCAPE '\'`. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => '\\' + ch);
}

/**
 * Catalog codes whose item name matches `q` (names are the same at every level, 四级四同, so one match
 * stands for the item everywhere), or whose code starts with `q` when it is all digits. Terms separated by
 * spaces must all match. Like searchItems (search.ts): terms of 3+ characters go through the FTS5 trigram
 * index (items_fts, name column only); 1–2 character terms, which trigram cannot match, use LIKE.
 */
export async function matchingCodes(db: Db, q: string): Promise<string[]> {
  const trimmed = q.trim();
  let query: SQL;
  if (/^\d{1,12}$/.test(trimmed)) {
    query = sql`SELECT DISTINCT catalog_code FROM items WHERE catalog_code LIKE ${likeEscape(trimmed) + '%'} ESCAPE '\\'`;
  } else {
    const terms = trimmed.split(/[\s\u3000]+/).filter((t) => t !== '');
    const long = terms.filter((t) => [...t].length >= 3);
    const short = terms.filter((t) => [...t].length < 3);
    const where: SQL[] = [];
    if (long.length > 0) where.push(sql`items_fts MATCH ${long.map((t) => `name : "${t.replace(/"/g, '""')}"`).join(' AND ')}`);
    for (const term of short) where.push(sql`name LIKE ${'%' + likeEscape(term) + '%'} ESCAPE '\\'`);
    if (where.length === 0) return [];
    query = sql`SELECT DISTINCT catalog_code FROM items_fts WHERE ${sql.join(where, sql` AND `)}`;
  }
  return (await db.all<Row>(query)).map((r) => str(r.catalog_code)).sort();
}

function inList(column: SQL, values: readonly string[]): SQL {
  if (values.length === 0) return sql`0`;
  // a long list is one JSON parameter rather than hundreds of bound values
  if (values.length > 30) return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
  return sql`${column} IN (${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;
}

const TYPE_SQL = sql`COALESCE(i.type, a.type)`;

const ITEM_JOINS = sql`LEFT JOIN items i ON i.region = d.region AND i.catalog_code = d.catalog_code
    LEFT JOIN items a ON a.region = d.against AND a.catalog_code = d.catalog_code`;

function queueFrom(): SQL {
  return sql`FROM discrepancies d ${ITEM_JOINS} ${VERDICT_JOIN}`;
}

/** The queue's selection before facets: region (subtree or self) and the catalog codes a search matched. */
interface Selection {
  region?: RegionRow;
  scope: 'subtree' | 'self';
  codes?: string[];
}

function baseConditions(f: Selection): SQL[] {
  const where: SQL[] = [];
  if (f.region) where.push(f.scope === 'self' ? sql`d.region = ${f.region.code}` : subtreeSql(sql`d.region`, f.region.lineage));
  // A few codes: look them up (index discrepancies_code). Many (a common word such as 许可): a lookup would
  // fetch and sort thousands of rows for one page, so `+` keeps SQLite walking the key order until the page is full.
  if (f.codes) where.push(inList(f.codes.length > 30 ? sql`+d.catalog_code` : sql`d.catalog_code`, f.codes));
  return where;
}

/** The discrepancies in one reviewed state, in key order: their keys and their regions' lineages. */
interface KeyList {
  keys: string[];
  lineages: string[];
}

/** The keys of the discrepancies that are decided, and of those that are outdated. */
interface ReviewedKeys {
  decided: KeyList;
  outdated: KeyList;
}

/** Kept per reviews version: the few reviewed keys and their states, so a status filter is a key list. */
async function reviewedKeys(db: Db, memo: Memo): Promise<ReviewedKeys> {
  return memo('reviewed-keys', async () => {
    const out: ReviewedKeys = { decided: { keys: [], lineages: [] }, outdated: { keys: [], lineages: [] } };
    for (const r of await db.all<Row>(sql`SELECT d.key AS key, r.lineage AS lineage, ${STATUS_SQL} AS status
        FROM discrepancies d ${VERDICT_JOIN} LEFT JOIN regions r ON r.code = d.region
        WHERE ${REVIEWED} ORDER BY d.key`)) {
      const list = r.status === 'decided' ? out.decided : r.status === 'outdated' ? out.outdated : undefined;
      list?.keys.push(str(r.key));
      list?.lineages.push(str(r.lineage));
    }
    return out;
  });
}

/**
 * A page of a decided / outdated queue filtered by nothing but region: cut from the key list in memory, so that
 * SQLite looks up the page's rows alone instead of matching every key of the list. Undefined when other
 * filters apply.
 */
function pageOfKeyList(f: QueueFilter & Selection, list: KeyList, offset: number): string[] | undefined {
  if (f.kind || f.rule || f.field || f.type || f.codes) return undefined;
  const region = f.region;
  if (!region) return list.keys.slice(offset, offset + f.per);
  const below = region.lineage + '/';
  const page: string[] = [];
  let skipped = 0;
  for (let i = 0; i < list.keys.length && page.length < f.per; i++) {
    const lineage = list.lineages[i]!;
    const inSelection = f.scope === 'self' ? lineage === region.lineage : lineage === region.lineage || lineage.startsWith(below);
    if (!inSelection) continue;
    if (skipped < offset) skipped++;
    else page.push(list.keys[i]!);
  }
  return page;
}

function facetConditions(f: QueueFilter, reviewed: ReviewedKeys | undefined): SQL[] {
  const where: SQL[] = [];
  if (f.kind) where.push(sql`d.kind = ${f.kind}`);
  if (f.rule) where.push(sql`d.rule = ${f.rule}`);
  if (f.field) where.push(sql`d.field = ${f.field}`);
  if (f.type) where.push(sql`${TYPE_SQL} = ${f.type}`);
  if (f.status && f.status !== 'resolved') {
    if (reviewed && f.status !== 'open') {
      // decided / outdated: the (few) keys in that state, known per reviews version
      where.push(inList(sql`d.key`, reviewed[f.status].keys));
    } else {
      // decided and outdated need a verdict: start from the (few) reviewed keys instead of every discrepancy
      if (f.status !== 'open') where.push(REVIEWED);
      where.push(sql`(${STATUS_SQL}) = ${f.status}`);
    }
  }
  return where;
}

function whereSql(conditions: SQL[]): SQL {
  return conditions.length === 0 ? sql`` : sql`WHERE ${sql.join(conditions, sql` AND `)}`;
}

// A queue row comes back from SQLite as one JSON array (one column), not 22 columns: @libsql/client builds each
// row as an object with a property per column by name and by index, which cost more than the query itself on a
// page of 50 rows; JSON.parse of the array is native. ours and theirs stay JSON text inside it (NULL: absent).
const ROW_JSON = sql`json_array(d.key, d.region, r.name, d.catalog_code, COALESCE(i.name, a.name),
      ${TYPE_SQL}, d.against, ra.name, d.path, d.field, d.kind, d.rule, d.ours, d.theirs,
      d.fingerprint, d.since, ${STATUS_SQL},
      vr.decision, vr.author, vr.created_at, vr.reason, vr.fingerprint) AS row`;

/** ROW_JSON's arrays as queue rows (the same order). */
function rowsFromJson(rows: Row[]): QueueRow[] {
  return rows.map((r) => queueRowFromArray(JSON.parse(str(r.row)) as unknown[]));
}

function queueRowFromArray(v: unknown[]): QueueRow {
  const row: QueueRow = {
    key: str(v[0]),
    region: str(v[1]),
    regionName: strOrNull(v[2]),
    catalogCode: str(v[3]),
    itemName: strOrNull(v[4]),
    type: strOrNull(v[5]),
    against: str(v[6]),
    againstName: strOrNull(v[7]),
    path: str(v[8]),
    field: str(v[9]),
    kind: strOrNull(v[10]),
    rule: strOrNull(v[11]),
    ours: parseJson(v[12]),
    theirs: parseJson(v[13]),
    fingerprint: strOrNull(v[14]),
    since: strOrNull(v[15]),
    status: str(v[16]) as Status,
  };
  if (v[17] !== null && v[17] !== undefined) {
    row.verdict = { decision: str(v[17]), author: str(v[18]), at: str(v[19]), reason: str(v[20]), fingerprint: str(v[21]) };
  }
  return row;
}

const REGION_JOINS = sql`LEFT JOIN regions r ON r.code = d.region LEFT JOIN regions ra ON ra.code = d.against`;

export async function queue(db: Db, filter: QueueFilter, memo: Memo = noMemo): Promise<QueueResult> {
  const q = filter.q?.trim();
  const f: QueueFilter & Selection = { ...filter, ...(q ? { codes: await memo(`codes:${q}`, () => matchingCodes(db, q), 'sync') } : {}) };
  const facets = await queueFacets(db, f, memo);
  const offset = (f.page - 1) * f.per;
  if (f.status === 'resolved') {
    const { total, rows } = await resolvedRows(db, f, offset);
    return { total, rows, facets };
  }
  // The page's keys first, joining only what the filters need, then the columns for those keys alone: with
  // OFFSET, SQLite would otherwise build every skipped row with all its joins (page 40: ≈ 7 ms instead of ≈ 1).
  // CROSS JOIN keeps the page as the outer loop, and LIMIT is a literal (checked integers): with a bound
  // LIMIT the planner cannot tell the page is small and scans every discrepancy against it.
  const joins: SQL[] = [];
  if (f.type) joins.push(ITEM_JOINS);
  if (f.status === 'open') joins.push(VERDICT_JOIN);
  const verdictState = f.status === 'decided' || f.status === 'outdated' ? f.status : undefined;
  const reviewed = verdictState ? await reviewedKeys(db, memo) : undefined;
  const listed = verdictState && reviewed ? pageOfKeyList(f, reviewed[verdictState], offset) : undefined;
  const rows = listed
    ? await db.all<Row>(sql`SELECT ${ROW_JSON} ${queueFrom()} ${REGION_JOINS} WHERE ${inList(sql`d.key`, listed)} ORDER BY d.key`)
    : await db.all<Row>(sql`SELECT ${ROW_JSON}
    FROM (SELECT d.key FROM discrepancies d ${sql.join(joins, sql` `)}
      ${whereSql([...baseConditions(f), ...facetConditions(f, reviewed)])}
      ORDER BY d.key LIMIT ${sql.raw(String(Math.trunc(f.per)))} OFFSET ${sql.raw(String(Math.trunc(offset)))}) page
    CROSS JOIN discrepancies d ON d.key = page.key ${ITEM_JOINS} ${VERDICT_JOIN} ${REGION_JOINS}
    ORDER BY page.key`);
  // the status facet counts exactly the rows the other filters select
  let total = 0;
  for (const [value, n] of Object.entries(facets.status)) if (value !== 'resolved') total += n;
  if (f.status) total = facets.status[f.status] ?? 0;
  return { total, rows: rowsFromJson(rows), facets };
}

/** One row of the queue, as the queue shows it (after a decision, htmx swaps it in place). */
export async function queueRow(db: Db, key: string): Promise<QueueRow | undefined> {
  const rows = await db.all<Row>(sql`SELECT ${ROW_JSON} ${queueFrom()} ${REGION_JOINS} WHERE d.key = ${key}`);
  return rowsFromJson(rows)[0];
}

interface Combo {
  kind: string;
  rule: string;
  field: string;
  type: string;
  status: string;
  n: number;
}

/**
 * The selection's discrepancies grouped by (kind, rule, field, type, status). The big grouped scan does not
 * depend on reviews and is kept per sync; only the reviewed keys (few) are grouped again after a decision.
 */
async function facetCombos(db: Db, f: Selection, memo: Memo): Promise<Combo[]> {
  const selectionKey = JSON.stringify([f.region?.code ?? '', f.scope, f.codes ?? null]);
  const all = await memo(
    `combos:${selectionKey}`,
    async () =>
      (await db.all<Row>(sql`SELECT d.kind AS kind, d.rule AS rule, d.field AS field, ${TYPE_SQL} AS type, count(*) AS n
        FROM discrepancies d ${ITEM_JOINS} ${whereSql(baseConditions(f))} GROUP BY 1, 2, 3, 4`)).map((r) => ({
        kind: str(r.kind), rule: str(r.rule), field: str(r.field), type: str(r.type), status: 'open', n: num(r.n),
      })),
    'sync',
  );
  const reviewed = await memo(`combos-reviewed:${selectionKey}`, async () =>
    (await db.all<Row>(sql`SELECT d.kind AS kind, d.rule AS rule, d.field AS field, ${TYPE_SQL} AS type, ${STATUS_SQL} AS status, count(*) AS n
      ${queueFrom()} ${whereSql([...baseConditions(f), REVIEWED])} GROUP BY 1, 2, 3, 4, 5`)).map((r) => ({
      kind: str(r.kind), rule: str(r.rule), field: str(r.field), type: str(r.type), status: str(r.status), n: num(r.n),
    })),
  );
  // every discrepancy counted as open, then the reviewed ones moved to their state
  const out = new Map<string, Combo>();
  const id = (c: Combo, status: string) => [c.kind, c.rule, c.field, c.type, status].join('\u0000');
  for (const c of all) out.set(id(c, 'open'), { ...c });
  for (const c of reviewed) {
    if (c.status === 'open') continue;
    const open = out.get(id(c, 'open'));
    if (open) open.n -= c.n;
    const moved = out.get(id(c, c.status)) ?? { ...c, n: 0 };
    moved.n += c.n;
    out.set(id(c, c.status), moved);
  }
  return [...out.values()].filter((c) => c.n > 0);
}

/** Facet counts: each facet applies every other selected facet but not its own, so the alternatives stay visible. */
async function queueFacets(db: Db, f: QueueFilter & Selection, memo: Memo): Promise<Facets> {
  // the counts for one selection and filter change only with the data: summed once per version, not per page
  const key = JSON.stringify(['facets', f.region?.code ?? '', f.scope, f.codes ?? null, f.kind, f.rule, f.field, f.type, f.status]);
  return memo(key, () => computeFacets(db, f, memo));
}

async function computeFacets(db: Db, f: QueueFilter & Selection, memo: Memo): Promise<Facets> {
  const combos = await facetCombos(db, f, memo);
  const facets: Facets = { kind: {}, rule: {}, field: {}, type: {}, status: {} };
  const selected: Partial<Record<FacetDim, string>> = {
    kind: f.kind,
    rule: f.rule,
    field: f.field,
    type: f.type,
    status: f.status === 'resolved' ? undefined : f.status,
  };
  for (const combo of combos) {
    for (const dim of FACET_DIMS) {
      const others = FACET_DIMS.every((o) => o === dim || selected[o] === undefined || combo[o] === selected[o]);
      if (!others) continue;
      const value = combo[dim];
      facets[dim][value] = (facets[dim][value] ?? 0) + combo.n;
    }
  }
  // Resolved (key gone, had decisions): only the region, search and field filters apply to them.
  if (!f.kind && !f.rule && !f.type) {
    const key = JSON.stringify(['resolved', f.region?.code ?? '', f.scope, f.codes ?? null, f.field ?? '']);
    const n = await memo(key, async () => num((await db.all<Row>(sql`SELECT count(*) AS n ${resolvedFrom(f)}`))[0]?.n));
    if (n > 0) facets.status.resolved = n;
  }
  return facets;
}

function resolvedFrom(f: QueueFilter & Selection, joins: SQL = sql``): SQL {
  const where: SQL[] = [sql`rv.state = 'resolved'`];
  if (f.region) where.push(f.scope === 'self' ? sql`rv.region = ${f.region.code}` : subtreeSql(sql`rv.region`, f.region.lineage));
  if (f.codes) where.push(inList(sql`rv.catalog_code`, f.codes));
  if (f.field) where.push(sql`(rv.path = ${'/' + f.field} OR rv.path LIKE ${'/' + likeEscape(f.field) + '/%'} ESCAPE '\\')`);
  return sql`FROM review_states rv ${joins} ${whereSql(where)}`;
}

async function resolvedRows(db: Db, f: QueueFilter & Selection, offset: number): Promise<{ total: number; rows: QueueRow[] }> {
  if (f.kind || f.rule || f.type) return { total: 0, rows: [] };
  const [count] = await db.all<Row>(sql`SELECT count(*) AS n ${resolvedFrom(f)}`);
  const rows = await db.all<Row>(sql`SELECT rv.key, rv.region, r.name AS region_name, rv.catalog_code, rv.path,
      rv.decision, rv.author, rv.created_at, lr.reason, rv.review_fingerprint, i.name AS item_name, i.type AS type
    ${resolvedFrom(f, sql`JOIN reviews lr ON lr.id = rv.review_id
      LEFT JOIN regions r ON r.code = rv.region
      LEFT JOIN items i ON i.region = rv.region AND i.catalog_code = rv.catalog_code`)}
    ORDER BY rv.key LIMIT ${f.per} OFFSET ${offset}`);
  return {
    total: num(count?.n),
    rows: rows.map((r) => ({
      key: str(r.key),
      region: str(r.region),
      regionName: strOrNull(r.region_name),
      catalogCode: str(r.catalog_code),
      itemName: strOrNull(r.item_name),
      type: strOrNull(r.type),
      against: '',
      againstName: null,
      path: str(r.path),
      field: topField(str(r.path)),
      kind: null,
      rule: null,
      ours: undefined,
      theirs: undefined,
      fingerprint: null,
      since: null,
      status: 'resolved' as const,
      verdict: {
        decision: str(r.decision),
        author: str(r.author),
        at: str(r.created_at),
        reason: str(r.reason),
        fingerprint: str(r.review_fingerprint),
      },
    })),
  };
}

function topField(path: string): string {
  const m = /^\/([^/]*)/.exec(path);
  return m ? m[1]!.replace(/~1/g, '/').replace(/~0/g, '~') : '';
}

// ---------------------------------------------------------------------------------------------------------------
// Item page

export interface ItemRow {
  region: string;
  catalogCode: string;
  file: string;
  revision: string;
  body: Record<string, unknown> | null;
  name: string | null;
  type: string | null;
  errors: number;
  warnings: number;
  uncommitted: boolean;
  removedAt: string | null;
}

function toItem(r: Row): ItemRow {
  return {
    region: str(r.region),
    catalogCode: str(r.catalog_code),
    file: str(r.file),
    revision: str(r.revision),
    body: (parseJson(r.body) as Record<string, unknown> | undefined) ?? null,
    name: strOrNull(r.name),
    type: strOrNull(r.type),
    errors: num(r.errors),
    warnings: num(r.warnings),
    uncommitted: Boolean(num(r.uncommitted)),
    removedAt: strOrNull(r.removed_at),
  };
}

export interface FindingRow {
  rule: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  path: string;
  messageZh: string;
  messageEn: string;
}

export interface VersionRow {
  id: number;
  commit: string;
  author: string;
  date: string;
  message: string;
  change: string;
  file: string;
  body: Record<string, unknown> | null;
}

export interface ItemPage {
  region: RegionRow;
  /** the region's own item; undefined when the region has not claimed it (a `missing` discrepancy) */
  item?: ItemRow;
  /** nearest ancestor holding the same catalog code */
  parent?: { region: RegionRow; item: ItemRow };
  /** the province's item (may be the same as parent) */
  baseline?: { region: RegionRow; item: ItemRow };
  findings: FindingRow[];
  discrepancies: QueueRow[];
  versions: VersionRow[];
  /** the decisions on those discrepancies by key, newest first */
  reviews: Map<string, Review[]>;
}

/**
 * Everything the item page shows; undefined when neither the region nor its ancestors know the code.
 * `regions` (code → region, e.g. the web app's per-sync list) saves looking the region and its ancestors up.
 */
export async function itemPage(
  db: Db,
  regionCode: string,
  catalogCode: string,
  regions?: ReadonlyMap<string, RegionRow>,
): Promise<ItemPage | undefined> {
  const region = regions ? regions.get(regionCode) : await getRegion(db, regionCode);
  if (!region) return undefined;
  const ancestors = region.lineage.split('/');
  // One statement for the whole page, its parts as JSON arrays (each statement costs a prepare and a result
  // set of its own in @libsql/client, more than these small lookups). Each part's order is restored below:
  // SQLite keeps a subquery's ORDER BY through json_group_array, but only ORDER BY inside the aggregate
  // (which the libSQL server's parser refuses) would promise it.
  const [page] = await db.all<Row>(sql`SELECT json_array(
      (SELECT json_group_array(json_array(region, catalog_code, file, revision, body, name, type, errors, warnings, uncommitted, removed_at))
        FROM items WHERE catalog_code = ${catalogCode} AND region IN (${sql.join(ancestors.map((c) => sql`${c}`), sql`, `)})),
      (SELECT json_group_array(json(row)) FROM (SELECT ${ROW_JSON} ${queueFrom()} ${REGION_JOINS}
        WHERE d.region = ${region.code} AND d.catalog_code = ${catalogCode} ORDER BY d.key)),
      (SELECT json_group_array(json_array(rule, severity, file, line, "column", path, message_zh, message_en))
        FROM findings WHERE region = ${region.code} AND catalog_code = ${catalogCode}),
      (SELECT json_group_array(json_array(id, "commit", author, date, message, change, file, body))
        FROM item_versions WHERE region = ${region.code} AND catalog_code = ${catalogCode}),
      (SELECT json_group_array(json_array(id, key, fingerprint, region, catalog_code, path, decision, reason, author, created_at))
        FROM reviews WHERE key IN (SELECT key FROM discrepancies WHERE region = ${region.code} AND catalog_code = ${catalogCode}))
    ) AS page`);
  const [itemRows, discrepancyArrays, findingRows, versionRows, reviewRows] = JSON.parse(str(page?.page)) as unknown[][][];
  const byRegion = new Map(
    itemRows!.map((v) => [
      str(v[0]),
      toItem({ region: v[0], catalog_code: v[1], file: v[2], revision: v[3], body: v[4], name: v[5], type: v[6], errors: v[7], warnings: v[8], uncommitted: v[9], removed_at: v[10] }),
    ]),
  );
  const item = byRegion.get(region.code);
  const regionInfo = new Map<string, RegionRow>();
  if (regions) {
    for (const code of ancestors) {
      const info = regions.get(code);
      if (info) regionInfo.set(code, info);
    }
  } else if (ancestors.length > 1) {
    for (const r of await db.all<Row>(sql`SELECT code, name, level, parent, lineage FROM regions
        WHERE code IN (${sql.join(ancestors.map((c) => sql`${c}`), sql`, `)})`)) {
      regionInfo.set(str(r.code), toRegion(r));
    }
  }
  let parent: ItemPage['parent'];
  for (let i = ancestors.length - 2; i >= 0; i--) {
    const found = byRegion.get(ancestors[i]!);
    if (found && !found.removedAt) {
      parent = { region: regionInfo.get(ancestors[i]!)!, item: found };
      break;
    }
  }
  const top = ancestors[0]!;
  const baselineItem = top !== region.code ? byRegion.get(top) : undefined;
  const baseline = baselineItem && !baselineItem.removedAt ? { region: regionInfo.get(top)!, item: baselineItem } : undefined;
  const discrepancyRows = discrepancyArrays!.map(queueRowFromArray).sort((a, b) => compare(a.key, b.key));
  if (!item && !parent && !baseline && discrepancyRows.length === 0) return undefined;
  const severityRank = (s: string) => (s === 'error' ? 0 : s === 'warning' ? 1 : 2);
  const findings: FindingRow[] = findingRows!
    .map((v) => ({
      rule: str(v[0]),
      severity: str(v[1]),
      file: str(v[2]),
      line: num(v[3]),
      column: num(v[4]),
      path: str(v[5]),
      messageZh: str(v[6]),
      messageEn: str(v[7]),
    }))
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.line - b.line || a.column - b.column);
  const versions: VersionRow[] = versionRows!
    .map((v) => ({
      id: num(v[0]),
      commit: str(v[1]),
      author: str(v[2]),
      date: str(v[3]),
      message: str(v[4]),
      change: str(v[5]),
      file: str(v[6]),
      body: (parseJson(v[7]) as Record<string, unknown> | undefined) ?? null,
    }))
    .sort((a, b) => compare(b.date, a.date) || b.id - a.id);
  // the decisions on the item's discrepancies, newest first per key (as reviewsFor gives them)
  const reviews = new Map<string, Review[]>();
  for (const v of reviewRows!.sort((a, b) => num(b[0]) - num(a[0]))) {
    const review: Review = {
      id: num(v[0]),
      key: str(v[1]),
      fingerprint: str(v[2]),
      region: str(v[3]),
      catalogCode: str(v[4]),
      path: str(v[5]),
      decision: str(v[6]) as Decision,
      reason: str(v[7]),
      author: str(v[8]),
      createdAt: str(v[9]),
    };
    const list = reviews.get(review.key);
    if (list) list.push(review);
    else reviews.set(review.key, [review]);
  }
  return {
    region,
    ...(item ? { item } : {}),
    ...(parent ? { parent } : {}),
    ...(baseline ? { baseline } : {}),
    findings,
    discrepancies: discrepancyRows,
    versions,
    reviews,
  };
}

/** Text order as SQLite's default (BINARY) collation gives it for these ASCII keys, codes and dates. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Coverage: baseline items × regions

export interface CoverageFilter {
  root: RegionRow;
  q?: string;
  /** only baseline items some shown region has not claimed */
  gaps: boolean;
  /** every region below the root as a column; by default the root (unless the province) and its children */
  all?: boolean;
  page: number;
  per: number;
}

export type CoverageCell = 'claimed' | 'missing' | 'n/a';

export interface CoverageResult {
  top: RegionRow;
  columns: (RegionRow & { claimed: number; missing: number })[];
  total: number;
  rows: { catalogCode: string; name: string | null; type: string | null; useLevel: string[]; cells: CoverageCell[] }[];
}

/**
 * Columns are the root (unless it is the province) and its children, or with `all` every region of the
 * root's subtree below the province; one click on a column drills down.
 */
export async function coverage(db: Db, f: CoverageFilter, memo: Memo = noMemo): Promise<CoverageResult | undefined> {
  const regionList = await memo('regions', () => listRegions(db), 'sync');
  const top = regionList.find((r) => r.parent === null);
  if (!top) return undefined;
  const columns = regionList.filter(
    (r) => r.parent !== null && (f.all ? inSubtree(r.lineage, f.root.code) : r.code === f.root.code || r.parent === f.root.code),
  );
  const columnCodes = columns.map((c) => c.code);
  const q = f.q?.trim();
  const where: SQL[] = [sql`b.region = ${top.code}`, sql`b.removed_at IS NULL`];
  if (q) where.push(inList(sql`b.catalog_code`, await memo(`codes:${q}`, () => matchingCodes(db, q), 'sync')));
  if (f.gaps) {
    where.push(sql`EXISTS (SELECT 1 FROM discrepancies m WHERE m.catalog_code = b.catalog_code AND m.kind = 'missing'
      AND ${inList(sql`m.region`, columnCodes)})`);
  }
  const [count] = await db.all<Row>(sql`SELECT count(*) AS n FROM items b ${whereSql(where)}`);
  const baseRows = await db.all<Row>(sql`SELECT b.catalog_code, b.name, b.type, json_extract(b.body, '$.useLevel') AS use_level
    FROM items b ${whereSql(where)} ORDER BY b.catalog_code LIMIT ${f.per} OFFSET ${(f.page - 1) * f.per}`);
  const codes = baseRows.map((r) => str(r.catalog_code));
  const claimedSet = new Set<string>();
  if (codes.length > 0 && columnCodes.length > 0) {
    for (const r of await db.all<Row>(sql`SELECT region, catalog_code FROM items WHERE removed_at IS NULL
        AND ${inList(sql`catalog_code`, codes)} AND ${inList(sql`region`, columnCodes)}`)) {
      claimedSet.add(`${str(r.region)}/${str(r.catalog_code)}`);
    }
  }
  // claimed and missing per region change only with a sync: counted once for every region
  const perRegion = await memo(
    'coverage:per-region',
    async () => {
      const out = new Map<string, { claimed: number; missing: number }>();
      for (const r of await db.all<Row>(sql`SELECT i.region AS region, count(*) AS n FROM items i
          JOIN items b ON b.region = ${top.code} AND b.catalog_code = i.catalog_code AND b.removed_at IS NULL
          WHERE i.removed_at IS NULL AND i.region <> ${top.code} GROUP BY i.region`)) {
        out.set(str(r.region), { claimed: num(r.n), missing: 0 });
      }
      for (const r of await db.all<Row>(sql`SELECT region, count(*) AS n FROM discrepancies WHERE kind = 'missing' GROUP BY region`)) {
        const entry = out.get(str(r.region)) ?? { claimed: 0, missing: 0 };
        entry.missing = num(r.n);
        out.set(str(r.region), entry);
      }
      return out;
    },
    'sync',
  );
  return {
    top,
    columns: columns.map((c) => ({ ...c, claimed: perRegion.get(c.code)?.claimed ?? 0, missing: perRegion.get(c.code)?.missing ?? 0 })),
    total: num(count?.n),
    rows: baseRows.map((r) => {
      const parsed = parseJson(r.use_level);
      const useLevel = Array.isArray(parsed) ? parsed.map(String) : [];
      const code = str(r.catalog_code);
      return {
        catalogCode: code,
        name: strOrNull(r.name),
        type: strOrNull(r.type),
        useLevel,
        cells: columns.map((c): CoverageCell =>
          claimedSet.has(`${c.code}/${code}`) ? 'claimed' : c.level !== null && useLevel.includes(c.level) ? 'missing' : 'n/a',
        ),
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Audit log

export interface AuditFilter {
  /** decisions only (no sign-ins, addresses or account changes): what anonymous readers may see */
  decisionsOnly?: boolean;
  region?: RegionRow;
  actor?: string;
  action?: string;
  page: number;
  per: number;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  region: string | null;
  regionName: string | null;
  target: string | null;
  detail: Record<string, unknown> | null;
}

export async function auditLog(db: Db, f: AuditFilter): Promise<{ total: number; rows: AuditRow[]; actions: string[] }> {
  const where: SQL[] = [];
  if (f.decisionsOnly) where.push(sql`l.action LIKE 'review.%'`);
  if (f.region) where.push(subtreeSql(sql`l.region`, f.region.lineage));
  if (f.actor) where.push(sql`l.actor = ${f.actor}`);
  if (f.action) where.push(sql`(l.action = ${f.action} OR l.action LIKE ${likeEscape(f.action) + '.%'} ESCAPE '\\')`);
  const [count] = await db.all<Row>(sql`SELECT count(*) AS n FROM audit_log l ${whereSql(where)}`);
  const rows = await db.all<Row>(sql`SELECT l.id, l.at, l.actor, l.action, l.region, r.name AS region_name, l.target, l.detail
    FROM audit_log l LEFT JOIN regions r ON r.code = l.region ${whereSql(where)}
    ORDER BY l.id DESC LIMIT ${f.per} OFFSET ${(f.page - 1) * f.per}`);
  const actions = await db.all<Row>(
    sql`SELECT DISTINCT action FROM audit_log ${f.decisionsOnly ? sql`WHERE action LIKE 'review.%'` : sql``} ORDER BY action`,
  );
  return {
    total: num(count?.n),
    actions: actions.map((a) => str(a.action)),
    rows: rows.map((r) => ({
      id: num(r.id),
      at: str(r.at),
      actor: str(r.actor),
      action: str(r.action),
      region: strOrNull(r.region),
      regionName: strOrNull(r.region_name),
      target: strOrNull(r.target),
      detail: (parseJson(r.detail) as Record<string, unknown> | undefined) ?? null,
    })),
  };
}
