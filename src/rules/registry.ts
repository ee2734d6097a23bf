// The one place that decides which rules exist, their IDs and default severities. Every stage asks here.
import { cancelDate } from './cancel-date.js';
import { caseType } from './case-type.js';
import { codeType } from './code-type.js';
import { creditCodeKind } from './credit-code-kind.js';
import { creditCode } from './credit-code.js';
import { duplicateEntry } from './duplicate-entry.js';
import { entrustedBy } from './entrusted-by.js';
import { feeBasis } from './fee-basis.js';
import { fileName } from './file-name.js';
import { fileRef } from './file-ref.js';
import { handlingItem } from './handling-item.js';
import { onlineVisits } from './online-visits.js';
import { phone } from './phone.js';
import { powerSource } from './power-source.js';
import { schema } from './schema.js';
import { stepsTime } from './steps-time.js';
import { taskCode } from './task-code.js';
import { timeLimit } from './time-limit.js';
import { todo } from './todo.js';
import type { ItemRule, RuleInfo } from './types.js';
import { useLevel } from './use-level.js';
import { visitsReason } from './visits-reason.js';
import { zeroVisitDelivery } from './zero-visit-delivery.js';

/** Rules run on each item file that parses as a mapping, in this order: schema first, then spec §3's order. */
export const ITEM_RULES: ItemRule[] = [
  schema,
  todo,
  fileName,
  fileRef,
  codeType,
  creditCode,
  creditCodeKind,
  taskCode,
  powerSource,
  timeLimit,
  caseType,
  stepsTime,
  visitsReason,
  onlineVisits,
  zeroVisitDelivery,
  feeBasis,
  entrustedBy,
  cancelDate,
  duplicateEntry,
  handlingItem,
  phone,
  useLevel,
];

/** Rules whose findings come from reading, parsing and laying out the catalog rather than from one item. */
const STAGE_RULES: RuleInfo[] = [
  { id: 'file-read', severity: 'error', description: { zh: '文件无法作为文本读取', en: 'the file cannot be read as text' } },
  { id: 'yaml-syntax', severity: 'error', description: { zh: 'YAML 语法错误或内容不是映射', en: 'invalid YAML, or not a mapping' } },
  { id: 'format-version', severity: 'info', description: { zh: '目录为第 1 版格式，按 v1→v2 映射读取；请运行 tongbiao migrate', en: 'the catalog is format v1, read through the v1→v2 mapping; run tongbiao migrate' } },
  { id: 'region', severity: 'error', description: { zh: '区划目录或 region.yaml 无效', en: 'invalid region directory or region.yaml' } },
  { id: 'stray-file', severity: 'warning', description: { zh: '目录中有不属于目录结构的文件', en: 'a file that is not part of the catalog layout' } },
  { id: 'decisions-file', severity: 'error', description: { zh: 'decisions.yaml 无效', en: 'invalid decisions.yaml' } },
  { id: 'level-unknown', severity: 'error', description: { zh: '事项不在省级通用目录中', en: 'the item has no baseline item' } },
  { id: 'level-local', severity: 'info', description: { zh: '本地依法设立的事项（localItems）', en: 'an item established locally (localItems), not in the baseline' } },
  { id: 'level-locked', severity: 'error', description: { zh: '“四级四同”要素与省级不一致', en: 'a locked element differs from the baseline' } },
  { id: 'level-looser', severity: 'error', description: { zh: '要素比上级更宽松（只能更便民）', en: 'a tighten-only element is looser than the parent' } },
  { id: 'level-tightened', severity: 'info', description: { zh: '要素比上级更便民', en: 'a tighten-only element is stricter than the parent' } },
  { id: 'level-review', severity: 'warning', description: { zh: '与上级不同，需要审核', en: 'differs from the parent; needs review' } },
  { id: 'level-missing', severity: 'info', description: { zh: '未认领的省级事项', en: 'a baseline item the region has not claimed' } },
  { id: 'level-cancelled', severity: 'error', description: { zh: '省级已取消的事项本级仍未取消', en: 'the baseline item is cancelled and this one is not' } },
  { id: 'level-suspended', severity: 'warning', description: { zh: '省级已暂停的事项本级仍在用', en: 'the baseline item is suspended and this one is in use' } },
];

export const RULES: RuleInfo[] = [...STAGE_RULES.slice(0, 3), ...ITEM_RULES, ...STAGE_RULES.slice(3)];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));

export function ruleInfo(id: string): RuleInfo {
  const info = RULES.find((r) => r.id === id);
  if (!info) throw new Error(`unknown rule ${id}`);
  return info;
}
