// 事项详情: the region's item beside its parent's and the province's, element by element, differences
// highlighted word by word; its findings; its discrepancies with decision forms; its version history.
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { topElement } from '../src/levels/pointer.js';
import type { Change } from '../src/levels/semantic-diff.js';
import { sameValue } from '../src/levels/semantic-diff.js';
import type { QueueRow } from '../src/store/read/discrepancy-rows.js';
import type { ItemPage } from '../src/store/read/item.js';
import type { VersionRow } from '../src/store/rows.js';
import type { Review } from '../src/store/reviews.js';
import type { Ui } from '../src/web/context.js';
import { cachedWordDiff, displayValue } from '../src/web/display.js';
import { FILES_DIR } from '../src/catalog/layout.js';
import { FILE_REF_ELEMENTS, forEachFileRef, isHttpsUrl } from '../src/rules/file-ref.js';
import { DEFAULT_STATUS } from '../src/schema/codes.js';
import { ELEMENT_GROUPS, groupElements, groupOf, HANDLING_ELEMENTS } from '../src/web/elements.js';
import { fieldLabel, label, levelLabel, memberLabel } from '../src/web/i18n.js';
import {
  DiffText, DiscHead, DiscRow, domId, elementAnchor, Empty, formatTime, handlingAnchor, itemHref, KindBadge, SeverityBadge,
} from './components.js';
import { KIND_ORDER } from './queue.js';

export interface VersionDiff {
  from: VersionRow;
  to: VersionRow;
  changes: Change[];
}


/** The item's name (or code) as the region, its parent or the province holds it. */
export function itemTitle(page: ItemPage): string {
  const any = page.item ?? page.parent?.item ?? page.baseline?.item;
  return any?.name ?? any?.catalogCode ?? '';
}

