import { describe, expect, it } from 'vitest';
import { charWidth, codeFrame, stringWidth } from '../../src/cli/code-frame.js';

/** Cells before the caret on the caret line, and the caret line's gutter, for alignment checks. */
function caretLine(frame: string): string {
  return frame.split('\n').find((l) => l.trimEnd().endsWith('^'))!;
}
function markedLine(frame: string): string {
  return frame.split('\n').find((l) => l.startsWith('>'))!;
}
/** An independent width count: CJK ideographs, CJK punctuation and fullwidth forms are 2, the rest 1. */
function cellsOf(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u3000-\u303e\u4e00-\u9fff\uff01-\uff60\u{20000}-\u{2fffd}]/u.test(ch) ? 2 : 1;
  return n;
}
/** The text of the marked line that sits above the caret: everything up to the caret's cell. */
function textAboveCaret(frame: string): string {
  const caretAt = caretLine(frame).indexOf('^'); // the caret line is ASCII: index = cell
  let cells = 0;
  let out = '';
  for (const ch of markedLine(frame)) {
    if (cells >= caretAt) break;
    out += ch;
    cells += cellsOf(ch);
  }
  expect(cells).toBe(caretAt); // the caret starts a cell, not the middle of a wide character
  return out;
}
/** The character above the caret. */
function charAtCaret(frame: string): string {
  const above = textAboveCaret(frame);
  return [...markedLine(frame).slice(above.length)][0]!;
}

const yaml = [
  'catalogCode: "002000101000"',
  'name: 城镇职工基本养老保险关系转移接续',
  'type: 公共服务',
  'promisedLimit:',
  '  days: 50',
  '  unit: 工作日',
  'conditions: 参保人员（跨统筹地区）就业',
  'visits: 1',
].join('\n');

describe('charWidth / stringWidth', () => {
  it('counts CJK, CJK punctuation and fullwidth forms as 2, ASCII as 1, combining marks and BOM as 0', () => {
    expect(charWidth('城'.codePointAt(0)!)).toBe(2);
    expect(charWidth('，'.codePointAt(0)!)).toBe(2);
    expect(charWidth('、'.codePointAt(0)!)).toBe(2);
    expect(charWidth('《'.codePointAt(0)!)).toBe(2);
    expect(charWidth('　'.codePointAt(0)!)).toBe(2); // ideographic space
    expect(charWidth('𠀀'.codePointAt(0)!)).toBe(2); // CJK Extension B, outside the BMP
    expect(charWidth('가'.codePointAt(0)!)).toBe(2);
    expect(charWidth('a'.codePointAt(0)!)).toBe(1);
    expect(charWidth('“'.codePointAt(0)!)).toBe(1); // ambiguous width
    expect(charWidth(0x0301)).toBe(0);
    expect(charWidth(0xfeff)).toBe(0);
    expect(stringWidth('工作日 45')).toBe(9);
    expect(stringWidth('e\u0301')).toBe(1);
  });
});

