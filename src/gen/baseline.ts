// The province's baseline (通用目录): `count` items built from department × action × object, each with
// real-looking legal bases, limits, materials and steps that are consistent with every item rule.
import { ITEM_TYPE_DIGITS, ONLINE_STAGES, type ItemType } from '../schema/codes.js';
import {
  CASE_MATERIALS, COMMON_MATERIALS, DEPTS, MATERIAL_NOTES, type Activity, type Dept, type Permit,
} from './departments.js';
import type { GenItem, Implementer, Limit, Material, Step } from './item.js';
import { chineseNumber, Random } from './random.js';

/** One main item and its sub-items (子项), which share the main code (sub 001, 002, …; a lone main item is 000). */
interface Candidate {
  type: ItemType;
  dept: Dept;
  names: string[];
  /** the variant of each name: 新办 变更 延续 注销 补证, or '' */
  variants: string[];
  permit?: Permit;
  activity?: Activity;
  /** the local (湖北省) item set: source digits 42 instead of 00 */
  local: boolean;
}

/** Share of each item type in the baseline, roughly as in a province's 政务服务事项 list. */
const TYPE_WEIGHTS: ReadonlyArray<readonly [ItemType, number]> = [
  ['行政许可', 28], ['公共服务', 24], ['行政处罚', 12], ['行政确认', 8], ['行政检查', 7], ['行政给付', 5], ['其他行政权力', 6],
  ['行政强制', 3], ['行政征收', 2], ['行政奖励', 3], ['行政裁决', 2],
];

/** 行使层级: most items are exercised at every level or in cities and counties. */
const USE_LEVELS: ReadonlyArray<readonly [string[], number]> = [
  [['省级', '市级', '县级'], 72], [['市级', '县级'], 24], [['省级', '市级'], 1.2], [['县级', '乡镇级'], 1.3], [['省级'], 1.5],
];

const VARIANTS = ['新办', '变更', '延续', '注销', '补证'] as const;

function candidates(): Candidate[] {
  const out: Candidate[] = [];
  // Names are unique in a catalog: the same subject (建设单位) under two departments gives one item.
  const seen = new Set<string>();
  const add = (type: ItemType, dept: Dept, names: string[], extra: Partial<Candidate> = {}) => {
    if (names.some((n) => seen.has(n))) return;
    for (const n of names) seen.add(n);
    out.push({ type, dept, names, variants: names.map(() => ''), local: false, ...extra });
  };
  for (const dept of DEPTS) {
    for (const permit of dept.permits) {
      // A decision (批文) has no certificate to renew, cancel or replace.
      const variants = permit.doc ? [...VARIANTS] : ['新办', '变更'];
      if (seen.has(permit.name)) continue;
      add('行政许可', dept, variants.map((v) => `${permit.name}（${v}）`), { permit, variants });
      seen.add(permit.name);
    }
    for (const activity of dept.activities) {
      const [a, s] = activity;
      for (const name of [
        `对未经许可擅自从事${a}活动的处罚`, `对${s}未按规定建立健全管理制度的处罚`, `对${s}伪造、涂改、出租、出借许可证件的处罚`,
        `对${s}拒绝、阻碍监督检查的处罚`, `对${s}未按规定报送有关材料的处罚`, `对${s}超出许可范围从事${a}活动的处罚`,
        `对${s}隐瞒有关情况或者提供虚假材料取得许可的处罚`, `对${s}未按规定履行安全管理义务的处罚`,
        `对${s}未按规定建立和保存台账记录的处罚`, `对${s}未按规定公示许可证件的处罚`,
      ]) add('行政处罚', dept, [name], { activity });
      add('行政检查', dept, [`对${s}的监督检查`], { activity });
      add('行政检查', dept, [`对${a}活动的专项检查`], { activity });
      add('行政检查', dept, [`对${s}落实安全管理责任情况的检查`], { activity });
      add('行政强制', dept, [`对${a}违法行为涉及的场所、设施、财物的查封、扣押`], { activity });
      add('行政强制', dept, [`对拒不履行${a}行政处罚决定的${s}加处罚款`], { activity });
      add('行政奖励', dept, [`对举报${a}违法行为有功人员的奖励`], { activity });
      add('行政奖励', dept, [`对在${a}管理工作中成绩显著的单位和个人的表彰`], { activity });
      add('其他行政权力', dept, [`${s}年度报告公示`], { activity });
      add('其他行政权力', dept, [`${a}重大事项报告`], { activity });
      add('公共服务', dept, [`${a}政策咨询`], { activity });
      add('公共服务', dept, [`${a}信息查询`], { activity });
      add('公共服务', dept, [`${a}投诉举报受理`], { activity });
    }
    for (const name of dept.confirms ?? []) add('行政确认', dept, [name]);
    for (const name of dept.payments ?? []) add('行政给付', dept, [name]);
    for (const name of dept.levies ?? []) add('行政征收', dept, [name]);
    for (const name of dept.rulings ?? []) add('行政裁决', dept, [name]);
    for (const name of dept.awards ?? []) add('行政奖励', dept, [name]);
    for (const name of dept.filings ?? []) add('其他行政权力', dept, [name]);
    for (const name of dept.services) add('公共服务', dept, [name]);
  }
  return out;
}

