// The code sets (代码集) the item elements draw from: the one place that decides them, their national
// exchange codes and which of them a catalog may extend (`codeSets:` in tongbiao.yaml, spec §5).
//
// Sources: GB/T 39046-2020, GB/T 39554.2-2020 and the national platform's item exchange tables
// (`shared/spec/exchange.md` §2). Where a set's exchange codes were inferred from provincial data rather than
// read from the standard, `inferred` says so. Values are written in items as their Chinese labels.

/** 事项类型 and the two type digits of 基本编码 (catalogCode characters 3–4), which are also its exchange code. */
export const ITEM_TYPE_DIGITS = {
  行政许可: '01',
  行政处罚: '02',
  行政强制: '03',
  行政征收: '04',
  行政给付: '05',
  行政检查: '06',
  行政确认: '07',
  行政奖励: '08',
  行政裁决: '09',
  其他行政权力: '10',
  公共服务: '20',
} as const;
export type ItemType = keyof typeof ITEM_TYPE_DIGITS;
export const ITEM_TYPES = Object.keys(ITEM_TYPE_DIGITS) as ItemType[];

export interface CodeSet {
  /** the element's Chinese title, as the schema gives it */
  title: string;
  /** national label → its code in the national exchange tables */
  codes: Readonly<Record<string, string>>;
  /**
   * Whether a catalog may add local values. Not where a rule or a field class gives each value a meaning a
   * local value could not have: levels are the region tree, units are time arithmetic, necessity and
   * handleArea are ordered for the cross-level comparison, status drives the lifecycle rules.
   */
  extensible: boolean;
  /** the exchange codes were inferred from provincial data, not read from the standard */
  inferred?: boolean;
}

const set = (title: string, codes: Record<string, string>, extensible: boolean, inferred = false): CodeSet =>
  inferred ? { title, codes, extensible, inferred } : { title, codes, extensible };
const numbered = (labels: readonly string[]): Record<string, string> => Object.fromEntries(labels.map((l, i) => [l, String(i + 1)]));

/** 网上办理深度: the stages of online handling, in the national order. */
export const ONLINE_STAGES = ['互联网咨询', '互联网收件', '互联网预审', '互联网受理', '互联网办理', '互联网办理结果信息反馈', '互联网电子证照反馈'] as const;
/** 通办范围, widest first: a wider area is better for the applicant (spec §3 tighten order). */
export const HANDLE_AREAS = ['全国', '全省', '全市', '全县', '全镇(乡、街道)', '跨村(社区)'] as const;

/**
 * Every code set, by the element it belongs to; a member of an object or list entry is named with a dot, as
 * `fields:` names it (`dept.nature`, `materials.type`). These names are what `codeSets:` extends.
 */
export const CODE_SETS = {
  type: set('事项类型', ITEM_TYPE_DIGITS, true),
  useLevel: set('行使层级', { 国家级: '1', 省级: '2', 市级: '3', 县级: '4', 乡镇级: '5', 村级: '6' }, false, true),
  status: set('事项状态', { 在用: '1', 暂停: '2', 取消: '3' }, false, true),
  powerSource: set('权力来源', numbered(['法定本级行使', '上级下放', '上级授权', '同级授权', '上级委托', '同级委托']), true),
  'dept.nature': set('实施主体性质', numbered(['法定机关', '授权组织', '受委托组织']), true),
  serviceObjects: set('服务对象', { ...numbered(['自然人', '企业法人', '事业法人', '社会组织法人', '非法人企业', '行政机关']), 其他组织: '9' }, true, true),
  caseType: set('办件类型', numbered(['即办件', '承诺件']), true),
  unit: set('时限单位', numbered(['工作日', '自然日']), false, true),
  'materials.necessity': set('材料必要性', numbered(['必要', '非必要']), false),
  'materials.type': set('材料类型', numbered(['原件', '复印件', '原件和复印件', '原件或复印件']), true, true),
  'materials.format': set('材料形式', numbered(['纸质', '电子', '纸质和电子', '纸质或电子']), true, true),
  'materials.source': set('来源渠道', { 申请人自备: '10', 政府部门核发: '20', 其他: '99' }, true, true),
  handlingForms: set('办理形式', { 窗口办理: '1', 网上办理: '2', 快递申请: '3', 移动端办理: '' }, true),
  onlineDepth: set('网上办理深度', numbered(ONLINE_STAGES), true),
  handleArea: set('通办范围', numbered(HANDLE_AREAS), false),
  'result.type': set('审批结果类型', { 证照: '10', 批文: '20', 其他: '30', 无: '99' }, true, true),
} as const satisfies Record<string, CodeSet>;