describe('codeFrame', () => {
  it('prints ±2 numbered lines, marks the line and puts a caret under the column', () => {
    expect(codeFrame(yaml, 5, 9)).toBe(
      [
        '  3 | type: 公共服务',
        '  4 | promisedLimit:',
        '> 5 |   days: 50',
        '    |         ^',
        '  6 |   unit: 工作日',
        '  7 | conditions: 参保人员（跨统筹地区）就业',
      ].join('\n'),
    );
  });

  it('lines the caret up under a character that follows wide CJK characters', () => {
    // 'conditions: 参保人员（跨统筹地区）就业': '就' is at UTF-16 index 23.
    const line = 'conditions: 参保人员（跨统筹地区）就业';
    const column = line.indexOf('就') + 1;
    const frame = codeFrame(yaml, 7, column);
    expect(charAtCaret(frame)).toBe('就');
    // 12 ASCII cells + 11 wide characters before it = 34 cells after the 6-cell gutter
    expect(caretLine(frame).indexOf('^')).toBe(6 + 12 + 11 * 2);
    expect(charAtCaret(codeFrame(yaml, 7, line.indexOf('（') + 1))).toBe('（');
    expect(charAtCaret(codeFrame(yaml, 2, 'name: 城镇职工基本'.length + 1))).toBe('养');
  });

  it('counts the column in UTF-16 code units, so a character outside the BMP takes two', () => {
    const text = 'name: 𠀀𠀁x';
    const frame = codeFrame(text, 1, text.indexOf('x') + 1);
    expect(charAtCaret(frame)).toBe('x');
    expect(caretLine(frame).indexOf('^')).toBe(6 + 6 + 4);
  });

  it('expands tabs to tab stops on both the line and the caret', () => {
    const text = '\tkey:\tvalue';
    const frame = codeFrame(text, 1, text.indexOf('v') + 1, { tabSize: 4 });
    expect(markedLine(frame)).toBe('> 1 |     key:    value');
    expect(caretLine(frame)).toBe('    |             ^');
    expect(charAtCaret(codeFrame(text, 1, text.indexOf('v') + 1, { tabSize: 8 }))).toBe('v');
  });

  it('points past the end of the line when the column is beyond it', () => {
    const frame = codeFrame('ab\n', 1, 10);
    expect(frame).toBe('> 1 | ab\n    |   ^');
  });

  it('shows control characters visibly instead of sending them to the terminal', () => {
    const text = 'name: \x1b[31mred\x1b[0m';
    const frame = codeFrame(text, 1, text.indexOf('red') + 1);
    expect(frame).not.toContain('\x1b');
    expect(markedLine(frame)).toBe('> 1 | name: \u241b[31mred\u241b[0m');
    expect(charAtCaret(frame)).toBe('r');
    expect(codeFrame('a\u202eb', 1, 1)).not.toContain('\u202e');
  });

  it('handles CRLF line ends, the first and last lines and a wider line number gutter', () => {
    const text = Array.from({ length: 12 }, (_, i) => `k${i + 1}: 值${i + 1}`).join('\r\n');
    expect(codeFrame(text, 1, 1, { context: 1 })).toBe('> 1 | k1: 值1\n    | ^\n  2 | k2: 值2');
    expect(codeFrame(text, 10, 5, { context: 2 }).split('\n')).toEqual([
      '   8 | k8: 值8',
      '   9 | k9: 值9',
      '> 10 | k10: 值10',
      '     |     ^',
      '  11 | k11: 值11',
      '  12 | k12: 值12',
    ]);
  });

  it('shows the empty line after a final newline only when it is the one located', () => {
    expect(codeFrame('a: 1\nb: 2\n', 2, 4)).toBe('  1 | a: 1\n> 2 | b: 2\n    |    ^');
    expect(codeFrame('a: 1\nb: 2\n', 3, 1)).toBe('  1 | a: 1\n  2 | b: 2\n> 3 |\n    | ^');
  });

  it('returns an empty string for a line outside the text', () => {
    expect(codeFrame('a: 1\n', 3, 1)).toBe('');
    expect(codeFrame('a: 1', 0, 1)).toBe('');
  });

  it('cuts long lines to a window around the caret, keeping it aligned', () => {
    const long = `conditions: ${'参保人员'.repeat(40)}X${'就业'.repeat(40)}`;
    const text = `a: 1\n${long}\nb: 2`;
    const frame = codeFrame(text, 2, long.indexOf('X') + 1, { width: 60 });
    for (const l of frame.split('\n')) expect(stringWidth(l)).toBeLessThanOrEqual(60);
    expect(markedLine(frame)).toContain('...');
    expect(charAtCaret(frame)).toBe('X');
    // near the start no cut is needed on the left
    const start = codeFrame(text, 2, 1, { width: 60 });
    expect(markedLine(start).startsWith('> 2 | conditions: 参保')).toBe(true);
    expect(markedLine(start).endsWith('...')).toBe(true);
    expect(charAtCaret(start)).toBe('c');
  });

  it('colours the marker, gutter and caret when asked', () => {
    const frame = codeFrame(yaml, 5, 9, { color: true });
    expect(frame).toContain('\x1b[31m^\x1b[39m');
    expect(frame).toContain('\x1b[1m\x1b[31m>\x1b[39m\x1b[22m \x1b[2m5 |\x1b[22m');
    expect(frame).toContain('  \x1b[2m4 |\x1b[22m');
    expect(codeFrame(yaml, 5, 9)).not.toContain('\x1b');
  });
});
