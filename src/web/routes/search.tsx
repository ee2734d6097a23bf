// 事项搜索: GET /search?q=&region=&page= — items by name and 受理条件 (store/read/search.ts), HTML or JSON.
import type { Hono } from 'hono';
import { searchItems, searchTerms } from '../../store/read/search.js';
import { SearchPage, type SearchState } from '../../../views/search.js';
import type { Env } from '../context.js';
import { intParam, MAX_PER, negotiate, textParam } from '../http.js';
import type { Site } from '../site.js';

export function registerSearch(app: Hono<Env>, site: Site): void {
  app.get('/search', async (c) => {
    const query = new URL(c.req.url).searchParams;
    const format = negotiate(query, c.req.header('Accept'), false);
    const root = await site.regionParam(c, query);
    const state: SearchState = {
      q: textParam(query, 'q') ?? '',
      ...(root ? { region: root.code } : {}),
      page: intParam(query, 'page', 1, 1, 1_000_000),
      per: intParam(query, 'per', 50, 1, MAX_PER),
    };
    const result = await searchItems(site.db, { q: state.q, ...(root ? { root } : {}), page: state.page, per: state.per }, site.memoOf(c));
    if (format === 'json') return site.jsonPage(c, state.page, state.per, result.total, { items: result.hits });
    const ui = await site.ui(c);
    return site.page(c, <SearchPage ui={ui} state={state} terms={searchTerms(state.q)} regions={await site.regions(c)} result={result} regionMap={await site.regionMap(c)} />);
  });
}