/** How many baseline items the name pool can always give (a permit may end up a lone item). */
export function maxBaselineItems(): number {
  return candidates().reduce((n, c) => n + (c.permit ? 1 : c.names.length), 0);
}

/** The baseline: `count` items in catalogCode order, deterministic for `seed`. */
export function buildBaseline(seed: string, count: number): GenItem[] {
  const rng = new Random(seed, 'baseline');
  const pools = new Map<ItemType, Candidate[]>();
  for (const c of rng.shuffle(candidates())) {
    // A permit is a lone main item about a third of the time, otherwise a main item with sub-items.
    if (c.type === '行政许可') {
      if (rng.chance(0.3)) {
        c.names = [c.permit!.name];
        c.variants = [''];
      } else {
        const subs = c.variants.map((_, i) => i).slice(1);
        const keep = rng.sample(subs, rng.int(1, subs.length));
        c.names = [c.names[0]!, ...keep.map((i) => c.names[i]!)];
        c.variants = [c.variants[0]!, ...keep.map((i) => c.variants[i]!)];
      }
    }
    c.local = rng.chance(0.06);
    let pool = pools.get(c.type);
    if (!pool) pools.set(c.type, (pool = []));
    pool.push(c);
  }
  const max = maxBaselineItems();
  if (count > max) throw new RangeError(`at most ${max} baseline items can be generated`);

  const chosen: Candidate[] = [];
  let total = 0;
  while (total < count) {
    const open = TYPE_WEIGHTS.filter(([type]) => (pools.get(type)?.length ?? 0) > 0);
    if (open.length === 0) break; // cannot happen below maxBaselineItems with permits kept whole
    const type = rng.weighted(open);
    const c = pools.get(type)!.shift()!;
    if (total + c.names.length > count) {
      c.names = c.names.slice(0, count - total);
      c.variants = c.variants.slice(0, c.names.length);
      if (c.names.length === 1 && c.permit) {
        c.names = [c.permit.name];
        c.variants = [''];
      }
    }
    chosen.push(c);
    total += c.names.length;
  }

  // Codes: per source and type, main numbers ascend with small gaps (retired items leave holes).
  const next = new Map<string, number>();
  const items: GenItem[] = [];
  for (const c of chosen) {
    const source = c.local ? '42' : '00';
    const key = source + ITEM_TYPE_DIGITS[c.type];
    const main = (next.get(key) ?? 0) + rng.int(1, 3);
    next.set(key, main);
    const prefix = key + String(main).padStart(5, '0');
    const lone = c.names.length === 1 && c.variants[0] === '';
    const useLevel = rng.weighted(USE_LEVELS);
    for (let i = 0; i < c.names.length; i++) {
      const code = prefix + (lone ? '000' : String(i + 1).padStart(3, '0'));
      items.push(buildItem(rng, c, c.names[i]!, c.variants[i]!, code, useLevel));
    }
  }
  items.sort((a, b) => (a.catalogCode < b.catalogCode ? -1 : a.catalogCode > b.catalogCode ? 1 : 0));
  return items;
}

