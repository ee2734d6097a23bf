// The national code sets (GB/T 39046-2020, GB/T 39554) the item elements draw from: the one place that decides them.

/** 事项类型 and the two type digits of 基本编码 (catalogCode characters 3–4). */
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

/** 行使层级 */
export const USE_LEVELS = ['国家级', '省级', '市级', '县级', '乡镇级', '村级'] as const;
/** 实施主体性质 */
export const DEPT_NATURES = ['法定机关', '授权组织', '受委托组织', '其他'] as const;
/** 服务对象 */
export const SERVICE_OBJECTS = ['自然人', '企业法人', '事业法人', '社会组织法人', '行政机关', '其他组织'] as const;
/** 办件类型 */
export const CASE_TYPES = ['即办件', '承诺件'] as const;
/** 时限单位 */
export const DAY_UNITS = ['工作日', '自然日'] as const;
/** 材料必要性 */
export const NECESSITIES = ['必要', '非必要', '容缺'] as const;
/** 材料形式 */
export const MATERIAL_FORMS = ['原件', '复印件', '原件和复印件'] as const;
/** 材料载体 */
export const MEDIA = ['纸质', '电子', '纸质或电子'] as const;
/** 材料来源 */
export const MATERIAL_SOURCES = ['申请人自备', '政府部门核发', '其他'] as const;
/** 办理形式 */
export const HANDLING_FORMS = ['窗口办理', '网上办理', '移动端办理', '快递申请'] as const;
/** 审批结果类型 */
export const RESULT_TYPES = ['证照', '批文', '其他'] as const;
/** 无法定时限 */
export const NO_STATUTORY_LIMIT = '无';
/** The placeholder `tongbiao claim` writes into local elements. */
export const TODO = 'TODO';
