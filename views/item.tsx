// 事项详情: the region's item beside its parent's and the province's, element by element, differences
// highlighted word by word; its findings; its discrepancies with decision forms; its version history.
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
import { FIELD_ORDER, fieldLabel, label } from '../src/web/i18n.js';
import { DiffText, DiscHead, DiscRow, domId, Empty, formatTime, KindBadge, SeverityBadge } from './components.js';
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
  return (
    <>
      <nav class="crumbs">
        <a href="/">{t('navDashboard')}</a> › <a href={`/queue?region=${page.region.code}`}>{page.region.name ?? page.region.code}</a> ›{' '}
        <span>{catalogCode}</span>
      </nav>
      <div class="page-head">
        <h1>{title}</h1>
        <span class="code muted">{catalogCode}</span>
        {any?.type && <span class="badge plain">{any.type}</span>}
      </div>
      <dl class="facts">
        <div>
          <dt>{t('region')}</dt>
          <dd>
            {page.region.name ?? page.region.code} <span class="muted code">{page.region.code}</span> {page.region.level}
          </dd>
        </div>
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
        <Compare ui={ui} page={page} />
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

/**
 * The element's discrepancies that still stand, as the core computed them at the last sync (with the catalog's
 * own `fields:` classes): the page shows these and decides nothing itself. The most serious kind first.
 */
function standing(discrepancies: QueueRow[]): Map<string, QueueRow> {
  const rank = (row: QueueRow) => (row.kind ? (KIND_ORDER as readonly string[]).indexOf(row.kind) : KIND_ORDER.length);
  const byField = new Map<string, QueueRow>();
  for (const d of discrepancies) {
    if (d.status === 'resolved' || !d.kind || d.kind === 'missing' || d.kind === 'unknown') continue;
    const seen = byField.get(d.field);
    if (!seen || rank(d) < rank(seen)) byField.set(d.field, d);
  }
  return byField;
}

/**
 * Every element of the region's item beside its parent's and the province's. An element is highlighted, and
 * word-diffed against the region its discrepancy was found against, only where the core found a discrepancy;
 * a value that differs without one (an element the catalog classes as the region's own) is shown plainly.
 */
function Compare(props: { ui: Ui; page: ItemPage }) {
  const { ui, page } = props;
  const { t } = ui;
  const ours = page.item && !page.item.removedAt ? page.item.body ?? {} : undefined;
  const parent = page.parent;
  const baseline = page.baseline && page.baseline.region.code !== parent?.region.code ? page.baseline : undefined;
  const keys = [...FIELD_ORDER];
  for (const body of [ours, parent?.item.body, baseline?.item.body]) {
    for (const key of Object.keys(body ?? {})) if (!keys.includes(key)) keys.push(key);
  }
  const found = standing(page.discrepancies);
  const cols = 1 + (parent ? 1 : 0) + (baseline ? 1 : 0);
  return (
    <table class={`grid compare cols-${cols}`}>
      <thead>
        <tr>
          <th class="c-el">{t('element')}</th>
          <th>{t('thisRegion', { name: page.region.name ?? page.region.code })}</th>
          {parent && <th>{t('parentRegion', { name: parent.region.name ?? parent.region.code })}</th>}
          {baseline && <th>{t('baselineRegion', { name: baseline.region.name ?? baseline.region.code })}</th>}
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => {
          const o = ours?.[key];
          const p = parent?.item.body?.[key];
          const b = baseline?.item.body?.[key];
          if (o === undefined && p === undefined && b === undefined) return null;
          const disc = found.get(key);
          const against = disc ? (disc.against === baseline?.region.code ? 'baseline' : 'parent') : undefined;
          const theirs = against === 'baseline' ? b : p;
          const oText = displayValue(o, ui.lang);
          const tText = displayValue(theirs, ui.lang);
          const changes = disc && o !== undefined && theirs !== undefined ? cachedWordDiff(tText, oText) : undefined;
          const differsPlainly = !disc && ours !== undefined && parent !== undefined && !sameValue(o, p, `/${key}`);
          const cell = (value: unknown, side: 'ours' | 'theirs' | 'plain'): Child => {
            if (value === undefined) return <span class="muted">{t('absent')}</span>;
            if (changes && side !== 'plain') return <DiffText changes={changes} side={side} />;
            if (disc && side === 'ours') return <ins>{oText}</ins>;
            if (disc && side === 'theirs') return <del>{tText}</del>;
            return displayValue(value, ui.lang);
          };
          return (
            <tr class={disc ? `differs kind-row-${disc.kind}` : differsPlainly ? 'local-differs' : undefined}>
              <th class="c-el">
                {fieldLabel(ui.lang, key)}
                {disc && (
                  <div>
                    <a href={`#d-${domId(disc.key)}`}>
                      <KindBadge ui={ui} kind={disc.kind} />
                    </a>
                  </div>
                )}
                {differsPlainly && <div class="small muted">{t('differsNoDiscrepancy')}</div>}
              </th>
              <td class="val">{ours === undefined ? <span class="muted">{t('absent')}</span> : cell(o, 'ours')}</td>
              {parent && <td class="val">{cell(p, against === 'parent' ? 'theirs' : 'plain')}</td>}
              {baseline && <td class="val">{cell(b, against === 'baseline' ? 'theirs' : 'plain')}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
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
