// Pieces shared by several pages. Every value from the catalog goes through JSX text or hono's html`` template,
// both escaped; `raw` only for markup rendered by them (the cached region options).
import { REGION_CODE } from '../src/catalog/types.js';
import { pointerSegments } from '../src/catalog/locate.js';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Child } from 'hono/jsx';
import type { WordChange } from '../src/levels/word-diff.js';
import type { QueueRow } from '../src/store/read/discrepancy-rows.js';
import type { RegionRow } from '../src/store/rows.js';
import type { Review } from '../src/store/reviews.js';
import type { Ui } from '../src/web/context.js';
import { cachedWordDiff, displayValue, truncate } from '../src/web/display.js';
import { hasFix } from '../src/web/fix-patch.js';
import { HANDLING_ELEMENTS } from '../src/web/elements.js';
import { fieldLabel, label, type MsgKey } from '../src/web/i18n.js';
import { href } from '../src/web/http.js';

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

// The discrepancy row and its parts are written with hono's html`` template instead of JSX: a queue page has 50
// of them, and building them as JSX nodes took ≈ 30 µs a row against ≈ 3 µs as a template (the rest of a
// page stays JSX). Interpolated values are escaped the same way JSX text is; only the template's own markup
// and values already escaped (HtmlEscapedString) go in as they are.
type Html = HtmlEscapedString | Promise<HtmlEscapedString>;
const NOTHING = raw('');

function kindBadge(ui: Ui, kind: string | null): Html {
  if (!kind) return NOTHING;
  return html`<span class="badge kind-${kind}">${label(ui.lang, 'kind', kind)}</span>`;
}

function statusBadge(ui: Ui, status: string): Html {
  const hint = status === 'outdated' ? ui.t('outdatedHint') : status === 'resolved' ? ui.t('resolvedHint') : undefined;
  return hint
    ? html`<span class="badge status-${status}" title="${hint}">${label(ui.lang, 'status', status)}</span>`
    : html`<span class="badge status-${status}">${label(ui.lang, 'status', status)}</span>`;
}

export function KindBadge(props: { ui: Ui; kind: string | null }) {
  return kindBadge(props.ui, props.kind);
}

export function StatusBadge(props: { ui: Ui; status: string }) {
  return statusBadge(props.ui, props.status);
}

export function SeverityBadge(props: { ui: Ui; severity: string }) {
  return <span class={`badge sev-${props.severity}`}>{label(props.ui.lang, 'severity', props.severity)}</span>;
}

function diffText(changes: WordChange[], side: 'ours' | 'theirs', context?: number): Html {
  const last = changes.length - 1;
  return html`${changes.map((c, i) => {
    if (c.op === 'equal') return context === undefined ? c.text : elide(c.text, context, i === 0, i === last);
    if (c.op === 'insert') return side === 'ours' ? html`<ins>${c.text}</ins>` : NOTHING;
    return side === 'theirs' ? html`<del>${c.text}</del>` : NOTHING;
  })}`;
}

/**
 * One side of a word diff: ours shows what was inserted, theirs what was deleted. With `context`, long
 * unchanged stretches are cut to that many characters around each change, so the change itself is in view.
 */
export function DiffText(props: { changes: WordChange[]; side: 'ours' | 'theirs'; context?: number }) {
  return diffText(props.changes, props.side, props.context);
}

function elide(text: string, n: number, first: boolean, lastPart: boolean): string {
  if (first && lastPart) return text;
  // cheap test first: no cut is needed when even every UTF-16 unit is a character
  if (text.length <= n) return text;
  const chars = [...text];
  if (first) return chars.length > n ? '…' + chars.slice(-n).join('') : text;
  if (lastPart) return chars.length > n ? chars.slice(0, n).join('') + '…' : text;
  return chars.length > 2 * n + 1 ? chars.slice(0, n).join('') + ' … ' + chars.slice(-n).join('') : text;
}

