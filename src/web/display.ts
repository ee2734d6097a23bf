// Item values as short readable text, the same wherever they appear (item page, queue, CSV), so that a
// word diff of two values reads like a diff of what a person sees. Shapes follow the element schema.
import { wordDiff, type WordChange } from '../levels/word-diff.js';
import { MATERIAL_FILE_REFS } from '../rules/file-ref.js';
import { fieldLabel, memberLabel, translator, type Lang, type Translate } from './i18n.js';

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (o: Plain, ...keys: string[]) => keys.every((k) => Object.hasOwn(o, k));

const translators: Record<Lang, Translate> = { zh: translator('zh'), en: translator('en') };

/** The members of a list entry read as "name (time, note)": steps, special procedures, intermediaries. */
const NAMED_ENTRY_MEMBERS: ReadonlySet<string> = new Set(['name', 'days', 'unit', 'note', 'description', 'basis']);

function scalar(value: unknown, lang: Lang): string {
  if (typeof value === 'boolean') return translators[lang](value ? 'valYes' : 'valNo');
  if (value === null) return 'null';
  return String(value);
}

function entry(o: Plain, lang: Lang): string {
  const t = translators[lang];
  const sep = lang === 'zh' ? '，' : ', ';
  const paren = (text: string) => (text ? (lang === 'zh' ? `（${text}）` : ` (${text})`) : '');
  const days = (n: unknown, unit: unknown) => (unit === undefined ? t('valDays', { n: scalar(n, lang) }) : `${scalar(n, lang)} ${scalar(unit, lang)}`);
  if (has(o, 'days', 'unit') && Object.keys(o).length === 2) return days(o.days, o.unit);
  if (has(o, 'law')) return `${scalar(o.law, lang)}${o.article === undefined ? '' : scalar(o.article, lang)}`;
  if (has(o, 'name', 'necessity')) {
    // a material (v2: type 材料类型 and format 材料形式; versions synced from v1 files have form and medium)
    const parts = [o.necessity, o.deferrable === true ? t('valDeferrable') : undefined, o.type ?? o.form, o.format ?? o.medium]
      .filter((v) => v !== undefined)
      .map((v) => scalar(v, lang));
    if (o.originals !== undefined) parts.push(t('valOriginals', { n: scalar(o.originals, lang) }));
    if (o.copies !== undefined) parts.push(t('valCopies', { n: scalar(o.copies, lang) }));
    if (o.source !== undefined) parts.push(scalar(o.source, lang));
    const lines = [`${scalar(o.name, lang)}${paren(parts.join(sep))}`];
    for (const member of MATERIAL_FILE_REFS) if (o[member] !== undefined) lines.push(`${memberLabel(lang, 'materials', member)}: ${scalar(o[member], lang)}`);
    return lines.join('\n');
  }
  if (has(o, 'name') && Object.keys(o).every((k) => NAMED_ENTRY_MEMBERS.has(k))) {
    // steps, special procedures, intermediaries: the name, then its time and note
    const parts: string[] = [];
    if (o.days !== undefined) parts.push(days(o.days, o.unit));
    for (const k of ['note', 'description', 'basis'] as const) if (o[k] !== undefined) parts.push(scalar(o[k], lang));
    return `${scalar(o.name, lang)}${paren(parts.join(sep))}`;
  }
  if (has(o, 'address')) return `${scalar(o.address, lang)}${o.hours === undefined ? '' : paren(scalar(o.hours, lang))}`;
  if (has(o, 'charged')) {
    if (o.charged !== true) return t('valFree');
    const lines = [t('valCharged')];
    if (o.basis !== undefined) lines.push(`${t('valBasis')}: ${displayValue(o.basis, lang)}`);
    if (Array.isArray(o.items)) for (const item of o.items) lines.push(isPlain(item) ? `${scalar(item.name, lang)}: ${scalar(item.standard, lang)}` : scalar(item, lang));
    return lines.join('\n');
  }
  if (has(o, 'name', 'creditCode')) {
    const parts = [o.creditCode, o.nature].filter((v) => v !== undefined).map((v) => scalar(v, lang));
    const main = `${scalar(o.name, lang)}${paren(parts.join(sep))}`;
    return o.entrustedBy === undefined ? main : `${main}\n← ${scalar(o.entrustedBy, lang)}`;
  }
  if (has(o, 'type', 'name') && Object.keys(o).length === 2) return `${scalar(o.type, lang)}: ${scalar(o.name, lang)}`;
  if (has(o, 'type') && Object.keys(o).length === 1) return scalar(o.type, lang);
  if (has(o, 'seq', 'name')) {
    // a handling item: its code tail and name; what it gives itself is listed by the page, element by element
    const given = Object.keys(o).filter((k) => k !== 'seq' && k !== 'name').map((k) => fieldLabel(lang, k));
    return `${scalar(o.seq, lang)} ${scalar(o.name, lang)}${paren(given.join(sep))}`;
  }
  return Object.entries(o)
    .map(([k, v]) => `${k}: ${isPlain(v) || Array.isArray(v) ? JSON.stringify(v) : scalar(v, lang)}`)
    .join('\n');
}

