// A few lines of source around a location, with a caret under the column, for a terminal.
// Chinese text is the norm in a catalog, so positions are counted in terminal cells, not characters:
// CJK and fullwidth characters take two cells, tabs run to the next tab stop.

import { style } from '../report/style.js';

export interface CodeFrameOptions {
  /** ANSI colour for the gutter, the marker and the caret (default false) */
  color?: boolean;
  /** lines shown above and below the located one (default 2) */
  context?: number;
  /** tab stops every `tabSize` cells (default 4) */
  tabSize?: number;
  /** terminal width in cells (default 80); longer lines are cut to a window around the caret, marked `...` */
  width?: number;
}

// East Asian Wide (W) and Fullwidth (F) ranges (Unicode UAX #11) that matter for a catalog:
// Hangul, CJK punctuation and ideographs, kana, fullwidth forms, and the common emoji blocks.
// Ambiguous-width characters (“ ” · × …) count as one cell, as on terminals outside CJK legacy locales.
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f5],
  [0x26fa, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e], // CJK radicals, Kangxi radicals, ideographic description, CJK symbols and punctuation (、。《》「」)
  [0x3041, 0x33ff], // kana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK strokes, enclosed CJK, CJK compatibility
  [0x3400, 0x4dbf], // CJK Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo Extended-A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff01, 0xff60], // fullwidth ASCII variants (，：；（）！？)
  [0xffe0, 0xffe6], // fullwidth signs (￥)
  [0x16fe0, 0x18cff], // Tangut, Khitan and friends
  [0x1b000, 0x1b2ff], // kana supplement and extensions, Nushu
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f2ff], // enclosed ideographic supplement
  [0x1f300, 0x1f64f], // emoji: pictographs, emoticons
  [0x1f680, 0x1f6ff], // transport and map symbols
  [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff], // supplemental symbols and pictographs
  [0x1fa70, 0x1faff],
  [0x20000, 0x2fffd], // CJK Extensions B–F, compatibility supplement
  [0x30000, 0x3fffd], // CJK Extensions G–H
];

// Characters that take no cell: combining marks, zero-width spaces and joiners, variation selectors, BOM.
const ZERO: ReadonlyArray<readonly [number, number]> = [
  [0x0300, 0x036f],
  [0x0483, 0x0489],
  [0x0591, 0x05bd],
  [0x0610, 0x061a],
  [0x064b, 0x065f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x200b, 0x200f],
  [0x2060, 0x2064],
  [0x20d0, 0x20ff],
  [0x302a, 0x302d], // ideographic tone marks
  [0x3099, 0x309a], // combining kana voiced sound marks
  [0xfe00, 0xfe0f],
  [0xfe20, 0xfe2f],
  [0xfeff, 0xfeff],
  [0xe0100, 0xe01ef],
];

function inRanges(cp: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = ranges[mid]!;
    if (cp < from) hi = mid - 1;
    else if (cp > to) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Terminal cells a printable code point occupies: 0 (combining, zero-width), 2 (East Asian wide / fullwidth) or 1. */
export function charWidth(codePoint: number): 0 | 1 | 2 {
  if (codePoint < 0x300) return 1; // fast path: ASCII and Latin-1 (control characters are the caller's business)
  if (inRanges(codePoint, ZERO)) return 0;
  return inRanges(codePoint, WIDE) ? 2 : 1;
}

/** Terminal cells a string occupies, by `charWidth` (no tabs or control characters expected). */
export function stringWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0)!);
  return width;
}

/** One code point of a line as shown: `text` takes `width` cells and stands for UTF-16 indices [start, end). */
interface Cell {
  text: string;
  width: number;
  start: number;
  end: number;
}