/** Two values side by side (ours above theirs), word-diffed when both are present; long values cut around the change. */
function valuePair(ui: Ui, row: QueueRow): Html {
  const ours = displayValue(row.ours, ui.lang);
  const theirs = displayValue(row.theirs, ui.lang);
  const changes = row.ours !== undefined && row.theirs !== undefined ? cachedWordDiff(theirs, ours) : undefined;
  const absent = html`<span class="muted">${ui.t('absent')}</span>`;
  const oursHtml =
    row.ours === undefined ? absent : changes ? diffText(changes, 'ours', 40) : html`<ins${titleIfCut(ours)}>${truncate(ours, 200)}</ins>`;
  const theirsHtml =
    row.theirs === undefined ? absent : changes ? diffText(changes, 'theirs', 40) : html`<del${titleIfCut(theirs)}>${truncate(theirs, 200)}</del>`;
  return html`<div class="pair"><div class="val ours"><span class="side">${ui.t('ours')}</span>${oursHtml}</div><div class="val theirs"><span class="side">${row.againstName ?? row.against}</span>${theirsHtml}</div></div>`;
}

/** The whole text as a tooltip, only where the cell shows it cut. */
function titleIfCut(text: string): Html {
  return text.length > 200 ? html` title="${text}"` : NOTHING;
}

function verdict(ui: Ui, row: QueueRow): Html {
  const v = row.verdict;
  if (!v) return NOTHING;
  const reason = v.reason ? html`<div class="reason">${truncate(v.reason, 140)}</div>` : NOTHING;
  return html`<div class="verdict"><strong>${label(ui.lang, 'decision', v.decision)}</strong><span class="muted"> ${ui.t('decidedBy', { who: v.author, when: formatTime(v.at) })}</span>${reason}</div>`;
}

function historyList(ui: Ui, history: Review[] | undefined): Html {
  if (!history || history.length === 0) return NOTHING;
  const items = history.map(
    (r) =>
      html`<li><strong>${label(ui.lang, 'decision', r.decision)}</strong> <span class="muted">${ui.t('decidedBy', { who: r.author, when: formatTime(r.createdAt) })}</span>${r.source === 'git' ? html` <span class="badge">${ui.t('fromGit')}</span>` : NOTHING}${r.reason ? html`<div class="reason">${r.reason}</div>` : NOTHING}</li>`,
  );
  return html`<details class="history"><summary>${ui.t('history')} (${history.length})</summary><ol>${items}</ol></details>`;
}

// the same decision times come back on every view of a page: formatted once (bounded, oldest dropped first)
const timeCache = new Map<string, string>();

export function formatTime(iso: string): string {
  const hit = timeCache.get(iso);
  if (hit !== undefined) return hit;
  // stored as UTC ISO 8601; shown as China Standard Time, which has no daylight saving
  const date = new Date(iso);
  let text = iso;
  if (!Number.isNaN(date.getTime())) {
    const cst = new Date(date.getTime() + 8 * 3600_000).toISOString();
    text = `${cst.slice(0, 10)} ${cst.slice(11, 16)}`;
  }
  if (timeCache.size >= 5000) timeCache.delete(timeCache.keys().next().value!);
  timeCache.set(iso, text);
  return text;
}

export function itemHref(region: string, catalogCode: string): string {
  return `/items/${region}/${catalogCode}`;
}

/**
 * Where the decision form of a discrepancy is: a plain GET that works without JavaScript (a page with the
 * row and its form) and that htmx fetches instead to open the form in the row itself. `back` is left out
 * when it is the default (the queue, or the item page of the row).
 */
export function decideHref(row: Pick<QueueRow, 'key' | 'region' | 'catalogCode'>, back: string, view: 'queue' | 'item', close = false): string {
  let href = `/decide?key=${encodeURIComponent(row.key)}`;
  if (view === 'item') href += '&view=item';
  if (back !== defaultBack(row, view)) href += `&back=${encodeURIComponent(back)}`;
  return close ? href + '&close=1' : href;
}

/** Where a decision goes back to when the form does not say. */
export function defaultBack(row: Pick<QueueRow, 'region' | 'catalogCode'>, view: 'queue' | 'item'): string {
  return view === 'item' ? itemHref(row.region, row.catalogCode) : '/queue';
}

/**
 * A discrepancy as a table row. Closed (the default), its actions cell is one link to the decision form
 * (`decideHref`); htmx loads the open row into place (hx-get), the link works as a page without JavaScript.
 * Open (`form`), the row carries the decision forms: plain POST forms (without JavaScript the server
 * answers 303 back to `back`) that htmx posts instead (`htmx`), swapping the answered row in place.
 * The table body says where htmx swaps (`hx-target="closest tr"`, outerHTML), so rows do not repeat it.
 */
