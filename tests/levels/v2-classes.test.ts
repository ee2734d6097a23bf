// Spec v2 §3 cross-level rules: every field class and rule firing and not firing, on a v2 item.
import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/catalog/types.js';
import { compareItem } from '../../src/levels/compare-item.js';
import { isLocalItem, missingItems } from '../../src/levels/compare-region.js';
import { resolveFieldClasses, type FieldClasses } from '../../src/levels/field-classes.js';
import { discrepancyMessage } from '../../src/levels/messages.js';
import { ruleInfo } from '../../src/rules/registry.js';
import { baselineItem } from './items.js';

const PROVINCE = '420000';
const CITY = '420100';
const COUNTY = '420102';

/** The level tests' baseline item with the v2 elements these rules compare. */
function v2Item(): Item {
  return {
    ...baselineItem(),
    status: '在用',
    specialProcedures: [{ name: '专家评审', days: 20, unit: '工作日' }],
    materials: [
      { name: '居民身份证', necessity: '必要', type: '原件', format: '纸质', originals: 1, copies: 0, source: '申请人自备' },
      { name: '参保缴费凭证', necessity: '必要', deferrable: true, type: '复印件', format: '纸质或电子', copies: 1, source: '政府部门核发' },
      { name: '委托书', necessity: '非必要', type: '原件', format: '纸质', originals: 1, source: '申请人自备' },
    ],
    intermediaries: [{ name: '环境影响评价报告编制', basis: '《环境影响评价法》第十九条' }],
    onlineDepth: ['互联网咨询', '互联网收件', '互联网预审', '互联网受理'],
    express: true,
    payOnline: false,
    handleArea: '全市',
    handlingItems: [
      { seq: '01', name: '转入', materials: [{ name: '转移接续申请表', necessity: '必要', type: '原件', format: '纸质' }] },
      { seq: '02', name: '转出' },
    ],
  };
}

const base = v2Item();

function edited(edit: (item: Item) => void, from: Item = base): Item {
  const copy = structuredClone(from);
  edit(copy);
  return copy;
}

interface Opts {
  parent?: Item;
  baseline?: Item | null;
  classes?: FieldClasses;
  local?: boolean;
}

function compare(ours: Item, opts: Opts = {}) {
  return compareItem({
    region: COUNTY, catalogCode: '002000101000', ours,
    ...(opts.parent ? { parent: opts.parent, parentRegion: CITY } : {}),
    ...(opts.baseline === null ? {} : { baseline: opts.baseline ?? base }),
    baselineRegion: PROVINCE,
    ...(opts.local !== undefined ? { local: opts.local } : {}),
    ...(opts.classes ? { classes: opts.classes } : {}),
  });
}

/** kind, path and key tail (after `#`) of each discrepancy. */
function kinds(ours: Item, opts: Opts = {}): Array<[string, string, string]> {
  return compare(ours, opts).map((d) => [d.kind, d.path, d.key.slice(d.key.indexOf('#') + 1)]);
}

const sole = (kind: string, path: string, id = path): Array<[string, string, string]> => [[kind, path, id]];
type Mutable = Record<string, unknown>;
const list = (item: Item, key: string) => item[key] as Mutable[];

describe('locked (against the baseline)', () => {
  it.each([
    ['statutoryLimit', (i: Item) => void (i.statutoryLimit = { days: 60, unit: '工作日' })],
    ['result', (i: Item) => void (i.result = { type: '证照', name: '参保缴费凭证' })],
    ['name', (i: Item) => void (i.name = '养老保险转移')],
    ['useLevel', (i: Item) => void (i.useLevel = ['省级', '市级'])],
  ])('%s differs: locked, even where the parent has the same value', (element, edit) => {
    const ours = edited(edit);
    expect(kinds(ours, { parent: ours })).toEqual(sole('locked', `/${element}`));
  });

  it('handling items: a renamed or added seq is one locked discrepancy at /handlingItems; a new order is none', () => {
    expect(kinds(edited((i) => void (list(i, 'handlingItems')[1]!.name = '转出（跨省）')))).toEqual(sole('locked', '/handlingItems'));
    expect(kinds(edited((i) => void list(i, 'handlingItems').push({ seq: '03', name: '退休待遇' })))).toEqual(sole('locked', '/handlingItems'));
    expect(kinds(edited((i) => void list(i, 'handlingItems').reverse()))).toEqual([]);
  });
});

