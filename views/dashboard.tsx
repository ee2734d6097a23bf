// 概览: the region tree with each region's items, errors, review states and claim rate.
import { html } from 'hono/html';
import type { DashboardRow } from '../src/store/read/dashboard.js';
import type { SyncInfo } from '../src/store/rows.js';
import type { Ui } from '../src/web/context.js';
import { href } from '../src/web/http.js';
import { levelLabel } from '../src/web/i18n.js';
import { Exports, formatTime, listWorkbook } from './components.js';
import { Layout } from './layout.js';

/**
 * One region of the tree (a province has some 120). Written with hono's html template, like the queue rows:
 * as JSX the table took most of the page's time. Values are escaped as JSX text would be.
 */
function regionRow(ui: Ui, r: DashboardRow, subtreeOpen: number) {
  const { t } = ui;
  const queue = (params: Record<string, string>) => href('/queue', params);
  // errors still to mend in red; accepted ones (they fail nothing, as in validate) beside them, muted
  const open = r.errors - r.acceptedErrors;
  const accepted = r.acceptedErrors > 0 ? html` <span class="muted small" title="${t('acceptedErrorsHint')}">${t('acceptedErrors', { n: r.acceptedErrors })}</span>` : '';
  const errors = html`${open > 0 ? html`<span class="err-count">${open}</span>` : html`<span class="muted">0</span>`}${accepted}`;
  const outdated =
    r.outdated > 0
      ? html`<a class="attention" href="${queue({ region: r.code, scope: 'self', status: 'outdated' })}">${r.outdated}</a>`
      : html`<span class="muted">0</span>`;
  // decisions the region's decisions.yaml lacks: its file with them brought in, to download and commit
  const notInGit =
    r.notInGit > 0
      ? html`<a class="attention" href="${`/regions/${r.code}/decisions.yaml`}" download title="${t('notInGitHint')}">${r.notInGit}</a>`
      : html`<span class="muted">0</span>`;
  const rate =
    r.claimRate === null
      ? html`<span class="muted">${r.parent === null ? t('baselineMark') : '—'}</span>`
      : html`<span class="rate-cell"><meter min="0" max="1" low="0.6" high="0.9" optimum="1" value="${r.claimRate}"></meter><span>${Math.round(r.claimRate * 1000) / 10}%</span></span>`;
  return html`<tr class="depth-${Math.min(r.depth, 4)}"><td class="c-region"><span class="indent"><a href="${queue({ region: r.code })}">${r.name ?? r.code}</a><span class="muted code small"> ${r.code}</span></span></td><td>${levelLabel(ui.lang, r.level)}</td><td class="num"><a href="${href('/coverage', { region: r.code })}">${r.items}</a></td><td class="num">${errors}</td><td class="num"><a href="${queue({ region: r.code, scope: 'self', status: 'open' })}">${r.open}</a></td><td class="num"><a href="${queue({ region: r.code, status: 'open' })}">${subtreeOpen}</a></td><td class="num"><a href="${queue({ region: r.code, scope: 'self', status: 'decided' })}">${r.decided}</a></td><td class="num">${outdated}</td><td class="num">${notInGit}</td><td class="rate">${rate}</td></tr>`;
}

/**
 * The open discrepancies of each region and every region below it, in one pass over the rows (a region's lineage
 * names it and its ancestors: each row adds its own count to each of them). The table's other counts are the
 * region's own (a province row said 待审 0 beside a summary of 46): both are shown, each labelled.
 */
function subtreeOpenCounts(rows: readonly DashboardRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) for (const code of r.lineage.split('/')) out.set(code, (out.get(code) ?? 0) + r.open);
  return out;
}

export function DashboardPage(props: { ui: Ui; rows: DashboardRow[]; sync?: SyncInfo }) {
  const { ui, rows, sync } = props;
  const subtreeOpen = subtreeOpenCounts(rows);
  const { t } = ui;
  const sum = (pick: (r: DashboardRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const queue = (params: Record<string, string>) => href('/queue', params);
  return (
    <Layout ui={ui} title={t('dashboardTitle')} section="dashboard">
      <div class="page-head">
        <h1>{t('dashboardTitle')}</h1>
        <Exports ui={ui} here={ui.here} xlsx={listWorkbook(ui, undefined)} />
      </div>
      <section class="sync-card">
        {sync ? (
          <dl class="facts">
            <div>
              <dt>{t('lastSync')}</dt>
              <dd>
                <span class="code" title={sync.revision}>
                  {sync.revision.slice(0, 12)}
                </span>
                {sync.worktree && <span class="muted"> {t('uncommittedSync')}</span>}
              </dd>
            </div>
            <div>
              <dt>{t('syncedAt')}</dt>
              <dd>{formatTime(sync.finishedAt ?? sync.startedAt)}</dd>
            </div>
            <div>
              <dt>{t('itemsCount')}</dt>
              <dd>{sum((r) => r.items)}</dd>
            </div>
            <div>
              <dt>{t('openTotalCount')}</dt>
              <dd>
                <a href={queue({ status: 'open' })}>{sum((r) => r.open)}</a>
              </dd>
            </div>
            <div>
              <dt>{t('outdatedCount')}</dt>
              <dd>
                <a href={queue({ status: 'outdated' })} class={sum((r) => r.outdated) > 0 ? 'attention' : undefined}>
                  {sum((r) => r.outdated)}
                </a>
              </dd>
            </div>
          </dl>
        ) : (
          <p class="empty">{t('neverSynced')}</p>
        )}
      </section>
      <table class="grid tree">
        <thead>
          <tr>
            <th>{t('region')}</th>
            <th>{t('level')}</th>
            <th class="num">{t('itemsCount')}</th>
            <th class="num">{t('errorsCount')}</th>
            <th class="num" title={t('ownCountHint')}>{t('ownOpenCount')}</th>
            <th class="num" title={t('subtreeCountHint')}>{t('subtreeOpenCount')}</th>
            <th class="num" title={t('ownCountHint')}>{t('ownDecidedCount')}</th>
            <th class="num" title={t('ownCountHint')}>{t('ownOutdatedCount')}</th>
            <th class="num" title={t('notInGitHint')}>{t('notInGitCount')}</th>
            <th class="rate" title={t('claimRateHint')}>
              {t('claimRate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => regionRow(ui, r, subtreeOpen.get(r.code) ?? 0))}
        </tbody>
      </table>
      <p class="muted small">{t('claimRateHint')}</p>
    </Layout>
  );
}
