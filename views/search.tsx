// 事项搜索: items found by name and 受理条件, one line each with where the terms are, marked.
import type { SearchResult } from '../src/store/read/search.js';
import type { RegionRow } from '../src/store/rows.js';
import type { Ui } from '../src/web/context.js';
import { highlight, type Piece } from '../src/web/display.js';
import { href } from '../src/web/http.js';
import { fieldLabel, levelLabel } from '../src/web/i18n.js';
import { Empty, itemHref, Pager, RegionOptions } from './components.js';
import { Layout } from './layout.js';

export interface SearchState {
  q: string;
  region?: string;
  page: number;
  per: number;
}

export function searchHref(state: SearchState, change: Partial<SearchState> = {}): string {
  const s = { ...state, ...change };
  return href('/search', { q: s.q, region: s.region, page: s.page > 1 ? String(s.page) : undefined, per: s.per !== 50 ? String(s.per) : undefined });
}

// as many characters either side of the first match as a line of 受理条件 shows
const AROUND = 40;

function Marked(props: { pieces: Piece[] }) {
  return <>{props.pieces.map((p) => (p.hit ? <mark>{p.text}</mark> : p.text))}</>;
}

export function SearchPage(props: { ui: Ui; state: SearchState; terms: string[]; regions: RegionRow[]; result: SearchResult; regionMap: ReadonlyMap<string, RegionRow> }) {
  const { ui, state, terms, regions, result, regionMap } = props;
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('searchTitle')} section="search">
      <div class="page-head">
        <h1>{t('searchTitle')}</h1>
      </div>
      <form method="get" action="/search" class="filters" role="search">
        <input type="search" name="q" value={state.q} placeholder={t('searchItems')} aria-label={t('searchItems')} maxlength={100} />
        <select name="region" aria-label={t('region')}>
          <option value="">{t('allRegions')}</option>
          <RegionOptions regions={regions} selected={state.region} />
        </select>
        <button type="submit" class="primary">
          {t('searchSubmit')}
        </button>
      </form>
      <p class="muted small">{t('searchHint')}</p>
      {state.q.trim() !== '' && result.hits.length === 0 ? (
        <Empty>{t('noSearchResults', { q: state.q.trim() })}</Empty>
      ) : result.hits.length > 0 ? (
        <>
          <p class="muted">{t('resultsCount', { total: result.total })}</p>
          <ol class="search-results" start={(state.page - 1) * state.per + 1}>
            {result.hits.map((hit) => {
              const region = regionMap.get(hit.region);
              const conditions = highlight(hit.conditions, terms, AROUND);
              const inConditions = conditions.some((p) => p.hit);
              return (
                <li>
                  <a href={itemHref(hit.region, hit.catalogCode)} class="hit-name">
                    <Marked pieces={highlight(hit.name, terms)} />
                  </a>{' '}
                  <span class="code muted small">{hit.catalogCode}</span> {hit.type && <span class="badge plain">{hit.type}</span>}
                  <div class="small muted">
                    {region?.name ?? hit.region} <span class="code">{hit.region}</span> {levelLabel(ui.lang, region?.level ?? null)} ·{' '}
                    {t('matchedRegions', { n: hit.regions })}
                  </div>
                  <div class="small">
                    {t('matchedIn')}: {[hit.inName ? fieldLabel(ui.lang, 'name') : '', inConditions ? fieldLabel(ui.lang, 'conditions') : ''].filter(Boolean).join('、')}
                  </div>
                  {inConditions && (
                    <div class="hit-conditions">
                      <span class="muted">{fieldLabel(ui.lang, 'conditions')}：</span>
                      <Marked pieces={conditions} />
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
          <Pager ui={ui} page={state.page} per={state.per} total={result.total} link={(page) => searchHref(state, { page })} />
        </>
      ) : null}
    </Layout>
  );
}
