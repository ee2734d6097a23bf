// Pieces shared by several pages. Every value from the catalog goes through JSX text (escaped); no `raw`.
import type { Child } from 'hono/jsx';
import type { WordChange } from '../src/levels/word-diff.js';
import type { QueueRow } from '../src/store/queries.js';
import type { Review } from '../src/store/reviews.js';
import type { Ui } from '../src/web/context.js';
import { cachedWordDiff, displayValue, truncate } from '../src/web/display.js';
import { fieldLabel, label } from '../src/web/i18n.js';

export function Pager(props: { ui: Ui; page: number; per: number; total: number; link: (page: number) => string }) {
  const { ui, page, per, total } = props;
  const pages = Math.max(1, Math.ceil(total / per));
  if (pages <= 1) return null;
  const near = [1, page - 2, page - 1, page, page + 1, page + 2, pages].filter((p, i, all) => p >= 1 && p <= pages && all.indexOf(p) === i);
  near.sort((a, b) => a - b);
  const out: Child[] = [];
  let last = 0;
  for (const p of near) {
    if (p - last > 1) out.push(<span class="gap">…</span>);
    out.push(
      p === page ? (
        <span class="current" aria-current="page">
          {p}
        </span>
      ) : (
        <a href={props.link(p)}>{p}</a>
      ),
    );
    last = p;
  }
  return (
    <nav class="pager" aria-label={ui.t('pageOf', { page, pages })}>
      {page > 1 ? <a href={props.link(page - 1)} rel="prev">{ui.t('prev')}</a> : <span class="disabled">{ui.t('prev')}</span>}
      {out}
      {page < pages ? <a href={props.link(page + 1)} rel="next">{ui.t('next')}</a> : <span class="disabled">{ui.t('next')}</span>}
      <span class="muted">{ui.t('pageOf', { page, pages })}</span>
    </nav>
  );
}

export function KindBadge(props: { ui: Ui; kind: string | null }) {
  if (!props.kind) return null;
  return <span class={`badge kind-${props.kind}`}>{label(props.ui.lang, 'kind', props.kind)}</span>;
}

export function StatusBadge(props: { ui: Ui; status: string }) {
  const hint = props.status === 'outdated' ? props.ui.t('outdatedHint') : props.status === 'resolved' ? props.ui.t('resolvedHint') : undefined;
  return (
    <span class={`badge status-${props.status}`} title={hint}>
      {label(props.ui.lang, 'status', props.status)}
    </span>
  );
}

export function SeverityBadge(props: { ui: Ui; severity: string }) {
  return <span class={`badge sev-${props.severity}`}>{label(props.ui.lang, 'severity', props.severity)}</span>;
}

/**
 * One side of a word diff: ours shows what was inserted, theirs what was deleted. With `context`, long
 * unchanged stretches are cut to that many characters around each change, so the change itself is in view.
 */
export function DiffText(props: { changes: WordChange[]; side: 'ours' | 'theirs'; context?: number }) {
  const { changes, side, context } = props;
  const last = changes.length - 1;
  return (
    <>
      {changes.map((c, i) => {
        if (c.op === 'equal') return context === undefined ? c.text : elide(c.text, context, i === 0, i === last);
        if (c.op === 'insert') return side === 'ours' ? <ins>{c.text}</ins> : null;
        return side === 'theirs' ? <del>{c.text}</del> : null;
      })}
    </>
  );
}

function elide(text: string, n: number, first: boolean, lastPart: boolean): string {
  const chars = [...text];
  if (first && lastPart) return text;
  if (first) return chars.length > n ? '…' + chars.slice(-n).join('') : text;
  if (lastPart) return chars.length > n ? chars.slice(0, n).join('') + '…' : text;
  return chars.length > 2 * n + 1 ? chars.slice(0, n).join('') + ' … ' + chars.slice(-n).join('') : text;
}

/** Two values side by side (ours above theirs), word-diffed when both are present. */
export function ValuePair(props: { ui: Ui; ours: unknown; theirs: unknown; againstName: string | null; against: string }) {
  const { ui } = props;
  const ours = displayValue(props.ours, ui.lang);
  const theirs = displayValue(props.theirs, ui.lang);
  const changes = props.ours !== undefined && props.theirs !== undefined ? cachedWordDiff(theirs, ours) : undefined;
  return (
    <div class="pair">
      <div class="val ours">
        <span class="side">{ui.t('ours')}</span>
        {props.ours === undefined ? <span class="muted">{ui.t('absent')}</span> : changes ? <DiffText changes={changes} side="ours" context={40} /> : <ins title={ours}>{truncate(ours, 200)}</ins>}
      </div>
      <div class="val theirs">
        <span class="side">{props.againstName ?? props.against}</span>
        {props.theirs === undefined ? <span class="muted">{ui.t('absent')}</span> : changes ? <DiffText changes={changes} side="theirs" context={40} /> : <del title={theirs}>{truncate(theirs, 200)}</del>}
      </div>
    </div>
  );
}

export function Verdict(props: { ui: Ui; row: QueueRow }) {
  const { ui, row } = props;
  const v = row.verdict;
  if (!v) return null;
  return (
    <div class="verdict">
      <strong>{label(ui.lang, 'decision', v.decision)}</strong>
      <span class="muted"> {ui.t('decidedBy', { who: v.author, when: formatTime(v.at) })}</span>
      {v.reason && <div class="reason">{truncate(v.reason, 140)}</div>}
    </div>
  );
}

