import { describe, expect, it } from 'vitest';
import { onlineVisits } from '../../src/rules/online-visits.js';
import { check, validItem, withItem } from '../helpers/item.js';

const ALL = ['互联网咨询', '互联网收件', '互联网预审', '互联网受理', '互联网办理', '互联网办理结果信息反馈'];

describe('online-visits', () => {
  it('is silent when the item is not handled entirely online, or needs no visit', () => {
    expect(check(onlineVisits, validItem())).toEqual([]);
    expect(check(onlineVisits, withItem({ onlineDepth: ALL, visits: 0 }))).toEqual([]);
    expect(check(onlineVisits, withItem({ onlineDepth: ALL.filter((s) => s !== '互联网办理结果信息反馈'), visits: 2 }))).toEqual([]);
  });

  it('warns when 全程网办 still asks the applicant to come', () => {
    const problems = check(onlineVisits, withItem({ onlineDepth: ALL, visits: 1 }));
    expect(problems.map((p) => p.path)).toEqual(['/visits']);
    expect(problems[0]!.message.zh).toContain('全程网办');
  });

  it('applies only from formatVersion 2 and stays silent on malformed input', () => {
    expect(check(onlineVisits, withItem({ onlineDepth: ALL, visits: 1 }), { settings: { formatVersion: 1 } })).toEqual([]);
    expect(check(onlineVisits, withItem({ onlineDepth: 4, visits: 1 }))).toEqual([]);
    expect(check(onlineVisits, withItem({ onlineDepth: ALL, visits: '1' }))).toEqual([]);
  });
});
