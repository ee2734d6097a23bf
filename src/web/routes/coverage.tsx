// 认领覆盖: baseline items × regions, which each region claimed (HTML, JSON or CSV).
import type { Hono } from 'hono';
import { coverage, type CoverageResult } from '../../store/read/coverage.js';
import { topRegion } from '../../store/read/regions.js';
import { CoveragePage, type CoverageState } from '../../../views/coverage.js';
import { ErrorPage } from '../../../views/error.js';
import type { Env } from '../context.js';
import { enumParam, intParam, MAX_PER, negotiate, textParam } from '../http.js';
import { translator } from '../i18n.js';
import type { Site } from '../site.js';

export function registerCoverage(app: Hono<Env>, site: Site): void {
  app.get('/coverage', async (c) => {
    const query = new URL(c.req.url).searchParams;
    const format = negotiate(query, c.req.header('Accept'));
    const top = await topRegion(site.db);
    const root = (await site.regionParam(c, query)) ?? top;
    const state: CoverageState = {
      ...(root ? { region: root.code } : {}),
      q: textParam(query, 'q'),
      gaps: enumParam(query, 'gaps', ['1', '0'] as const) === '1',
      all: enumParam(query, 'all', ['1', '0'] as const) === '1',
      page: intParam(query, 'page', 1, 1, 1_000_000),
      per: intParam(query, 'per', 50, 1, MAX_PER),
    };
    const result = root
      ? await coverage(site.db, { root, ...(state.q ? { q: state.q } : {}), gaps: state.gaps, all: state.all, page: state.page, per: state.per }, site.memoOf(c))
      : undefined;
    const empty: CoverageResult = { top: root!, columns: [], total: 0, rows: [] };
    const data = result ?? empty;
    if (format === 'json') {
      return site.jsonPage(c, state.page, state.per, data.total, {
        regions: data.columns.map((col) => ({ code: col.code, name: col.name, level: col.level, claimed: col.claimed, missing: col.missing })),
        items: data.rows.map((r) => ({
          catalogCode: r.catalogCode, name: r.name, type: r.type, useLevel: r.useLevel,
          regions: Object.fromEntries(r.cells.map((cell, i) => [data.columns[i]!.code, cell])),
        })),
      });
    }
    if (format === 'csv') {
      // every baseline item the filters select, not one page: the first page read above, then the others
      const filter = { ...(state.q ? { q: state.q } : {}), gaps: state.gaps, all: state.all, per: MAX_PER };
      const pages = async function* () {
        if (!root) return;
        for (let page = 1; ; page++) {
          const part = await coverage(site.db, { root, ...filter, page }, site.memoOf(c));
          if (part && part.rows.length > 0) yield part.rows.map((r) => [r.catalogCode, r.name, r.type, ...r.cells]);
          if (!part || part.rows.length < MAX_PER) return;
        }
      };
      return site.csv(c, 'coverage.csv', ['catalogCode', 'name', 'type', ...data.columns.map((col) => `${col.code} ${col.name ?? ''}`.trim())], pages());
    }
    if (!result) return site.page(c, <ErrorPage ui={await site.ui(c)} status={404} message={translator(c.get('lang'))('neverSynced')} />, 404);
    return site.page(c, <CoveragePage ui={await site.ui(c)} state={state} regions={await site.regions(c)} result={result} />);
  });
}