// ---- one item ------------------------------------------------------------------------------------------

const PERSONAL = /医师|护士|律师|教师|婚|户口|出生|身份证|社会保障卡|养老保险|失业|工伤|退役|抚恤|救助|补贴|生育|居住证|无犯罪|学籍|入学|学历|医保|医疗保险|法律援助|优待|光荣|伤残|津贴|助学|扶助|烈士|借阅|异地就医|慢特病|档案|就业|报名|资格认定/;

const VISIT_REASONS = [
  '需现场核验申请人身份并提交纸质申请材料', '需现场核查经营场所和设施设备', '需现场领取纸质证照', '需现场签署法律文书',
  '需现场采集人像和指纹信息', '需现场查验原件',
];

function buildItem(rng: Random, c: Candidate, name: string, variant: string, catalogCode: string, useLevel: string[]): GenItem {
  const dept = c.dept;
  const type = c.type;
  const stem = stemOf(c, name);
  const laws = lawsFor(rng, dept, stem + name);
  const basis = laws.map((law) => ({ law: law.name, article: `第${chineseNumber(rng.pick(law.articles))}条` }));
  const lawShort = laws[0]!.name.slice(1, -1);
  const personal = PERSONAL.test(name);

  let implementer: Implementer = '法定机关';
  if (dept.center && ['公共服务', '行政给付', '行政确认'].includes(type)) {
    implementer = rng.weighted([['授权组织', 55], ['受委托组织', 10], ['法定机关', 35]] as const);
  }

  const serviceObjects = personal
    ? ['自然人']
    : type === '行政奖励'
      ? ['自然人', '企业法人', '其他组织']
      : rng.weighted([
        [['企业法人', '事业法人', '其他组织'], 4], [['企业法人'], 2], [['自然人', '企业法人', '其他组织'], 3],
        [['企业法人', '事业法人', '社会组织法人', '其他组织'], 2], [['自然人'], 1],
      ] as const).slice();

  // Limits and case type.
  let statutory: Limit | '无' = '无';
  let promised: Limit = { days: 0, unit: '工作日' };
  let caseType: '即办件' | '承诺件' = '承诺件';
  const commit = (days: number, unit: Limit['unit'] = '工作日') => {
    promised = { days: Math.max(1, days), unit };
  };
  switch (type) {
    case '行政许可': {
      statutory = { days: rng.weighted([[20, 8], [10, 1], [15, 1], [30, 1], [45, 1], [60, 1]] as const), unit: '工作日' };
      const share = variant === '注销' || variant === '补证' ? 0.1 : variant === '变更' || variant === '延续' ? 0.25 : 0.3 + rng.next() * 0.3;
      commit(Math.round(statutory.days * share));
      break;
    }
    case '行政处罚':
      statutory = { days: 90, unit: '自然日' };
      commit(rng.pick([45, 60, 60, 90]), '自然日');
      break;
    case '行政强制':
      statutory = { days: 30, unit: '自然日' };
      commit(rng.pick([15, 20, 30]), '自然日');
      break;
    case '行政检查':
      commit(rng.pick([10, 15, 20, 30]));
      break;
    case '行政征收':
      caseType = '即办件';
      break;
    case '行政给付':
      if (rng.chance(0.4)) statutory = { days: 30, unit: '工作日' };
      commit(rng.int(5, 20));
      break;
    case '行政确认':
      if (rng.chance(0.3)) caseType = '即办件';
      else {
        statutory = rng.chance(0.6) ? { days: rng.pick([20, 30]), unit: '工作日' } : '无';
        commit(rng.int(3, 10));
      }
      break;
    case '行政奖励':
      commit(rng.pick([30, 45, 60]));
      break;
    case '行政裁决':
      statutory = { days: 60, unit: '工作日' };
      commit(rng.pick([30, 45]));
      break;
    case '其他行政权力':
      if (rng.chance(0.35)) caseType = '即办件';
      else {
        if (rng.chance(0.4)) statutory = { days: 20, unit: '工作日' };
        commit(rng.int(2, 7));
      }
      break;
    case '公共服务':
      if (rng.chance(0.5)) caseType = '即办件';
      else commit(rng.int(2, 15));
      break;
  }

  const enforcement = type === '行政处罚' || type === '行政强制' || type === '行政检查';
  const visits = enforcement ? 0 : type === '行政许可' ? (rng.chance(0.6) ? 1 : 0) : rng.chance(0.4) ? 1 : 0;
  const handlingForms = enforcement
    ? ['窗口办理']
    : rng.weighted([
      [['窗口办理', '网上办理'], 5], [['窗口办理', '网上办理', '移动端办理'], 3], [['窗口办理', '网上办理', '快递申请'], 1],
      [['窗口办理'], 1],
    ] as const).slice();
  // Stages open online: consulting only offline; 全程网办 (through 结果信息反馈) only with no visit (online-visits).
  const stages = !handlingForms.includes('网上办理') ? 1 : visits === 0 ? rng.pick([5, 6, 7, 7]) : rng.pick([3, 4, 5, 5]);
  const onlineDepth = ONLINE_STAGES.slice(0, stages);

  const item: GenItem = {
    catalogCode, name, type, basis, useLevel, dept: dept.key, implementer, serviceObjects, caseType,
    statutoryLimit: statutory, promisedLimit: promised, visits,
    conditions: conditionsOf(rng, type, c, name, variant, stem, lawShort),
    materials: materialsOf(rng, type, c, name, variant, personal),
    steps: [],
    fee: { charged: false },
    handlingForms, onlineDepth,
    result: { type: '无' },
  };
  if (visits > 0) item.visitsReason = rng.pick(VISIT_REASONS);
  item.steps = stepsOf(rng, type, variant, item.promisedLimit.days, caseType);
  if (c.dept.key === 'land' && type === '行政确认') {
    item.fee = {
      charged: true, basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》',
      items: [{ name: '住宅类不动产登记费', standard: '每件80元' }, { name: '非住宅类不动产登记费', standard: '每件550元' }],
    };
  } else if ((type === '行政许可' || type === '行政确认') && rng.chance(0.04)) {
    item.fee = { charged: true, basis: '《湖北省行政事业性收费目录清单》', items: [{ name: `${stem}证书工本费`, standard: '每证10元' }] };
  }
  item.result = resultOf(rng, type, c, name, stem) ?? { type: '无' };
  addV2Elements(rng, item, enforcement);
  return item;
}

