import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/catalog/types.js';
import { compareItem } from '../../src/levels/compare-item.js';
import { describePath } from '../../src/levels/labels.js';
import { changeExcerpt, discrepancyMessage } from '../../src/levels/messages.js';
import { baselineItem, materialsOf, variant } from './items.js';

const base = baselineItem();
const messages = (ours: Item, parent: Item = base) =>
  compareItem({ region: '420102', catalogCode: '002000101000', ours, parent, parentRegion: '420100', baseline: base, baselineRegion: '420000' }).map((d) =>
    discrepancyMessage(d, { ours, theirs: parent }),
  );

describe('describePath', () => {
  it('names elements by their schema title and list entries by their identity', () => {
    expect(describePath('/materials/1/format', base).zh).toBe('申请材料「参保缴费凭证」 › 材料形式');
    expect(describePath('/steps/2/days', base).en).toBe('steps “办结” › days');
    expect(describePath('/promisedLimit/days', base).zh).toBe('承诺办结时限 › 天数');
    expect(describePath('/nope', base).zh).toBe('nope');
  });
});

describe('discrepancyMessage', () => {
  it('says a longer promised limit is longer than the parent\'s, in both languages', () => {
    const [m] = messages(variant(base, (i) => void (i.promisedLimit = { days: 20, unit: '工作日' })));
    expect(m).toEqual({
      zh: '承诺办结时限 20 工作日 长于上级（420100）15 工作日',
      en: "promisedLimit 20 工作日 is longer than the parent (420100)'s 15 工作日",
    });
  });

  it('names a material by its name, from their list when only they have it', () => {
    expect(messages(variant(base, (i) => void materialsOf(i).splice(1, 1)))[0]!.zh).toBe(
      '申请材料「参保缴费凭证」：上级（420100）要求，本级不再要求',
    );
    expect(messages(variant(base, (i) => void (materialsOf(i)[2]!.necessity = '必要')))[0]!.zh).toBe(
      '申请材料「委托书」本级为必要，上级（420100）为容缺',
    );
  });

  it('words locked, review, fee and reorder discrepancies', () => {
    const ours = variant(base, (i) => {
      i.name = '改名';
      i.conditions = '新条件';
      i.fee = { charged: true, basis: 'x', items: [{ name: 'a', standard: 'b' }] };
      (i.steps as unknown[]).reverse();
    });
    expect(messages(ours).map((m) => m.zh)).toEqual([
      '事项名称须与省级（420000）一致：本级 改名，省级 城镇职工基本养老保险关系转移接续',
      '受理条件与上级（420100）不同：本级 新条件，上级 参保人员跨统筹地区就业并在新就业地参保缴费的，可申请转移养老保险关系。',
      '办理流程顺序与上级（420100）不同：本级 办结、审核、受理，上级 受理、审核、办结',
      '本级收费，上级（420100）不收费',
    ]);
  });
});

describe('changeExcerpt', () => {
  it('shows where two long texts differ, in whole words, with a little context', () => {
    const before = '年满16周岁（不含在校学生），非国家机关和事业单位工作人员及不属于职工基本养老保险覆盖范围的城乡居民，可在户籍地参加城乡居民基本养老保险。';
    const after = before.replace('可在户籍地', '可在户籍地或居住地');
    const excerpt = changeExcerpt(before, after);
    expect(excerpt).toMatch(/^…[^…]*\{\+或居住地\+\}[^…]*…$/);
    expect(excerpt.length).toBeLessThan(40);
  });

  it('a long review message shows the change, not two equal beginnings', () => {
    const long = '参保人员跨统筹地区就业并在新就业地参保缴费的，可申请转移养老保险关系，转移时应结清欠费。';
    const ours = variant(base, (i) => void (i.conditions = `${long}本市居民可网上申请。`));
    const parent = variant(base, (i) => void (i.conditions = long));
    expect(messages(ours, parent)[0]!.zh).toBe('受理条件与上级（420100）不同：…转移时应结清欠费。{+本市居民可网上申请。+}');
  });
});
