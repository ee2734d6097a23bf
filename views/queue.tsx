// 差异审核: every discrepancy, filtered by region, kind, rule, element, item type and state; all state in the URL.
import { html, raw } from 'hono/html';
import { ruleOfKind, type DiscrepancyKind } from '../src/levels/types.js';
import type { QueueRow } from '../src/store/read/discrepancy-rows.js';
import type { Facets, QueueResult } from '../src/store/read/queue.js';
import type { Review } from '../src/store/reviews.js';
import type { Status } from '../src/store/review-state.js';
import type { RegionRow } from '../src/store/rows.js';
import type { Ui } from '../src/web/context.js';
import { href } from '../src/web/http.js';
import { FIELD_ORDER, fieldLabel, label, type MsgKey } from '../src/web/i18n.js';
import { DiscHead, DiscRow, domId, Empty, Exports, itemHref, Pager, RegionOptions } from './components.js';

export interface QueueState {
  region?: string;
  scope?: 'subtree' | 'self';
  kind?: string;
  rule?: string;
  field?: string;
  type?: string;
  status?: string;
  q?: string;
  page: number;
  per: number;
  /** the region is the viewer's own, chosen because the URL named none (a link offers the whole province) */
  ownRegion?: boolean;
}

/**
 * `field=` for discrepancies about the whole item (a baseline item not claimed, an item the parent lacks): they
 * have no element, and an empty value would mean "no filter".
 */
export const WHOLE_ITEM = '-';
const fieldParam = (field: string | undefined) => (field === '' ? WHOLE_ITEM : field);

// the facets' order (what needs a decision first); the kinds and states themselves are levels' and the store's.
// KIND_ORDER is also how the item page picks the kind it shows for an element with several discrepancies.
export const KIND_ORDER = ['locked', 'looser', 'review', 'unknown', 'tightened', 'missing'] as const satisfies readonly DiscrepancyKind[];
const STATUS_ORDER = ['open', 'outdated', 'decided', 'resolved'] as const satisfies readonly Status[];

/** The queue URL for `state`, leaving defaults out so links stay short and bookmarkable. */
export function queueHref(state: QueueState, change: Partial<QueueState> = {}): string {
  // (no object spreads: a queue page makes some sixty of these links)
  const pick = <K extends keyof QueueState>(key: K): QueueState[K] => (key in change ? (change[key] as QueueState[K]) : state[key]);
  const per = pick('per');
  const page = 'page' in change ? change.page : 1;
  return href('/queue', {
    q: pick('q'),
    region: pick('region'),
    scope: pick('scope') === 'self' ? 'self' : undefined,
    kind: pick('kind'),
    rule: pick('rule'),
    field: fieldParam(pick('field')),
    type: pick('type'),
    status: pick('status'),
    per: per === 50 ? undefined : per,
    page: page === 1 ? undefined : page,
  });
}

/**
 * One facet: "all" and each value with its count, each a link that changes that filter alone. Written with
 * hono's html template like the rows (about 45 links a page; as JSX they cost as much as the 50 rows).
 */
