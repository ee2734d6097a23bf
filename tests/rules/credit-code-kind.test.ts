import { describe, expect, it } from 'vitest';
import { creditCodeKind } from '../../src/rules/credit-code-kind.js';
import { check, validItem, withItem } from '../helpers/item.js';

const dept = (nature: unknown, creditCode: unknown) => withItem({ dept: { name: '某单位', creditCode, nature } });

describe('credit-code-kind', () => {
  it('is silent for an organ with an organ code, and for other natures', () => {
    expect(check(creditCodeKind, validItem())).toEqual([]);
    expect(check(creditCodeKind, dept('授权组织', '12100000425006133D'))).toEqual([]);
    expect(check(creditCodeKind, dept('受委托组织', '914403001922038216'))).toEqual([]);
  });

  it('warns when a 法定机关 holds an institution or company code', () => {
    for (const code of ['12100000425006133D', '914403001922038216']) {
      const problems = check(creditCodeKind, dept('法定机关', code));
      expect(problems.map((p) => p.path)).toEqual(['/dept/creditCode']);
      expect(problems[0]!.message.zh).toContain(`以 ${code.slice(0, 2)} 开头`);
    }
  });

  it('applies only from formatVersion 2 and leaves malformed codes to credit-code', () => {
    expect(check(creditCodeKind, dept('法定机关', '914403001922038216'), { settings: { formatVersion: 1 } })).toEqual([]);
    for (const code of [undefined, null, 9, '', '9', 'TODO']) expect(check(creditCodeKind, dept('法定机关', code))).toEqual([]);
  });
});
