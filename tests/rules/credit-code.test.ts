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
});
