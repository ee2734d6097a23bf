// TRANSITIONAL: the format v1 item schema, used for formatVersion 1 catalogs until they are read through the
// v1→v2 mapping (spec §8), being written alongside; then v1 items are checked against the v2 schema
// (itemSchemaFor(…, 'v1')) and this file goes. Only validate.ts and the build import it.
import { CODE_SETS, ITEM_TYPES, NO_STATUTORY_LIMIT } from './codes.js';

const labels = (name: keyof typeof CODE_SETS) => Object.keys(CODE_SETS[name].codes);
const USE_LEVELS = labels('useLevel');
const DEPT_NATURES = ['法定机关', '授权组织', '受委托组织', '其他'] as const;
const SERVICE_OBJECTS = ['自然人', '企业法人', '事业法人', '社会组织法人', '行政机关', '其他组织'] as const;
const CASE_TYPES = labels('caseType');
const DAY_UNITS = labels('unit');
const NECESSITIES = ['必要', '非必要', '容缺'] as const;
const MATERIAL_FORMS = ['原件', '复印件', '原件和复印件'] as const;
const MEDIA = ['纸质', '电子', '纸质或电子'] as const;
const MATERIAL_SOURCES = labels('materials.source');
const HANDLING_FORMS = labels('handlingForms');
const RESULT_TYPES = ['证照', '批文', '其他'] as const;

const text = (title: string, description: string) => ({ type: 'string', minLength: 1, title, description });
const choice = (title: string, description: string, values: readonly string[]) => ({ type: 'string', enum: values, title, description });
const set = (title: string, description: string, values: readonly string[]) => ({
  type: 'array', title, description, minItems: 1, uniqueItems: true, items: { type: 'string', enum: values },
});
const count = (title: string, description: string, minimum = 0) => ({ type: 'integer', minimum, title, description });

