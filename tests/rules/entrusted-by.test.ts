import { describe, expect, it } from 'vitest';
import { entrustedBy } from '../../src/rules/entrusted-by.js';
import { check, validItem, withItem } from '../helpers/item.js';

const dept = (extra: Record<string, unknown>) =>
  check(entrustedBy, withItem({ dept: { name: '某中心', creditCode: '12420100MB1234562E', ...extra } }));

describe('entrusted-by', () => {
  it('is silent for other natures and when entrustedBy is given', () => {
    expect(check(entrustedBy, validItem())).toEqual([]);
    expect(dept({ nature: '授权组织' })).toEqual([]);
    expect(dept({ nature: '受委托组织', entrustedBy: '武汉市人力资源和社会保障局' })).toEqual([]);
  });

  it('fires for a 受委托组织 without entrustedBy', () => {
    for (const by of [undefined, null, '', ' ']) {
      const problems = dept({ nature: '受委托组织', entrustedBy: by });
      expect(problems, JSON.stringify(by)).toHaveLength(1);
      expect(problems[0]!.path).toBe('/dept');
      expect(problems[0]!.message.zh).toContain('委托部门');
    }
  });

  it('stays silent on malformed input', () => {
    for (const value of [undefined, null, '受委托组织', ['受委托组织'], { nature: ['受委托组织'] }]) {
      expect(check(entrustedBy, withItem({ dept: value }))).toEqual([]);
    }
    expect(dept({ nature: '受委托组织', entrustedBy: 7 })).toEqual([]);
  });
});
