// Items a city establishes under its own local regulations (地方性法规), outside the province's 通用目录: a
// 设区的市 has legislative power, and its list carries a few such items, named in its region.yaml `localItems`
// (spec §3 level-local). Each city gets one or two of the kinds below, named after the city's own regulation.
import { ITEM_TYPE_DIGITS } from '../schema/codes.js';
import type { GenItem } from './item.js';
import { hash32 } from './random.js';
import type { GenRegion } from './regions.js';

/** One kind of locally established item; `law` is the city's regulation without the city's name. */
interface LocalKind {
  make: (city: string) => Omit<GenItem, 'catalogCode'>;
}

const ID = { name: '居民身份证', necessity: '必要', type: '原件', format: '纸质或电子', originals: 1, source: '政府部门核发' } as const;

const KINDS: LocalKind[] = [
  {
    make: (city) => ({
      name: '养犬登记证核发', type: '行政许可', basis: [{ law: `《${city}养犬管理条例》`, article: '第十条' }], useLevel: ['市级'],
      dept: 'police', implementer: '法定机关', serviceObjects: ['自然人', '企业法人', '其他组织'], caseType: '承诺件',
      statutoryLimit: { days: 20, unit: '工作日' }, promisedLimit: { days: 5, unit: '工作日' }, visits: 1, visitsReason: '需现场核验犬只并植入电子标识',
      conditions: `在${city}重点管理区内养犬的，犬只已接种狂犬病疫苗，养犬人具有完全民事行为能力并有固定住所，每户限养一只。`,
      materials: [
        { name: '养犬登记申请表', necessity: '必要', type: '原件', format: '纸质或电子', originals: 1, source: '申请人自备' },
        { ...ID },
        { name: '犬只狂犬病免疫证明', necessity: '必要', type: '原件', format: '纸质', originals: 1, source: '其他' },
      ],
      steps: [{ name: '受理', days: 1 }, { name: '审核', days: 3 }, { name: '发证', days: 1 }], fee: { charged: false },
      handlingForms: ['窗口办理', '网上办理'], onlineDepth: ['互联网咨询', '互联网收件', '互联网预审'], quantityLimit: '每户限养一只',
      result: { type: '证照', name: '养犬登记证' },
    }),
  },
  {
    make: (city) => ({
      name: '见义勇为人员奖励', type: '行政奖励', basis: [{ law: `《${city}见义勇为人员奖励和保护条例》`, article: '第十二条' }], useLevel: ['市级'],
      dept: 'police', implementer: '法定机关', serviceObjects: ['自然人'], caseType: '承诺件', statutoryLimit: '无',
      promisedLimit: { days: 30, unit: '工作日' }, visits: 0,
      conditions: `在${city}行政区域内，不负有法定职责、法定义务的公民为保护国家利益、社会公共利益或者他人的人身、财产安全，挺身而出与违法犯罪行为作斗争或者抢险、救灾、救人，事迹突出的，经确认后给予奖励。`,
      materials: [
        { name: '见义勇为人员确认申请表', necessity: '必要', type: '原件', format: '纸质或电子', originals: 1, source: '申请人自备' },
        { name: '见义勇为事迹证明材料', necessity: '必要', type: '原件或复印件', format: '纸质或电子', originals: 1, source: '其他' },
      ],
      steps: [{ name: '申报', days: 2 }, { name: '调查核实', days: 15 }, { name: '评审公示', days: 10 }, { name: '奖励决定', days: 3 }],
      fee: { charged: false }, handlingForms: ['窗口办理', '快递申请'], onlineDepth: ['互联网咨询'], express: true,
      result: { type: '其他', name: '见义勇为荣誉证书和奖金' },
    }),
  },
  {
    make: (city) => ({
      name: '湖泊保护范围内临时占用审批', type: '行政许可', basis: [{ law: `《${city}湖泊保护条例》`, article: '第二十一条' }], useLevel: ['市级'],
      dept: 'water', implementer: '法定机关', serviceObjects: ['企业法人', '事业法人', '其他组织'], caseType: '承诺件',
      statutoryLimit: { days: 20, unit: '工作日' }, promisedLimit: { days: 10, unit: '工作日' }, visits: 1, visitsReason: '需现场核查占用范围',
      conditions: '因重大基础设施建设确需临时占用湖泊保护范围的，应当有经论证的占用方案和恢复措施，占用期限不超过两年，期满后恢复原状。',
      materials: [
        { name: '临时占用申请书', necessity: '必要', type: '原件', format: '纸质或电子', originals: 1, source: '申请人自备' },
        { name: '占用方案及湖泊影响论证报告', necessity: '必要', type: '原件', format: '纸质或电子', originals: 1, source: '申请人自备' },
        { name: '恢复原状承诺书', necessity: '必要', type: '原件', format: '纸质', originals: 1, source: '申请人自备' },
      ],
      steps: [{ name: '受理', days: 1 }, { name: '现场核查', days: 3 }, { name: '审查', days: 5 }, { name: '决定', days: 1 }],
      fee: { charged: false }, handlingForms: ['窗口办理', '网上办理'], onlineDepth: ['互联网咨询', '互联网收件', '互联网预审'],
      specialProcedures: [{ name: '专家评审', days: 15, unit: '工作日', note: '不计入办结时限' }],
      result: { type: '批文', name: '湖泊保护范围临时占用批准文件' },
    }),
  },
];

/**
 * The items `region` establishes itself: one or two for a city (by a hash of its code, so the choice does not
 * depend on any random stream), none elsewhere. Codes are the province's source digits 42, the type digits and a
 * main number 9 + the city's two digits + a sequence, far above the baseline's main numbers.
 */
export function localItemsOf(region: GenRegion): GenItem[] {
  if (region.level !== '市级') return [];
  const h = hash32(`local-items${region.code}`);
  const count = 1 + (h % 2);
  const out: GenItem[] = [];
  for (let n = 0; n < count; n++) {
    const item = KINDS[(h + n) % KINDS.length]!.make(region.name);
    const catalogCode = `42${ITEM_TYPE_DIGITS[item.type]}9${region.code.slice(2, 4)}${String(n + 1).padStart(2, '0')}000`;
    out.push({ catalogCode, ...item });
  }
  return out;
}