/** What the layout frames on the item page (the app keeps it per data version: see body-cache.ts). */
export function ItemBody(props: { ui: Ui; page: ItemPage; reviews: Map<string, Review[]>; diff?: VersionDiff; from?: number; to?: number }) {
  const { ui, page, reviews } = props;
  const { t } = ui;
  const item = page.item;
  const any = item ?? page.parent?.item ?? page.baseline?.item;
  const title = itemTitle(page);
  const catalogCode = any?.catalogCode ?? page.discrepancies[0]?.catalogCode ?? '';
  const back = ui.here;
  const body = item && !item.removedAt ? item.body ?? undefined : any?.body ?? undefined;
  const status = body ? (typeof body.status === 'string' ? body.status : ACTIVE) : undefined;
  return (
    <>
      <nav class="crumbs" aria-label={t('region')}>
        <a href="/">{t('navDashboard')}</a>
        {page.lineage.map((r) => (
          <>
            {' › '}
            <a href={`/queue?region=${r.code}`} title={levelLabel(ui.lang, r.level)}>
              {r.name ?? r.code}
            </a>
          </>
        ))}{' '}
        › <span>{catalogCode}</span>
      </nav>
      <div class="page-head">
        <h1>{title}</h1>
        <span class="code muted">{catalogCode}</span>
        {any?.type && <span class="badge plain">{any.type}</span>}
        {status && <span class={`badge lifecycle lifecycle-${STATUS_CLASS[status] ?? 'other'}`}>{status}</span>}
      </div>
      <dl class="facts">
        <div>
          <dt>{t('region')}</dt>
          <dd>
            {page.region.name ?? page.region.code} <span class="muted code">{page.region.code}</span> {levelLabel(ui.lang, page.region.level)}
          </dd>
        </div>
        <Lifecycle ui={ui} body={body} />
        {item && (
          <div>
            <dt>{t('file')}</dt>
            <dd class="code small">{item.file}</dd>
          </div>
        )}
        {item && (
          <div>
            <dt>{t('revision')}</dt>
            <dd class="code small" title={item.revision}>
              {item.revision.slice(0, 12)}
            </dd>
          </div>
        )}
      </dl>
      {!item && <p class="notice">{t('notClaimed')}</p>}
      {item?.removedAt && <p class="notice">{t('removedItem', { rev: item.removedAt.slice(0, 12) })}</p>}
      {status === '暂停' && <p class="notice">{t('suspendedNotice')}</p>}
      {status === '取消' && <p class="notice">{t('cancelledNotice', { date: typeof body?.cancelDate === 'string' ? body.cancelDate : '—' })}</p>}

      <section id="discrepancies">
        <h2>
          {t('discrepanciesTitle')} <span class="count">{page.discrepancies.length}</span>
        </h2>
        {page.discrepancies.length === 0 ? (
          <Empty>{t('noDiscrepancies')}</Empty>
        ) : (
          <table class="grid queue item-discs">
            <DiscHead ui={ui} />
            <tbody hx-target="closest tr" hx-swap="outerHTML">
              {page.discrepancies.map((row) => (
                <DiscRow ui={ui} row={row} back={back} view="item" history={reviews.get(row.key) ?? []} />
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section id="compare">
        <h2>{t('compareTitle')}</h2>
        <Compare ui={ui} page={page} catalogCode={catalogCode} />
      </section>

      <section id="findings">
        <h2>
          {t('findingsTitle')} <span class="count">{page.findings.length}</span>
        </h2>
        {page.findings.length === 0 ? (
          <Empty>{t('noFindings')}</Empty>
        ) : (
          <table class="grid">
            <tbody>
              {page.findings.map((f) => (
                <tr>
                  <td class="nowrap">
                    <SeverityBadge ui={ui} severity={f.severity} />
                  </td>
                  <td class="code small nowrap">{f.rule}</td>
                  <td>{ui.lang === 'zh' ? f.messageZh : f.messageEn}</td>
                  <td class="code small muted nowrap">
                    {f.path || '/'} · {f.line}:{f.column}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section id="versions">
        <h2>{t('versionsTitle')}</h2>
        <Versions ui={ui} versions={page.versions} from={props.from} to={props.to} action={ui.here.split('?')[0]!} />
        {props.diff && <VersionDiffView ui={ui} diff={props.diff} />}
      </section>
    </>
  );
}

// the lifecycle badge's colour class (the states are the code set's: 在用 暂停 取消)
const STATUS_CLASS: Record<string, string> = { 在用: 'active', 暂停: 'suspended', 取消: 'cancelled' };
const ACTIVE = DEFAULT_STATUS;
const LIFECYCLE = ['status', 'version', 'effectiveDate', 'cancelDate'] as const;

/** 事项状态, 版本 and the planned dates, in the page's facts (the item's own, else the item shown). */
function Lifecycle(props: { ui: Ui; body: Record<string, unknown> | undefined }) {
  const { ui, body } = props;
  if (!body) return null;
  // an item without a status is 在用 (spec §2): said so, as the national forms show every item's state
  const values: Record<string, unknown> = { ...body, status: body.status ?? ACTIVE };
  return (
    <>
      {LIFECYCLE.filter((key) => values[key] !== undefined).map((key) => (
        <div>
          <dt>{fieldLabel(ui.lang, key)}</dt>
          <dd>{displayValue(values[key], ui.lang)}</dd>
        </div>
      ))}
    </>
  );
}

/**
 * The element's discrepancies that still stand, as the core computed them at the last sync (with the catalog's
 * own `fields:` classes): the page shows these and decides nothing itself. Keyed by where the page shows the
 * element (elementAnchor); the most serious kind first.
 */
function standing(discrepancies: QueueRow[]): Map<string, QueueRow> {
  const rank = (row: QueueRow) => (row.kind ? (KIND_ORDER as readonly string[]).indexOf(row.kind) : KIND_ORDER.length);
  const byAnchor = new Map<string, QueueRow>();
  for (const d of discrepancies) {
    if (d.status === 'resolved' || !d.kind || d.kind === 'missing' || d.kind === 'unknown') continue;
    const anchor = elementAnchor(d.key, HANDLING_ELEMENTS);
    if (anchor === undefined) continue;
    const seen = byAnchor.get(anchor);
    if (!seen || rank(d) < rank(seen)) byAnchor.set(anchor, d);
  }
  return byAnchor;
}

/** The kind of an element's discrepancy, leading to the discrepancy's row above. */
function DiscLink(props: { ui: Ui; disc: QueueRow }) {
  return (
    <>
      {' '}
      <a href={`#d-${domId(props.disc.key)}`}>
        <KindBadge ui={props.ui} kind={props.disc.kind} />
      </a>
    </>
  );
}

/** One column of the comparison: whose item, and its body (undefined: the column is not shown). */
interface Side {
  region: string;
  body: Record<string, unknown>;
}

/** One row of a comparison table: an element, the three sides' values, and where it is on the page. */
interface ValueRow {
  anchor: string;
  label: string;
  ours: unknown;
  parent: unknown;
  baseline: unknown;
  /** the side's value is the item's own, not the handling item's (业务办理项 rows only) */
  inherited?: { ours: boolean; parent: boolean; baseline: boolean };
}

/**
 * Every element of the region's item beside its parent's and the province's, in the national forms' groups, then
 * the handling items. An element is highlighted, and word-diffed against the region its discrepancy was found
 * against, only where the core found a discrepancy; a value that differs without one (an element the catalog
 * classes as the region's own) is shown plainly.
 */
function Compare(props: { ui: Ui; page: ItemPage; catalogCode: string }) {
  const { ui, page, catalogCode } = props;
  const { t } = ui;
  const ours: Side | undefined = page.item && !page.item.removedAt ? { region: page.region.code, body: page.item.body ?? {} } : undefined;
  const parent: Side | undefined = page.parent ? { region: page.parent.region.code, body: page.parent.item.body ?? {} } : undefined;
  const baselineShown = page.baseline && page.baseline.region.code !== page.parent?.region.code ? page.baseline : undefined;
  const baseline: Side | undefined = baselineShown ? { region: baselineShown.region.code, body: baselineShown.item.body ?? {} } : undefined;
  const sides = { ours, parent, baseline };
  const found = standing(page.discrepancies);
  // elements the schema does not know (a schema error in the file) are still shown, after the basic group's
  const unknown: string[] = [];
  for (const side of [ours, parent, baseline]) {
    for (const key of Object.keys(side?.body ?? {})) if (key !== 'handlingItems' && groupOf(key) === undefined && !unknown.includes(key)) unknown.push(key);
  }
  const rowsOf = (keys: readonly string[]): ValueRow[] =>
    keys
      .map((key) => ({ anchor: `el-${key}`, label: fieldLabel(ui.lang, key), ours: ours?.body[key], parent: parent?.body[key], baseline: baseline?.body[key] }))
      .filter((row) => row.ours !== undefined || row.parent !== undefined || row.baseline !== undefined);
  const groups = ELEMENT_GROUPS.map((group) => ({ group, rows: rowsOf(groupElements(group)) })).filter((g) => g.rows.length > 0);
  const others = rowsOf(unknown);
  const handling = found.get('el-handlingItems');
  return (
    <>
      <nav class="groups" aria-label={t('groupsNav')}>
        {groups.map((g) => (
          <a href={`#g-${g.group}`}>{t(`group_${g.group}`)}</a>
        ))}
        <a href="#handling">{fieldLabel(ui.lang, 'handlingItems')}</a>
      </nav>
      {groups.map((g) => (
        <section id={`g-${g.group}`} class="element-group">
          <h3>{t(`group_${g.group}`)}</h3>
          <ValueTable ui={ui} page={page} sides={sides} rows={g.rows} found={found} catalogCode={catalogCode} />
        </section>
      ))}
      {others.length > 0 && (
        <section id="g-other" class="element-group">
          <h3>{t('otherElements')}</h3>
          <ValueTable ui={ui} page={page} sides={sides} rows={others} found={found} catalogCode={catalogCode} />
        </section>
      )}
      <section id="handling" class="element-group">
        <h3 id="el-handlingItems">
          {fieldLabel(ui.lang, 'handlingItems')}
          {handling && <DiscLink ui={ui} disc={handling} />}
        </h3>
        <HandlingItems ui={ui} page={page} sides={sides} found={found} catalogCode={catalogCode} />
      </section>
    </>
  );
}

const handlingList = (body: Record<string, unknown> | undefined): Record<string, unknown>[] =>
  Array.isArray(body?.handlingItems) ? body.handlingItems.filter((h): h is Record<string, unknown> => h !== null && typeof h === 'object' && !Array.isArray(h)) : [];

/**
 * 业务办理项: one <details> per handling item (open, so the page reads the same without JavaScript), each with the
 * elements a handling item may give: its own value, or the item's marked as inherited; the parent's and the
 * province's handling item of the same seq beside it.
 */
function HandlingItems(props: { ui: Ui; page: ItemPage; sides: Record<'ours' | 'parent' | 'baseline', Side | undefined>; found: Map<string, QueueRow>; catalogCode: string }) {
  const { ui, page, sides, found, catalogCode } = props;
  const { t } = ui;
  // the region's own handling items; a region without the item shows the nearest ancestor's
  const shownSide = sides.ours ?? sides.parent ?? sides.baseline;
  const list = handlingList(shownSide?.body);
  if (list.length === 0) return <Empty>{t('noHandlingItems')}</Empty>;
  const taskCode = typeof shownSide?.body.taskCode === 'string' ? shownSide.body.taskCode : '';
  const bySeq = (side: Side | undefined, seq: unknown) => handlingList(side?.body).find((h) => h.seq === seq);
  return (
    <>
      <p class="muted small">{t('handlingItemsHint')}</p>
      {list.map((h) => {
        const seq = String(h.seq ?? '');
        const theirs = { parent: bySeq(sides.parent, h.seq), baseline: bySeq(sides.baseline, h.seq) };
        const value = (side: Side | undefined, entry: Record<string, unknown> | undefined, key: string) =>
          side === undefined ? undefined : entry && entry[key] !== undefined ? entry[key] : side.body[key];
        const inheritedFrom = (side: Side | undefined, entry: Record<string, unknown> | undefined, key: string) =>
          side !== undefined && (entry === undefined || entry[key] === undefined) && side.body[key] !== undefined;
        const own = shownSide === sides.ours ? h : undefined;
        const rows: ValueRow[] = HANDLING_ELEMENTS.map((key) => ({
          anchor: handlingAnchor(seq, key),
          label: fieldLabel(ui.lang, key),
          ours: value(sides.ours, own, key),
          parent: value(sides.parent, shownSide === sides.parent ? h : theirs.parent, key),
          baseline: value(sides.baseline, shownSide === sides.baseline ? h : theirs.baseline, key),
          inherited: {
            ours: inheritedFrom(sides.ours, own, key),
            parent: inheritedFrom(sides.parent, shownSide === sides.parent ? h : theirs.parent, key),
            baseline: inheritedFrom(sides.baseline, shownSide === sides.baseline ? h : theirs.baseline, key),
          },
        })).filter((row) => row.ours !== undefined || row.parent !== undefined || row.baseline !== undefined);
        const disc = found.get(handlingAnchor(seq));
        return (
          <details id={handlingAnchor(seq)} class="handling-item" open>
            <summary>
              <span class="code">{seq}</span> {String(h.name ?? '')}
              {taskCode && (
                <span class="muted small">
                  {' '}
                  {t('handlingCode')} <span class="code">{taskCode + seq}</span>
                </span>
              )}
              {sides.parent && !theirs.parent && shownSide === sides.ours && <span class="muted small"> · {t('notInParent')}</span>}
              {disc && <DiscLink ui={ui} disc={disc} />}
            </summary>
            <ValueTable ui={ui} page={page} sides={sides} rows={rows} found={found} catalogCode={catalogCode} />
          </details>
        );
      })}
    </>
  );
}

// rendered (escaped) by JSX above; kept per page object, so per request and language
const heads = new WeakMap<ItemPage, string>();

/** The three-column table of values (this region, the parent, the province) for some rows. */
function ValueTable(props: {
  ui: Ui;
  page: ItemPage;
  sides: Record<'ours' | 'parent' | 'baseline', Side | undefined>;
  rows: ValueRow[];
  found: Map<string, QueueRow>;
  catalogCode: string;
}) {
  const { ui, page, sides, rows, found, catalogCode } = props;
  const { t } = ui;
  const cols = 1 + (sides.parent ? 1 : 0) + (sides.baseline ? 1 : 0);
  // the same head on every table of the page: made once
  let head = heads.get(page);
  if (head === undefined) {
    head = String(
      <thead>
        <tr>
          <th class="c-el">{t('element')}</th>
          <th>{t('thisRegion', { name: page.region.name ?? page.region.code })}</th>
          {sides.parent && page.parent && <th>{t('parentRegion', { name: page.parent.region.name ?? page.parent.region.code })}</th>}
          {sides.baseline && page.baseline && <th>{t('baselineRegion', { name: page.baseline.region.name ?? page.baseline.region.code })}</th>}
        </tr>
      </thead>,
    );
    heads.set(page, head);
  }
  return (
    <table class={`grid compare cols-${cols}`}>
      {raw(head)}
      <tbody>
        {rows.map((row) => {
          const { ours: o, parent: p, baseline: b } = row;
          const element = row.anchor.slice(row.anchor.lastIndexOf('-') + 1);
          const disc = found.get(row.anchor);
          const against = disc ? (disc.against === sides.baseline?.region ? 'baseline' : 'parent') : undefined;
          const theirs = against === 'baseline' ? b : p;
          const oText = displayValue(o, ui.lang);
          const tText = displayValue(theirs, ui.lang);
          const changes = disc && o !== undefined && theirs !== undefined ? cachedWordDiff(tText, oText) : undefined;
          // (a handling item's inherited value differs, if at all, on the item's own row above)
          const differsPlainly =
            !disc && !row.inherited?.ours && sides.ours !== undefined && sides.parent !== undefined && !sameValue(o, p, `/${element}`);
          const cell = (value: unknown, side: 'ours' | 'theirs' | 'plain', whose: Side | undefined, inherited: boolean | undefined): Child => {
            if (value === undefined) return <span class="muted">{t('absent')}</span>;
            let text: Child = displayValue(value, ui.lang);
            if (changes && side !== 'plain') text = <DiffText changes={changes} side={side} />;
            else if (disc && side === 'ours') text = <ins>{oText}</ins>;
            else if (disc && side === 'theirs') text = <del>{tText}</del>;
            // most cells are text alone: the extra nodes only where there is a mark or a file reference
            const links = whose && FILE_REF_ELEMENTS.includes(element);
            if (!inherited && !links) return text;
            return (
              <>
                {inherited && <span class="badge plain inherited">{t('inherited')}</span>}
                {text}
                {links && <FileLinks ui={ui} element={element} value={value} region={whose.region} catalogCode={catalogCode} />}
              </>
            );
          };
          return (
            <tr id={row.anchor} class={disc ? `differs kind-row-${disc.kind}` : differsPlainly ? 'local-differs' : undefined}>
              <th class="c-el">
                {row.label}
                {disc && (
                  <div>
                    <DiscLink ui={ui} disc={disc} />
                  </div>
                )}
                {differsPlainly && <div class="small muted">{t('differsNoDiscrepancy')}</div>}
              </th>
              <td class="val">{sides.ours === undefined ? <span class="muted">{t('absent')}</span> : cell(o, 'ours', sides.ours, row.inherited?.ours)}</td>
              {sides.parent && <td class="val">{cell(p, against === 'parent' ? 'theirs' : 'plain', sides.parent, row.inherited?.parent)}</td>}
              {sides.baseline && <td class="val">{cell(b, against === 'baseline' ? 'theirs' : 'plain', sides.baseline, row.inherited?.baseline)}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * The file references in an element's value (a material's 空白表格 and 示例样表, 审批结果样本) as links: a path under
 * files/ to the item's file route (when the server has its catalog), an https:// address as it is.
 */
function FileLinks(props: { ui: Ui; element: string; value: unknown; region: string; catalogCode: string }) {
  const { ui, element, value } = props;
  const refs: { ref: string; label: string }[] = [];
  forEachFileRef({ [element]: value }, (ref, at) => {
    if (typeof ref !== 'string') return;
    const member = String(at[at.length - 1]);
    const entry = at.length > 2 && Array.isArray(value) ? (value[Number(at[at.length - 2])] as Record<string, unknown> | undefined) : undefined;
    const label = member === element ? fieldLabel(ui.lang, element) : `${String(entry?.name ?? '')} · ${memberLabel(ui.lang, element, member)}`;
    refs.push({ ref, label });
  });
  if (refs.length === 0) return null;
  return (
    <ul class="file-links">
      {refs.map(({ ref, label }) => {
        const name = ref.slice(ref.lastIndexOf('/') + 1);
        if (isHttpsUrl(ref)) {
          return (
            <li>
              {label}: <a href={ref} rel="noopener noreferrer external">{name || ref}</a> <span class="muted small">{ui.t('externalLink')}</span>
            </li>
          );
        }
        const inFiles = ref.startsWith(`${FILES_DIR}/`);
        if (inFiles && ui.catalog) {
          const path = ref.slice(FILES_DIR.length + 1).split('/').map(encodeURIComponent).join('/');
          return (
            <li>
              {label}: <a href={`${itemHref(props.region, props.catalogCode)}/files/${path}`}>{name}</a>
            </li>
          );
        }
        // a path the server cannot open without its catalog, or a reference file-ref reports as unusable (findings)
        return (
          <li>
            {label}: <span class="code" {...(inFiles ? { title: ui.t('fileNoCatalog') } : {})}>{ref}</span>
          </li>
        );
      })}
    </ul>
  );
}

function Versions(props: { ui: Ui; versions: VersionRow[]; from?: number; to?: number; action: string }) {
  const { ui, versions } = props;
  const { t } = ui;
  if (versions.length === 0) return <Empty>{t('noVersions')}</Empty>;
  const from = props.from ?? versions[1]?.id;
  const to = props.to ?? versions[0]?.id;
  return (
    <form method="get" action={`${props.action}#versions`} class="versions">
      <table class="grid">
        <thead>
          <tr>
            <th class="nowrap">{t('from')}</th>
            <th class="nowrap">{t('to')}</th>
            <th>{t('commit')}</th>
            <th>{t('date')}</th>
            <th>{t('author')}</th>
            <th>{t('message')}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr>
              <td>
                <input type="radio" name="from" value={String(v.id)} checked={v.id === from} aria-label={`${t('from')} ${v.commit.slice(0, 8)}`} />
              </td>
              <td>
                <input type="radio" name="to" value={String(v.id)} checked={v.id === to} aria-label={`${t('to')} ${v.commit.slice(0, 8)}`} />
              </td>
              <td class="code small" title={v.commit}>
                {v.commit.slice(0, 8)} <span class="badge plain">{label(ui.lang, 'change', v.change)}</span>
              </td>
              <td class="nowrap">{formatTime(v.date)}</td>
              <td>{v.author}</td>
              <td>{v.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {versions.length > 1 && (
        <button type="submit" class="primary">
          {t('compareVersions')}
        </button>
      )}
    </form>
  );
}

function VersionDiffView(props: { ui: Ui; diff: VersionDiff }) {
  const { ui, diff } = props;
  const { t } = ui;
  return (
    <div class="version-diff" id="version-diff">
      <h3>{t('versionDiffTitle', { from: diff.from.commit.slice(0, 8), to: diff.to.commit.slice(0, 8) })}</h3>
      {diff.changes.length === 0 ? (
        <Empty>{t('noChanges')}</Empty>
      ) : (
        <table class="grid compare">
          <thead>
            <tr>
              <th class="c-el">{t('element')}</th>
              <th>{t('before')}</th>
              <th>{t('after')}</th>
            </tr>
          </thead>
          <tbody>
            {diff.changes.map((c) => {
              const before = displayValue(c.theirs, ui.lang);
              const after = displayValue(c.ours, ui.lang);
              const changes = c.ours !== undefined && c.theirs !== undefined ? cachedWordDiff(before, after) : undefined;
              return (
                <tr class="differs">
                  <th class="c-el">
                    {fieldLabel(ui.lang, topElement(c.path))}
                    <div class="small muted code">{c.path}</div>
                    <span class="badge plain">{label(ui.lang, 'changeKind', c.kind)}</span>
                  </th>
                  <td class="val">
                    {c.theirs === undefined ? <span class="muted">{t('absent')}</span> : changes ? <DiffText changes={changes} side="theirs" /> : <del>{before}</del>}
                  </td>
                  <td class="val">
                    {c.ours === undefined ? <span class="muted">{t('absent')}</span> : changes ? <DiffText changes={changes} side="ours" /> : <ins>{after}</ins>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