/** A value as text: scalars as they are, code-set lists joined with 、, lists of entries one per line. */
export function displayValue(value: unknown, lang: Lang): string {
  if (value === undefined) return '';
  if (value === '无') return translators[lang]('valNoLimit');
  if (Array.isArray(value)) {
    if (value.every((v) => !isPlain(v) && !Array.isArray(v))) return value.map((v) => scalar(v, lang)).join('、');
    return value.map((v) => (isPlain(v) ? entry(v, lang) : displayValue(v, lang))).join('\n');
  }
  if (isPlain(value)) return entry(value, lang);
  return scalar(value, lang);
}

/** Shortened for table cells; the full text stays in the title attribute. */
export function truncate(text: string, max = 80): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

// Word diffs of the same two values recur on every view of a queue page; segmenting Chinese text is the
// costliest part of rendering a row, so recent results are kept (a bounded map, oldest dropped first).
const diffCache = new Map<string, WordChange[]>();
const DIFF_CACHE_SIZE = 20_000;

/** wordDiff(before, after), remembered. */
export function cachedWordDiff(before: string, after: string): WordChange[] {
  const key = before + '\u0000' + after;
  const hit = diffCache.get(key);
  if (hit) return hit;
  const changes = wordDiff(before, after);
  if (diffCache.size >= DIFF_CACHE_SIZE) diffCache.delete(diffCache.keys().next().value!);
  diffCache.set(key, changes);
  return changes;
}

/** A piece of a text that a search found terms in: `hit` pieces are the terms (highlighted by the page). */
export interface Piece {
  text: string;
  hit: boolean;
}

/**
 * `text` cut into pieces at every occurrence of any of `terms` (ASCII letters in any case). With `around`, only
 * that many characters either side of the first occurrence are kept (… marks a cut): where a long text matched.
 */
export function highlight(text: string, terms: readonly string[], around?: number): Piece[] {
  const folded = text.toLowerCase();
  const haystack = folded.length === text.length ? folded : text;
  const hits: [number, number][] = [];
  for (const term of terms) {
    const needle = haystack === folded ? term.toLowerCase() : term;
    if (needle === '') continue;
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) hits.push([at, at + needle.length]);
  }
  hits.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let start = 0;
  let end = text.length;
  if (around !== undefined && hits.length > 0) {
    start = Math.max(0, hits[0]![0] - around);
    end = Math.min(text.length, hits[0]![1] + around);
  } else if (around !== undefined) {
    end = Math.min(text.length, 2 * around);
  }
  const pieces: Piece[] = [];
  const push = (piece: string, hit: boolean) => piece && pieces.push({ text: piece, hit });
  if (start > 0) push('…', false);
  let at = start;
  for (const [from, to] of hits) {
    if (to <= at || from >= end) continue;
    push(text.slice(at, Math.max(at, from)), false);
    push(text.slice(Math.max(at, from), Math.min(to, end)), true);
    at = Math.min(to, end);
  }
  push(text.slice(at, end), false);
  if (end < text.length) push('…', false);
  return pieces;
}
