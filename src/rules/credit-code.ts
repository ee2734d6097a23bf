import {
  checkCreditCode,
  creditCheckChar,
  CREDIT_CODE_ALPHABET,
  organizationCheckChar,
  type CreditCodeProblem,
} from '../codes/uscc.js';
import type { Message } from '../catalog/types.js';
import type { ItemRule } from './types.js';
import { isRecord, isTodo } from './util.js';

/** Problems an exception (creditCodeExceptions in tongbiao.yaml) lets pass: the two check characters. */
const EXCEPTED: ReadonlySet<CreditCodeProblem> = new Set(['org-check', 'check']);

/**
 * dept.creditCode must be a valid GB 32100 统一社会信用代码 (spec §3 `credit-code`). Some real codes in use fail
 * their check characters (registered before the standard): a catalog lists them with a reason, and they pass.
 */
export const creditCode: ItemRule = {
  id: 'credit-code',
  severity: 'error',
  description: { zh: '统一社会信用代码无效', en: 'dept.creditCode is not a valid unified social credit code' },
  check({ item, settings }) {
    const { dept } = item;
    // The schema only asks for a string here, so an empty one is this rule's to report too.
    if (!isRecord(dept) || typeof dept.creditCode !== 'string' || isTodo(dept.creditCode)) return [];
    const problem = problemOf(dept.creditCode);
    if (problem === undefined || (EXCEPTED.has(problem) && Object.hasOwn(settings.creditCodeExceptions, dept.creditCode))) return [];
    return [{ path: '/dept/creditCode', message: explain(dept.creditCode)! }];
  },
};

/**
 * checkCreditCode, remembered: a catalog's items share a few hundred departments, so a province asked about the
 * same codes 167k times. Bounded: emptied when it holds MAX_REMEMBERED codes.
 */
function problemOf(code: string): CreditCodeProblem | undefined {
  let known = remembered.get(code);
  if (known === undefined) {
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(code, (known = checkCreditCode(code) ?? 'valid'));
  }
  return known === 'valid' ? undefined : known;
}

const MAX_REMEMBERED = 4096;
const remembered = new Map<string, CreditCodeProblem | 'valid'>();

/** What is wrong with a credit code, in words; undefined when it is valid. */
export function explain(code: string): Message | undefined {
  const problem = checkCreditCode(code);
  if (problem === undefined) return undefined;
  const head = { zh: `统一社会信用代码 ${code} 无效：`, en: `credit code ${code} is invalid: ` };
  const chars = [...code];
  const padded = code !== code.trim() ? { zh: '（含首尾空白）', en: ' (leading or trailing whitespace)' } : { zh: '', en: '' };
  // checkCreditCode counts UTF-16 units; a character outside the BMP makes 18 characters look like 19.
  if (problem === 'charset' || (problem === 'length' && chars.length === 18)) {
    const bad = [...new Set(chars.filter((ch) => !CREDIT_CODE_ALPHABET.includes(ch)))];
    const list = bad.map((ch) => (ch.trim() === '' ? JSON.stringify(ch) : `“${ch}”`)).join('、');
    return {
      zh: `${head.zh}含不允许的字符 ${list}${padded.zh}；只能使用数字 0–9 和大写字母 ABCDEFGHJKLMNPQRTUWXY（不含 I、O、S、V、Z）`,
      en: `${head.en}characters ${bad.map((ch) => JSON.stringify(ch)).join(', ')} are not allowed${padded.en}; only 0–9 and the capitals ABCDEFGHJKLMNPQRTUWXY (no I, O, S, V, Z)`,
    };
  }
  switch (problem) {
    case 'length':
      return {
        zh: `${head.zh}长度为 ${chars.length} 位${padded.zh}，应为 18 位`,
        en: `${head.en}it has ${chars.length} characters${padded.en}; it must have 18`,
      };
    case 'region': {
      const region = code.slice(2, 8);
      return {
        zh: `${head.zh}第 3–8 位（登记管理机关行政区划码）应为 6 位数字，实为 ${region}`,
        en: `${head.en}characters 3–8 (registration region code) must be six digits, not ${region}`,
      };
    }
    case 'org-check': {
      const org = code.slice(8, 17);
      const expected = organizationCheckChar(code.slice(8, 16));
      return {
        zh: `${head.zh}第 9–17 位组织机构代码 ${org} 的组织机构代码校验位（第 17 位）应为 ${expected}，实为 ${code[16]}（改正后第 18 位校验码也需重新计算）`,
        en: `${head.en}the check character of the organisation code ${org} (character 17) must be ${expected}, not ${code[16]} (character 18 must then be recomputed)`,
      };
    }
    case 'check': {
      const expected = creditCheckChar(code.slice(0, 17));
      return {
        zh: `${head.zh}统一社会信用代码校验位（第 18 位）应为 ${expected}，实为 ${code[17]}`,
        en: `${head.en}the check character (character 18) must be ${expected}, not ${code[17]}`,
      };
    }
  }
}
