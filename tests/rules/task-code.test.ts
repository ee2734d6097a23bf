import { describe, expect, it } from 'vitest';
import { taskCode } from '../../src/rules/task-code.js';
import { check, itemContext, validItem, withItem } from '../helpers/item.js';

const DEPT = { name: '武汉市江岸区人力资源和社会保障局', creditCode: '11420102MB1234562E', nature: '法定机关' };

describe('task-code', () => {
  it('is silent when taskCode = creditCode + level digit + catalogCode', () => {
    expect(check(taskCode, validItem())).toEqual([]);
    expect(check(taskCode, withItem({ taskCode: '11420102MB1234562E3002000101000' }), { level: '市级' })).toEqual([]);
    expect(check(taskCode, withItem({ taskCode: '11420102MB1234562E2002000101000' }), { level: '省级' })).toEqual([]);
  });

  it('uses level digit 5 for a township and 6 for a village', () => {
    expect(check(taskCode, withItem({ taskCode: '11420102MB1234562E5002000101000' }), { level: '乡镇级' })).toEqual([]);
    expect(check(taskCode, withItem({ taskCode: '11420102MB1234562E6002000101000' }), { level: '村级' })).toEqual([]);
    expect(check(taskCode, validItem(), { level: '乡镇级' })[0]!.message.zh).toContain('第 19 位应为乡镇级层级码 5，实为 4');
  });

  it('accepts a real province task code (issue 13: 11450000007565194H2000115015005)', () => {
    const item = withItem({ catalogCode: '000115015005', taskCode: '11450000007565194H2000115015005', dept: { ...DEPT, creditCode: '11450000007565194H' } });
    expect(check(taskCode, item, { level: '省级' })).toEqual([]);
  });

  it('fires on a wrong level digit and says which digit', () => {
    const problems = check(taskCode, validItem(), { level: '市级' });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('/taskCode');
    expect(problems[0]!.message.zh).toContain('第 19 位应为市级层级码 3，实为 4');
    expect(problems[0]!.message.zh).toContain('应为 11420102MB1234562E3002000101000');
  });

  it('fires when the credit code part differs', () => {
    const dept = { ...DEPT, creditCode: '12420100MB1234562E' };
    const [problem] = check(taskCode, withItem({ dept }));
    expect(problem!.message.zh).toContain('第 1–18 位');
    expect(problem!.message.zh).not.toContain('第 19 位');
  });

  it('fires when the catalogCode part differs', () => {
    const [problem] = check(taskCode, withItem({ catalogCode: '002000102000' }));
    expect(problem!.message.zh).toContain('第 20–31 位应为基本编码 002000102000');
  });

  it('fires on a wrong length', () => {
    const [problem] = check(taskCode, withItem({ taskCode: '11420102MB1234562E400200010100' }));
    expect(problem!.message.zh).toContain('长度为 30 位，应为 31 位');
  });

  it('is silent when the region level is unknown', () => {
    const ctx = itemContext(withItem({ taskCode: 'x' }));
    delete ctx.region.level;
    expect(taskCode.check(ctx)).toEqual([]);
  });

  it('is silent when an input is missing, not a string or TODO', () => {
    const cases = [
      { taskCode: undefined },
      { taskCode: 11420102 },
      { taskCode: 'TODO' },
      { catalogCode: 2000101000 },
      { dept: undefined },
      { dept: 'dept' },
      { dept: [DEPT] },
      { dept: { ...DEPT, creditCode: undefined } },
      { dept: { ...DEPT, creditCode: 'TODO' } },
      { dept: { ...DEPT, creditCode: 11420102 } },
    ];
    for (const changes of cases) expect(check(taskCode, withItem(changes)), JSON.stringify(changes)).toEqual([]);
  });
});
