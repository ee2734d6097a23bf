// 差异审核: the review queue — one page of discrepancies under a region with facets (HTML, JSON or CSV), and
// its xlsx twin (/queue.xlsx).
import type { Hono } from 'hono';
import { DISCREPANCY_KINDS, ruleOfKind } from '../../levels/types.js';
import { ITEM_TYPES } from '../../schema/codes.js';
import { queueRow, type QueueRow } from '../../store/read/discrepancy-rows.js';
import { queue, queueAll, type QueueFilter } from '../../store/read/queue.js';
import { reviewsFor } from '../../store/reviews.js';
import { STATUSES } from '../../store/review-state.js';
import { QueueBody, WHOLE_ITEM, type QueueState } from '../../../views/queue.js';
import type { Ctx, Env } from '../context.js';
import { displayValue } from '../display.js';
import { enumParam, intParam, map, MAX_PER, negotiate, patternParam, textParam } from '../http.js';
import type { Site } from '../site.js';
import type { Lang } from '../../catalog/types.js';
import { mayExportAll, sheetDownload } from './export.js';

const RULES = DISCREPANCY_KINDS.map(ruleOfKind);
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9]{0,39}$/;

/**
 * The queue's state from its query string. With no `region` at all, a reviewer or officer gets their own
 * subtree (a link on the page widens it); an explicit empty `region=` (the form's 全部区划) means every region.
 * Shared with the decide POST, which recounts the facets of the queue it was posted from.
 */
export async function queueState(c: Ctx, site: Site, query: URLSearchParams): Promise<{ state: QueueState; filter: QueueFilter }> {
  const user = c.get('session')?.user;
  let region = await site.regionParam(c, query);
  let ownRegion = false;
  if (!region && !query.has('region') && user && user.role !== 'admin') {
    region = (await site.regionMap(c)).get(user.region);
    ownRegion = region !== undefined;
  }
  const field = query.get('field') === WHOLE_ITEM ? '' : patternParam(query, 'field', FIELD_NAME, { zh: '要素名，如 materials', en: 'an element name such as materials' });
  const state: QueueState = {
    ...(region ? { region: region.code } : {}),
    ...(ownRegion ? { ownRegion } : {}),
    scope: enumParam(query, 'scope', ['subtree', 'self'] as const) ?? 'subtree',
    kind: enumParam(query, 'kind', DISCREPANCY_KINDS),
    rule: enumParam(query, 'rule', RULES),
    field,
    type: enumParam(query, 'type', ITEM_TYPES),
    status: enumParam(query, 'status', STATUSES),
    q: textParam(query, 'q'),
    page: intParam(query, 'page', 1, 1, 1_000_000),
    per: intParam(query, 'per', 50, 1, MAX_PER),
  };
  const filter: QueueFilter = {
    ...(region ? { region } : {}),
    scope: state.scope ?? 'subtree',
    ...(state.kind ? { kind: state.kind } : {}),
    ...(state.rule ? { rule: state.rule } : {}),
    ...(state.field !== undefined ? { field: state.field } : {}),
    ...(state.type ? { type: state.type } : {}),
    ...(state.status ? { status: state.status as QueueFilter['status'] } : {}),
    ...(state.q ? { q: state.q } : {}),
    page: state.page,
    per: state.per,
  };
  return { state, filter };
}

export function registerQueue(app: Hono<Env>, site: Site): void {
  app.get('/queue', async (c) => {
    const query = new URL(c.req.url).searchParams;
    const format = negotiate(query, c.req.header('Accept'));
    const { state, filter } = await queueState(c, site, query);
    // the discrepancy just decided without JavaScript (the decide POST's 303 names it), to confirm it
    const savedKey = textParam(query, 'saved', 300);
    if (format === 'html') {
      return site.cachedPage(c, await site.ui(c), 'queue', async (shared) => {
        const result = await queue(site.db, filter, site.memoOf(c));
        const history = await reviewsFor(site.db, result.rows.map((r) => r.key));
        const saved = savedKey ? await queueRow(site.db, savedKey) : undefined;
        return {
          title: shared.t('queueTitle'),
          node: <QueueBody ui={shared} state={state} regions={await site.regions(c)} result={result} history={history} {...(saved ? { saved } : {})} />,
        };
      });
    }
    const lang = c.get('lang');
    if (format === 'json') {
      const result = await queue(site.db, filter, site.memoOf(c));
      return site.jsonPage(c, state.page, state.per, result.total, { facets: result.facets, discrepancies: result.rows });
    }
    // CSV: every row the filters select, not one page
    return site.csv(c, 'queue.csv', QUEUE_COLUMNS, map(queueAll(site.db, filter, site.memoOf(c)), (rows) => rows.map((r) => queueCells(r, lang))));
  });

  // The xlsx twin of the CSV: the same filters and columns, streamed as a workbook.
  app.get('/queue.xlsx', async (c) => {
    const { filter } = await queueState(c, site, new URL(c.req.url).searchParams);
    if (!filter.region) mayExportAll(c, 'the whole queue');
    const lang = c.get('lang');
    const name = `queue-${filter.region ? `${filter.region.code}${filter.scope === 'self' ? '' : '-subtree'}` : 'all'}.xlsx`;
    return sheetDownload(c, name, { sheet: '差异', headers: QUEUE_COLUMNS },
      map(queueAll(site.db, filter, site.memoOf(c)), (rows) => rows.map((r) => queueCells(r, lang).map((v) => (v === undefined ? null : v)))));
  });
}

/** The columns of the queue's CSV and xlsx exports, and one discrepancy's cells. */
const QUEUE_COLUMNS = ['key', 'region', 'regionName', 'catalogCode', 'itemName', 'type', 'field', 'path', 'kind', 'rule', 'against', 'ours', 'theirs', 'status', 'decision', 'decidedBy', 'decidedAt', 'reason'];

function queueCells(r: QueueRow, lang: Lang): Array<string | null | undefined> {
  return [r.key, r.region, r.regionName, r.catalogCode, r.itemName, r.type, r.field, r.path, r.kind, r.rule, r.against,
    displayValue(r.ours, lang), displayValue(r.theirs, lang), r.status, r.verdict?.decision, r.verdict?.author, r.verdict?.at, r.verdict?.reason];
}