const SPECIAL_PROCEDURES = [
  { name: '专家评审', days: 20, unit: '工作日', note: '不计入办结时限' },
  { name: '听证', days: 20, unit: '工作日', note: '不计入办结时限' },
  { name: '现场勘查', days: 10, unit: '工作日', note: '不计入办结时限' },
  { name: '公示', days: 7, unit: '自然日', note: '不计入办结时限' },
] as const;
const INTERMEDIARIES = [
  { name: '环境影响评价报告编制', basis: '《中华人民共和国环境影响评价法》第十九条' },
  { name: '安全评价报告编制', basis: '《中华人民共和国安全生产法》第七十二条' },
  { name: '建设工程施工图设计文件审查', basis: '《建设工程质量管理条例》第十一条' },
  { name: '消防设施检测', basis: '《中华人民共和国消防法》第三十四条' },
  { name: '房屋安全鉴定', basis: '《城市危险房屋管理规定》第六条' },
] as const;
const PORTAL = 'https://zwfw.hubei.gov.cn';

/**
 * The optional v2 elements, each on a realistic share of items: lifecycle (1% 暂停, 1% 取消), versions, limit
 * notes, special procedures and intermediaries on permits, quantity limits, 通办范围 全省, service flags,
 * blank forms, examples and result samples (portal URLs), and handling items (委托代理 split) on a few.
 */
