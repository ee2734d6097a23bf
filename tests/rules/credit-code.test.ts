import { describe, expect, it } from 'vitest';
import { creditCode } from '../../src/rules/credit-code.js';
import { check, validItem, withItem } from '../helpers/item.js';

const withCode = (code: unknown) => withItem({ dept: { name: '某局', creditCode: code, nature: '法定机关' } });
const message = (code: unknown) => {
  const problems = check(creditCode, withCode(code));
  expect(problems).toHaveLength(1);
  expect(problems[0]!.path).toBe('/dept/creditCode');
  return problems[0]!.message;
};

describe('credit-code', () => {
  it('is silent on a valid code', () => {
    expect(check(creditCode, validItem())).toEqual([]);
    expect(check(creditCode, withCode('12420100MB1234562E'))).toEqual([]);
  });

  it('reports a wrong length with the actual length', () => {
    expect(message('11420102MB1234562').zh).toContain('长度为 17 位，应为 18 位');
    expect(message('11420102MB1234562EE').zh).toContain('长度为 19 位');
  });

  it('reports an empty code (the schema only asks for a string)', () => {
    expect(message('').zh).toContain('长度为 0 位，应为 18 位');
  });

  it('says when the length is off because of whitespace', () => {
    expect(message(' 11420102MB1234562E').zh).toContain('首尾空白');
  });

  it('names the characters outside the alphabet', () => {
    const zh = message('11420102MB1234562e').zh;
    expect(zh).toContain('“e”');
    expect(zh).toContain('不含 I、O、S、V、Z');
    expect(message('11420102MI1234562E').zh).toContain('“I”');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(message('11420102MB1234562😀').zh).toContain('“😀”');
  });

  it('reports characters 3–8 that are not digits', () => {
    expect(message('1142A102MB1234562E').zh).toContain('第 3–8 位（登记管理机关行政区划码）应为 6 位数字，实为 42A102');
  });

  it('reports a wrong 组织机构代码校验位 and what it should be', () => {
    const { zh, en } = message('11420102MB1234563E');
    expect(zh).toContain('组织机构代码校验位（第 17 位）应为 2，实为 3');
    expect(en).toContain('must be 2, not 3');
  });

  it('reports a wrong 统一社会信用代码校验位 and what it should be', () => {
    const { zh } = message('11420102MB1234562F');
    expect(zh).toContain('统一社会信用代码校验位（第 18 位）应为 E，实为 F');
  });

  it('is silent when dept or creditCode is missing, not a string or TODO', () => {
    for (const dept of [undefined, null, 'x', [], { name: 'x' }, { creditCode: 11420102 }, { creditCode: 'TODO' }]) {
      expect(check(creditCode, withItem({ dept }))).toEqual([]);
    }
  });

  // Real, published codes (issue 13's test vectors).
  it.each([
    '914403001922038216', '91330100716105852F', '91440300708461136T', '11420000010833209R',
    '12100000425006133D', '11650000010183859F', '11450000007565194H', '113501050036281003',
  ])('passes the real code %s', (code) => {
    expect(check(creditCode, withCode(code))).toEqual([]);
  });

  it('fails a real code registered before the standard, unless tongbiao.yaml lists it as an exception', () => {
    const legacy = '91350203M0001QKT19';
    expect(message(legacy).zh).toContain('校验位（第 18 位）');
    expect(check(creditCode, withCode(legacy), { settings: { creditCodeExceptions: { [legacy]: '2016 年前登记的在用代码' } } })).toEqual([]);
  });

  it('lets an exception pass only the check characters, not a wrong length, alphabet or region', () => {
    for (const code of ['91350203M0001QKT1', '91350203M0001QKTI9', '9135020XM0001QKT19']) {
      expect(check(creditCode, withCode(code), { settings: { creditCodeExceptions: { [code]: '例外' } } }), code).toHaveLength(1);
    }
  });
});
