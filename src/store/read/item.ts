// The item page (事项详情): a region's item beside its parent's and the province's, its findings, its
// discrepancies with their decisions, and its versions — read in one statement.
import { sql } from 'drizzle-orm';
import type { Db } from '../db.js';
import type { Decision } from '../review-state.js';
import type { Review } from '../reviews.js';
import { compare, jsonObject, num, SELECT_REGION, str, toItem, toRegion, type FindingRow, type ItemRow, type RegionRow, type Row, type VersionRow } from '../rows.js';
import { queueFrom, queueRowFromArray, REGION_JOINS, ROW_JSON, type QueueRow } from './discrepancy-rows.js';
import { getRegion } from './regions.js';

export type { FindingRow, ItemRow, VersionRow };

export interface ItemPage {
  region: RegionRow;
  /** the province down to the region (breadcrumbs): the ancestors known, then the region */
  lineage: RegionRow[];
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
      (SELECT json_group_array(json_array(id, key, fingerprint, region, catalog_code, path, decision, reason, author, created_at, source, patch))
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
    for (const r of await db.all<Row>(sql`${SELECT_REGION}
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
      body: jsonObject(v[7]),
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
      source: str(v[10]) === 'git' ? 'git' : 'ui',
      patch: v[11] === null ? null : str(v[11]),
    };
    const list = reviews.get(review.key);
    if (list) list.push(review);
    else reviews.set(review.key, [review]);
  }
  return {
    region,
    lineage: [...ancestors.slice(0, -1).flatMap((code) => regionInfo.get(code) ?? []), region],
    ...(item ? { item } : {}),
    ...(parent ? { parent } : {}),
    ...(baseline ? { baseline } : {}),
    findings,
    discrepancies: discrepancyRows,
    versions,
    reviews,
  };
}


/**
 * The region's current item (what the file route checks a file reference against); undefined when it has none, or
 * its file is gone.
 */
export async function currentItemBody(db: Db, regionCode: string, catalogCode: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await db.all<Row>(sql`SELECT body FROM items
    WHERE region = ${regionCode} AND catalog_code = ${catalogCode} AND removed_at IS NULL`);
  return (row && jsonObject(row.body)) ?? undefined;
}