function addV2Elements(rng: Random, item: GenItem, enforcement: boolean): void {
  const permit = item.type === '行政许可';
  const lifecycle = rng.next();
  if (lifecycle < 0.01) item.status = '暂停';
  else if (lifecycle < 0.02) [item.status, item.cancelDate] = ['取消', `2026-${String(rng.int(1, 12)).padStart(2, '0')}-01`];
  if (rng.chance(0.3)) [item.version, item.effectiveDate] = [rng.int(1, 4), `202${rng.int(3, 6)}-${String(rng.int(1, 12)).padStart(2, '0')}-01`];
  if (item.statutoryLimit !== '无' && rng.chance(0.15)) item.statutoryLimitNote = '依法需要听证、检验、检测、鉴定和专家评审的，所需时间不计算在期限内';
  if (item.caseType === '承诺件' && rng.chance(0.2)) item.promisedLimitNote = '自受理之日起计算，不含申请人补正材料的时间';
  if (permit && rng.chance(0.2)) item.specialProcedures = [{ ...rng.pick(SPECIAL_PROCEDURES) }];
  if (permit && rng.chance(0.4)) item.quantityLimit = rng.chance(0.9) ? '无数量限制' : '按本行政区域规划布局控制总量';
  if (permit && rng.chance(0.08)) item.intermediaries = [{ ...rng.pick(INTERMEDIARIES) }];
  if (!enforcement && rng.chance(0.25)) item.handleArea = '全省';
  const online = item.handlingForms.includes('网上办理') || item.handlingForms.includes('移动端办理');
  // With no visit and no online channel the result can only reach the applicant by post (zero-visit-delivery).
  if (item.visits === 0 && !online) item.express = true;
  else if (rng.chance(0.35)) item.express = true;
  if (item.fee.charged) item.payOnline = rng.chance(0.7);
  if (!enforcement && rng.chance(0.4)) item.appointment = true;
  const first = item.materials[0];
  if (first?.name.endsWith('申请表') && rng.chance(0.6)) {
    first.blankForm = `${PORTAL}/bszn/forms/${item.catalogCode}-01.docx`;
    if (rng.chance(0.3)) first.example = `${PORTAL}/bszn/examples/${item.catalogCode}-01.pdf`;
  }
  if ((item.result.type === '证照' || item.result.type === '批文') && rng.chance(0.15)) item.resultSample = `${PORTAL}/bszn/samples/${item.catalogCode}.pdf`;
  if (!enforcement && item.materials.length >= 3 && rng.chance(0.04)) {
    const proxy: Material[] = [
      { name: '授权委托书', necessity: '必要', type: '原件', format: '纸质', originals: 1, source: '申请人自备' },
      { name: '代理人身份证明', necessity: '必要', type: '原件或复印件', format: '纸质或电子', source: '申请人自备' },
    ];
    item.handlingItems = [
      { seq: '01', name: `${item.name}（本人申请）` },
      { seq: '02', name: `${item.name}（委托代理人申请）`, materials: [...item.materials, ...proxy] },
    ];
  }
}

