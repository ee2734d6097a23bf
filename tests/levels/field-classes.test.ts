import { describe, expect, it } from 'vitest';
import {
  CLASSIFIED_ELEMENTS,
  DEFAULT_CLASSES,
  ITEM_ELEMENTS,
  TIGHTENABLE_ELEMENTS,
  fieldOverrideProblem,
  resolveFieldClasses,
} from '../../src/levels/field-classes.js';

describe('field classes', () => {
  it('has the spec v2 defaults (§3 field classes), members included', () => {
    for (const e of ['name', 'type', 'basis', 'useLevel', 'statutoryLimit', 'result', 'handlingItems']) expect(DEFAULT_CLASSES[e]).toBe('locked');
    const tighten = ['promisedLimit', 'visits', 'materials', 'fee', 'onlineDepth', 'handlingForms', 'handleArea', 'intermediaries', 'express', 'payOnline', 'appointment'];
    for (const e of tighten) expect(DEFAULT_CLASSES[e]).toBe('tighten');
    const local = ['taskCode', 'localCatalogCode', 'localTaskCode', 'powerSource', 'dept', 'jointDepts', 'places', 'consultPhone', 'complaintPhone',
      'onlineUrl', 'mobileUrl', 'inHall', 'resultSample', 'version', 'effectiveDate', 'cancelDate', 'status'];
    for (const e of local) expect(DEFAULT_CLASSES[e]).toBe('local');
    const review = ['serviceObjects', 'caseType', 'statutoryLimitNote', 'promisedLimitNote', 'specialProcedures', 'visitsReason', 'conditions', 'quantityLimit', 'steps',
      'dept.nature', 'dept.entrustedBy'];
    for (const e of review) expect(DEFAULT_CLASSES[e]).toBe('review');
    expect(Object.keys(DEFAULT_CLASSES).sort()).toEqual([...tighten, ...local, ...review, 'name', 'type', 'basis', 'useLevel', 'statutoryLimit', 'result', 'handlingItems'].sort());
  });

  it('lists every element but catalogCode, and the members, as classifiable; the ordered ones as tightenable', () => {
    expect(CLASSIFIED_ELEMENTS).not.toContain('catalogCode');
    expect(CLASSIFIED_ELEMENTS.slice(CLASSIFIED_ELEMENTS.indexOf('dept'), CLASSIFIED_ELEMENTS.indexOf('dept') + 5)).toEqual([
      'dept', 'dept.name', 'dept.creditCode', 'dept.nature', 'dept.entrustedBy',
    ]);
    expect(ITEM_ELEMENTS).toHaveLength(44);
    expect(ITEM_ELEMENTS.some((e) => e.includes('.'))).toBe(false);
    expect([...TIGHTENABLE_ELEMENTS].sort()).toEqual(
      ['appointment', 'express', 'fee', 'handleArea', 'handlingForms', 'intermediaries', 'materials', 'onlineDepth', 'payOnline', 'promisedLimit', 'visits'],
    );
  });

  it('accepts a member override, but never tighten on a member', () => {
    expect(fieldOverrideProblem('dept.nature', 'local')).toBeUndefined();
    expect(fieldOverrideProblem('result.name', 'review')).toBeUndefined();
    expect(fieldOverrideProblem('dept.nature', 'tighten')).toBe('not-tightenable');
    expect(fieldOverrideProblem('dept.colour', 'review')).toBe('unknown-element');
    expect(resolveFieldClasses({ 'dept.nature': 'local' })['dept.nature']).toBe('local');
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