// Shown visibly instead of being sent to the terminal, where they would move the cursor, change colours or
// reorder the line: C0 controls and DEL as Control Pictures (␛ ␀ ␍), C1 controls, bidirectional
// overrides and isolates and line/paragraph separators as U+FFFD.
function visible(cp: number): string | undefined {
  if (cp < 0x20) return String.fromCodePoint(0x2400 + cp);
  if (cp === 0x7f) return '\u2421';
  if ((cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x2028 || cp === 0x2029) {
    return '\ufffd';
  }
  return undefined;
}

function cells(line: string, tabSize: number): Cell[] {
  const out: Cell[] = [];
  let column = 0;
  let index = 0;
  for (const ch of line) {
    const cp = ch.codePointAt(0)!;
    const end = index + ch.length;
    let cell: Cell;
    if (cp === 0x09) {
      const width = tabSize - (column % tabSize);
      cell = { text: ' '.repeat(width), width, start: index, end };
    } else {
      const shown = visible(cp);
      cell = shown === undefined
        ? { text: ch, width: charWidth(cp), start: index, end }
        : { text: shown, width: 1, start: index, end };
    }
    out.push(cell);
    column += cell.width;
    index = end;
  }
  return out;
}

/** The cell offset at which the 1-based UTF-16 `column` starts; past the end of the line, just after it. */
function caretOffset(line: Cell[], column: number): number {
  const index = Math.max(column, 1) - 1;
  let offset = 0;
  for (const cell of line) {
    if (cell.end > index) return offset;
    offset += cell.width;
  }
  return offset;
}

/** The part of a line that falls in cells [from, to), a wide character cut by an edge replaced by spaces. */
function slice(line: Cell[], from: number, to: number): string {
  let out = '';
  let offset = 0;
  for (const cell of line) {
    const start = offset;
    const end = offset + cell.width;
    offset = end;
    if (cell.width === 0) {
      if (start >= from && start < to) out += cell.text;
      continue;
    }
    if (end <= from) continue;
    if (start >= to) break;
    if (start < from || end > to) out += ' '.repeat(Math.min(end, to) - Math.max(start, from));
    else out += cell.text;
  }
  return out;
}

const ELLIPSIS = '...'; // ASCII: '…' is ambiguous-width and takes two cells on some CJK terminals

/**
 * A frame of `text` around `line`:`column` (both 1-based; the column in UTF-16 code units, as the `yaml`
 * package counts it): `context` lines either side, numbered, the located line marked `>`, and a caret under
 * the column. Lines are split at `\n` and `\r\n`, as the `yaml` package counts them. Returns '' when the line
 * is not in the text.
 *
 * ```
 *   15 |   days: 45
 *   16 | promisedLimit:
 * > 17 |   days: 50
 *      |         ^
 *   18 |   unit: 工作日
 * ```
 */
export function codeFrame(text: string, line: number, column: number, opts: CodeFrameOptions = {}): string {
  const context = Math.max(0, Math.floor(opts.context ?? 2));
  const tabSize = Math.max(1, Math.floor(opts.tabSize ?? 4));
  const paint = style(opts.color ?? false);

  const lines = text.split(/\r?\n/);
  // The final newline opens no line worth showing, unless it is the one located (an error at the end of the file).
  if (lines.length > 1 && lines[lines.length - 1] === '' && line < lines.length) lines.pop();
  if (!Number.isInteger(line) || line < 1 || line > lines.length) return '';

  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const shown = lines.slice(first - 1, last).map((source) => cells(source, tabSize));
  const target = shown[line - first]!;
  const caret = caretOffset(target, column);

  const numberWidth = String(last).length;
  const gutterWidth = numberWidth + 5; // '> ' + number + ' | '
  const room = Math.max(20, Math.floor(opts.width ?? 80) - gutterWidth);
  const lineWidth = (cs: Cell[]) => cs.reduce((sum, cell) => sum + cell.width, 0);
  const widest = Math.max(caret + 1, ...shown.map(lineWidth));

  // Window [from, from + room) of cells shown on every line, the same for all so columns stay aligned.
  let from = 0;
  if (widest > room && caret >= room - ELLIPSIS.length - 1) {
    from = Math.min(caret - Math.floor(room / 2), widest - room);
  }
  const to = from + room;

  const render = (cs: Cell[]): string => {
    const total = lineWidth(cs);
    const head = from > 0 && total > 0 ? ELLIPSIS : '';
    const tail = total > to ? ELLIPSIS : '';
    return head + slice(cs, from + head.length, to - tail.length) + tail;
  };

  const out: string[] = [];
  shown.forEach((cs, i) => {
    const number = first + i;
    const label = String(number).padStart(numberWidth);
    const body = render(cs).trimEnd();
    if (number === line) {
      out.push(`${paint.bold(paint.red('>'))} ${paint.dim(`${label} |`)}${body ? ` ${body}` : ''}`);
      out.push(`  ${paint.dim(`${' '.repeat(numberWidth)} |`)} ${' '.repeat(caret - from)}${paint.bold(paint.red('^'))}`);
    } else {
      out.push(`  ${paint.dim(`${label} |`)}${body ? ` ${body}` : ''}`);
    }
  });
  return out.join('\n');
}