export const itemSchemaV1 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://tongbiao.invalid/schema/item-v1.json',
  title: '政务服务事项',
  description: '一个政务服务事项的基本要素和实施要素（GB/T 39046-2020，GB/T 39554.2-2020）。基本要素在国家、省、市、县四级保持一致（四级四同）。',
  type: 'object',
  additionalProperties: false,
  required: [
    'catalogCode', 'name', 'type', 'basis', 'useLevel', 'taskCode', 'dept', 'serviceObjects', 'caseType',
    'statutoryLimit', 'promisedLimit', 'visits', 'conditions', 'materials', 'steps', 'fee', 'handlingForms',
    'places', 'consultPhone',
  ],
  properties: {
    catalogCode: {
      type: 'string', pattern: '^[0-9]{12}$', title: '基本编码',
      description: '12 位：2 位来源（00 国家，否则为省份代码前 2 位）+ 2 位事项类型 + 5 位主项 + 3 位子项。文件名必须为 <基本编码>.yaml。请加引号。',
    },
    name: text('事项名称', '事项的规范名称，四级一致。'),
    type: choice('事项类型', '权力类型或公共服务，四级一致；须与基本编码第 3–4 位对应。', ITEM_TYPES),
    basis: {
      type: 'array', minItems: 1, title: '设定依据', description: '法律、法规、规章等设定依据，至少一条；以“法律名称 + 条款”识别，四级一致。',
      items: {
        type: 'object', additionalProperties: false, required: ['law'], title: '依据',
        properties: {
          law: text('法律法规名称', '如《中华人民共和国社会保险法》。'),
          article: text('条款号', '如 第十九条。'),
        },
      },
    },
    useLevel: set('行使层级', '可行使该事项的层级，四级一致；市、县实施清单中须包含本级。', USE_LEVELS),
    taskCode: {
      type: 'string', pattern: '^[0-9A-Z]{31}$', title: '实施编码',
      description: '实施主体统一社会信用代码（18 位）+ 层级位（省级 2，市级 3，县级 4）+ 基本编码（12 位）。请加引号。',
    },
    dept: {
      type: 'object', additionalProperties: false, required: ['name', 'creditCode', 'nature'], title: '实施主体',
      description: '负责办理该事项的部门；省级目录中为主管该事项的省级部门。',
      properties: {
        name: text('实施主体名称', '部门全称。'),
        creditCode: { type: 'string', title: '统一社会信用代码', description: '18 位 GB 32100 代码。请加引号。' },
        nature: choice('实施主体性质', '法定机关、授权组织、受委托组织或其他。', DEPT_NATURES),
        entrustedBy: text('委托部门', '实施主体性质为受委托组织时必填。'),
      },
    },
    serviceObjects: set('服务对象', '可申请该事项的对象类型。', SERVICE_OBJECTS),
    caseType: choice('办件类型', '即办件（当场办结）或承诺件。', CASE_TYPES),
    statutoryLimit: {
      title: '法定办结时限',
      description: '法律规定的办结时限；无法定时限时写 无。',
      if: { type: 'string' },
      then: { const: NO_STATUTORY_LIMIT },
      else: { $ref: '#/$defs/limit' },
    },
    promisedLimit: { $ref: '#/$defs/limit', title: '承诺办结时限', description: '本级承诺的办结时限，不得长于法定时限，下级只能缩短。' },
    visits: count('到办事现场次数', '申请人须到现场的次数，0 表示零跑动；下级只能减少。'),
    visitsReason: text('必须现场办理原因说明', '到现场次数大于 0 时填写原因。'),
    conditions: text('受理条件', '申请人须满足的条件。'),
    materials: {
      type: 'array', title: '申请材料', description: '以材料名称识别；下级只能减少或放宽。',
      items: {
        type: 'object', additionalProperties: false, required: ['name', 'necessity', 'form', 'medium'], title: '材料',
        properties: {
          name: text('材料名称', '同一事项中材料名称不得重复。'),
          necessity: choice('必要性', '必要、非必要或容缺（可容缺后补）。', NECESSITIES),
          form: choice('材料形式', '原件、复印件或原件和复印件。', MATERIAL_FORMS),
          medium: choice('材料载体', '纸质、电子或纸质或电子。', MEDIA),
          copies: count('份数', '需提交的份数。'),
          source: choice('来源渠道', '申请人自备、政府部门核发或其他。', MATERIAL_SOURCES),
          note: text('填报须知', '材料说明。'),
        },
      },
    },
    steps: {
      type: 'array', minItems: 1, title: '办理流程', description: '按顺序列出环节；以环节名称识别；天数与承诺时限单位相同。',
      items: {
        type: 'object', additionalProperties: false, required: ['name'], title: '环节',
        properties: {
          name: text('环节名称', '如 受理、审核、办结。'),
          days: count('环节时限', '该环节的天数，单位同承诺办结时限。'),
          description: text('环节说明', '办理要求。'),
        },
      },
    },
    fee: {
      type: 'object', additionalProperties: false, required: ['charged'], title: '收费',
      description: '是否收费；收费时须填写收费依据和收费项目。',
      properties: {
        charged: { type: 'boolean', title: '是否收费', description: 'true 或 false。' },
        basis: text('收费依据', '收费的法律法规或文件依据。'),
        items: {
          type: 'array', minItems: 1, title: '收费项目', description: '每项的名称和标准。',
          items: {
            type: 'object', additionalProperties: false, required: ['name', 'standard'], title: '收费项目',
            properties: { name: text('收费项目名称', ''), standard: text('收费标准', '') },
          },
        },
      },
    },
    handlingForms: set('办理形式', '窗口办理、网上办理、移动端办理、快递申请。', HANDLING_FORMS),
    onlineDepth: { type: 'integer', minimum: 1, maximum: 4, title: '网上办理深度', description: '1–4，4 为全程网办；下级不得降低。' },
    handleArea: text('通办范围', '如 全市通办、全省通办。'),
    places: {
      type: 'array', minItems: 1, title: '办理地点', description: '以地址识别。',
      items: {
        type: 'object', additionalProperties: false, required: ['address'], title: '地点',
        properties: { address: text('办理地址', '详细地址。'), hours: text('办理时间', '如 工作日 9:00-12:00 13:30-17:00。') },
      },
    },
    consultPhone: { type: 'string', minLength: 1, title: '咨询电话', description: '如 "027-12345678"；请加引号。' },
    complaintPhone: { type: 'string', minLength: 1, title: '投诉电话', description: '如 "12345"；请加引号。' },
    result: {
      type: 'object', additionalProperties: false, required: ['type', 'name'], title: '审批结果',
      description: '办理结果的类型和名称。',
      properties: { type: choice('审批结果类型', '证照、批文或其他。', RESULT_TYPES), name: text('审批结果名称', '') },
    },
  },
  $defs: {
    limit: {
      type: 'object', additionalProperties: false, required: ['days', 'unit'], title: '时限',
      properties: {
        days: count('天数', '整数，0 表示当场办结。'),
        unit: choice('单位', '工作日或自然日。', DAY_UNITS),
      },
    },
  },
} as const;

