import { describe, expect, it } from 'vitest';
import { codeType } from '../../src/rules/code-type.js';
import { check, withItem } from '../helpers/item.js';

describe('code-type', () => {
  it('is silent when the type digits match the type', () => {
    expect(check(codeType, withItem({}))).toEqual([]);
  });

  it('fires when the type digits do not match', () => {
    const problems = check(codeType, withItem({ type: '行政许可' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('/catalogCode');
    expect(problems[0]!.message.zh).toContain('01');
  });

  it('leaves an unknown type to the schema rule', () => {
    expect(check(codeType, withItem({ type: '行政服务' }))).toEqual([]);
  });
});