export type CodeSetName = keyof typeof CODE_SETS;
export const CODE_SET_NAMES = Object.keys(CODE_SETS) as CodeSetName[];

/** A catalog's local values (spec §5 `codeSets:`): labels added to a set; for `type`, label → its type digits. */
export type CodeSetExtensions = { readonly type?: Readonly<Record<string, string>> } & {
  readonly [K in Exclude<CodeSetName, 'type'>]?: readonly string[];
};

/** The code sets a catalog uses: each set's national labels followed by its local ones. */
export type CodeSets = { readonly [K in CodeSetName]: readonly string[] } & {
  /** 事项类型 → type digits, national and local */
  readonly typeDigits: Readonly<Record<string, string>>;
};

const resolved = new WeakMap<CodeSetExtensions, CodeSets>();

/** The national code sets with a catalog's extensions added (never narrowed). Memoised per extensions object. */
export function resolveCodeSets(extensions: CodeSetExtensions = NO_EXTENSIONS): CodeSets {
  let sets = resolved.get(extensions);
  if (sets) return sets;
  const out: Record<string, unknown> = { typeDigits: { ...ITEM_TYPE_DIGITS, ...extensions.type } };
  for (const name of CODE_SET_NAMES) {
    const local = name === 'type' ? Object.keys(extensions.type ?? {}) : (extensions[name] ?? []);
    out[name] = [...Object.keys(CODE_SETS[name].codes), ...local];
  }
  sets = out as CodeSets;
  resolved.set(extensions, sets);
  return sets;
}

export const NO_EXTENSIONS: CodeSetExtensions = Object.freeze({});
export const NATIONAL_CODE_SETS: CodeSets = resolveCodeSets(NO_EXTENSIONS);

/** True when a catalog adds no local value: it is checked by the validators the build compiled. */
export function hasExtensions(extensions: CodeSetExtensions): boolean {
  return Object.values(extensions).some((v) => (Array.isArray(v) ? v.length > 0 : Object.keys(v ?? {}).length > 0));
}

export type CodeSetProblem = { kind: 'unknown-set' } | { kind: 'not-extensible' } | { kind: 'clash'; with: string } | { kind: 'bad-digits' };

/**
 * Why adding `label` (with `digits`, for `type`) to the set `name` is not allowed, or undefined when it is.
 * A clash is a label the set already has, or type digits another type already has. For the config loader.
 */
export function codeSetValueProblem(name: string, label: string, digits?: string): CodeSetProblem | undefined {
  if (!Object.hasOwn(CODE_SETS, name)) return { kind: 'unknown-set' };
  const codeSet: CodeSet = CODE_SETS[name as CodeSetName];
  if (!codeSet.extensible) return { kind: 'not-extensible' };
  if (Object.hasOwn(codeSet.codes, label)) return { kind: 'clash', with: label };
  if (name === 'type') {
    if (digits === undefined || !/^\d{2}$/.test(digits)) return { kind: 'bad-digits' };
    const taken = Object.entries(ITEM_TYPE_DIGITS).find(([, d]) => d === digits);
    if (taken) return { kind: 'clash', with: `${taken[0]} ${digits}` };
  }
  return undefined;
}

/** 无法定时限 */
export const NO_STATUTORY_LIMIT = '无';
/** 事项状态 when the item does not say */
export const DEFAULT_STATUS = '在用';
/** The placeholder `tongbiao claim` writes into local elements. */
export const TODO = 'TODO';
