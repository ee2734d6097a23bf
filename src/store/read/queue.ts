// The review queue (差异审核): a page of discrepancies under a region, filtered by kind, rule, element, item
// type, state and a name search, with facet counts for every filter. The expensive parts (the grouped scan
// behind the facets, the reviewed keys) are kept per data version through a Memo.
import { sql, type SQL } from 'drizzle-orm';
import { topElement } from '../../levels/pointer.js';
import type { Db } from '../db.js';
import { REVIEWED, STATUS_SQL, VERDICT_JOIN, type Status } from '../review-state.js';
import { inList, inSubtree, likeEscape, num, str, strOrNull, subtreeSql, whereSql, type RegionRow, type Row } from '../rows.js';
import { ITEM_JOINS, queueFrom, REGION_JOINS, ROW_JSON, rowsFromJson, TYPE_SQL, type QueueRow } from './discrepancy-rows.js';
import { noMemo, type Memo } from './regions.js';
import { matchingCodes } from './search.js';

export type { QueueRow };

export interface QueueFilter {
  /** root of the regions shown; undefined = all */
  region?: RegionRow;
  /** `subtree` (default): the region and everything below; `self`: that region only */
  scope: 'subtree' | 'self';
  kind?: string;
  rule?: string;
  /** an element; '' for the discrepancies about the whole item (missing, unknown) */
  field?: string;
  type?: string;
  status?: Status;
  q?: string;
  page: number;
  per: number;
}

export type Facets = Record<'kind' | 'rule' | 'field' | 'type' | 'status', Record<string, number>>;

export interface QueueResult {
  total: number;
  rows: QueueRow[];
  facets: Facets;
}

