// The element schema (要素规范, format v2) as JSON Schema draft 2020-12. Every key carries its Chinese title and
// a description, so an editor pointed at `tongbiao schema` shows them as completion and hover help, and every
// label the tool shows comes from these titles. The code sets come from codes.ts, with a catalog's local values
// added when it has any (`itemSchemaFor`). Conditional requirements are rules, not part of the schema (spec §3).
import { LEVELS } from '../catalog/types.js';
import { NATIONAL_CODE_SETS, NO_STATUTORY_LIMIT, type CodeSets } from './codes.js';

/** Bumped whenever what the schema accepts changes: cached results of an older schema are not reused. */
export const SCHEMA_VERSION = 2;

/** The catalog format version this tool writes; version 1 is read through the v1→v2 mapping (spec §8). */
export const FORMAT_VERSION = 2;

const text = (title: string, description: string) => ({ type: 'string', minLength: 1, title, description });
const choice = (title: string, description: string, values: readonly string[]) => ({ type: 'string', enum: values, title, description });
const set = (title: string, description: string, values: readonly string[]) => ({
  type: 'array', title, description, minItems: 1, uniqueItems: true, items: { type: 'string', enum: values },
});
const count = (title: string, description: string, minimum = 0) => ({ type: 'integer', minimum, title, description });
const flag = (title: string, description: string) => ({ type: 'boolean', title, description });
const code = (title: string, description: string, pattern: string) => ({ type: 'string', pattern, title, description });
const date = (title: string, description: string) => code(title, `${description}格式 YYYY-MM-DD。`, '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$');
const url = (title: string, description: string) => code(title, description, '^https?://[^\\s]+$');
const fileRef = (title: string, description: string) => ({
  type: 'string', minLength: 1, title,
  description: `${description}填写 https:// 网址，或目录根下 files/ 中文件的相对路径（如 files/forms/申请表.docx）。`,
});
const list = (title: string, description: string, entry: object, minItems = 1) => ({ type: 'array', minItems, title, description, items: entry });
const entry = (title: string, required: readonly string[], properties: Record<string, object>) => ({
  type: 'object', additionalProperties: false, required, title, properties,
});

/** How the schema reads: a v2 file, or a v1 file through the mapping (spec §8: what the mapping cannot convert stays valid). */
export type SchemaReading = 'v2' | 'v1';

/** The elements a handling item (业务办理项) may give itself; the rest are the item's own (spec §2). */
export const HANDLING_ITEM_ELEMENTS = ['conditions', 'materials', 'steps', 'promisedLimit', 'visits', 'fee', 'onlineDepth'] as const;

