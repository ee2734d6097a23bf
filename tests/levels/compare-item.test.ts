import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/catalog/types.js';
import { compareItem } from '../../src/levels/compare-item.js';
import { resolveFieldClasses, type FieldClasses } from '../../src/levels/field-classes.js';
import { baselineItem, materialsOf, stepsOf, variant } from './items.js';

const PROVINCE = '420000';
const CITY = '420100';
const COUNTY = '420102';
const base = baselineItem();

/** County item vs a city item (parent) and the province's (baseline); what matters for most tests: kind, path, values. */
function compare(ours: Item, opts: { parent?: Item; baseline?: Item | null; classes?: FieldClasses } = {}) {
  const baseline = opts.baseline === null ? undefined : (opts.baseline ?? base);
  return compareItem({
    region: COUNTY,
    catalogCode: '002000101000',
    ours,
    parent: opts.parent,
    parentRegion: opts.parent ? CITY : undefined,
    baseline,
    baselineRegion: PROVINCE,
    classes: opts.classes,
  });
}

const brief = (ds: ReturnType<typeof compare>) => ds.map((d) => ({ kind: d.kind, path: d.path, against: d.against, ours: d.ours, theirs: d.theirs }));

describe('compareItem', () => {
  it('finds nothing in an unchanged copy, and ignores local elements', () => {
    const ours = variant(base, (i) => {
      i.dept = { name: '武汉市江岸区人力资源和社会保障局', creditCode: '11420102MB1234562E', nature: '法定机关' };
      i.taskCode = '11420102MB1234562E4002000101000';
      i.places = [{ address: '江岸区市民之家' }];
      i.consultPhone = '027-12345678';
      i.complaintPhone = '027-1';
      i.powerSource = '上级下放';
      i.jointDepts = ['武汉市江岸区财政局'];
      i.onlineUrl = 'https://zwfw.example/1';
      i.inHall = false;
      i.version = 2;
      i.effectiveDate = '2026-01-01';
    });
    expect(compare(ours)).toEqual([]);
  });

  it('reports a locked element against the baseline, even when the parent has the same value', () => {
    const parent = variant(base, (i) => {
      i.name = '改过的名称';
    });
    const ours = structuredClone(parent);
    expect(brief(compare(ours, { parent }))).toEqual([
      { kind: 'locked', path: '/name', against: PROVINCE, ours: '改过的名称', theirs: base.name },
    ]);
  });

  it('reports locked lists once at the element, compared as a set / by law + article', () => {
    const reordered = variant(base, (i) => {
      (i.useLevel as string[]).reverse();
      (i.basis as unknown[]).reverse();
    });
    expect(compare(reordered)).toEqual([]);
    const ours = variant(base, (i) => {
      (i.basis as unknown[]).push({ law: '《湖北省实施办法》', article: '第五条' });
      i.useLevel = ['市级', '县级'];
    });
    expect(brief(compare(ours))).toEqual([
      { kind: 'locked', path: '/basis', against: PROVINCE, ours: ours.basis, theirs: base.basis },
      { kind: 'locked', path: '/useLevel', against: PROVINCE, ours: ['市级', '县级'], theirs: base.useLevel },
    ]);
  });

  it('compares everything but locked elements with the parent, not the baseline', () => {
    const parent = variant(base, (i) => {
      i.promisedLimit = { days: 10, unit: '工作日' };
      i.conditions = '市里的受理条件';
    });
    const ours = variant(parent, () => {});
    expect(compare(ours, { parent })).toEqual([]);
  });

  describe('tighten-only elements', () => {
    it('promisedLimit: longer is looser, shorter tightened, the same duration in other units nothing', () => {
      const parent = variant(base, (i) => {
        i.promisedLimit = { days: 10, unit: '工作日' };
      });
      const at = (days: number, unit: string) =>
        brief(compare(variant(parent, (i) => void (i.promisedLimit = { days, unit })), { parent }));
      expect(at(14, '自然日')).toEqual([]);
      expect(at(13, '自然日')).toEqual([
        { kind: 'tightened', path: '/promisedLimit', against: CITY, ours: { days: 13, unit: '自然日' }, theirs: { days: 10, unit: '工作日' } },
      ]);
      expect(at(15, '自然日').map((d) => d.kind)).toEqual(['looser']);
    });

    it('visits: more is looser, fewer tightened', () => {
      expect(brief(compare(variant(base, (i) => void (i.visits = 2))))).toEqual([
        { kind: 'looser', path: '/visits', against: PROVINCE, ours: 2, theirs: 1 },
      ]);
      expect(compare(variant(base, (i) => void (i.visits = 0))).map((d) => d.kind)).toEqual(['tightened']);
    });

    it('onlineDepth: only stage lists are ranked; a v1 level (read through the §8 mapping before it gets here) is for review', () => {
      const lower = compare(variant(base, (i) => void (i.onlineDepth = 2)));
      expect(lower.map((d) => [d.kind, d.path, d.ours, d.theirs])).toEqual([['review', '/onlineDepth', 2, 3]]);
      expect(compare(variant(base, (i) => void (i.onlineDepth = ['互联网咨询']))).map((d) => [d.kind, d.path])).toEqual([['review', '/onlineDepth']]);
    });

    it('fee: newly charged is looser at /fee/charged, dropped tightened; its items are not repeated', () => {
      const charged = { charged: true, basis: '《收费办法》', items: [{ name: '工本费', standard: '10元' }] };
      expect(brief(compare(variant(base, (i) => void (i.fee = charged))))).toEqual([
        { kind: 'looser', path: '/fee/charged', against: PROVINCE, ours: true, theirs: false },
      ]);
      const parent = variant(base, (i) => void (i.fee = charged));
      expect(compare(base, { parent }).map((d) => [d.kind, d.path])).toEqual([['tightened', '/fee/charged']]);
      const dearer = variant(parent, (i) => void ((i.fee as { items: Array<{ standard: string }> }).items[0]!.standard = '20元'));
      expect(compare(dearer, { parent }).map((d) => [d.kind, d.path])).toEqual([['review', '/fee/items/0/standard']]);
    });

    describe('materials', () => {
      it('a 必要 material the parent lacks is looser, at our index', () => {
        const extra = { name: '户口簿', necessity: '必要', form: '原件' };
        const ours = variant(base, (i) => void materialsOf(i).unshift(extra));
        expect(brief(compare(ours))).toEqual([{ kind: 'looser', path: '/materials/0', against: PROVINCE, ours: extra, theirs: undefined }]);
      });

      it('an optional material the parent lacks is for review', () => {
        const ours = variant(base, (i) => void materialsOf(i).push({ name: '户口簿', necessity: '非必要' }));
        expect(compare(ours).map((d) => [d.kind, d.path])).toEqual([['review', '/materials/3']]);
      });

      it('必要 where the parent has 容缺 is looser; the other way tightened', () => {
        const stricter = variant(base, (i) => void (materialsOf(i)[2]!.necessity = '必要'));
        expect(brief(compare(stricter))).toEqual([
          { kind: 'looser', path: '/materials/2', against: PROVINCE, ours: materialsOf(stricter)[2], theirs: materialsOf(base)[2] },
        ]);
        const relaxed = variant(base, (i) => void (materialsOf(i)[0]!.necessity = '容缺'));
        expect(compare(relaxed).map((d) => [d.kind, d.path])).toEqual([['tightened', '/materials/0']]);
      });

      it('a dropped material is tightened, at the parent\'s index', () => {
        const ours = variant(base, (i) => void materialsOf(i).splice(1, 1));
        expect(brief(compare(ours))).toEqual([
          { kind: 'tightened', path: '/materials/1', against: PROVINCE, ours: undefined, theirs: materialsOf(base)[1] },
        ]);
      });

      it('a reordered list is nothing; another field of an entry is a review at its path', () => {
        const ours = variant(base, (i) => {
          materialsOf(i).reverse(); // 委托书, 参保缴费凭证, 居民身份证
          materialsOf(i)[2]!.source = '其他';
        });
        expect(brief(compare(ours))).toEqual([{ kind: 'review', path: '/materials/2/source', against: PROVINCE, ours: '其他', theirs: '申请人自备' }]);
      });

      it('a relaxed material whose form also changed gives both', () => {
        const ours = variant(base, (i) => {
          materialsOf(i)[0]!.necessity = '非必要';
          materialsOf(i)[0]!.form = '复印件';
        });
        expect(compare(ours).map((d) => [d.kind, d.path])).toEqual([
          ['tightened', '/materials/0'],
          ['review', '/materials/0/form'],
        ]);
      });

      it('非必要 ↔ 容缺 is a review of the necessity', () => {
        const ours = variant(base, (i) => void (materialsOf(i)[2]!.necessity = '非必要'));
        expect(compare(ours).map((d) => [d.kind, d.path])).toEqual([['review', '/materials/2/necessity']]);
      });

      it('a renamed required material: the new name looser, the old one tightened', () => {
        const ours = variant(base, (i) => void (materialsOf(i)[0]!.name = '身份证'));
        expect(compare(ours).map((d) => [d.kind, d.path])).toEqual([
          ['looser', '/materials/0'],
          ['tightened', '/materials/0'],
        ]);
      });
    });
  });

  describe('review elements', () => {
    it('reports the deepest differing path', () => {
      const ours = variant(base, (i) => {
        i.conditions = '新的受理条件';
        stepsOf(i)[2]!.days = 3;
        i.dept = { ...(i.dept as object), nature: '受委托组织', entrustedBy: '湖北省人力资源和社会保障厅' };
      });
      expect(brief(compare(ours))).toEqual([
        { kind: 'review', path: '/dept/nature', against: PROVINCE, ours: '受委托组织', theirs: '法定机关' },
        { kind: 'review', path: '/dept/entrustedBy', against: PROVINCE, ours: '湖北省人力资源和社会保障厅', theirs: undefined },
        { kind: 'review', path: '/conditions', against: PROVINCE, ours: '新的受理条件', theirs: base.conditions },
        { kind: 'review', path: '/steps/2/days', against: PROVINCE, ours: 3, theirs: 4 },
      ]);
    });

    it('steps in another order are one review at /steps', () => {
      const ours = variant(base, (i) => void stepsOf(i).reverse());
      expect(brief(compare(ours))).toEqual([
        { kind: 'review', path: '/steps', against: PROVINCE, ours: ['办结', '审核', '受理'], theirs: ['受理', '审核', '办结'] },
      ]);
    });

    it('reports statutoryLimit 无 against a limit (locked), and keys only one side has', () => {
      const ours = variant(base, (i) => {
        i.statutoryLimit = '无';
        delete i.visitsReason;
      });
      expect(brief(compare(ours))).toEqual([
        { kind: 'locked', path: '/statutoryLimit', against: PROVINCE, ours: '无', theirs: base.statutoryLimit },
        { kind: 'review', path: '/visitsReason', against: PROVINCE, ours: undefined, theirs: '需现场核验身份' },
      ]);
    });
  });

  describe('reclassification through fields overrides', () => {
    it('conditions: locked compares with the baseline as a whole', () => {
      const parent = variant(base, (i) => void (i.conditions = '市里的条件'));
      const classes = resolveFieldClasses({ conditions: 'locked' });
      expect(brief(compare(structuredClone(parent), { parent, classes }))).toEqual([
        { kind: 'locked', path: '/conditions', against: PROVINCE, ours: '市里的条件', theirs: base.conditions },
      ]);
    });

    it('promisedLimit: review reports the changed days instead of ranking them', () => {
      const ours = variant(base, (i) => void (i.promisedLimit = { days: 20, unit: '工作日' }));
      expect(compare(ours, { classes: resolveFieldClasses({ promisedLimit: 'review' }) }).map((d) => [d.kind, d.path])).toEqual([
        ['review', '/promisedLimit/days'],
      ]);
    });

    it('conditions: local and name: review', () => {
      const ours = variant(base, (i) => {
        i.conditions = '本地条件';
        i.name = '别名';
      });
      expect(compare(ours, { classes: resolveFieldClasses({ conditions: 'local', name: 'review' }) }).map((d) => [d.kind, d.path])).toEqual([
        ['review', '/name'],
      ]);
    });
  });

  it('an item without a baseline item is unknown, and is still compared with a parent that has it', () => {
    const parent = variant(base, (i) => void (i.visits = 0));
    const ds = compare(base, { parent, baseline: null });
    expect(brief(ds)).toEqual([
      { kind: 'unknown', path: '', against: PROVINCE, ours: base.name, theirs: undefined },
      { kind: 'looser', path: '/visits', against: CITY, ours: 1, theirs: 0 },
    ]);
    expect(ds[0]!.rule).toBe('level-unknown');
  });

  it('fills rule, key and fingerprint, and leaves an absent value out entirely', () => {
    const ours = variant(base, (i) => void materialsOf(i).splice(1, 1));
    const [d] = compare(ours);
    expect(d).toMatchObject({ region: COUNTY, catalogCode: '002000101000', rule: 'level-tightened', path: '/materials/1', key: '420102/002000101000#/materials/@参保缴费凭证' });
    expect(d!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(Object.keys(d!)).toEqual(['region', 'catalogCode', 'against', 'path', 'kind', 'rule', 'theirs', 'key', 'fingerprint']);
  });
});
