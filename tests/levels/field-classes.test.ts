import { describe, expect, it } from 'vitest';
import {
  CLASSIFIED_ELEMENTS,
  DEFAULT_CLASSES,
  TIGHTENABLE_ELEMENTS,
  fieldOverrideProblem,
  resolveFieldClasses,
} from '../../src/levels/field-classes.js';

describe('field classes', () => {
  it('has the spec defaults', () => {
    for (const e of ['name', 'type', 'basis', 'useLevel']) expect(DEFAULT_CLASSES[e]).toBe('locked');
    for (const e of ['promisedLimit', 'visits', 'materials', 'onlineDepth', 'fee']) expect(DEFAULT_CLASSES[e]).toBe('tighten');
    for (const e of ['dept', 'taskCode', 'places', 'consultPhone', 'complaintPhone', 'handleArea']) expect(DEFAULT_CLASSES[e]).toBe('local');
    for (const e of ['conditions', 'steps', 'serviceObjects', 'caseType', 'statutoryLimit', 'handlingForms', 'result', 'visitsReason']) {
      expect(DEFAULT_CLASSES[e]).toBe('review');
    }
  });

  it('lists every element but catalogCode as classifiable, and the five with an order as tightenable', () => {
    expect(CLASSIFIED_ELEMENTS).not.toContain('catalogCode');
    expect(CLASSIFIED_ELEMENTS).toHaveLength(23);
    expect([...TIGHTENABLE_ELEMENTS].sort()).toEqual(['fee', 'materials', 'onlineDepth', 'promisedLimit', 'visits']);
  });

  it('applies overrides on top of the defaults', () => {
    const classes = resolveFieldClasses({ conditions: 'locked', promisedLimit: 'review' });
    expect(classes.conditions).toBe('locked');
    expect(classes.promisedLimit).toBe('review');
    expect(classes.name).toBe('locked');
  });

  it('says why an override is not allowed, and resolve refuses it', () => {
    expect(fieldOverrideProblem('conditions', 'locked')).toBeUndefined();
    expect(fieldOverrideProblem('condition', 'locked')).toBe('unknown-element');
    expect(fieldOverrideProblem('catalogCode', 'review')).toBe('unknown-element');
    expect(fieldOverrideProblem('conditions', 'strict')).toBe('unknown-class');
    expect(fieldOverrideProblem('conditions', 'tighten')).toBe('not-tightenable');
    expect(fieldOverrideProblem('visits', 'tighten')).toBeUndefined();
    expect(() => resolveFieldClasses({ dept: 'tighten' })).toThrow(/not-tightenable/);
  });
});