/** The item schema for a catalog's code sets; `itemSchema` is the national one. */
export function itemSchemaFor(sets: CodeSets = NATIONAL_CODE_SETS, reading: SchemaReading = 'v2') {
  const v1 = reading === 'v1';
  const elements = {
    conditions: text('受理条件', '申请人须满足的条件。'),
    materials: list('申请材料', '以材料名称识别；下级只能减少或放宽。', entry('材料', ['name', 'necessity', 'type', 'format'], {
      name: text('材料名称', '同一事项中材料名称不得重复。'),
      necessity: choice('材料必要性', '必要或非必要；可容缺后补的必要材料另写 deferrable: true。', sets['materials.necessity']),
      deferrable: flag('容缺受理', 'true 表示可先受理、后补交该材料；默认 false。'),
      type: choice('材料类型', '原件、复印件、原件和复印件或原件或复印件。', sets['materials.type']),
      format: choice('材料形式', '纸质、电子、纸质和电子或纸质或电子。', sets['materials.format']),
      originals: count('原件份数', '需提交的原件份数。'),
      copies: count('复印件份数', '需提交的复印件份数。'),
      source: choice('来源渠道', '申请人自备、政府部门核发或其他。', sets['materials.source']),
      sourceNote: text('来源渠道说明', '如 由户籍所在地公安机关出具。'),
      basis: text('要求提供材料的依据', '要求申请人提供该材料的法律法规依据。'),
      standard: text('受理标准', '材料须符合的要求。'),
      note: text('填报须知', '材料说明。'),
      blankForm: fileRef('空白表格', '可下载的空白表格。'),
      example: fileRef('示例样表', '填写示例。'),
    }), 0),
    steps: list('办理流程', '按顺序列出环节；以环节名称识别；天数与承诺时限单位相同。', entry('环节', ['name'], {
      name: text('环节名称', '如 受理、审核、办结。'),
      days: count('环节时限', '该环节的天数，单位同承诺办结时限。'),
      description: text('环节说明', '办理要求。'),
    })),
    promisedLimit: { $ref: '#/$defs/limit', title: '承诺办结时限', description: '本级承诺的办结时限，不得长于法定时限，下级只能缩短。' },
    visits: count('到办事现场次数', '申请人须到现场的次数，0 表示零跑动；下级只能减少。'),
    fee: {
      type: 'object', additionalProperties: false, required: ['charged'], title: '收费',
      description: '是否收费；收费时须填写收费依据和收费项目。',
      properties: {
        charged: flag('是否收费', 'true 或 false。'),
        basis: text('收费依据', '收费的法律法规或文件依据。'),
        items: list('收费项目', '每项的名称和标准。', entry('收费项目', ['name', 'standard'], {
          name: text('收费项目名称', '如 工本费。'),
          standard: text('收费标准', '如 每证 10 元。'),
        })),
      },
    },
    onlineDepth: set('网上办理深度', '已开通的网上办理环节：互联网咨询、互联网收件、互联网预审、互联网受理、互联网办理、互联网办理结果信息反馈、互联网电子证照反馈；下级不得减少。', sets.onlineDepth),
  } as const;

  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://tongbiao.invalid/schema/item${v1 ? '-v1' : ''}.json`,
    title: '政务服务事项',
    description: '一个政务服务事项的基本要素和实施要素（GB/T 39046-2020，GB/T 39554.2-2020，格式第 2 版）。基本要素在各级保持一致（四级四同）。',
    type: 'object',
    additionalProperties: false,
    required: [
      'catalogCode', 'name', 'type', 'basis', 'useLevel', 'taskCode', 'dept', 'serviceObjects', 'caseType',
      'statutoryLimit', 'promisedLimit', 'visits', 'conditions', 'materials', 'steps', 'fee', 'handlingForms',
      'places', 'consultPhone', ...(v1 ? [] : ['result']),
    ],
    properties: {
      catalogCode: code('基本编码', '12 位：2 位来源（00 国家，否则为省份代码前 2 位）+ 2 位事项类型 + 5 位主项 + 3 位子项。文件名必须为 <基本编码>.yaml。请加引号。', '^[0-9]{12}$'),
      name: text('事项名称', '事项的规范名称，各级一致。'),
      type: choice('事项类型', '权力类型或公共服务，各级一致；须与基本编码第 3–4 位对应。', Object.keys(sets.typeDigits)),
      basis: list('设定依据', '法律、法规、规章等设定依据，至少一条；以“法律法规名称 + 条款号”识别，各级一致。', entry('依据', ['law'], {
        law: text('法律法规名称', '如《中华人民共和国社会保险法》。'),
        article: text('条款号', '如 第十九条。'),
        docNumber: text('文号', '如 主席令第三十五号。'),
        text: text('条款内容', '条款原文。'),
      })),
      useLevel: set('行使层级', '可行使该事项的层级，各级一致；下级实施清单中须包含本级。', sets.useLevel),
      status: choice('事项状态', '在用（未填写时）、暂停或取消；取消时须填写计划取消日期。', sets.status),
      version: count('事项版本', '整数，从 1 开始。', 1),
      effectiveDate: date('计划生效日期', '事项（本版本）计划生效的日期，'),
      cancelDate: date('计划取消日期', '事项计划取消的日期；事项状态为取消时必填，'),
      taskCode: code('实施编码', '实施主体统一社会信用代码（18 位）+ 层级码（省级 2，市级 3，县级 4，乡镇级 5，村级 6）+ 基本编码（12 位）。请加引号。', '^[0-9A-Z]{31}$'),
      localCatalogCode: text('地方基本编码', '本地系统使用的基本编码。请加引号。'),
      localTaskCode: text('地方实施编码', '本地系统使用的实施编码。请加引号。'),
      powerSource: choice('权力来源', '法定本级行使、上级下放、上级授权、同级授权、上级委托或同级委托；公共服务以外的事项必填。', sets.powerSource),
      dept: {
        type: 'object', additionalProperties: false, required: ['name', 'creditCode', 'nature'], title: '实施主体',
        description: '负责办理该事项的部门；省级目录中为主管该事项的省级部门。',
        properties: {
          name: text('实施主体名称', '部门全称。'),
          creditCode: { type: 'string', title: '统一社会信用代码', description: '18 位 GB 32100 代码；机关以 11 开头。请加引号。' },
          nature: choice('实施主体性质', '法定机关、授权组织或受委托组织。', v1 ? [...sets['dept.nature'], '其他'] : sets['dept.nature']),
          entrustedBy: text('委托部门', '实施主体性质为受委托组织时必填。'),
        },
      },
      jointDepts: { type: 'array', minItems: 1, uniqueItems: true, title: '联办机构', description: '共同办理该事项的其他部门。', items: { type: 'string', minLength: 1 } },
      serviceObjects: set('服务对象', '可申请该事项的对象类型。', sets.serviceObjects),
      caseType: choice('办件类型', '即办件（当场办结）或承诺件。', sets.caseType),
      statutoryLimit: {
        title: '法定办结时限',
        description: '法律规定的办结时限，各级一致；无法定时限时写 无。',
        if: { type: 'string' },
        then: { const: NO_STATUTORY_LIMIT },
        else: { $ref: '#/$defs/limit' },
      },
      statutoryLimitNote: text('法定办结时限说明', '如 不含公示、听证时间。'),
      promisedLimit: elements.promisedLimit,
      promisedLimitNote: text('承诺办结时限说明', '如 自受理之日起计算。'),
      specialProcedures: list('特别程序', '不计入办结时限的特别程序；以名称识别。', entry('特别程序', ['name'], {
        name: text('特别程序名称', '如 专家评审、听证、公示。'),
        days: count('特别程序时限', '天数。'),
        unit: choice('时限单位', '工作日或自然日。', sets.unit),
        note: text('特别程序说明', '如 不计入办结时限。'),
      })),
      visits: elements.visits,
      visitsReason: text('必须现场办理原因说明', '到现场次数大于 0 时填写原因。'),
      conditions: elements.conditions,
      quantityLimit: text('数量限制', '如 无数量限制。'),
      materials: elements.materials,
      steps: elements.steps,
      intermediaries: list('中介服务', '申请人须取得的中介服务；以名称识别；下级不得增加。', entry('中介服务', ['name'], {
        name: text('中介服务名称', '如 环境影响评价报告编制。'),
        basis: text('中介服务依据', '设定该中介服务的法律法规。'),
      })),
      fee: elements.fee,
      handlingForms: set('办理形式', '窗口办理、网上办理、移动端办理、快递申请；下级不得减少。', sets.handlingForms),
      onlineDepth: elements.onlineDepth,
      onlineUrl: url('网办地址', '网上办理的地址（https://…）。'),
      mobileUrl: url('移动端办理地址', '移动端办理的地址（https://…）。'),
      express: flag('是否支持物流快递', 'true 表示结果可邮寄送达。'),
      payOnline: flag('是否支持网上支付', 'true 或 false。'),
      appointment: flag('是否支持预约办理', 'true 或 false。'),
      inHall: flag('是否进驻政务服务大厅', 'true 或 false。'),
      handleArea: v1
        ? text('通办范围', '全国、全省、全市、全县、全镇(乡、街道)或跨村(社区)；第 1 版格式的自由文本在迁移前仍然有效。')
        : choice('通办范围', '全国、全省、全市、全县、全镇(乡、街道)或跨村(社区)；下级只能扩大。', sets.handleArea),
      places: list('办理地点', '以地址识别。', entry('地点', ['address'], {
        address: text('办理地址', '详细地址。'),
        hours: text('办理时间', '如 工作日 9:00-12:00 13:30-17:00。'),
      })),
      consultPhone: { type: 'string', minLength: 1, title: '咨询电话', description: '如 "027-12345678"；请加引号。' },
      complaintPhone: { type: 'string', minLength: 1, title: '投诉电话', description: '如 "12345"；请加引号。' },
      result: {
        type: 'object', additionalProperties: false, required: ['type'], title: '审批结果',
        description: '办理结果的类型和名称；类型为无时可不填名称。',
        properties: { type: choice('审批结果类型', '证照、批文、其他或无。', sets['result.type']), name: text('审批结果名称', '如 食品经营许可证。') },
        // name is required unless type is 无; the required error names the missing key as any other does.
        if: { type: 'object', properties: { type: { const: '无' } }, required: ['type'] },
        else: { type: 'object', properties: { name: true }, required: ['name'] },
      },
      resultSample: fileRef('审批结果样本', '审批结果的样本。'),
      handlingItems: list('业务办理项', '事项下的办理情形，以序号识别；未填写的要素沿用事项本身的。', entry('业务办理项', ['seq', 'name'], {
        seq: { type: 'string', minLength: 1, title: '业务办理项序号', description: '2 位数字，如 "01"；业务办理项编码 = 实施编码 + 序号。请加引号。' },
        name: text('业务办理项名称', '如 城镇职工基本养老保险关系转移接续（转入）。'),
        ...elements,
      })),
    },
    $defs: {
      limit: {
        type: 'object', additionalProperties: false, required: ['days', 'unit'], title: '时限',
        properties: {
          days: count('天数', '整数，0 表示当场办结。'),
          unit: choice('单位', '工作日或自然日。', sets.unit),
        },
      },
    },
  } as const;
}

/** The national item schema: titles and labels come from here. */
export const itemSchema = itemSchemaFor();

export const regionSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://tongbiao.invalid/schema/region.json',
  title: '行政区划',
  description: '区划目录中的 region.yaml：代码须与目录名相同。',
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'level'],
  properties: {
    code: code('行政区划代码', 'GB/T 2260 六位代码（省、市、县级）；乡镇级为所属县级代码 + 3 位，村级为所属乡镇代码 + 3 位；与目录名相同。请加引号。', '^([0-9]{6}|[0-9]{9}|[0-9]{12})$'),
    name: text('区划名称', '如 武汉市江岸区。'),
    level: choice('层级', '省级、市级、县级、乡镇级或村级。', LEVELS),
    localItems: {
      type: 'array', minItems: 1, uniqueItems: true, title: '本级设立事项',
      description: '本区划依地方性法规自行设立、不在省级通用目录中的事项的基本编码。请加引号。',
      items: { type: 'string', pattern: '^[0-9]{12}$' },
    },
  },
} as const;
