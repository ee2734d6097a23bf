// Realistic items for the level tests: a province baseline item and copies to vary.
import type { Item } from '../../src/catalog/types.js';

export function baselineItem(): Item {
  return {
    catalogCode: '002000101000',
    name: '城镇职工基本养老保险关系转移接续',
    type: '公共服务',
    basis: [
      { law: '《中华人民共和国社会保险法》', article: '第十九条' },
      { law: '《城镇企业职工基本养老保险关系转移接续暂行办法》', article: '第三条' },
    ],
    useLevel: ['省级', '市级', '县级'],
    taskCode: '11420000MB0000001X2002000101000',
    dept: { name: '湖北省人力资源和社会保障厅', creditCode: '11420000MB0000001X', nature: '法定机关' },
    serviceObjects: ['自然人'],
    caseType: '承诺件',
    statutoryLimit: { days: 45, unit: '工作日' },
    promisedLimit: { days: 15, unit: '工作日' },
    visits: 1,
    visitsReason: '需现场核验身份',
    conditions: '参保人员跨统筹地区就业并在新就业地参保缴费的，可申请转移养老保险关系。',
    materials: [
      { name: '居民身份证', necessity: '必要', form: '原件', medium: '纸质', copies: 1, source: '申请人自备' },
      { name: '参保缴费凭证', necessity: '必要', form: '复印件', medium: '纸质或电子', copies: 1, source: '政府部门核发' },
      { name: '委托书', necessity: '容缺', form: '原件', medium: '纸质', copies: 1, source: '申请人自备' },
    ],
    steps: [
      { name: '受理', days: 1 },
      { name: '审核', days: 10 },
      { name: '办结', days: 4 },
    ],
    fee: { charged: false },
    handlingForms: ['窗口办理', '网上办理'],
    onlineDepth: 3,
    handleArea: '全省通办',
    places: [{ address: '武汉市武昌区中北路1号政务服务中心', hours: '工作日 9:00-17:00' }],
    consultPhone: '027-87654321',
    complaintPhone: '12345',
    result: { type: '其他', name: '参保缴费凭证' },
  };
}

/** A deep copy with `change` applied to it. */
export function variant(base: Item, change: (item: Item) => void): Item {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

export function materialsOf(item: Item): Array<Record<string, unknown>> {
  return item.materials as Array<Record<string, unknown>>;
}

export function stepsOf(item: Item): Array<Record<string, unknown>> {
  return item.steps as Array<Record<string, unknown>>;
}