describe('tighten (against the parent)', () => {
  it('onlineDepth and handlingForms: a stage or form the parent offers and we lack is looser; only extras tightened', () => {
    const stages = (s: string[]) => edited((i) => void (i.onlineDepth = s));
    expect(kinds(stages(['互联网咨询', '互联网收件', '互联网预审']))).toEqual(sole('looser', '/onlineDepth'));
    expect(kinds(edited((i) => void delete i.onlineDepth))).toEqual(sole('looser', '/onlineDepth'));
    expect(kinds(edited((i) => void (i.onlineDepth = null)))).toEqual(sole('review', '/onlineDepth'));
    expect(kinds(stages(['互联网咨询', '互联网收件', '互联网预审', '互联网受理', '互联网办理']))).toEqual(sole('tightened', '/onlineDepth'));
    expect(kinds(stages(['互联网咨询', '互联网收件', '互联网预审', '互联网办理']))).toEqual(sole('looser', '/onlineDepth'));
    expect(kinds(stages(['互联网受理', '互联网预审', '互联网收件', '互联网咨询']))).toEqual([]);
    expect(kinds(edited((i) => void (i.handlingForms = ['窗口办理'])))).toEqual(sole('looser', '/handlingForms'));
    expect(kinds(edited((i) => void (i.handlingForms = ['网上办理', '窗口办理', '快递申请'])))).toEqual(sole('tightened', '/handlingForms'));
  });

  it('handleArea: narrower is looser, wider tightened, a value outside the code set for review', () => {
    expect(kinds(edited((i) => void (i.handleArea = '全县')))).toEqual(sole('looser', '/handleArea'));
    expect(kinds(edited((i) => void (i.handleArea = '全省')))).toEqual(sole('tightened', '/handleArea'));
    expect(kinds(edited((i) => void (i.handleArea = '全区通办')))).toEqual(sole('review', '/handleArea'));
    expect(kinds(edited((i) => void (i.handleArea = '全市')))).toEqual([]);
  });

  it('intermediaries: one the parent does not require is looser, one dropped tightened, a changed one for review', () => {
    expect(kinds(edited((i) => void list(i, 'intermediaries').push({ name: '节能评估' })))).toEqual(sole('looser', '/intermediaries/1', '/intermediaries/@节能评估'));
    expect(kinds(edited((i) => void (i.intermediaries = [])))).toEqual(sole('tightened', '/intermediaries/0', '/intermediaries/@环境影响评价报告编制'));
    // Left out altogether is none required, as the empty list; the parent leaving it out makes ours looser.
    expect(kinds(edited((i) => void delete i.intermediaries))).toEqual(sole('tightened', '/intermediaries/0', '/intermediaries/@环境影响评价报告编制'));
    expect(kinds(base, { parent: edited((i) => void delete i.intermediaries) })).toEqual(sole('looser', '/intermediaries/0', '/intermediaries/@环境影响评价报告编制'));
    expect(kinds(edited((i) => void (list(i, 'intermediaries')[0]!.basis = '另一依据')))).toEqual(
      sole('review', '/intermediaries/0/basis', '/intermediaries/@环境影响评价报告编制/basis'),
    );
  });

  it.each(['express', 'payOnline', 'appointment'])('%s: true is better; absent counts as no', (flag) => {
    const parent = edited((i) => void (i[flag] = true));
    expect(kinds(edited((i) => void (i[flag] = false)), { parent })).toEqual(sole('looser', `/${flag}`));
    expect(kinds(edited((i) => void delete i[flag]), { parent })).toEqual(sole('looser', `/${flag}`));
    expect(kinds(edited((i) => void (i[flag] = true)), { parent: edited((i) => void (i[flag] = false)) })).toEqual(sole('tightened', `/${flag}`));
    expect(kinds(edited((i) => void (i[flag] = false)), { parent: edited((i) => void delete i[flag]) })).toEqual([]);
  });

  describe('materials, entry by entry', () => {
    const m = (edit: (ms: Mutable[]) => void) => kinds(edited((i) => edit(list(i, 'materials'))));
    it('an entry only we have: looser when 必要, review when 非必要; one only the parent has: tightened', () => {
      expect(m((ms) => void ms.push({ name: '户口簿', necessity: '必要', type: '原件', format: '纸质' }))).toEqual(sole('looser', '/materials/3', '/materials/@户口簿'));
      expect(m((ms) => void ms.push({ name: '户口簿', necessity: '非必要', type: '原件', format: '纸质' }))).toEqual(sole('review', '/materials/3', '/materials/@户口簿'));
      expect(m((ms) => void ms.splice(2, 1))).toEqual(sole('tightened', '/materials/2', '/materials/@委托书'));
    });
    it('necessity: 必要 where the parent has 非必要 is looser, the reverse tightened', () => {
      expect(m((ms) => void (ms[2]!.necessity = '必要'))).toEqual(sole('looser', '/materials/2', '/materials/@委托书'));
      expect(m((ms) => void (ms[0]!.necessity = '非必要'))).toEqual(sole('tightened', '/materials/0', '/materials/@居民身份证'));
    });
    it('deferrable: false where the parent allows it is looser, true where it does not tightened', () => {
      expect(m((ms) => void (ms[1]!.deferrable = false))).toEqual(sole('looser', '/materials/1/deferrable', '/materials/@参保缴费凭证/deferrable'));
      expect(m((ms) => void delete ms[1]!.deferrable)).toEqual(sole('looser', '/materials/1/deferrable', '/materials/@参保缴费凭证/deferrable'));
      expect(m((ms) => void (ms[0]!.deferrable = true))).toEqual(sole('tightened', '/materials/0/deferrable', '/materials/@居民身份证/deferrable'));
    });
    it('originals and copies: more is looser, fewer tightened', () => {
      expect(m((ms) => void (ms[0]!.originals = 2))).toEqual(sole('looser', '/materials/0/originals', '/materials/@居民身份证/originals'));
      expect(m((ms) => void (ms[1]!.copies = 0))).toEqual(sole('tightened', '/materials/1/copies', '/materials/@参保缴费凭证/copies'));
    });
    it('type, format and any other member are for review; a new order is nothing', () => {
      expect(m((ms) => {
        ms[0]!.type = '原件和复印件';
        ms[0]!.format = '电子';
      })).toEqual([
        ['review', '/materials/0/type', '/materials/@居民身份证/type'],
        ['review', '/materials/0/format', '/materials/@居民身份证/format'],
      ]);
      expect(m((ms) => void ms.reverse())).toEqual([]);
    });
  });

  it('promisedLimit, visits and fee keep their orders', () => {
    expect(kinds(edited((i) => void (i.promisedLimit = { days: 20, unit: '工作日' })))).toEqual(sole('looser', '/promisedLimit'));
    expect(kinds(edited((i) => void (i.visits = 0)))).toEqual(sole('tightened', '/visits'));
    expect(kinds(edited((i) => void (i.fee = { charged: true, basis: 'x', items: [] })))).toEqual(sole('looser', '/fee/charged'));
  });
});