/** The law that best matches the item (most shared two-character words), sometimes with a second one. */
function lawsFor(rng: Random, dept: Dept, text: string): Dept['laws'] {
  const words = new Set<string>();
  for (let i = 0; i + 2 <= text.length; i++) words.add(text.slice(i, i + 2));
  const score = (law: string) => {
    let n = 0;
    for (let i = 0; i + 2 <= law.length; i++) if (words.has(law.slice(i, i + 2))) n++;
    return n;
  };
  const scores = dept.laws.map((law) => score(law.name));
  const best = Math.max(...scores);
  const first = rng.pick(dept.laws.filter((_, i) => scores[i] === best));
  if (dept.laws.length < 2 || !rng.chance(0.25)) return [first];
  return [first, rng.pick(dept.laws.filter((law) => law !== first))];
}

/** The activity an item is about: the permit without its action word, or the named item's own stem. */
function stemOf(c: Candidate, name: string): string {
  if (c.activity) return c.activity[0];
  const base = c.permit ? c.permit.name : name;
  return base.replace(/(许可|审批|核准|登记|审核|审查|核发|注册|验收|认定|设立|资格)+$/, '') || base;
}

const LICENCE_CONDITIONS = [
  (s: string) => `具有与${s}相适应的场所、设施和设备`,
  (s: string) => `具有与${s}相适应的专业技术人员和管理人员`,
  (s: string) => `建立健全${s}质量安全管理制度和岗位责任制度`,
  (_: string, law: string) => `近三年内未因违反《${law}》受到行政处罚`,
  () => '符合国家和本省规定的有关技术标准、规范和规划要求',
  () => '具有保证安全和质量的组织管理措施和应急处置预案',
];

function conditionsOf(rng: Random, type: ItemType, c: Candidate, name: string, variant: string, stem: string, law: string): string {
  const subject = c.activity?.[1] ?? '申请人';
  const doc = c.permit?.doc ?? '批准文件';
  switch (type) {
    case '行政许可': {
      if (variant === '变更') return `已依法取得${doc}，许可事项或者登记事项发生变化的，应当在变化之日起三十日内提出变更申请，变更后仍符合《${law}》规定的许可条件。`;
      if (variant === '延续') return `${doc}有效期届满需要延续的，应当在有效期届满三十日前提出延续申请，且持续符合${stem}的许可条件，有效期内未发生重大违法违规行为。`;
      if (variant === '补证') return `${doc}遗失或者损毁的，持证人应当及时申请补发；补发的${doc}与原证件的许可事项和有效期一致，原证件自补发之日起作废。`;
      if (variant === '注销') return `${doc}有效期届满未延续、申请人依法终止或者主动申请注销，以及依法被撤销、撤回或者吊销许可的，应当办理注销手续。`;
      const picked = rng.sample(LICENCE_CONDITIONS, 3).map((f) => f(stem, law));
      const list = ['申请人为依法设立的法人、非法人组织或者具有完全民事行为能力的自然人', ...picked, '法律、法规规定的其他条件'];
      return `申请人应当符合下列条件：${list.map((t, i) => `（${chineseNumber(i + 1)}）${t}`).join('；')}。`;
    }
    case '行政处罚':
      return `${subject}存在违反《${law}》规定的违法行为，违法事实清楚、证据确凿，依法应当给予行政处罚；违法行为轻微并及时改正，没有造成危害后果的，依法不予行政处罚；初次违法且危害后果轻微并及时改正的，可以不予行政处罚。`;
    case '行政检查':
      return `依据《${law}》，对${subject}的${stem}活动开展日常监督检查、专项检查和“双随机、一公开”抽查，检查人员不少于两人并出示执法证件，检查结果依法向社会公开。`;
    case '行政强制':
      return `${subject}涉嫌违反《${law}》，有证据证明有关场所、设施或者财物可能被转移、隐匿、损毁，或者可能危害人体健康、公共安全的，依法报经批准后采取查封、扣押等行政强制措施。`;
    case '行政征收':
      return `属于${name.replace(/征收$/, '')}征收范围的单位和个人，应当按照规定的标准和期限申报缴纳；符合国家和本省减免政策的，依法予以减免或者缓缴。`;
    case '行政给付':
      return `申请人为本行政区域内具有本地户籍或者持有居住证的居民，符合${name.replace(/(发放|给付|支付)$/, '')}对象的认定标准，家庭收入和财产状况符合规定，经审核、公示无异议后按规定发放。`;
    case '行政确认':
      return `申请人提交的材料真实、完整、有效，符合《${law}》规定的${name}条件，申请事项不存在权属争议或者其他依法不予确认的情形。`;
    case '行政奖励':
      return `单位和个人在${stem}相关工作中事迹突出、成效显著，或者举报的违法线索经查证属实，符合奖励办法规定的条件，经推荐、审核、公示无异议后给予奖励。`;
    case '行政裁决':
      return `当事人之间发生的争议属于本机关裁决范围，有明确的被申请人、具体的裁决请求和事实根据，争议未经人民法院受理，且在法定期限内提出申请。`;
    case '其他行政权力':
      return `${subject}应当在规定期限内通过政务服务平台如实报送${stem}相关材料，材料齐全、符合法定形式的予以备案，备案信息依法向社会公示。`;
    case '公共服务':
      return `申请人为有${stem}需求的自然人、法人或者其他组织，提供有效身份证明及相关材料，符合${name}的办理条件；可通过政务服务网、移动端或者线下窗口申请。`;
  }
}

