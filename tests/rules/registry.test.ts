import { describe, expect, it } from 'vitest';
import { LEVEL_DIGIT, LEVELS } from '../../src/catalog/types.js';
import { ITEM_RULES, RULE_IDS, RULES } from '../../src/rules/registry.js';
import { itemContext, withItem } from '../helpers/item.js';
import { malformedItems } from '../helpers/malformed.js';

/** Every item rule of spec §3 (the lead's `schema` rule aside). */
const SPEC_ITEM_RULES = {
  todo: 'error',
  'file-name': 'error',
  'file-ref': 'error',
  'code-type': 'error',
  'credit-code': 'error',
  'credit-code-kind': 'warning',
  'task-code': 'error',
  'power-source': 'error',
  'time-limit': 'error',
  'case-type': 'warning',
  'steps-time': 'warning',
  'visits-reason': 'warning',
  'online-visits': 'warning',
  'zero-visit-delivery': 'warning',
  'fee-basis': 'error',
  'entrusted-by': 'error',
  'cancel-date': 'error',
  'duplicate-entry': 'error',
  'handling-item': 'error',
  phone: 'warning',
  'use-level': 'error',
} as const;

describe('item rule registry', () => {
  it('registers each spec item rule once, with its default severity', () => {
    const mine = ITEM_RULES.filter((r) => r.id !== 'schema');
    expect(Object.fromEntries(mine.map((r) => [r.id, r.severity]))).toEqual(SPEC_ITEM_RULES);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const id of Object.keys(SPEC_ITEM_RULES)) expect(RULE_IDS.has(id)).toBe(true);
  });

  it('keeps schema first when it is registered', () => {
    const at = ITEM_RULES.findIndex((r) => r.id === 'schema');
    expect(at === -1 || at === 0).toBe(true);
  });

  it('describes every rule in Chinese and English', () => {
    for (const rule of ITEM_RULES) {
      expect(rule.description.zh, rule.id).toMatch(/[\u4e00-\u9fff]/);
      expect(rule.description.en, rule.id).toMatch(/[a-z]/);
    }
  });

  it.each(LEVELS.filter((l) => l !== '村级'))('finds nothing in the valid item at %s', (level) => {
    const item = withItem({ taskCode: `11420102MB1234562E${LEVEL_DIGIT[level]}002000101000` });
    for (const rule of ITEM_RULES.filter((r) => r.id !== 'schema')) {
      expect(rule.check(itemContext(item, { level })), rule.id).toEqual([]);
    }
  });
});

describe('every item rule on malformed input', () => {
  const rules = ITEM_RULES.filter((r) => r.id !== 'schema');
  it.each(malformedItems())('does not throw: %s', (_, item) => {
    for (const level of [...LEVELS, undefined]) {
      for (const formatVersion of [1, 2] as const) {
        const ctx = itemContext(item, { level: level ?? '县级', fileName: 'weird name.yaml', settings: { formatVersion } });
        if (level === undefined) delete ctx.region.level;
        for (const rule of rules) {
          const problems = rule.check(ctx);
          expect(Array.isArray(problems), rule.id).toBe(true);
          for (const p of problems) {
            expect(typeof p.path, rule.id).toBe('string');
            expect(p.message.zh.length, rule.id).toBeGreaterThan(0);
            expect(p.message.en.length, rule.id).toBeGreaterThan(0);
          }
        }
      }
    }
  });
});
