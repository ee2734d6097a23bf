// What each rule is for, for people: what it checks, why (the standard or reform document it comes from), a
// failing and a passing example, and anything besides a severity that tongbiao.yaml configures for it. Keyed by
// the rule ID of the registry (which stays the one place that decides IDs and severities); `tongbiao explain`,
// `tongbiao rules`, the pages in docs/rules/ and SARIF's rule metadata are all made from this.
//
// Adding a rule to the registry? Add its entry here too (tests/rules/docs.test.ts says so), then run
// `npm run docs:rules` to write its page. Entries may come ahead of the registry: spec §3 names every rule.

import type { Message } from '../catalog/types.js';

export interface RuleDoc {
  /** what the rule checks, a paragraph */
  checks: Message;
  /** why: the national standard, regulation or reform document it comes from */
  why: Message;
  /** a YAML excerpt the rule reports (an item unless said otherwise) */
  failing: string;
  /** the same excerpt put right */
  passing: string;
  /** what tongbiao.yaml or a command changes for it besides its severity */
  configure?: Message;
}

const GB_T_45 = { zh: '《国务院关于加快推进全国一体化在线政务服务平台建设的指导意见》（国发〔2018〕27号）及《全国一体化在线政务服务平台 政务服务事项基本目录及实施清单》系列国家标准（GB/T 42146 等）规定的事项要素', en: 'the elements of a service item as set by the State Council guideline on the national integrated online government service platform (国发〔2018〕27号) and the national standards for the basic catalog and implementation lists (GB/T 42146 and related)' };
const FOUR_SAME = { zh: '“四级四同”：同一事项在省、市、县、乡四级的名称、编码、类型、依据一致（国办发〔2020〕24号、国办发〔2022〕5号）；地方只能在上级基础上更便民（减时限、减材料、减跑动），不得增加条件', en: '"四级四同" (same at four levels): an item keeps the same name, code, type and legal basis at province, city, county and township level (国办发〔2020〕24号, 国办发〔2022〕5号); a lower level may only make it easier for applicants (shorter limits, fewer materials and visits), never add conditions' };

