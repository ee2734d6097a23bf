// `tongbiao diff` output: JSON exactly per spec §4, and text for a person — grouped by item,
// path, the two values side by side, long text diffed word by word. Pure: terminal concerns
// (colour, escaping control characters) come in through `DiffStyle`.
import { stringify } from 'yaml';
import type { Lang } from '../catalog/types.js';
import { asTimeLimit } from './duration.js';
import { describePath } from './labels.js';
import { discrepancyMessage, type MessageContext } from './messages.js';
import { ruleInfo } from '../rules/registry.js';
import { ruleOfKind, type Discrepancy, type DiscrepancyKind } from './types.js';
import { renderWordDiff, wordDiff, type WordDiffStyle } from './word-diff.js';

export function renderDiffJson(ds: readonly Discrepancy[]): string {
  const discrepancies = ds.map((d) => ({
    region: d.region,
    catalogCode: d.catalogCode,
    against: d.against,
    path: d.path,
    kind: d.kind,
    rule: d.rule,
    ...(d.ours === undefined ? {} : { ours: d.ours }),
    ...(d.theirs === undefined ? {} : { theirs: d.theirs }),
    key: d.key,
    fingerprint: d.fingerprint,
    ...(d.decision === undefined ? {} : { decision: d.decision }),
  }));
  return JSON.stringify({ discrepancies }, null, 2) + '\n';
}

type Paint = (text: string) => string;

export interface DiffStyle {
  /** error kinds (locked, looser, unknown) */
  error: Paint;
  /** review */
  warning: Paint;
  /** tightened, missing */
  info: Paint;
  dim: Paint;
  bold: Paint;
  /** words only theirs have / only ours have, in a word diff */
  removed: Paint;
  added: Paint;
  /** makes text safe for one terminal line (control characters, line breaks) */
  oneLine: (text: string) => string;
}

export interface DiffReportContext {
  lang: Lang;
  style: DiffStyle;
  /** the two items a discrepancy compares, to name list entries and items */
  itemsOf(d: Discrepancy): MessageContext;
  regionName(region: string): string | undefined;
  /** what to call the two sides in the text report (default 本级 / ours and the compared region) */
  sideLabels?: { ours: string; theirs: string };
}

/** A kind is painted as its rule's default severity (the registry decides it). */
function paintOf(kind: DiscrepancyKind): keyof Pick<DiffStyle, 'error' | 'warning' | 'info'> {
  return ruleInfo(ruleOfKind(kind)).severity;
}

/** A string longer than this (on either side) is shown as a word diff rather than side by side. */
const LONG_TEXT = 24;

/** `--brief`: one line per discrepancy: `420102 000100101000 /promisedLimit looser: message`. */
export function renderDiffBrief(ds: readonly Discrepancy[], ctx: DiffReportContext): string {
  const { style: s } = ctx;
  return ds
    .map((d) => `${d.region} ${d.catalogCode} ${d.path || '""'} ${s[paintOf(d.kind)](d.kind)}: ${s.oneLine(message(d, ctx))}\n`)
    .join('');
}

function message(d: Discrepancy, ctx: DiffReportContext): string {
  return discrepancyMessage(d, ctx.itemsOf(d))[ctx.lang];
}

/** The full text report: a heading, then each item's discrepancies with both values. */
export function renderDiffText(ds: readonly Discrepancy[], ctx: DiffReportContext, heading: string): string {
  const { style: s, lang } = ctx;
  const items = new Map<string, Discrepancy[]>();
  for (const d of ds) {
    const list = items.get(d.catalogCode);
    if (list) list.push(d);
    else items.set(d.catalogCode, [d]);
  }
  let out = `${s.bold(s.oneLine(heading))}\n`;
  if (ds.length === 0) return out + (lang === 'zh' ? '没有差异。\n' : 'No discrepancies.\n');
  out += lang === 'zh' ? `${ds.length} 处差异，涉及 ${items.size} 个事项。\n` : `${ds.length} discrepancies in ${items.size} items.\n`;
  for (const [catalogCode, list] of items) {
    const first = list[0]!;
    const name = itemName(ctx, first);
    out += `\n${s.bold(catalogCode)}${name === undefined ? '' : ` ${s.oneLine(name)}`}\n`;
    for (const d of list) out += entry(d, ctx);
  }
  return out;
}

function itemName(ctx: DiffReportContext, d: Discrepancy): string | undefined {
  const { ours, theirs } = ctx.itemsOf(d);
  const named = ours?.name ?? theirs?.name ?? (d.path === '' ? (d.ours ?? d.theirs) : undefined);
  return typeof named === 'string' ? named : undefined;
}

const INDENT = '    ';

function entry(d: Discrepancy, ctx: DiffReportContext): string {
  const { style: s, lang } = ctx;
  const kind = s[paintOf(d.kind)](d.kind.padEnd(9));
  if (d.path === '') return `  ${kind} ${s.oneLine(message(d, ctx))}\n`;
  const items = ctx.itemsOf(d);
  const where = describePath(d.path, d.ours === undefined ? items.theirs : items.ours);
  let out = `  ${kind} ${d.path}  ${s.dim(s.oneLine(where[lang]))}\n`;
  const oursLabel = ctx.sideLabels?.ours ?? (lang === 'zh' ? '本级' : 'ours');
  const theirsLabel = ctx.sideLabels?.theirs ?? `${d.against}${ctx.regionName(d.against) ? ` ${ctx.regionName(d.against)}` : ''}`;
  if (typeof d.ours === 'string' && typeof d.theirs === 'string' && Math.max(d.ours.length, d.theirs.length) > LONG_TEXT) {
    // theirs → ours: what the parent says that we dropped, and what we wrote instead
    const words: WordDiffStyle = { equal: s.oneLine, delete: (t) => s.removed(s.oneLine(t)), insert: (t) => s.added(s.oneLine(t)) };
    out += `${INDENT}${s.dim(`${theirsLabel} → ${oursLabel}:`)} ${renderWordDiff(wordDiff(d.theirs, d.ours), words)}\n`;
    return out;
  }
  const ours = s.oneLine(showFull(d.ours, lang));
  const theirs = s.oneLine(showFull(d.theirs, lang));
  if (ours.length + theirs.length <= 60) {
    out += `${INDENT}${s.dim(oursLabel)} ${ours}  ${s.dim('│')}  ${s.dim(theirsLabel)} ${theirs}\n`;
  } else {
    out += `${INDENT}${s.dim(`${oursLabel}:`)} ${ours}\n${INDENT}${s.dim(`${theirsLabel}:`)} ${theirs}\n`;
  }
  return out;
}

/** A value in full, on one line: `20 工作日`, text as is, 是/否, structures as YAML flow. */
function showFull(value: unknown, lang: Lang): string {
  if (value === undefined) return lang === 'zh' ? '（无）' : '(none)';
  const limit = asTimeLimit(value);
  if (limit) return `${limit.days} ${limit.unit}`;
  if (typeof value === 'string') return value;
  // A service flag or `deferrable` as a reader says it, not as YAML writes it.
  if (typeof value === 'boolean') return lang === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  return stringify(value, { collectionStyle: 'flow', lineWidth: 0, flowCollectionPadding: true }).trimEnd();
}
