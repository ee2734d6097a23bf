import { describe, expect, it } from 'vitest';
import { isPhoneNumber, phone, splitPhones } from '../../src/rules/phone.js';
import { check, validItem, withItem } from '../helpers/item.js';

const VALID = [
  // landlines: 3–4 digit area code starting 0, 7–8 digit number, optional extension
  '027-12345678',
  '0728-1234567',
  '010-1234567',
  '02712345678',
  '027 12345678',
  '(027)12345678',
  '（027）12345678',
  '027-12345678-1234',
  '027-12345678转1234',
  '027-12345678 转 1234',
  // mobiles
  '13800138000',
  '138-0013-8000',
  '138 0013 8000',
  // hotlines
  '12345',
  '95598',
  '123456',
  // 400/800
  '400-123-4567',
  '4001234567',
  '800-820-8820',
  '400 123 4567',
  '400-123-4567转2',
  // +86
  '+86 13800138000',
  '+8613800138000',
  '+86-13800138000',
  '+86 27 12345678',
  '+86-27-12345678',
  '+86 027-12345678',
  '+86 755 12345678',
  '+86 400-123-4567',
];

const INVALID = [
  '',
  '027-123456', // 6-digit local number
  '027-123456789', // 9-digit local number
  '27-12345678', // area code without 0
  '02-12345678', // 2-digit area code
  '02712-12345678', // 5-digit area code
  '027-12345678-', // empty extension
  '027-12345678转', // empty extension
  '027-12345678ext1234',
  '1380013800', // 10-digit mobile
  '138001380001', // 12-digit mobile
  '23800138000', // 11 digits not starting 1
  '1234', // too short for a hotline
  '1234567', // 7 digits: neither hotline nor landline
  '01234', // a "hotline" starting 0
  '500-123-4567',
  '400-123-456', // 9 digits
  '+86 12345', // hotlines are domestic
  '+1 13800138000',
  '+86',
  '0086 13800138000',
  '电话：027-12345678',
  '０２７－１２３４５６７８', // full-width digits
  '027—12345678', // em dash
  '027-8765-4321',
];

describe('phone numbers', () => {
  it.each(VALID)('accepts %s', (n) => {
    expect(isPhoneNumber(n)).toBe(true);
  });
  it.each(INVALID)('rejects %s', (n) => {
    expect(isPhoneNumber(n)).toBe(false);
  });

  it('splits on 、 , ， ; ； with optional spaces, dropping empty parts', () => {
    expect(splitPhones('027-12345678、12345, 95598 ，13800138000;400-123-4567 ；12315、')).toEqual([
      '027-12345678',
      '12345',
      '95598',
      '13800138000',
      '400-123-4567',
      '12315',
    ]);
  });
});

describe('phone', () => {
  it('is silent on valid fields', () => {
    expect(check(phone, validItem())).toEqual([]);
    expect(check(phone, withItem({ consultPhone: '027-12345678、027-87654321转8001', complaintPhone: undefined }))).toEqual([]);
  });

  it('reports a field with a bad number, naming it', () => {
    const problems = check(phone, withItem({ consultPhone: '027-12345678、027-1234' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('/consultPhone');
    expect(problems[0]!.message.zh).toContain('咨询电话中的 “027-1234” 不是有效的电话号码');
    expect(problems[0]!.message.zh).not.toContain('“027-12345678”');
    expect(problems[0]!.message.en).toContain('"027-1234"');
  });

  it('names every bad number of a field in one finding, and checks both fields', () => {
    const problems = check(phone, withItem({ consultPhone: '1234；027-1', complaintPhone: '1234567' }));
    expect(problems.map((p) => p.path)).toEqual(['/consultPhone', '/complaintPhone']);
    expect(problems[0]!.message.zh).toContain('“1234”、“027-1”');
    expect(problems[1]!.message.zh).toContain('投诉电话');
  });

  it('reports a field that holds no number', () => {
    const problems = check(phone, withItem({ complaintPhone: ' 、 ' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message.zh).toContain('未填写号码');
  });

  it('leaves non-strings to the schema rule and TODO to the todo rule', () => {
    for (const value of [12345, null, '', ['12345'], { n: 1 }, 'TODO']) {
      expect(check(phone, withItem({ consultPhone: value, complaintPhone: value }))).toEqual([]);
    }
  });
});