describe('local and review', () => {
  it('local elements never differ', () => {
    const ours = edited((i) => {
      Object.assign(i, {
        taskCode: 'X', localCatalogCode: 'L1', localTaskCode: 'L2', powerSource: '上级下放', jointDepts: ['财政局'], places: [{ address: '别处' }],
        consultPhone: '1', complaintPhone: '2', onlineUrl: 'https://a.example', mobileUrl: 'https://m.example', inHall: false,
        resultSample: 'files/x.pdf', version: 3, effectiveDate: '2027-01-01', cancelDate: '2028-01-01', status: '暂停',
      });
      i.dept = { name: '别的部门', creditCode: '11420102MB1234562E', nature: '法定机关' };
    });
    expect(kinds(ours)).toEqual([]);
  });

  it('dept.nature and dept.entrustedBy are review members of a local element', () => {
    const ours = edited((i) => void (i.dept = { name: '某中心', creditCode: 'Y', nature: '受委托组织', entrustedBy: '湖北省人力资源和社会保障厅' }));
    expect(kinds(ours)).toEqual([
      ['review', '/dept/nature', '/dept/nature'],
      ['review', '/dept/entrustedBy', '/dept/entrustedBy'],
    ]);
  });

  it('specialProcedures, quantityLimit and the limit notes are review; procedures keyed by name', () => {
    const ours = edited((i) => {
      list(i, 'specialProcedures')[0]!.days = 30;
      i.quantityLimit = '每人限一次';
      i.promisedLimitNote = '不含公示时间';
    });
    expect(kinds(ours)).toEqual([
      ['review', '/promisedLimitNote', '/promisedLimitNote'],
      ['review', '/specialProcedures/0/days', '/specialProcedures/@专家评审/days'],
      ['review', '/quantityLimit', '/quantityLimit'],
    ]);
  });

  it('fields: overrides by member', () => {
    const nature = edited((i) => void (i.dept = { ...(i.dept as Mutable), nature: '授权组织' }));
    expect(kinds(nature, { classes: resolveFieldClasses({ 'dept.nature': 'local' }) })).toEqual([]);
    expect(kinds(nature, { classes: resolveFieldClasses({ 'dept.nature': 'locked' }) })).toEqual(sole('locked', '/dept/nature'));
    const resultName = edited((i) => void (i.result = { type: '其他', name: '转移凭证' }));
    expect(kinds(resultName, { classes: resolveFieldClasses({ 'result.name': 'review' }) })).toEqual(sole('review', '/result/name'));
    expect(kinds(edited((i) => void (i.result = { type: '证照', name: '参保缴费凭证' })), { classes: resolveFieldClasses({ 'result.name': 'review' }) })).toEqual(
      sole('locked', '/result'),
    );
  });
});