/** The header over DiscRow rows; the item column is there where rows come from more than one item. */
export function DiscHead(props: { ui: Ui; itemColumn?: boolean }) {
  const { t } = props.ui;
  return (
    <thead>
      <tr>
        {props.itemColumn && <th class="c-item">{t('item')}</th>}
        <th class="c-field">{t('field')}</th>
        <th class="c-kind">{t('facetKind')}</th>
        <th class="c-values">
          {t('ours')} / {t('theirs')}
        </th>
        <th class="c-status">{t('status')}</th>
        <th class="c-actions">{t('actions')}</th>
      </tr>
    </thead>
  );
}

export function DiscRow(props: {
  ui: Ui;
  row: QueueRow;
  back: string;
  /** queue: show item and region columns; item page: the item is the page */
  view: 'queue' | 'item';
  history?: Review[];
  error?: string;
  notice?: string;
  /** what the person had typed, given back with an error so that it is not lost */
  reason?: string;
  /** render the decision forms (open row) instead of the link to them */
  form?: boolean;
  /** the open row's forms post through htmx (false on the decide page, which answers with a redirect) */
  htmx?: boolean;
  /** the item and region columns even in the item view (the decide page) */
  itemColumn?: boolean;
}): Html {
  const { ui, row, back, view } = props;
  const { t } = ui;
  const canDecide = row.status !== 'resolved' && row.fingerprint !== null && ui.canDecide(row.region);
  const canReopen =
    canDecide && row.verdict !== undefined && row.verdict.decision !== 'reopened' && ui.canReopen(row.region, row.verdict.author);
  const open = props.form === true && canDecide;
  const item =
    view === 'queue' || props.itemColumn
      ? html`<td class="c-item"><a href="${itemHref(row.region, row.catalogCode)}">${row.itemName ?? row.catalogCode}</a><div class="muted small"><span class="code">${row.catalogCode}</span> · ${row.regionName ?? row.region}</div></td>`
      : NOTHING;
  const values =
    row.status === 'resolved'
      ? html`<span class="muted">${t('resolvedHint')}</span>`
      : row.kind === 'missing'
        ? html`<span>${t('missingHint', { name: row.againstName ?? row.against })}</span>`
        : row.kind === 'unknown'
          ? html`<span>${t('unknownHint')}</span>`
          : valuePair(ui, row);
  let actions: Html | Child = NOTHING;
  if (open) {
    actions = <DecideForms ui={ui} row={row} back={back} view={view} htmx={props.htmx !== false} canReopen={canReopen} reason={props.reason ?? ''} />;
  } else if (canDecide) {
    const href = decideHref(row, back, view);
    actions = html`<a class="decide-link" href="${href}" hx-get="${href}">${t('decide')}</a>`;
  } else if (row.status !== 'resolved' && ui.user) {
    actions = html`<span class="muted small">${t('noPermission')}</span>`;
  }
  // on the item page the element's label leads to where the page shows it
  const anchor = view === 'item' && !props.itemColumn ? elementAnchor(row.key, HANDLING_ELEMENTS) : undefined;
  const field = anchor ? html`<a href="#${anchor}">${fieldLabel(ui.lang, row.field)}</a>` : fieldLabel(ui.lang, row.field);
  const notice = props.notice ? html`<div class="notice" role="status">${props.notice}</div>` : NOTHING;
  const error = props.error ? html`<div class="error" role="alert">${props.error}</div>` : NOTHING;
  return html`<tr class="disc status-${row.status}" data-key="${row.key}" id="d-${domId(row.key)}">${item}<td class="c-field">${field}<div class="muted small code">${row.path || '/'}</div></td><td class="c-kind">${kindBadge(ui, row.kind)}</td><td class="c-values">${values}</td><td class="c-status">${statusBadge(ui, row.status)}${verdict(ui, row)}${historyList(ui, props.history)}</td><td class="c-actions">${notice}${error}${actions}</td></tr>`;
}

