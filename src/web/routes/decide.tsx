// Deciding (审核处理): the decision form of one discrepancy, and the POST that records a decision. Without
// JavaScript the form is a page of its own and the POST answers 303 back; with htmx (HX-Request) the row
// alone is swapped in place — open (the form), closed (`close=1`), or after the decision.
import type { Hono } from 'hono';
import { queueRow, type QueueRow } from '../../store/read/discrepancy-rows.js';
import { queueFacets } from '../../store/read/queue.js';
import { decide, reviewsFor } from '../../store/reviews.js';
import { DiscRow, defaultBack, domId } from '../../../views/components.js';
import { DecidePage } from '../../../views/decide.js';
import { QueueFacets } from '../../../views/queue.js';
import { mayDecide, mayReopen, type Env } from '../context.js';
import { checkCsrf } from '../csrf.js';
import { fixPatchOf, hasFix } from '../fix-patch.js';
import { badRequest, enumParam, HttpError, safeBack } from '../http.js';
import { translator, type MsgKey } from '../i18n.js';
import type { Site } from '../site.js';
import { queueState } from './queue.js';

/**
 * Where a decision made without JavaScript goes back to: the page it came from, at the row. A queue page is
 * told which discrepancy was saved (`saved=`), so that it can confirm it even when the row has left the page
 * (a filter on 待审).
 */
function savedHref(back: string, key: string): string {
  const anchor = `#d-${domId(key)}`;
  const url = new URL(back, 'http://here.invalid');
  if (url.pathname !== '/queue') return back + anchor;
  url.searchParams.set('saved', key);
  return url.pathname + url.search + anchor;
}

/**
 * The patch recorded with a "request fix": undefined when there is none, and when the catalog's repository cannot
 * be opened right now — the decision matters more than its patch, which stays on offer from the decide form.
 */
async function patchToRecord(site: Site, row: QueueRow): Promise<string | undefined> {
  if (!hasFix(row)) return undefined;
  try {
    const git = await site.catalogRepo();
    return git ? await fixPatchOf(git, site.db, row) : undefined;
  } catch (error) {
    if (error instanceof HttpError) return undefined; // Site.catalogRepo has logged why
    throw error;
  }
}

