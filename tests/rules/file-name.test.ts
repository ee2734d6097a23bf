import { describe, expect, it } from 'vitest';
import { fileName } from '../../src/rules/file-name.js';
import { check, validItem, withItem } from '../helpers/item.js';

describe('file-name', () => {
  it('is silent when the file is <catalogCode>.yaml', () => {
    expect(check(fileName, validItem(), { fileName: '002000101000.yaml' })).toEqual([]);
  });

  it('fires on another name and says what it should be', () => {
    const problems = check(fileName, validItem(), { fileName: '002000102000.yaml' });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('');
    expect(problems[0]!.message.zh).toContain('应为 002000101000.yaml');
    expect(problems[0]!.message.en).toContain('002000101000.yaml');
  });

  it('fires on a .yml extension', () => {
    expect(check(fileName, validItem(), { fileName: '002000101000.yml' })).toHaveLength(1);
  });

  it('compares exactly (no trimming, no case folding)', () => {
    expect(check(fileName, withItem({ catalogCode: '00200010100a' }), { fileName: '00200010100A.yaml' })).toHaveLength(1);
  });

  it('is silent when catalogCode is not a string, empty or TODO', () => {
    for (const catalogCode of [2000101000, undefined, null, '', 'TODO', ['002000101000']]) {
      expect(check(fileName, withItem({ catalogCode }), { fileName: 'x.yaml' })).toEqual([]);
    }
  });
});
