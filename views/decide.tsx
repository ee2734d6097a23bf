// 处理差异: one discrepancy with its decision form, as a page of its own. Without JavaScript this is where
// the row's "处理…" link leads (the form posts, the server answers 303 back to where the person came from);
// with htmx the same URL answers the open row alone and it opens in place instead.
import type { QueueRow } from '../src/store/read/discrepancy-rows.js';
import type { Review } from '../src/store/reviews.js';
import type { Ui } from '../src/web/context.js';
import { DiscHead, DiscRow, domId } from './components.js';
import { Layout } from './layout.js';

export function DecidePage(props: {
  ui: Ui;
  row: QueueRow;
  back: string;
  view: 'queue' | 'item';
  history: Review[];
  /** why the last POST was refused, and what had been typed (without JavaScript the POST answers this page) */
  error?: string;
  reason?: string;
}) {
  const { ui, row, back } = props;
  const { t } = ui;
  const title = row.itemName ?? row.catalogCode;
  return (
    <Layout ui={ui} title={t('decideTitle')} section="queue" wide>
      <nav class="crumbs">
        <a href={`${back}#d-${domId(row.key)}`}>{t('goBack')}</a> › <span>{title}</span>
      </nav>
      <div class="page-head">
        <h1>{t('decideTitle')}</h1>
        <span class="code muted">{row.key}</span>
      </div>
      <table class="grid queue decide-page">
        <DiscHead ui={ui} itemColumn />
        <tbody>
          <DiscRow
            ui={ui}
            row={row}
            back={back}
            view={props.view}
            history={props.history}
            form
            htmx={false}
            itemColumn
            {...(props.error ? { error: props.error } : {})}
            {...(props.reason ? { reason: props.reason } : {})}
          />
        </tbody>
      </table>
    </Layout>
  );
}