/** A material; `deferrable` is 容缺受理 (handed in after acceptance, necessity stays 必要). */
function material(name: string, necessity: Material['necessity'] | '容缺', type: Material['type'], source: Material['source'], rng: Random): Material {
  const format = rng.weighted([['纸质或电子', 6], ['纸质', 2], ['电子', 1], ['纸质和电子', 0.2]] as const);
  const m: Material = { name, necessity: necessity === '容缺' ? '必要' : necessity, type, format, source };
  if (necessity === '容缺') m.deferrable = true;
  if (type !== '复印件') m.originals = 1;
  if (type === '复印件' || type === '原件和复印件') m.copies = 1;
  if (rng.chance(0.4)) m.note = rng.pick(MATERIAL_NOTES);
  return m;
}

function materialsOf(rng: Random, type: ItemType, c: Candidate, name: string, variant: string, personal: boolean): Material[] {
  const own = rng.shuffle(c.dept.materials);
  const out: Material[] = [];
  const add = (m: Material) => {
    if (!out.some((o) => o.name === m.name)) out.push(m);
  };
  const id = personal ? '居民身份证' : COMMON_MATERIALS[0];
  switch (type) {
    case '行政处罚': case '行政强制': case '行政检查':
      for (const n of rng.sample(CASE_MATERIALS, rng.int(3, 5))) add(material(n, '必要', '原件', '其他', rng));
      return out;
    case '行政裁决':
      for (const n of ['裁决申请书', '申请人身份证明', '争议事实证明材料', '权属来源证明']) add(material(n, '必要', '原件', '申请人自备', rng));
      return out;
    case '行政奖励':
      for (const n of ['奖励推荐表', '事迹材料', '相关证明材料']) add(material(n, '必要', '原件', '申请人自备', rng));
      return out;
  }
  add(material(`${name.replace(/（.*）$/, '')}申请表`, '必要', '原件', '申请人自备', rng));
  add(material(id, '必要', personal ? '原件' : '复印件', '政府部门核发', rng));
  if (variant === '补证') {
    add(material('证件遗失声明或者损毁证件', '必要', '原件', '申请人自备', rng));
  } else if (variant === '注销' || variant === '变更' || variant === '延续') {
    if (c.permit?.doc) add(material(c.permit.doc, '必要', '原件', '政府部门核发', rng));
    if (variant === '变更') add(material('变更事项证明材料', '必要', '复印件', '申请人自备', rng));
    if (variant === '延续') add(material(own[0]!, '必要', '原件', '申请人自备', rng));
  } else {
    const k = type === '行政许可' ? rng.int(2, 3) : rng.int(0, 2);
    for (const n of own.slice(0, k)) add(material(n, rng.chance(0.85) ? '必要' : '容缺', rng.weighted([['原件', 4], ['复印件', 4], ['原件和复印件', 3], ['原件或复印件', 1]] as const), '申请人自备', rng));
    if (!personal && rng.chance(0.5)) add(material(COMMON_MATERIALS[1], '必要', '复印件', '申请人自备', rng));
    if (type === '行政许可' && rng.chance(0.4)) add(material(rng.pick(COMMON_MATERIALS.slice(3)), rng.chance(0.5) ? '必要' : '容缺', '原件', '申请人自备', rng));
  }
  add(material(COMMON_MATERIALS[2], '非必要', '原件', '申请人自备', rng));
  return out;
}