export function registerDecide(app: Hono<Env>, site: Site): void {
  const { db } = site;

  // The fix a "request fix" would ask for, as a unified diff of the item file (shown, or saved with download=1).
  app.get('/decide/patch', async (c) => {
    const query = new URL(c.req.url).searchParams;
    const key = query.get('key') ?? '';
    if (key.length === 0 || key.length > 300) throw badRequest('差异键缺失或过长', 'the discrepancy key is missing or too long');
    const row = await queueRow(db, key);
    if (!row) throw new HttpError(404, 'error404', 'discrepancy');
    // a discrepancy with no fix has no patch, whatever the state of the repository
    const git = hasFix(row) ? await site.catalogRepo() : undefined;
    const patch = git ? await fixPatchOf(git, db, row) : undefined;
    if (patch === undefined) throw new HttpError(404, 'errNoPatch');
    c.header('Content-Type', 'text/x-diff; charset=utf-8');
    c.header('Content-Disposition', query.get('download') === '1' ? `attachment; filename="${row.region}-${row.catalogCode}-fix.patch"` : 'inline');
    return c.body(patch);
  });

  app.get('/decide', async (c) => {
    const query = new URL(c.req.url).searchParams;
    const key = query.get('key') ?? '';
    if (key.length === 0 || key.length > 300) throw badRequest('差异键缺失或过长', 'the discrepancy key is missing or too long');
    const view = enumParam(query, 'view', ['queue', 'item'] as const) ?? 'queue';
    const close = enumParam(query, 'close', ['1'] as const) === '1';
    const row = await queueRow(db, key);
    if (!row) throw new HttpError(404, 'error404', 'discrepancy');
    const back = safeBack(query.get('back') ?? undefined, defaultBack(row, view));
    const history = (await reviewsFor(db, [key])).get(key) ?? [];
    const u = await site.ui(c);
    c.header('Vary', 'HX-Request');
    if (c.req.header('HX-Request') === 'true') {
      return site.fragment(c, <DiscRow ui={u} row={row} back={back} view={view} form={!close} {...(view === 'item' ? { history } : {})} />);
    }
    if (close) return c.redirect(`${back}#d-${domId(key)}`, 303);
    return site.page(c, <DecidePage ui={u} row={row} back={back} view={view} history={history} />);
  });

  app.post('/decide', async (c) => {
    const session = c.get('session')!;
    const body = await c.req.parseBody();
    const htmx = c.req.header('HX-Request') === 'true';
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const key = field('key');
    const view = field('view') === 'item' ? 'item' : 'queue';
    const back = safeBack(body.back, '/queue');
    const t = translator(c.get('lang'));
    const regions = await site.regionMap(c);

    // Answers a failure with the form again, the message in it and what was typed kept: htmx gets the row
    // (static/app.js swaps it in although it is a 4xx), a plain form the decide page.
    const fail = async (status: 400 | 403 | 404 | 409, messageKey: MsgKey): Promise<Response> => {
      const row = key ? await queueRow(db, key) : undefined;
      if (!row) throw new HttpError(status, messageKey);
      const u = await site.ui(c);
      const history = (await reviewsFor(db, [key])).get(key) ?? [];
      const reason = field('reason').slice(0, 2000);
      if (htmx) {
        return site.fragment(c, <DiscRow ui={u} row={row} back={back} view={view} error={t(messageKey)} reason={reason} form {...(view === 'item' ? { history } : {})} />, status);
      }
      return site.page(c, <DecidePage ui={u} row={row} back={back} view={view} history={history} error={t(messageKey)} reason={reason} />, status);
    };

    try {
      checkCsrf(c, body);
    } catch {
      return fail(403, 'error403Csrf');
    }
    if (key.length === 0 || key.length > 300) throw badRequest('差异键缺失或过长', 'the discrepancy key is missing or too long');
    const row = await queueRow(db, key);
    if (!row) throw new HttpError(404, 'error404', 'discrepancy');
    const lineage = regions.get(row.region)?.lineage;
    if (!mayDecide(session.user, lineage, regions)) return fail(403, 'error403Region');
    const decision = field('decision');
    if (decision === 'reopened' && row.verdict && !mayReopen(session.user, lineage, row.verdict.author, regions)) return fail(403, 'error403');
    const patch = decision === 'fix-requested' ? await patchToRecord(site, row) : undefined;
    const outcome = await decide(db, {
      key,
      fingerprint: field('fingerprint'),
      decision,
      reason: field('reason').slice(0, 2000),
      actor: session.user.name,
      ...(patch === undefined ? {} : { patch }),
    });
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404, 'error404', 'discrepancy');
      if (outcome.reason === 'changed') return fail(409, 'errChanged');
      if (outcome.reason === 'not-decided') return fail(409, 'errNotDecided');
      if (outcome.reason === 'reason-required') return fail(400, 'errReasonRequired');
      throw badRequest('处理结果应为 accepted、fix-requested、comment 或 reopened', 'decision must be accepted, fix-requested, comment or reopened');
    }
    if (decision !== 'comment' && lineage !== undefined) site.opts.onDecision?.(outcome.review, lineage);
    site.dataChanged(c);
    if (htmx) {
      const updated = (await queueRow(db, key))!;
      const history = (await reviewsFor(db, [key])).get(key) ?? [];
      const u = await site.ui(c);
      const answer = <DiscRow ui={u} row={updated} back={back} view={view} notice={t('saved')} history={history} />;
      if (view !== 'queue' || !back.startsWith('/queue')) return site.fragment(c, answer);
      // the queue's facet counts, recounted for the queue the row is on, replace the sidebar out of band
      const { state, filter } = await queueState(c, site, new URL(back, 'http://here.invalid').searchParams);
      const facets = await queueFacets(db, filter, site.memoOf(c));
      return site.fragment(c, <>{answer}<QueueFacets ui={u} state={state} facets={facets} oob /></>);
    }
    return c.redirect(savedHref(back, key), 303);
  });
}