const FACET_DIMS = ['kind', 'rule', 'field', 'type', 'status'] as const;
type FacetDim = (typeof FACET_DIMS)[number];

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
  if (f.kind || f.rule || f.field !== undefined || f.type || f.codes) return undefined;
  const region = f.region;
  if (!region) return list.keys.slice(offset, offset + f.per);
  const page: string[] = [];
  let skipped = 0;
  for (let i = 0; i < list.keys.length && page.length < f.per; i++) {
    const lineage = list.lineages[i]!;
    const inSelection = f.scope === 'self' ? lineage === region.lineage : inSubtree(lineage, region.lineage);
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
  if (f.field !== undefined) where.push(sql`d.field = ${f.field}`);
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

/** The filter with the catalog codes its search text matches (kept per sync). */
async function selection(db: Db, filter: QueueFilter, memo: Memo): Promise<QueueFilter & Selection> {
  const q = filter.q?.trim();
  return { ...filter, ...(q ? { codes: await memo(`codes:${q}`, () => matchingCodes(db, q), 'sync') } : {}) };
}

/** Where a run of rows starts: after a key (exports walk the keys) or at an offset (pages), and how many. */
interface Window {
  after?: string;
  offset: number;
  limit: number;
}

export async function queue(db: Db, filter: QueueFilter, memo: Memo = noMemo): Promise<QueueResult> {
  const f = await selection(db, filter, memo);
  const facets = await facetsOf(db, f, memo);
  const window = { offset: (f.page - 1) * f.per, limit: f.per };
  if (f.status === 'resolved') return { total: facets.status.resolved ?? 0, rows: await resolvedRows(db, f, window), facets };
  const rows = await pageRows(db, f, await reviewedFor(db, f, memo), window);
  // the status facet counts exactly the rows the other filters select
  let total = 0;
  for (const [value, n] of Object.entries(facets.status)) if (value !== 'resolved') total += n;
  if (f.status) total = facets.status[f.status] ?? 0;
  return { total, rows, facets };
}

/**
 * Every row the filter selects, whatever its page and per, in key order, `chunk` rows at a time (for the CSV
 * export: a province's 25,000 discrepancies arrive whole without being held at once). Each chunk starts after
 * the last key of the one before, so a decision made meanwhile neither repeats nor skips a row.
 */
export async function* queueAll(db: Db, filter: QueueFilter, memo: Memo = noMemo, chunk = 1000): AsyncGenerator<QueueRow[]> {
  const f = await selection(db, filter, memo);
  const reviewed = await reviewedFor(db, f, memo);
  let after: string | undefined;
  for (;;) {
    const window = { ...(after === undefined ? {} : { after }), offset: 0, limit: chunk };
    const rows = f.status === 'resolved' ? await resolvedRows(db, f, window) : await pageRows(db, f, reviewed, window);
    if (rows.length > 0) yield rows;
    if (rows.length < chunk) return;
    after = rows.at(-1)!.key;
  }
}

/** The reviewed keys, when the filter asks for decided or outdated rows. */
async function reviewedFor(db: Db, f: QueueFilter, memo: Memo): Promise<ReviewedKeys | undefined> {
  return f.status === 'decided' || f.status === 'outdated' ? reviewedKeys(db, memo) : undefined;
}

async function pageRows(db: Db, f: QueueFilter & Selection, reviewed: ReviewedKeys | undefined, w: Window): Promise<QueueRow[]> {
  // The page's keys first, joining only what the filters need, then the columns for those keys alone: with
  // OFFSET, SQLite would otherwise build every skipped row with all its joins (page 40: ≈ 7 ms instead of ≈ 1).
  // CROSS JOIN keeps the page as the outer loop, and LIMIT is a literal (checked integers): with a bound
  // LIMIT the planner cannot tell the page is small and scans every discrepancy against it.
  const joins: SQL[] = [];
  if (f.type) joins.push(ITEM_JOINS);
  if (f.status === 'open') joins.push(VERDICT_JOIN);
  const verdictState = f.status === 'decided' || f.status === 'outdated' ? f.status : undefined;
  const listed = verdictState && reviewed && w.after === undefined ? pageOfKeyList(f, reviewed[verdictState], w.offset) : undefined;
  const where = [...baseConditions(f), ...facetConditions(f, reviewed)];
  if (w.after !== undefined) where.push(sql`d.key > ${w.after}`);
  const rows = listed
    ? await db.all<Row>(sql`SELECT ${ROW_JSON} ${queueFrom()} ${REGION_JOINS} WHERE ${inList(sql`d.key`, listed)} ORDER BY d.key`)
    : await db.all<Row>(sql`SELECT ${ROW_JSON}
    FROM (SELECT d.key FROM discrepancies d ${sql.join(joins, sql` `)}
      ${whereSql(where)}
      ORDER BY d.key LIMIT ${sql.raw(String(Math.trunc(w.limit)))} OFFSET ${sql.raw(String(Math.trunc(w.offset)))}) page
    CROSS JOIN discrepancies d ON d.key = page.key ${ITEM_JOINS} ${VERDICT_JOIN} ${REGION_JOINS}
    ORDER BY page.key`);
  return rowsFromJson(rows);
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

/**
 * The queue's facet counts alone, without a page of rows: what a decision recounts for the sidebar of the
 * queue it was made on.
 */
export async function queueFacets(db: Db, filter: QueueFilter, memo: Memo = noMemo): Promise<Facets> {
  return facetsOf(db, await selection(db, filter, memo), memo);
}

/** Facet counts: each facet applies every other selected facet but not its own, so the alternatives stay visible. */
async function facetsOf(db: Db, f: QueueFilter & Selection, memo: Memo): Promise<Facets> {
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
    const key = JSON.stringify(['resolved', f.region?.code ?? '', f.scope, f.codes ?? null, f.field ?? null]);
    const n = await memo(key, async () => num((await db.all<Row>(sql`SELECT count(*) AS n ${resolvedFrom(f)}`))[0]?.n));
    if (n > 0) facets.status.resolved = n;
  }
  return facets;
}

function resolvedFrom(f: QueueFilter & Selection, joins: SQL = sql``, after?: string): SQL {
  const where: SQL[] = [sql`rv.state = 'resolved'`];
  if (after !== undefined) where.push(sql`rv.key > ${after}`);
  if (f.region) where.push(f.scope === 'self' ? sql`rv.region = ${f.region.code}` : subtreeSql(sql`rv.region`, f.region.lineage));
  if (f.codes) where.push(inList(sql`rv.catalog_code`, f.codes));
  // field '' is the whole item (path ''); an element's discrepancies are at its path or below it
  if (f.field === '') where.push(sql`rv.path = ''`);
  else if (f.field !== undefined) where.push(sql`(rv.path = ${'/' + f.field} OR rv.path LIKE ${'/' + likeEscape(f.field) + '/%'} ESCAPE '\\')`);
  return sql`FROM review_states rv ${joins} ${whereSql(where)}`;
}

async function resolvedRows(db: Db, f: QueueFilter & Selection, w: Window): Promise<QueueRow[]> {
  if (f.kind || f.rule || f.type) return [];
  const rows = await db.all<Row>(sql`SELECT rv.key, rv.region, r.name AS region_name, rv.catalog_code, rv.path,
      rv.decision, rv.author, rv.created_at, lr.reason, rv.review_fingerprint, i.name AS item_name, i.type AS type
    ${resolvedFrom(f, sql`JOIN reviews lr ON lr.id = rv.review_id
      LEFT JOIN regions r ON r.code = rv.region
      LEFT JOIN items i ON i.region = rv.region AND i.catalog_code = rv.catalog_code`, w.after)}
    ORDER BY rv.key LIMIT ${w.limit} OFFSET ${w.offset}`);
  return rows.map((r): QueueRow => ({
    key: str(r.key),
    region: str(r.region),
    regionName: strOrNull(r.region_name),
    catalogCode: str(r.catalog_code),
    itemName: strOrNull(r.item_name),
    type: strOrNull(r.type),
    against: '',
    againstName: null,
    path: str(r.path),
    field: topElement(str(r.path)),
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
  }));
}