describe('handling items matched by seq', () => {
  it('inside a matched handling item each element follows its class, by seq whatever the order', () => {
    const ours = edited((i) => {
      const [first, second] = list(i, 'handlingItems');
      (first!.materials as Mutable[]).push({ name: '调出证明', necessity: '必要', type: '原件', format: '纸质' });
      i.handlingItems = [second, first];
    });
    expect(kinds(ours)).toEqual(sole('looser', '/handlingItems/1/materials/1', '/handlingItems/@01/materials/@调出证明'));
  });

  it("an element a handling item gives is compared with the parent's item where the parent's handling item does not give it", () => {
    const longer = edited((i) => void (list(i, 'handlingItems')[1]!.promisedLimit = { days: 20, unit: '工作日' }));
    expect(kinds(longer)).toEqual(sole('looser', '/handlingItems/1/promisedLimit', '/handlingItems/@02/promisedLimit'));
    const same = edited((i) => void (list(i, 'handlingItems')[1]!.promisedLimit = { days: 15, unit: '工作日' }));
    expect(kinds(same)).toEqual([]);
    // and ours inherits from our item where our handling item does not give it
    const parent = edited((i) => void (list(i, 'handlingItems')[1]!.visits = 0));
    expect(kinds(base, { parent })).toEqual(sole('looser', '/handlingItems/1/visits', '/handlingItems/@02/visits'));
  });

  it('a handling item only one side has is only the locked set', () => {
    expect(kinds(edited((i) => void list(i, 'handlingItems').pop()))).toEqual(sole('locked', '/handlingItems'));
  });
});

