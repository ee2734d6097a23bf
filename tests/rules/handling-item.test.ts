import { describe, expect, it } from 'vitest';
import { handlingItem } from '../../src/rules/handling-item.js';
import { check, validItem, withItem } from '../helpers/item.js';

const items = (...seqs: unknown[]) => withItem({ handlingItems: seqs.map((seq, i) => ({ seq, name: `情形${i}` })) });

describe('handling-item', () => {
  it('is silent when every seq is two digits, or there are no handling items', () => {
    expect(check(handlingItem, validItem())).toEqual([]);
    expect(check(handlingItem, withItem({ handlingItems: undefined }))).toEqual([]);
    expect(check(handlingItem, items('00', '99'))).toEqual([]);
  });

  it('fires on each seq that is not two digits', () => {
    const problems = check(handlingItem, items('01', '1', '001', 'A1', '０1', ' 02'));
    expect(problems.map((p) => p.path)).toEqual(['/handlingItems/1/seq', '/handlingItems/2/seq', '/handlingItems/3/seq', '/handlingItems/4/seq', '/handlingItems/5/seq']);
    expect(problems[0]!.message.zh).toContain('33 位');
  });

  it('leaves an unquoted (numeric) seq to the schema, which says to quote it, and TODO to todo', () => {
    expect(check(handlingItem, items(1, null, 'TODO'))).toEqual([]);
    expect(check(handlingItem, withItem({ handlingItems: [null, '01', { name: 'x' }] }))).toEqual([]);
  });
});
