// The dashboard (概览): per region, its items, findings and discrepancies by state, and how much of the
// province's baseline it has claimed. Counts a sync changes are kept per sync; those a decision changes
// (the few reviewed keys) per reviews version.
import { sql } from 'drizzle-orm';
import type { Db } from '../db.js';
import { notInGitByRegion } from '../decisions.js';
import { REVIEWED, STATUS_SQL, VERDICT_JOIN } from '../review-state.js';
import { num, str, type RegionRow, type Row } from '../rows.js';
import { claimCounts } from './coverage.js';
import { noMemo, regionsOf, type Memo } from './regions.js';

export interface DashboardRow extends RegionRow {
  items: number;
  /** error findings of the region's files, accepted ones included (as validate counts them) */
  errors: number;
  /** of those, the ones whose discrepancy stands accepted (认可) on its current fingerprint: they fail nothing */
  acceptedErrors: number;
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
  /** decisions of the region the database holds and its decisions.yaml (as last synced) does not */
  notInGit: number;
}

export async function dashboard(db: Db, memo: Memo = noMemo): Promise<DashboardRow[]> {
  const regionList = await regionsOf(db, memo);
  const top = regionList.find((r) => r.parent === null);
  // What only a sync changes: counted once per sync.
  const synced = await memo(
    'dashboard:sync',
    async () => {
      const out = new Map<string, { items: number; errors: number; warnings: number; discrepancies: number }>();
      const entry = (region: unknown) => {
        const code = str(region);
        let e = out.get(code);
        if (!e) out.set(code, (e = { items: 0, errors: 0, warnings: 0, discrepancies: 0 }));
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
      for (const r of await db.all<Row>(sql`SELECT region, count(*) AS n FROM discrepancies GROUP BY region`)) {
        entry(r.region).discrepancies = num(r.n);
      }
      return out;
    },
    'sync',
  );
  // What a decision changes: only the reviewed discrepancies are looked at. A discrepancy's finding has its
  // region, item, rule and path (levels/findings.ts), and its severity is its rule's: an accepted discrepancy
  // whose finding is an error is an accepted error.
  const reviewed = await memo('dashboard:reviews', async () => {
    const out = new Map<string, Record<string, number>>();
    for (const r of await db.all<Row>(sql`SELECT d.region AS region, ${STATUS_SQL} AS status, count(*) AS n,
          sum(vr.decision = 'accepted' AND vr.fingerprint = d.fingerprint AND EXISTS (SELECT 1 FROM findings f
            WHERE f.region = d.region AND f.catalog_code = d.catalog_code AND f.rule = d.rule AND f.path = d.path AND f.severity = 'error')) AS accepted_errors
        FROM discrepancies d ${VERDICT_JOIN} WHERE ${REVIEWED} GROUP BY 1, 2`)) {
      const e = out.get(str(r.region)) ?? {};
      e[str(r.status)] = num(r.n);
      e.acceptedErrors = (e.acceptedErrors ?? 0) + num(r.accepted_errors);
      out.set(str(r.region), e);
    }
    return out;
  });
  const claims = top ? await claimCounts(db, top.code, memo) : new Map<string, { claimed: number; missing: number }>();
  const notInGit = await memo('dashboard:notInGit', () => notInGitByRegion(db));
  // the rows themselves change only with those two: built once per version
  return memo('dashboard:rows', async () => regionList.map((region) => {
    const s = synced.get(region.code);
    const v = reviewed.get(region.code) ?? {};
    const decided = v.decided ?? 0;
    const outdated = v.outdated ?? 0;
    const c = claims.get(region.code)?.claimed ?? 0;
    const missing = claims.get(region.code)?.missing ?? 0;
    return {
      ...region,
      items: s?.items ?? 0,
      errors: s?.errors ?? 0,
      acceptedErrors: v.acceptedErrors ?? 0,
      warnings: s?.warnings ?? 0,
      open: (s?.discrepancies ?? 0) - decided - outdated,
      decided,
      outdated,
      missing,
      claimed: c,
      claimRate: region.parent === null || c + missing === 0 ? null : c / (c + missing),
      notInGit: notInGit.get(region.code) ?? 0,
    };
  }));
}