function Facet(props: {
  ui: Ui;
  title: MsgKey;
  name: keyof QueueState;
  state: QueueState;
  counts: Record<string, number>;
  order?: readonly string[];
  text: (value: string) => string;
}) {
  const { ui, state, name, counts } = props;
  const selected = state[name] as string | undefined;
  const values = Object.keys(counts);
  if (selected !== undefined && !values.includes(selected)) values.push(selected);
  const order = props.order ?? [];
  values.sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    if (ia !== ib) return (ia < 0 ? 999 : ia) - (ib < 0 ? 999 : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const current = (on: boolean) => (on ? raw(' aria-current="true"') : '');
  const items = values.map(
    (value) =>
      html`<li><a href="${queueHref(state, { [name]: value })}"${current(selected === value)}><span>${props.text(value)}</span><span class="count">${counts[value] ?? 0}</span></a></li>`,
  );
  return html`<section class="facet"><h3>${ui.t(props.title)}</h3><ul><li><a href="${queueHref(state, { [name]: undefined })}"${current(selected === undefined)}>${ui.t('all')}</a></li>${items}</ul></section>`;
}

/**
 * The facet sidebar. After a decision made in place (htmx), the decide POST sends it again out of band
 * (`oob`: wrapped in a template, the only way beside a table row), so its counts follow the decision.
 */
export function QueueFacets(props: { ui: Ui; state: QueueState; facets: Facets; oob?: boolean }) {
  const { ui, state, facets } = props;
  const aside = (
    <aside class="facets" id="facets" aria-label={ui.t('facetsLabel')} hx-swap-oob={props.oob ? 'true' : undefined}>
      <Facet ui={ui} title="facetStatus" name="status" state={state} counts={facets.status} order={STATUS_ORDER} text={(v) => label(ui.lang, 'status', v)} />
      <Facet ui={ui} title="facetKind" name="kind" state={state} counts={facets.kind} order={KIND_ORDER} text={(v) => label(ui.lang, 'kind', v)} />
      <Facet ui={ui} title="facetField" name="field" state={state} counts={facets.field} order={FIELD_ORDER} text={(v) => fieldLabel(ui.lang, v)} />
      <Facet ui={ui} title="facetType" name="type" state={state} counts={facets.type} text={(v) => v || '—'} />
      <Facet ui={ui} title="facetRule" name="rule" state={state} counts={facets.rule} order={KIND_ORDER.map(ruleOfKind)} text={(v) => v} />
    </aside>
  );
  return props.oob ? <template>{aside}</template> : aside;
}

/** Without JavaScript a decided row may leave the page (a filter on 待审): this says what was saved. */
function SavedNotice(props: { ui: Ui; row: QueueRow }) {
  const { ui, row } = props;
  const what = `${row.itemName ?? row.catalogCode} · ${fieldLabel(ui.lang, row.field)}`;
  return (
    <p class="notice" role="status">
      {ui.t('savedDecision', { what, decision: row.verdict ? label(ui.lang, 'decision', row.verdict.decision) : ui.t('saved') })}{' '}
      <a href={`${itemHref(row.region, row.catalogCode)}#d-${domId(row.key)}`}>{ui.t('openItem')}</a>
    </p>
  );
}

/** What the layout frames on the queue page (the app keeps it per data version: see body-cache.ts). */
export function QueueBody(props: {
  ui: Ui;
  state: QueueState;
  regions: RegionRow[];
  result: QueueResult;
  /** each row's decisions and comments, newest first */
  history: Map<string, Review[]>;
  /** the discrepancy just decided without JavaScript (`saved=` after the 303) */
  saved?: QueueRow;
}) {
  const { ui, state, regions, result } = props;
  const { t } = ui;
  const top = regions.find((r) => r.depth === 0);
  const own = state.ownRegion ? regions.find((r) => r.code === state.region) : undefined;
  return (
    <>
      <div class="page-head">
        <h1>{t('queueTitle')}</h1>
        <span class="muted">{t('resultsCount', { total: result.total })}</span>
        <Exports ui={ui} here={queueHref(state, { page: state.page })} xlsx={{ href: queueHref(state).replace('/queue', '/queue.xlsx'), label: 'exportXlsx' }} />
      </div>
      {props.saved && <SavedNotice ui={ui} row={props.saved} />}
      {own && top && (
        <p class="scope-note">
          {t('ownRegionShown', { name: own.name ?? own.code })} <a href={queueHref(state, { region: top.code })}>{t('widenToProvince', { name: top.name ?? top.code })}</a>
        </p>
      )}
      <form method="get" action="/queue" class="filters" role="search">
        <input type="search" name="q" value={state.q ?? ''} placeholder={t('search')} aria-label={t('search')} maxlength={100} />
        <select name="region" aria-label={t('region')}>
          <option value="">{t('allRegions')}</option>
          <RegionOptions regions={regions} selected={state.region} />
        </select>
        <select name="scope" aria-label={t('includeSubtree')}>
          <option value="subtree">{t('includeSubtree')}</option>
          <option value="self" selected={state.scope === 'self'}>
            {t('onlyThisRegion')}
          </option>
        </select>
        {(['kind', 'rule', 'field', 'type', 'status'] as const).map((k) =>
          state[k] !== undefined ? <input type="hidden" name={k} value={k === 'field' ? fieldParam(state[k]) : state[k]} /> : null,
        )}
        <button type="submit" class="primary">
          {t('searchButton')}
        </button>
        <a href="/queue" class="muted">
          {t('clearFilters')}
        </a>
      </form>
      <div class="with-sidebar">
        <QueueFacets ui={ui} state={state} facets={result.facets} />
        <div class="results">
          {result.rows.length === 0 ? (
            <Empty>{t('noResults')}</Empty>
          ) : (
            <table class="grid queue">
              <DiscHead ui={ui} itemColumn />
              <tbody hx-target="closest tr" hx-swap="outerHTML">
                {result.rows.map((row) => (
                  <DiscRow ui={ui} row={row} back={ui.here} view="queue" history={props.history.get(row.key) ?? []} />
                ))}
              </tbody>
            </table>
          )}
          <Pager ui={ui} page={state.page} per={state.per} total={result.total} link={(page) => queueHref(state, { page })} />
        </div>
      </div>
    </>
  );
}
