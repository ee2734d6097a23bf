import { describe, expect, it } from 'vitest';
import { zeroVisitDelivery } from '../../src/rules/zero-visit-delivery.js';
import { check, validItem, withItem } from '../helpers/item.js';

describe('zero-visit-delivery', () => {
  it('is silent when zero visits can reach the applicant: online, on a phone or by post', () => {
    expect(check(zeroVisitDelivery, validItem())).toEqual([]);
    expect(check(zeroVisitDelivery, withItem({ visits: 0 }))).toEqual([]);
    expect(check(zeroVisitDelivery, withItem({ visits: 0, handlingForms: ['窗口办理', '移动端办理'], express: false }))).toEqual([]);
    expect(check(zeroVisitDelivery, withItem({ visits: 0, handlingForms: ['窗口办理'], express: true }))).toEqual([]);
    expect(check(zeroVisitDelivery, withItem({ visits: 1, handlingForms: ['窗口办理'], express: undefined }))).toEqual([]);
  });

  it('warns when zero visits leave no way to get the result', () => {
    for (const express of [undefined, false]) {
      const problems = check(zeroVisitDelivery, withItem({ visits: 0, handlingForms: ['窗口办理', '快递申请'], express }));
      expect(problems.map((p) => p.path)).toEqual(['/visits']);
      expect(problems[0]!.message.en).toContain('cannot get the result');
    }
  });

  it('applies only from formatVersion 2 and stays silent on malformed input', () => {
    expect(check(zeroVisitDelivery, withItem({ visits: 0, handlingForms: ['窗口办理'], express: undefined }), { settings: { formatVersion: 1 } })).toEqual([]);
    expect(check(zeroVisitDelivery, withItem({ visits: 0, handlingForms: '窗口办理', express: undefined }))).toEqual([]);
    expect(check(zeroVisitDelivery, withItem({ visits: '0', handlingForms: ['窗口办理'], express: undefined }))).toEqual([]);
  });
});
