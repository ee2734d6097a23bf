// One sentence per discrepancy, in both UI languages, e.g.
// 「承诺办结时限 20 工作日 长于上级（420100）15 工作日」.
import type { Item, Message } from '../catalog/types.js';
import { asTimeLimit } from './duration.js';
import { pointerSegments } from '../catalog/locate.js';
import { describePath } from './labels.js';
import { isPlainObject } from './semantic-diff.js';
import { PLAIN_STYLE, renderWordDiff, segmentWords, wordDiff, type WordChange } from './word-diff.js';
import type { Discrepancy } from './types.js';

export interface MessageContext {
  /** our item, to name list entries by their identity */
  ours?: Item;
  /** the item compared with (parent or baseline) */
  theirs?: Item;
  /**
   * What the compared side is called: by default 省级 / the baseline for locked elements and
   * 上级 / the parent otherwise; `diff --against` and `--rev` name it differently.
   */
  otherName?: Message;
}

const MAX_SHOWN = 40;

/** A value as a short phrase: `20 工作日`, `「居民身份证」`, text cut at 40 characters. */
export function showValue(value: unknown): string {
  const limit = asTimeLimit(value);
  if (limit) return `${limit.days} ${limit.unit}`;
  if (typeof value === 'string') return value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('、');
  if (isPlainObject(value) && typeof value.name === 'string') return `「${value.name}」`;
  const json = JSON.stringify(value) ?? '';
  return json.length > MAX_SHOWN ? `${json.slice(0, MAX_SHOWN)}…` : json;
}

/** Unchanged text kept on each side of a change in an excerpt. */
const CONTEXT = 8;

/**
 * Where two long texts differ, as wdiff markers with a little context:
 * `…不属于职工基本养老保险[-参保-]{+覆盖+}范围的…`. Cutting both at 40 characters would
 * often show two identical beginnings and hide the change.
 */
export function changeExcerpt(before: string, after: string): string {
  const changes = wordDiff(before, after);
  const trimmed: WordChange[] = changes.map((c, i) => {
    const first = i === 0;
    const last = i === changes.length - 1;
    if (c.op !== 'equal' || c.text.length <= (first || last ? CONTEXT : 2 * CONTEXT)) return c;
    const words = segmentWords(c.text);
    const before = first ? '' : leadingWords(words, CONTEXT);
    const after = last ? '' : trailingWords(words, CONTEXT);
    return { op: 'equal', text: `${before}…${after}` };
  });
  return renderWordDiff(trimmed, PLAIN_STYLE);
}

/** Whole words from the start of `words`, at least `length` characters of them (or all). */
function leadingWords(words: readonly string[], length: number): string {
  let text = '';
  for (const word of words) {
    if (text.length >= length) break;
    text += word;
  }
  return text;
}

/** Whole words from the end of `words`, at least `length` characters of them (or all). */
function trailingWords(words: readonly string[], length: number): string {
  let text = '';
  for (let i = words.length - 1; i >= 0 && text.length < length; i--) text = words[i] + text;
  return text;
}

/** Which order the tighten verdict was about, by the element or member ranked: "longer", "more", "narrower", … */
function comparison(d: Discrepancy): { zh: string; en: string } | undefined {
  const looser = d.kind === 'looser';
  switch (pointerSegments(d.path).at(-1)) {
    case 'promisedLimit':
      return looser ? { zh: '长于', en: 'is longer than' } : { zh: '短于', en: 'is shorter than' };
    case 'visits':
    case 'originals':
    case 'copies':
      return looser ? { zh: '多于', en: 'is more than' } : { zh: '少于', en: 'is fewer than' };
    case 'handleArea':
      return looser ? { zh: '窄于', en: 'is narrower than' } : { zh: '宽于', en: 'is wider than' };
    default:
      return undefined;
  }
}

/** Sets of services (onlineDepth's stages, handlingForms) and service flags: what we lack or add. */
const OFFERED: ReadonlySet<string> = new Set(['onlineDepth', 'handlingForms']);
const FLAGS: ReadonlySet<string> = new Set(['express', 'payOnline', 'appointment', 'deferrable']);

/** Kinds compared with the baseline rather than the parent. */
const BASELINE_KINDS: ReadonlySet<Discrepancy['kind']> = new Set(['locked', 'cancelled', 'suspended']);

export function discrepancyMessage(d: Discrepancy, ctx: MessageContext = {}): Message {
  // An entry only they have is indexed in their list, so it is named from their item.
  const where = describePath(d.path, d.ours === undefined ? ctx.theirs : ctx.ours);
  const ours = showValue(d.ours);
  const theirs = showValue(d.theirs);
  const other = ctx.otherName ?? (BASELINE_KINDS.has(d.kind) ? { zh: '省级', en: 'the baseline' } : { zh: '上级', en: 'the parent' });
  const up = `${other.zh}（${d.against}）`;
  const parentEn = `${other.en} (${d.against})`;
  switch (d.kind) {
    case 'local':
      return {
        zh: `事项 ${d.catalogCode}「${ours}」为本地依法设立的事项（localItems），不在省级通用目录（${d.against}）中；其设定依据须填写`,
        en: `item ${d.catalogCode} “${ours}” is established locally (localItems), not in the baseline catalog (${d.against}); its basis must still be given`,
      };
    case 'cancelled':
      return { zh: `${up}已取消该事项，本级事项状态为 ${ours}`, en: `${parentEn} has cancelled this item; its status here is ${ours}` };
    case 'suspended':
      return { zh: `${up}已暂停该事项，本级仍为 ${ours}`, en: `${parentEn} has suspended this item; it is still ${ours} here` };
    case 'unknown':
      return ctx.otherName
        ? { zh: `事项 ${d.catalogCode}「${ours}」不在${up}中`, en: `item ${d.catalogCode} “${ours}” is not at ${parentEn}` }
        : {
            zh: `事项 ${d.catalogCode}「${ours}」不在省级通用目录（${d.against}）中`,
            en: `item ${d.catalogCode} “${ours}” is not in the baseline catalog (${d.against})`,
          };
    case 'missing':
      return ctx.otherName
        ? { zh: `${up}的事项 ${d.catalogCode}「${theirs}」本级没有`, en: `item ${d.catalogCode} “${theirs}” of ${parentEn} is not here` }
        : {
            zh: `通用目录事项 ${d.catalogCode}「${theirs}」适用于本级，尚未认领（可从 ${d.against} 认领）`,
            en: `baseline item ${d.catalogCode} “${theirs}” applies at this level and has not been claimed (claim it from ${d.against})`,
          };
    case 'locked':
      return {
        zh: `${where.zh}须与${up}一致：本级 ${ours}，${other.zh} ${theirs}`,
        en: `${where.en} must equal ${parentEn}: ours ${ours}, theirs ${theirs}`,
      };
    case 'looser':
    case 'tightened':
      return rankedMessage(d, where, ours, theirs, up, parentEn);
    case 'review':
      return reviewMessage(d, where, ours, theirs, up, parentEn, other.zh);
  }
}

