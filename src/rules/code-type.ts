import { resolveCodeSets } from '../schema/codes.js';
import type { ItemRule } from './types.js';

/** 基本编码 characters 3–4 name the item's type (national or a catalog's own); a mismatch means a wrong code or a wrong type. */
export const codeType: ItemRule = {
  id: 'code-type',
  severity: 'error',
  description: { zh: '基本编码的类型位与事项类型不一致', en: "catalogCode's type digits do not match the item type" },
  check({ item, settings }) {
    const { catalogCode, type } = item;
    const digits = resolveCodeSets(settings.codeSets).typeDigits;
    if (typeof catalogCode !== 'string' || typeof type !== 'string' || !Object.hasOwn(digits, type)) return [];
    const expected = digits[type]!;
    const actual = catalogCode.slice(2, 4);
    if (actual === expected) return [];
    return [
      {
        path: '/catalogCode',
        message: {
          zh: `基本编码第 3–4 位为 ${actual}，与事项类型“${type}”应有的 ${expected} 不符`,
          en: `catalogCode digits 3–4 are ${actual}, but type ${type} requires ${expected}`,
        },
      },
    ];
  },
};