describe('lifecycle, local items and missing', () => {
  const withStatus = (status: string | undefined) => edited((i) => (status === undefined ? void delete i.status : void (i.status = status)));

  it('level-cancelled: the baseline cancelled it and we have not', () => {
    const cancelled = withStatus('取消');
    expect(kinds(withStatus('在用'), { baseline: cancelled, parent: cancelled })).toEqual(sole('cancelled', '/status'));
    expect(kinds(withStatus('暂停'), { baseline: cancelled, parent: cancelled })).toEqual(sole('cancelled', '/status'));
    expect(kinds(withStatus('取消'), { baseline: cancelled, parent: cancelled })).toEqual([]);
    expect(compare(withStatus(undefined), { baseline: cancelled, parent: cancelled })[0]).toMatchObject({ rule: 'level-cancelled', against: PROVINCE, ours: '在用', theirs: '取消' });
  });

  it('level-suspended: the baseline suspended it and ours is in use (absent = 在用)', () => {
    const suspended = withStatus('暂停');
    expect(kinds(withStatus(undefined), { baseline: suspended, parent: suspended })).toEqual(sole('suspended', '/status'));
    expect(kinds(withStatus('暂停'), { baseline: suspended, parent: suspended })).toEqual([]);
    expect(kinds(withStatus('取消'), { baseline: suspended, parent: suspended })).toEqual([]);
    expect(kinds(withStatus('在用'))).toEqual([]);
  });

  it('level-local for an item a region establishes (localItems), level-unknown otherwise', () => {
    expect(kinds(base, { baseline: null, local: true })).toEqual(sole('local', ''));
    expect(kinds(base, { baseline: null })).toEqual(sole('unknown', ''));
    expect(isLocalItem('420100101000', [{ localItems: [] }, { localItems: ['420100101000'] }])).toBe(true);
    expect(isLocalItem('420100101000', [{}, { localItems: ['420100102000'] }])).toBe(false);
  });

  it('level-missing only for baseline items in use whose useLevel includes the level', () => {
    const items = new Map([
      ['002000101000', base],
      ['002000102000', edited((i) => void (i.status = '暂停'))],
      ['002000103000', edited((i) => void (i.status = '取消'))],
      ['002000104000', edited((i) => void delete i.status)],
      ['002000105000', edited((i) => void (i.useLevel = ['省级']))],
    ]);
    const missing = missingItems({ region: { code: COUNTY, level: '县级', items: new Map() }, ancestors: [{ code: PROVINCE, level: '省级', items }] });
    expect(missing.map((d) => d.catalogCode)).toEqual(['002000101000', '002000104000']);
  });
});

describe('the new rules in the registry and their messages', () => {
  it('have the spec severities', () => {
    expect(['level-local', 'level-cancelled', 'level-suspended'].map((r) => ruleInfo(r).severity)).toEqual(['info', 'error', 'warning']);
  });

  it('say what differs, in both languages', () => {
    const message = (ours: Item, opts: Opts = {}) => compare(ours, opts).map((d) => discrepancyMessage(d, { ours, theirs: opts.parent ?? base }));
    const cancelled = edited((i) => void (i.status = '取消'));
    expect(message(base, { baseline: cancelled, parent: cancelled })[0]).toEqual({
      zh: '省级（420000）已取消该事项，本级事项状态为 在用',
      en: 'the baseline (420000) has cancelled this item; its status here is 在用',
    });
    expect(message(base, { baseline: null, local: true })[0]!.zh).toContain('本地依法设立');
    expect(message(edited((i) => void (i.onlineDepth = ['互联网咨询'])))[0]!.zh).toContain('缺少上级（420000）提供的 互联网收件、互联网预审、互联网受理');
    expect(message(edited((i) => void (i.handleArea = '全县')))[0]!.zh).toBe('通办范围 全县 窄于上级（420000）全市');
    expect(message(edited((i) => void (i.express = false)))[0]!.en).toContain('no here, yes at the parent (420000)');
  });
});
