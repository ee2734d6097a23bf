import { describe, expect, it } from 'vitest';
import { powerSource } from '../../src/rules/power-source.js';
import { check, validItem, withItem } from '../helpers/item.js';

describe('power-source', () => {
  it('is silent when given, and for a public service without one', () => {
    expect(check(powerSource, withItem({ type: '行政许可' }))).toEqual([]);
    expect(check(powerSource, withItem({ powerSource: undefined }))).toEqual([]);
  });

  it('fires when an administrative power has none (missing, null or blank)', () => {
    for (const value of [undefined, null, '', ' ']) {
      const problems = check(powerSource, withItem({ type: '行政许可', powerSource: value }));
      expect(problems.map((p) => p.path)).toEqual(['/powerSource']);
      expect(problems[0]!.message.zh).toContain('行政许可');
    }
  });

  it('applies only from formatVersion 2', () => {
    expect(check(powerSource, withItem({ type: '行政许可', powerSource: undefined }), { settings: { formatVersion: 1 } })).toEqual([]);
  });

  it('leaves a missing or malformed type to the schema and todo rules', () => {
    for (const type of [undefined, 1, 'TODO', ['行政许可']]) expect(check(powerSource, withItem({ type, powerSource: undefined }))).toEqual([]);
    expect(check(powerSource, validItem())).toEqual([]);
  });
});
