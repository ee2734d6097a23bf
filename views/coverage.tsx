// 认领覆盖: the province's baseline items down the side, the regions below across the top.
import type { CoverageResult } from '../src/store/read/coverage.js';
import type { RegionRow } from '../src/store/rows.js';
import type { Ui } from '../src/web/context.js';
import { href } from '../src/web/http.js';
import { levelLabel } from '../src/web/i18n.js';
import { Empty, Exports, itemHref, listWorkbook, Pager, RegionOptions } from './components.js';
import { Layout } from './layout.js';

export interface CoverageState {
  region?: string;
  q?: string;
  gaps: boolean;
  all: boolean;
  page: number;
  per: number;
}

export function coverageHref(state: CoverageState, change: Partial<CoverageState> = {}): string {
  const s = { ...state, page: 1, ...change };
  return href('/coverage', {
    q: s.q,
    region: s.region,
    gaps: s.gaps ? '1' : undefined,
    all: s.all ? '1' : undefined,
    per: s.per === 50 ? undefined : s.per,
    page: s.page === 1 ? undefined : s.page,
  });
}

export function CoveragePage(props: { ui: Ui; state: CoverageState; regions: RegionRow[]; result: CoverageResult }) {
  const { ui, state, regions, result } = props;
  const { t } = ui;
  const mark = { claimed: '✓', missing: '✗', 'n/a': '—' } as const;
  const text = { claimed: t('claimed'), missing: t('missing'), 'n/a': t('notApplicable') } as const;
  return (
    <Layout ui={ui} title={t('coverageTitle')} section="coverage" wide>
      <div class="page-head">
        <h1>{t('coverageTitle')}</h1>
        <span class="muted">{t('resultsCount', { total: result.total })}</span>
        <Exports ui={ui} here={ui.here} xlsx={listWorkbook(ui, state.region)} />
      </div>
      <p class="muted small">{t('coverageHint')}</p>
      <form method="get" action="/coverage" class="filters" role="search">
        <input type="search" name="q" value={state.q ?? ''} placeholder={t('search')} aria-label={t('search')} maxlength={100} />
        <select name="region" aria-label={t('region')}>
          <RegionOptions regions={regions} selected={state.region} />
        </select>
        <label class="check">
          <input type="checkbox" name="gaps" value="1" checked={state.gaps} /> {t('onlyGaps')}
        </label>
        <label class="check">
          <input type="checkbox" name="all" value="1" checked={state.all} /> {t('allLevelsBelow')}
        </label>
        <button type="submit" class="primary">
          {t('searchButton')}
        </button>
      </form>
      {result.columns.length === 0 ? (
        <Empty>{t('noRegionsBelow')}</Empty>
      ) : result.rows.length === 0 ? (
        <Empty>{t('noResults')}</Empty>
      ) : (
        <div class="scroll-x">
          <table class="grid coverage">
            <thead>
              <tr>
                <th class="c-item">{t('item')}</th>
                {result.columns.map((c) => (
                  <th class="c-cov" title={`${c.name ?? c.code} ${c.code} · ${levelLabel(ui.lang, c.level)}`}>
                    {c.code === state.region ? (
                      <span>{c.name ?? c.code}</span>
                    ) : (
                      <a href={coverageHref(state, { region: c.code })}>{c.name ?? c.code}</a>
                    )}
                    <div class="small">
                      <a class="muted" href={href('/queue', { region: c.code, scope: 'self', kind: 'missing' })} title={t('missing')}>
                        {c.claimed}/{c.claimed + c.missing}
                      </a>
                    </div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <tr>
                  <td class="c-item">
                    <a href={itemHref(result.top.code, row.catalogCode)}>{row.name ?? row.catalogCode}</a>
                    <div class="small muted">
                      <span class="code">{row.catalogCode}</span> · {row.type} · {row.useLevel.join('、')}
                    </div>
                  </td>
                  {row.cells.map((cell, i) => {
                    const col = result.columns[i]!;
                    return (
                      <td class={`c-cov cov-${cell === 'n/a' ? 'na' : cell}`} title={`${col.name ?? col.code}: ${text[cell]}`}>
                        {cell === 'claimed' ? <a href={itemHref(col.code, row.catalogCode)}>{mark[cell]}</a> : mark[cell]}
                        <span class="sr">{text[cell]}</span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager ui={ui} page={state.page} per={state.per} total={result.total} link={(page) => coverageHref(state, { page })} />
    </Layout>
  );
}