function DecideForms(props: { ui: Ui; row: QueueRow; back: string; view: 'queue' | 'item'; htmx: boolean; canReopen: boolean; reason: string }) {
  const { ui, row, back, view, htmx } = props;
  const { t } = ui;
  const post = htmx ? { 'hx-post': '/decide' } : {};
  return (
    <div class="decide">
      <form method="post" action="/decide" class="decide-form" {...post}>
        <Hidden ui={ui} row={row} back={back} view={view} />
        <label>
          <span class="sr">{t('reasonLabel')}</span>
          <textarea name="reason" rows={2} required maxlength={2000} placeholder={t('reasonLabel')} autofocus>
            {props.reason}
          </textarea>
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
      <div class="decide-more">
        {props.canReopen && (
          <form method="post" action="/decide" class="reopen-form" {...post}>
            <Hidden ui={ui} row={row} back={back} view={view} />
            <input type="hidden" name="decision" value="reopened" />
            <button type="submit">{t('doReopen')}</button>
          </form>
        )}
        {ui.catalog && hasFix(row) && (
          <span class="decide-patch">
            <a href={`/decide/patch?key=${encodeURIComponent(row.key)}`} target="_blank" rel="noopener">{t('viewPatch')}</a>
            {' · '}
            <a href={`/decide/patch?key=${encodeURIComponent(row.key)}&download=1`} download>{t('downloadPatch')}</a>
          </span>
        )}
        <a class="decide-cancel" href={`${back}#d-${domId(row.key)}`} {...(htmx ? { 'hx-get': decideHref(row, back, view, true) } : {})}>
          {t('cancel')}
        </a>
      </div>
    </div>
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

/** The id of a handling item's section on the item page (业务办理项, by seq), or of one of its element rows. */
export function handlingAnchor(seq: string, element?: string): string {
  const id = /^[0-9A-Za-z_-]{1,20}$/.test(seq) ? seq : domId(seq);
  return element === undefined ? `h-${id}` : `h-${id}-${element}`;
}

/**
 * Where on the item page the element a discrepancy is about is shown, read from its key's identity path (spec §3):
 * a handling item's element row (`/handlingItems/@01/materials/…`), else the element's row (`el-materials`);
 * undefined for one about the whole item.
 */
export function elementAnchor(key: string, handlingElements: readonly string[]): string | undefined {
  const at = key.indexOf('#');
  const tokens = at < 0 ? [] : pointerSegments(key.slice(at + 1));
  const element = tokens[0];
  if (element === undefined || element === '') return undefined;
  if (element === 'handlingItems' && tokens[1]?.startsWith('@')) {
    const seq = tokens[1].slice(1).replace(/#\d+$/, '');
    return handlingAnchor(seq, tokens[2] !== undefined && handlingElements.includes(tokens[2]) ? tokens[2] : undefined);
  }
  return `el-${element}`;
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

/** The page's CSV and JSON twins, and a workbook download (`xlsx`) where the page has one. */
export function Exports(props: { ui: Ui; here: string; xlsx?: { href: string; label: MsgKey } | undefined }) {
  const sep = props.here.includes('?') ? '&' : '?';
  return (
    <span class="exports">
      <a href={`${props.here}${sep}format=csv`}>{props.ui.t('exportCsv')}</a>
      {props.xlsx && <a href={props.xlsx.href}>{props.ui.t(props.xlsx.label)}</a>}
      <a href={`${props.here}${sep}format=json`}>{props.ui.t('exportJson')}</a>
    </span>
  );
}

/** The 实施清单 workbook of a region and everything below it, or of the whole catalog for an officer or an admin. */
export function listWorkbook(ui: Ui, region: string | undefined): { href: string; label: MsgKey } | undefined {
  if (region) return { href: href('/export.xlsx', { region, scope: 'subtree' }), label: 'exportList' };
  const role = ui.user?.role;
  return role === 'officer' || role === 'admin' ? { href: '/export.xlsx', label: 'exportCatalog' } : undefined;
}

// The region <option>s are the same on every page until a sync changes the regions (the list is one array per
// sync, from the request memo): rendered once per list, then only the selected one is marked.
const optionsCache = new WeakMap<readonly RegionRow[], string>();

/** The <option>s of a region picker (indented by depth), `selected` marked; escaped like any JSX text. */
export function RegionOptions(props: { regions: readonly RegionRow[]; selected?: string | undefined }) {
  let html = optionsCache.get(props.regions);
  if (html === undefined) {
    html = String(
      <>
        {props.regions.map((r) => (
          <option value={r.code}>
            {'\u3000'.repeat(r.depth)}
            {r.name ?? r.code} {r.code}
          </option>
        ))}
      </>,
    );
    optionsCache.set(props.regions, html);
  }
  const selected = props.selected;
  if (selected !== undefined && REGION_CODE.test(selected)) {
    html = html.replace(`<option value="${selected}">`, `<option value="${selected}" selected="">`);
  }
  return raw(html);
}
