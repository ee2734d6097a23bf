// Word-level diff of long Chinese text (受理条件, 结果名称 …) for people: by word, not by
// character (noise: 参 保 split apart) nor by line (a paragraph is one line). Pure, so
// the terminal output and the web UI render the same changes.
import { diffArrays } from 'diff';

export type WordOp = 'equal' | 'insert' | 'delete';

export interface WordChange {
  op: WordOp;
  text: string;
}

// Constructing a Segmenter loads ICU data: do it once.
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** The text cut into words (and the punctuation and spaces between them), which join back to the text. */
export function segmentWords(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/**
 * How to turn `before` into `after`, word by word; runs of the same op are merged, and
 * within a changed stretch deletions come before insertions.
 */
export function wordDiff(before: string, after: string): WordChange[] {
  const out: WordChange[] = [];
  for (const part of diffArrays(segmentWords(before), segmentWords(after))) {
    const op: WordOp = part.added ? 'insert' : part.removed ? 'delete' : 'equal';
    const text = part.value.join('');
    const last = out[out.length - 1];
    if (last?.op === op) last.text += text;
    else out.push({ op, text });
  }
  return out;
}

export interface WordDiffStyle {
  equal(text: string): string;
  insert(text: string): string;
  delete(text: string): string;
}

export function renderWordDiff(changes: readonly WordChange[], style: WordDiffStyle): string {
  return changes.map((c) => style[c.op](c.text)).join('');
}

/** wdiff's markers, for plain terminals and logs: `[-删去的-]{+新增的+}`. */
export const PLAIN_STYLE: WordDiffStyle = {
  equal: (t) => t,
  insert: (t) => `{+${t}+}`,
  delete: (t) => `[-${t}-]`,
};