function rankedMessage(d: Discrepancy, where: Message, ours: string, theirs: string, up: string, parentEn: string): Message {
  const cmp = comparison(d);
  if (cmp) return { zh: `${where.zh} ${ours} ${cmp.zh}${up}${theirs}`, en: `${where.en} ${ours} ${cmp.en} ${parentEn}'s ${theirs}` };
  const last = pointerSegments(d.path).at(-1) ?? '';
  if (OFFERED.has(last) && Array.isArray(d.ours) && Array.isArray(d.theirs)) {
    const lacking = d.theirs.filter((v) => !(d.ours as unknown[]).includes(v));
    const extra = d.ours.filter((v) => !(d.theirs as unknown[]).includes(v));
    return d.kind === 'looser'
      ? { zh: `${where.zh}缺少${up}提供的 ${showValue(lacking)}`, en: `${where.en} lacks ${showValue(lacking)} that ${parentEn} offers` }
      : { zh: `${where.zh}比${up}多 ${showValue(extra)}`, en: `${where.en} adds ${showValue(extra)} to what ${parentEn} offers` };
  }
  if (FLAGS.has(last)) {
    return d.kind === 'looser'
      ? { zh: `${where.zh}：本级否，${up}是`, en: `${where.en}: no here, yes at ${parentEn}` }
      : { zh: `${where.zh}：本级是，${up}否`, en: `${where.en}: yes here, no at ${parentEn}` };
  }
  if (d.path === '/fee/charged') {
    return d.kind === 'looser'
      ? { zh: `本级收费，${up}不收费`, en: `charges a fee where ${parentEn} does not` }
      : { zh: `本级不收费，${up}收费`, en: `charges no fee where ${parentEn} does` };
  }
  // materials and intermediaries: added, dropped, or necessity changed
  const necessityOf = (v: unknown) => (isPlainObject(v) && typeof v.necessity === 'string' ? v.necessity : undefined);
  if (d.theirs === undefined) {
    return d.path.includes('/intermediaries/')
      ? { zh: `${where.zh}：本级要求，${up}没有要求`, en: `${where.en} is required here and not by ${parentEn}` }
      : { zh: `${where.zh}为必要材料，${up}没有要求`, en: `${where.en} is required and ${parentEn} does not list it` };
  }
  if (d.ours === undefined) {
    return { zh: `${where.zh}：${up}要求，本级不再要求`, en: `${where.en}: required by ${parentEn}, not by us` };
  }
  return {
    zh: `${where.zh}本级为${necessityOf(d.ours)}，${up}为${necessityOf(d.theirs)}`,
    en: `${where.en} is ${necessityOf(d.ours)} here and ${necessityOf(d.theirs)} at ${parentEn}`,
  };
}

function reviewMessage(d: Discrepancy, where: Message, ours: string, theirs: string, up: string, parentEn: string, otherZh: string): Message {
  if (d.path === '') {
    // across revisions: an item added or removed
    return d.theirs === undefined
      ? { zh: `新增事项「${ours}」`, en: `item “${ours}” added` }
      : { zh: `删除事项「${theirs}」`, en: `item “${theirs}” removed` };
  }
  if (d.path === '/steps' && Array.isArray(d.ours)) {
    return { zh: `办理流程顺序与${up}不同：本级 ${ours}，${otherZh} ${theirs}`, en: `steps are in another order than at ${parentEn}: ${ours} vs ${theirs}` };
  }
  if (d.theirs === undefined) return { zh: `${where.zh}：本级有 ${ours}，${up}没有`, en: `${where.en}: ${ours} here, absent at ${parentEn}` };
  if (d.ours === undefined) return { zh: `${where.zh}：${up}有 ${theirs}，本级没有`, en: `${where.en}: ${theirs} at ${parentEn}, absent here` };
  if (typeof d.ours === 'string' && typeof d.theirs === 'string' && Math.max(d.ours.length, d.theirs.length) > MAX_SHOWN) {
    const excerpt = changeExcerpt(d.theirs, d.ours);
    return { zh: `${where.zh}与${up}不同：${excerpt}`, en: `${where.en} differs from ${parentEn}: ${excerpt}` };
  }
  return { zh: `${where.zh}与${up}不同：本级 ${ours}，${otherZh} ${theirs}`, en: `${where.en} differs from ${parentEn}: ours ${ours}, theirs ${theirs}` };
}