export function formatTime(iso: string): string {
  // stored as UTC ISO 8601; shown as China Standard Time, which has no daylight saving
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const cst = new Date(date.getTime() + 8 * 3600_000).toISOString();
  return `${cst.slice(0, 10)} ${cst.slice(11, 16)}`;
}

export function itemHref(region: string, catalogCode: string): string {
  return `/items/${region}/${catalogCode}`;
}

/**
 * A discrepancy as a table row with its decision forms. The forms are plain POST forms (they work without
 * JavaScript: the server answers 303 back to `back`); htmx posts them instead and swaps the row in place.
 */
export function DiscRow(props: {
  ui: Ui;
  row: QueueRow;
  back: string;
  /** queue: show item and region columns; item page: the item is the page */
  view: 'queue' | 'item';
  history?: Review[];
  error?: string;
  notice?: string;
}) {
  const { ui, row, back, view } = props;
  const { t } = ui;
  const canDecide = row.status !== 'resolved' && row.fingerprint !== null && ui.canDecide(row.region);
  const canReopen =
    canDecide && row.verdict !== undefined && row.verdict.decision !== 'reopened' && ui.canReopen(row.region, row.verdict.author);
  return (
    <tr class={`disc status-${row.status}`} data-key={row.key} id={`d-${domId(row.key)}`}>
      {view === 'queue' && (
        <td class="c-item">
          <a href={itemHref(row.region, row.catalogCode)}>{row.itemName ?? row.catalogCode}</a>
          <div class="muted small">
            <span class="code">{row.catalogCode}</span> · {row.regionName ?? row.region}
          </div>
        </td>
      )}
      <td class="c-field">
        {fieldLabel(ui.lang, row.field)}
        <div class="muted small code">{row.path || '/'}</div>
      </td>
      <td class="c-kind">
        <KindBadge ui={ui} kind={row.kind} />
      </td>
      <td class="c-values">
        {row.status === 'resolved' ? (
          <span class="muted">{t('resolvedHint')}</span>
        ) : row.kind === 'missing' ? (
          <span>{t('missingHint', { name: row.againstName ?? row.against })}</span>
        ) : row.kind === 'unknown' ? (
          <span>{t('unknownHint')}</span>
        ) : (
          <ValuePair ui={ui} ours={row.ours} theirs={row.theirs} against={row.against} againstName={row.againstName} />
        )}
      </td>
      <td class="c-status">
        <StatusBadge ui={ui} status={row.status} />
        <Verdict ui={ui} row={row} />
        {props.history && props.history.length > 0 && (
          <details class="history">
            <summary>
              {t('history')} ({props.history.length})
            </summary>
            <ol>
              {props.history.map((r) => (
                <li>
                  <strong>{label(ui.lang, 'decision', r.decision)}</strong>{' '}
                  <span class="muted">{t('decidedBy', { who: r.author, when: formatTime(r.createdAt) })}</span>
                  {r.reason && <div class="reason">{r.reason}</div>}
                </li>
              ))}
            </ol>
          </details>
        )}
      </td>
      <td class="c-actions">
        {props.notice && <div class="notice" role="status">{props.notice}</div>}
        {props.error && <div class="error" role="alert">{props.error}</div>}
        {canDecide ? (
          <details class="decide" open={props.error !== undefined}>
            <summary>{t('decide')}</summary>
            <form method="post" action="/decide" hx-post="/decide" hx-target="closest tr" hx-swap="outerHTML" class="decide-form">
              <Hidden ui={ui} row={row} back={back} view={view} />
              <label>
                <span class="sr">{t('reasonLabel')}</span>
                <textarea name="reason" rows={2} required maxlength={2000} placeholder={t('reasonLabel')}></textarea>
              </label>
              <div class="buttons">
                <button type="submit" name="decision" value="accepted" class="primary">
                  {t('doAccept')}
                </button>
                <button type="submit" name="decision" value="fix-requested" class="warn">
                  {t('doFix')}
                </button>
                <button type="submit" name="decision" value="comment">
                  {t('doComment')}
                </button>
              </div>
            </form>
            {canReopen && (
              <form method="post" action="/decide" hx-post="/decide" hx-target="closest tr" hx-swap="outerHTML" class="reopen-form">
                <Hidden ui={ui} row={row} back={back} view={view} />
                <input type="hidden" name="decision" value="reopened" />
                <button type="submit">{t('doReopen')}</button>
              </form>
            )}
          </details>
        ) : (
          row.status !== 'resolved' && ui.user && <span class="muted small">{t('noPermission')}</span>
        )}
      </td>
    </tr>
  );
}

function Hidden(props: { ui: Ui; row: QueueRow; back: string; view: string }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={props.ui.csrf} />
      <input type="hidden" name="key" value={props.row.key} />
      <input type="hidden" name="fingerprint" value={props.row.fingerprint ?? ''} />
      <input type="hidden" name="back" value={props.back} />
      <input type="hidden" name="view" value={props.view} />
    </>
  );
}

/** A stable, attribute-safe id for a discrepancy key. */
export function domId(key: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(36) + h2.toString(36);
}

export function Empty(props: { children?: Child }) {
  return <p class="empty">{props.children}</p>;
}

export function Exports(props: { ui: Ui; here: string }) {
  const sep = props.here.includes('?') ? '&' : '?';
  return (
    <span class="exports">
      <a href={`${props.here}${sep}format=csv`}>{props.ui.t('exportCsv')}</a>
      <a href={`${props.here}${sep}format=json`}>{props.ui.t('exportJson')}</a>
    </span>
  );
}