export const RULE_DOCS: Readonly<Record<string, RuleDoc>> = {
  'file-read': {
    checks: { zh: '文件能作为文本读取：UTF-8 编码（可带 BOM）、不是二进制、不超过 1 MiB、不是符号链接（从不跟随链接）。', en: 'The file can be read as text: UTF-8 (a byte-order mark is fine), not binary, at most 1 MiB, and not a symbolic link (links are never followed).' },
    why: { zh: '目录文件在 git 中审阅和比对，只有统一的 UTF-8 文本才能逐行比较；链接可能指向目录之外的文件。', en: 'Catalog files are reviewed and compared in git, which needs plain UTF-8 text; a link could point outside the catalog.' },
    failing: '# 以 GBK 编码保存的文件（另存为时选了 ANSI）\nname: 城镇职工基本养老保险关系转移接续',
    passing: '# 以 UTF-8 编码保存\nname: 城镇职工基本养老保险关系转移接续',
  },
  'yaml-syntax': {
    checks: { zh: '文件是 `yaml` 包（YAML 1.2 core schema）能读取的 YAML，且内容是一个映射：没有重复键、别名不过量、嵌套不超过 64 层、不为空。', en: 'The file is YAML the `yaml` package (YAML 1.2 core schema) reads, and a mapping: no duplicate key, no alias explosion, no nesting deeper than 64 levels, not empty.' },
    why: { zh: '所有工具读取同一份数据：校验的数据必须正是 `yaml` 返回的数据。', en: 'Every tool reads the same data: what is validated is exactly what the `yaml` package returns.' },
    failing: 'name: 食品经营许可\nname: 食品经营许可（重复的键）',
    passing: 'name: 食品经营许可',
  },
  'format-version': {
    checks: { zh: '目录仍是格式 v1（tongbiao.yaml 中 `formatVersion: 1`），按 v1→v2 映射在内存中读取。', en: 'The catalog is still format v1 (`formatVersion: 1` in tongbiao.yaml) and is read through the v1→v2 mapping in memory.' },
    why: { zh: '格式 v2 增加了实施清单的新要素；提示升级，但升级前不会让一个干净的 v1 目录变红。', en: 'Format v2 adds the elements of the national implementation list; upgrading is suggested, and never turns a clean v1 catalog red before it is done.' },
    failing: '# tongbiao.yaml\nformatVersion: 1',
    passing: '# tongbiao.yaml（运行 tongbiao migrate 之后）\nformatVersion: 2',
    configure: { zh: '运行 `tongbiao migrate` 把目录改写为 v2（保留注释和键顺序；`--check` 只检查）。', en: 'Run `tongbiao migrate` to rewrite the catalog as v2 (comments and key order kept; `--check` only checks).' },
  },
  schema: {
    checks: { zh: '事项符合元素 JSON Schema：必填键齐全、没有未知键、类型正确、取值属于代码集。编码、电话和 seq 是字符串，未加引号的数字会被报告。', en: 'The item follows the element JSON Schema: required keys present, no unknown key, right types, values inside their code sets. Codes, phones and seq are strings: an unquoted number is reported.' },
    why: GB_T_45,
    failing: 'catalogCode: 002000101000   # 未加引号：YAML 整数\ntype: 公共服务事项           # 不在代码集中',
    passing: 'catalogCode: "002000101000"\ntype: 公共服务',
    configure: { zh: 'tongbiao.yaml 的 `codeSets:` 可以向代码集添加本地取值（不能删除国家取值）。', en: '`codeSets:` in tongbiao.yaml adds local values to a code set (never removing a national one).' },
  },
  todo: {
    checks: { zh: '取值仍是 `tongbiao claim` 写入的 `TODO` 占位符。', en: 'A value is still the `TODO` placeholder that `tongbiao claim` writes.' },
    why: { zh: '认领事项时，本级要素（实施主体、地点、电话等）必须由本级填写后才能发布。', en: 'A claimed item\'s local elements (implementing body, places, phones) must be filled in by the region before it is published.' },
    failing: 'consultPhone: TODO',
    passing: 'consultPhone: "027-82771234"',
  },
  'file-name': {
    checks: { zh: '事项文件名是 `<catalogCode>.yaml`。', en: 'The item file is named `<catalogCode>.yaml`.' },
    why: { zh: '每个事项由区划代码和基本编码唯一确定；文件名即编码，才能在各级之间找到同一事项。', en: 'An item is identified by region code and catalogCode; the file name is the code so the same item is found at every level.' },
    failing: '# 文件 items/养老保险转移.yaml\ncatalogCode: "002000101000"',
    passing: '# 文件 items/002000101000.yaml\ncatalogCode: "002000101000"',
  },
  'file-ref': {
    checks: { zh: '文件引用（blankForm、example、resultSample）是 `https://` 地址，或 `files/` 下存在的普通文件（不含 `..`、不是链接）。', en: 'A file reference (blankForm, example, resultSample) is an `https://` URL or an existing regular file under `files/` (no `..`, no link).' },
    why: { zh: '空白表格、示例样表和结果样本要让申请人和审核人员都能打开。', en: 'Blank forms, examples and result samples must open for applicants and reviewers alike.' },
    failing: 'resultSample: ../样本/凭证.pdf',
    passing: 'resultSample: files/samples/参保缴费凭证.pdf',
  },
  'code-type': {
    checks: { zh: '基本编码第 3–4 位（类型码）与事项类型一致，例如公共服务为 20、行政许可为 01。', en: 'Digits 3–4 of catalogCode (the type digits) match `type`, e.g. 20 for 公共服务, 01 for 行政许可.' },
    why: GB_T_45,
    failing: 'catalogCode: "000100101000"\ntype: 公共服务',
    passing: 'catalogCode: "002000101000"\ntype: 公共服务',
    configure: { zh: 'tongbiao.yaml 的 `codeSets: { type: { 名称: "两位类型码" } }` 可以增加本地事项类型。', en: '`codeSets: { type: { label: "two digits" } }` in tongbiao.yaml adds local item types.' },
  },
  'credit-code': {
    checks: { zh: '实施主体的统一社会信用代码符合 GB 32100：18 位、字符集正确、第 3–8 位为行政区划码、第 9–17 位为有效的 GB 11714 组织机构代码，第 18 位校验码正确。', en: 'dept.creditCode is a valid GB 32100 code: 18 characters from the code alphabet, characters 3–8 an area code, 9–17 a valid GB 11714 organisation code, and the check character right.' },
    why: { zh: 'GB 32100-2015《法人和其他组织统一社会信用代码编码规则》、GB 11714-1997《全国组织机构代码编制规则》；实施编码由信用代码组成。', en: 'GB 32100-2015 (unified social credit code) and GB 11714-1997 (organisation code); the task code is built from it.' },
    failing: 'dept:\n  creditCode: "11420102MB1234562X"   # 校验码错误',
    passing: 'dept:\n  creditCode: "11420102MB1234562E"',
    configure: { zh: '确实在用但校验位不符的代码（如 2016 年前登记）列入 tongbiao.yaml 的 `creditCodeExceptions`，并写明理由。', en: 'A real code in use that fails the check characters (e.g. registered before 2016) goes into `creditCodeExceptions` in tongbiao.yaml, with a reason.' },
  },
  'credit-code-kind': {
    checks: { zh: '实施主体性质为法定机关时，信用代码前两位应为 `11`（机关）。', en: 'When dept.nature is 法定机关, the credit code should start with `11` (government body).' },
    why: { zh: 'GB 32100 第 1–2 位是登记管理部门和机构类别代码，机关为 11。', en: 'In GB 32100 characters 1–2 are the registering authority and kind; government bodies are 11.' },
    failing: 'dept:\n  nature: 法定机关\n  creditCode: "12420102MB1234567X"',
    passing: 'dept:\n  nature: 法定机关\n  creditCode: "11420102MB1234562E"',
  },
  'task-code': {
    checks: { zh: '实施编码 = 实施主体信用代码（18 位）+ 本级层级码（省级 2、市级 3、县级 4、乡镇级 5、村级 6）+ 基本编码（12 位）。', en: 'taskCode = dept.creditCode (18) + the region\'s level digit (省级 2, 市级 3, 县级 4, 乡镇级 5, 村级 6) + catalogCode (12).' },
    why: GB_T_45,
    failing: 'taskCode: "11420102MB1234562E3002000101000"   # 县级应为 4',
    passing: 'taskCode: "11420102MB1234562E4002000101000"',
  },
  'power-source': {
    checks: { zh: '事项类型不是公共服务时必须填写权力来源。', en: 'powerSource is required unless the item\'s type is 公共服务.' },
    why: GB_T_45,
    failing: 'type: 行政许可\n# 缺少 powerSource',
    passing: 'type: 行政许可\npowerSource: 法定本级行使',
  },
  'time-limit': {
    checks: { zh: '承诺办结时限不超过法定办结时限；工作日与自然日之间按 1 工作日 = 7/5 自然日精确比较；法定时限为“无”时不检查。', en: 'promisedLimit is not longer than statutoryLimit; across units a 工作日 counts as 7/5 自然日, compared exactly; not checked when statutoryLimit is 无.' },
    why: { zh: '承诺时限是对法定时限的压缩（《优化营商环境条例》第三十五条），不得超过法定时限。', en: 'A promised limit shortens the statutory one (Regulation on Optimising the Business Environment, art. 35); it may not exceed it.' },
    failing: 'statutoryLimit: { days: 20, unit: 工作日 }\npromisedLimit: { days: 30, unit: 工作日 }',
    passing: 'statutoryLimit: { days: 20, unit: 工作日 }\npromisedLimit: { days: 10, unit: 工作日 }',
  },
  'case-type': {
    checks: { zh: '即办件的承诺时限为 0 天，承诺件的承诺时限大于 0 天。', en: 'A 即办件 has a promised limit of 0 days, a 承诺件 more than 0.' },
    why: GB_T_45,
    failing: 'caseType: 即办件\npromisedLimit: { days: 5, unit: 工作日 }',
    passing: 'caseType: 承诺件\npromisedLimit: { days: 5, unit: 工作日 }',
  },
  'steps-time': {
    checks: { zh: '办理流程各环节时限之和不超过承诺办结时限。', en: 'The days of the steps add up to no more than the promised limit.' },
    why: { zh: '流程时限是承诺时限的分解，合计超出说明承诺无法兑现。', en: 'Step limits break the promised limit down; a larger sum means the promise cannot be kept.' },
    failing: 'promisedLimit: { days: 5, unit: 工作日 }\nsteps:\n  - { name: 受理, days: 1 }\n  - { name: 审核, days: 6 }',
    passing: 'promisedLimit: { days: 5, unit: 工作日 }\nsteps:\n  - { name: 受理, days: 1 }\n  - { name: 审核, days: 4 }',
  },
  'visits-reason': {
    checks: { zh: '到办事现场次数大于 0 时必须说明必须现场办理的原因。', en: 'When visits > 0, visitsReason must say why the applicant has to come.' },
    why: { zh: '“最多跑一次”“一次都不跑”改革要求对需要到现场的事项说明理由（国办发〔2018〕45号）。', en: 'The "at most one visit" reform asks every item that needs a visit to justify it (国办发〔2018〕45号).' },
    failing: 'visits: 1',
    passing: 'visits: 1\nvisitsReason: 需现场核验身份',
  },
  'online-visits': {
    checks: { zh: '全程网办（网上办理深度含互联网受理、互联网办理和互联网办理结果信息反馈）的事项，到现场次数应为 0。', en: 'An item handled fully online (onlineDepth holds 互联网受理, 互联网办理 and 互联网办理结果信息反馈) should need 0 visits.' },
    why: { zh: '全程网办即申请人无需到现场（国办发〔2018〕45号）。', en: 'Handled fully online means the applicant need not come (国办发〔2018〕45号).' },
    failing: 'onlineDepth: [互联网咨询, 互联网受理, 互联网办理, 互联网办理结果信息反馈]\nvisits: 1',
    passing: 'onlineDepth: [互联网咨询, 互联网受理, 互联网办理, 互联网办理结果信息反馈]\nvisits: 0',
  },
  'zero-visit-delivery': {
    checks: { zh: '到现场次数为 0 时，应能网上或移动端办理，或支持快递送达结果。', en: 'With 0 visits the item should be handled online or on mobile, or deliver the result by express.' },
    why: { zh: '“零跑动”必须有不到现场取得结果的途径。', en: '"Zero visits" needs a way to get the result without coming.' },
    failing: 'visits: 0\nhandlingForms: [窗口办理]\nexpress: false',
    passing: 'visits: 0\nhandlingForms: [窗口办理, 网上办理]',
  },
  'fee-basis': {
    checks: { zh: '收费事项必须写明收费依据和收费项目。', en: 'A charged item gives the fee basis and the fee items.' },
    why: { zh: '收费必须有法定依据并公示（《行政事业性收费标准管理办法》）。', en: 'A fee needs a legal basis and must be published (rules on administrative fees).' },
    failing: 'fee: { charged: true }',
    passing: 'fee:\n  charged: true\n  basis: 《行政事业性收费项目目录》\n  items: [{ name: 工本费, standard: 10元/件 }]',
  },
  'entrusted-by': {
    checks: { zh: '实施主体性质为受委托组织时必须写明委托部门。', en: 'When dept.nature is 受委托组织, entrustedBy names the entrusting department.' },
    why: { zh: '《行政许可法》第二十四条：受委托组织以委托机关名义实施，委托机关负责。', en: 'Administrative Licensing Law art. 24: an entrusted body acts in the name of the entrusting one, which is responsible.' },
    failing: 'dept:\n  nature: 受委托组织',
    passing: 'dept:\n  nature: 受委托组织\n  entrustedBy: 武汉市江岸区人力资源和社会保障局',
  },
  'cancel-date': {
    checks: { zh: '事项状态为取消时必须写明计划取消日期。', en: 'An item with status 取消 gives its cancelDate.' },
    why: GB_T_45,
    failing: 'status: 取消',
    passing: 'status: 取消\ncancelDate: 2027-01-01',
  },
  'duplicate-entry': {
    checks: { zh: '同一身份列表（材料、流程、依据、地点、特别程序、中介服务、业务办理项）中没有两个条目身份相同（例如同名材料）。', en: 'No two entries of an identity list (materials, steps, basis, places, special procedures, intermediaries, handling items) share their identity, e.g. two materials of one name.' },
    why: { zh: '条目按身份在各级之间比对，重名会让差异无法定位。', en: 'Entries are compared across levels by identity; a duplicate makes a difference impossible to place.' },
    failing: 'materials:\n  - { name: 居民身份证, necessity: 必要, type: 原件, format: 纸质 }\n  - { name: 居民身份证, necessity: 必要, type: 复印件, format: 纸质 }',
    passing: 'materials:\n  - { name: 居民身份证, necessity: 必要, type: 原件和复印件, format: 纸质 }',
  },
  'handling-item': {
    checks: { zh: '业务办理项的 seq 是两位数字。', en: 'A handling item\'s seq is two digits.' },
    why: { zh: '业务办理项编码 = 实施编码 + 两位 seq（共 33 位）。', en: 'The handling item code is taskCode + a two-digit seq (33 characters).' },
    failing: 'handlingItems:\n  - { seq: "1", name: 转入 }',
    passing: 'handlingItems:\n  - { seq: "01", name: 转入 }',
  },
  phone: {
    checks: { zh: '咨询电话和投诉电话中的每个号码是：带 3–4 位区号的固定电话（可带分机）、11 位手机号、5–6 位服务热线（12345、95598）或 400/800 号码；可带 +86，多个号码用 、,; 分隔。', en: 'Each number in consultPhone and complaintPhone is a landline with a 3–4 digit area code (optional extension), an 11-digit mobile, a 5–6 digit hotline (12345, 95598) or a 400/800 number; +86 allowed; several separated by 、 , ;.' },
    why: { zh: '办事指南必须公布可拨通的咨询和投诉电话；12345 为政务服务便民热线。', en: 'Service guides must publish reachable consultation and complaint numbers; 12345 is the government service hotline.' },
    failing: 'consultPhone: "82771234"   # 缺少区号',
    passing: 'consultPhone: "027-82771234"',
  },
  'use-level': {
    checks: { zh: '省级以外，事项的行使层级包含本区划的层级。', en: 'Outside the province, the item\'s useLevel includes the region\'s level.' },
    why: FOUR_SAME,
    failing: '# 县级区划中的事项\nuseLevel: [省级, 市级]',
    passing: '# 县级区划中的事项\nuseLevel: [省级, 市级, 县级]',
  },
  region: {
    checks: { zh: '每个区划目录有有效的 region.yaml：代码与目录名一致、在上级代码范围内、层级符合目录结构。', en: 'Each region directory has a valid region.yaml: code equal to the directory name, under its parent\'s prefix, level as the layout allows.' },
    why: { zh: 'GB/T 2260 行政区划代码：区划树决定事项与上级和省级基准的比较关系。', en: 'GB/T 2260 area codes: the region tree decides which parent and baseline each item is compared with.' },
    failing: '# 420000/420100/region.yaml\ncode: "420199"\nname: 武汉市\nlevel: 市级',
    passing: '# 420000/420100/region.yaml\ncode: "420100"\nname: 武汉市\nlevel: 市级',
  },
  'stray-file': {
    checks: { zh: '目录中的文件只能是 region.yaml、decisions.yaml 和 items/*.yaml。', en: 'A catalog holds only region.yaml, decisions.yaml and items/*.yaml files.' },
    why: { zh: '放错位置的文件（如 .yml 扩展名）不会被校验和同步，容易被误以为已发布。', en: 'A misplaced file (a .yml extension, say) is neither validated nor synced, yet looks published.' },
    failing: '420000/420100/items/002000101000.yml\n420000/420100/说明.txt',
    passing: '420000/420100/items/002000101000.yaml',
  },
  'decisions-file': {
    checks: { zh: 'decisions.yaml 有效：每条有 key、fingerprint、decision、by、at（带时区的 ISO 8601），accepted 有 reason，没有其他键，按 key 排序且不重复。', en: 'decisions.yaml is valid: each entry has key, fingerprint, decision, by and at (ISO 8601 with offset), reason for accepted, no other key, sorted by key, one entry per key.' },
    why: { zh: '审核决定保存在 git 中，CI 和每个克隆都要能读取同样的决定。', en: 'Review decisions live in git so that CI and every clone see the same ones.' },
    failing: '- key: "420106/000100104000#/promisedLimit"\n  decision: accepted',
    passing: '- key: "420106/000100104000#/promisedLimit"\n  fingerprint: "3aced29b54a3d87d"\n  decision: "accepted"\n  reason: 依据《武汉市优化营商环境条例》第二十条\n  by: "jiangan"\n  at: "2026-12-06T10:15:00+08:00"',
    configure: { zh: '`tongbiao decisions export` 从审核数据库写出该文件。', en: '`tongbiao decisions export` writes the file from the review database.' },
  },
  'level-unknown': {
    checks: { zh: '省级以下的事项在省级通用目录中有同一基本编码的事项，或列入本级或上级的 `localItems`。', en: 'An item below the province has a baseline item of the same catalogCode, or is listed in its region\'s (or an ancestor\'s) `localItems`.' },
    why: { zh: '实施清单原则上不得超出通用目录（国办发〔2022〕5号）。', en: 'Implementation lists may not in principle go beyond the common catalog (国办发〔2022〕5号).' },
    failing: '# 420102/items/002000199000.yaml，省级没有 002000199000\ncatalogCode: "002000199000"',
    passing: '# region.yaml\nlocalItems: ["002000199000"]',
    configure: { zh: '依本地法规设立的事项列入区划 region.yaml 的 `localItems`。', en: 'Items set up under local legislation go into `localItems` of the region.yaml.' },
  },
  'level-local': {
    checks: { zh: '事项不在省级通用目录中，但列入了 `localItems`：依本级法规设立，仍须写明依据。', en: 'The item has no baseline item and is listed in `localItems`: set up under local legislation; its basis must still be given.' },
    why: FOUR_SAME,
    failing: '# region.yaml\nlocalItems: ["002000199000"]',
    passing: '# （提示，无需修改）',
  },
  'level-locked': {
    checks: { zh: '锁定要素（名称、类型、依据、行使层级、法定时限、审批结果、业务办理项）与省级基准一致；集合按集合比较，依据按法律 + 条款比较。', en: 'A locked element (name, type, basis, useLevel, statutoryLimit, result, handlingItems) equals the province baseline; sets compare as sets, basis by law + article.' },
    why: FOUR_SAME,
    failing: '# 省级：name: 教师资格认定\nname: 教师资格证认定',
    passing: 'name: 教师资格认定',
    configure: { zh: 'tongbiao.yaml 的 `fields:` 可以改变要素的类别（locked、tighten、local、review）。`tongbiao fix` 会改回基准值。', en: '`fields:` in tongbiao.yaml changes an element\'s class (locked, tighten, local, review). `tongbiao fix` puts back the baseline value.' },
  },
  'level-looser': {
    checks: { zh: '只能更便民的要素（承诺时限、跑动次数、材料、收费、网办深度、办理形式、通办范围、中介服务、快递/网上支付/预约）比上级更宽松。', en: 'A tighten-only element (promised limit, visits, materials, fee, online depth, handling forms, handle area, intermediaries, express / online payment / appointment) is looser than the parent\'s.' },
    why: FOUR_SAME,
    failing: '# 上级：promisedLimit: { days: 10, unit: 工作日 }\npromisedLimit: { days: 15, unit: 工作日 }',
    passing: 'promisedLimit: { days: 7, unit: 工作日 }',
    configure: { zh: 'tongbiao.yaml 的 `fields:`；`tongbiao fix` 会改回上级的值。', en: '`fields:` in tongbiao.yaml; `tongbiao fix` puts back the parent\'s value.' },
  },
  'level-tightened': {
    checks: { zh: '只能更便民的要素比上级更便民：列出供审核人员查看。', en: 'A tighten-only element is better for applicants than the parent\'s: listed so reviewers see it.' },
    why: FOUR_SAME,
    failing: '# 上级：visits: 2\nvisits: 1',
    passing: '# （提示，无需修改）\nvisits: 1',
  },
  'level-review': {
    checks: { zh: '锁定、只能更便民和本级要素以外的任何差异（受理条件、流程、材料类型等）：需要审核人员决定。', en: 'Any other difference from the parent outside the local elements (conditions, steps, material types, …): a person decides.' },
    why: FOUR_SAME,
    failing: '# 上级：conditions: 参保人员跨统筹地区就业\nconditions: 参保人员跨统筹地区就业并已缴费满一年',
    passing: 'conditions: 参保人员跨统筹地区就业',
    configure: { zh: '在审核界面接受的差异写入 decisions.yaml 后不再使校验失败。', en: 'A difference accepted in the review UI and written to decisions.yaml no longer fails validation.' },
  },
  'level-missing': {
    checks: { zh: '省级在用、行使层级包含本级的基准事项，本级尚未认领。', en: 'A baseline item in use whose useLevel includes the region\'s level has not been claimed by the region.' },
    why: FOUR_SAME,
    failing: '# 省级有 000100102000，420106/items/ 中没有',
    passing: '# tongbiao claim 420106 000100102000 之后\n420106/items/000100102000.yaml',
    configure: { zh: '`tongbiao claim <区划> <基本编码…>` 从上级认领事项。', en: '`tongbiao claim <region> <catalogCode…>` claims items from the parent.' },
  },
  'level-cancelled': {
    checks: { zh: '省级基准事项已取消，本级仍未取消。', en: 'The baseline item is cancelled (取消) and this region\'s is not.' },
    why: FOUR_SAME,
    failing: '# 省级：status: 取消\nstatus: 在用',
    passing: 'status: 取消\ncancelDate: 2027-01-01',
  },
  'level-suspended': {
    checks: { zh: '省级基准事项已暂停，本级仍在用。', en: 'The baseline item is suspended (暂停) and this region\'s is in use.' },
    why: FOUR_SAME,
    failing: '# 省级：status: 暂停\nstatus: 在用',
    passing: 'status: 暂停',
  },
};

/** The rule's documentation, or undefined for a rule nobody has documented yet (the docs test fails then). */
export function ruleDoc(id: string): RuleDoc | undefined {
  return Object.hasOwn(RULE_DOCS, id) ? RULE_DOCS[id] : undefined;
}
