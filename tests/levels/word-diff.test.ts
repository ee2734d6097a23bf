import { describe, expect, it } from 'vitest';
import { PLAIN_STYLE, renderWordDiff, segmentWords, wordDiff } from '../../src/levels/word-diff.js';

describe('word diff', () => {
  it('cuts Chinese text into words that join back to the text', () => {
    const text = '参保人员跨统筹地区就业并在新就业地参保缴费的，可申请转移。';
    const words = segmentWords(text);
    expect(words.join('')).toBe(text);
    expect(words).toContain('统筹');
    expect(words).toContain('申请');
  });

  it('diffs by word, not by character', () => {
    const changes = wordDiff('申请人提交居民身份证。', '申请人提交户口簿。');
    expect(renderWordDiff(changes, PLAIN_STYLE)).toMatch(/^申请人提交\[-.*-\]\{\+.*\+\}。$/);
    // the changed stretch is whole words: no character of 居民身份证 is kept as "equal" inside it
    const deleted = changes.filter((c) => c.op === 'delete').map((c) => c.text).join('');
    const inserted = changes.filter((c) => c.op === 'insert').map((c) => c.text).join('');
    expect(deleted).toContain('身份证');
    expect(inserted).toContain('户口');
  });

  it('equal texts are one equal run; merged runs rebuild both sides', () => {
    expect(wordDiff('相同的文字', '相同的文字')).toEqual([{ op: 'equal', text: '相同的文字' }]);
    const before = '参保人员跨统筹地区就业的，可申请转移。';
    const after = '参保人员跨省跨统筹地区就业并已参保的，可以申请转移接续。';
    const changes = wordDiff(before, after);
    expect(changes.filter((c) => c.op !== 'insert').map((c) => c.text).join('')).toBe(before);
    expect(changes.filter((c) => c.op !== 'delete').map((c) => c.text).join('')).toBe(after);
    for (let k = 1; k < changes.length; k++) expect(changes[k]!.op).not.toBe(changes[k - 1]!.op);
  });
});