const STEP_NAMES: Record<ItemType, string[]> = {
  行政许可: ['申请与受理', '材料审查', '现场核查', '许可决定', '制证送达'],
  行政处罚: ['立案', '调查取证', '审查', '告知', '决定', '送达执行'],
  行政强制: ['审批', '实施', '制作现场笔录', '处理决定'],
  行政检查: ['制定检查计划', '实施检查', '处理', '结果公开'],
  行政征收: ['受理', '核定', '征收'],
  行政给付: ['申请', '审核', '公示', '审批', '发放'],
  行政确认: ['受理', '审核', '确认', '办结'],
  行政奖励: ['推荐申报', '审核', '公示', '奖励决定'],
  行政裁决: ['申请', '受理', '调查', '调解', '裁决', '送达'],
  其他行政权力: ['受理', '审核', '办结'],
  公共服务: ['受理', '审核', '办结'],
};

function stepsOf(rng: Random, type: ItemType, variant: string, days: number, caseType: string): Step[] {
  let names = STEP_NAMES[type];
  if (caseType === '即办件') return [{ name: names[0]!, days: 0 }, { name: names[names.length - 1]!, days: 0 }];
  if (type === '行政许可' && (variant !== '' && variant !== '新办')) names = names.filter((n) => n !== '现场核查');
  // The steps use all of the promised days: the first and last get a small share, the middle the rest.
  const weights = names.map((_, i) => (i === 0 || i === names.length - 1 ? 1 : 2 + rng.int(0, 3)));
  const total = weights.reduce((a, b) => a + b, 0);
  const out = names.map((name, i) => ({ name, days: Math.floor((days * weights[i]!) / total) }));
  let rest = days - out.reduce((a, s) => a + s.days, 0);
  for (let i = 1; rest > 0; i = (i + 1) % out.length, rest--) out[i]!.days++;
  return out;
}

function resultOf(rng: Random, type: ItemType, c: Candidate, name: string, stem: string): GenItem['result'] | undefined {
  switch (type) {
    case '行政许可':
      if (c.permit?.doc) return { type: '证照', name: c.permit.doc };
      return { type: '批文', name: /审批$/.test(c.permit?.name ?? name) ? `${stem}批复` : `${stem}意见书` };
    case '行政处罚': return { type: '批文', name: '行政处罚决定书' };
    case '行政强制': return { type: '批文', name: '查封（扣押）决定书' };
    case '行政检查': return { type: '其他', name: '监督检查结果告知书' };
    case '行政征收': return { type: '其他', name: '缴款凭证' };
    case '行政给付': return { type: '其他', name: `${name.replace(/(发放|给付|支付)$/, '')}核定通知书` };
    case '行政确认': return rng.chance(0.5) ? { type: '证照', name: `${name.replace(/(登记|认定|评定)$/, '')}证明` } : { type: '其他', name: `${name}结果通知书` };
    case '行政奖励': return { type: '其他', name: '奖励决定' };
    case '行政裁决': return { type: '批文', name: '行政裁决书' };
    case '其他行政权力': return { type: '其他', name: '备案回执' };
    case '公共服务': return rng.chance(0.7) ? { type: '其他', name: `${stem}办理结果` } : undefined;
  }
}
