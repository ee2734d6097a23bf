import { LEVEL_DIGIT } from '../catalog/types.js';
import type { ItemRule } from './types.js';
import { isFilled, isRecord } from './util.js';

/** 实施编码 = 实施主体统一社会信用代码 (18) + 层级码 (1) + 基本编码 (12), spec §2. */
export const taskCode: ItemRule = {
  id: 'task-code',
  severity: 'error',
  description: {
    zh: '实施编码不等于统一社会信用代码 + 层级码 + 基本编码',
    en: 'taskCode is not dept.creditCode + level digit + catalogCode',
  },
  check({ item, region }) {
    const { taskCode: actual, catalogCode, dept } = item;
    const level = region.level;
    if (!isFilled(actual) || !isFilled(catalogCode) || !isRecord(dept) || !isFilled(dept.creditCode)) return [];
    if (level === undefined || !(level in LEVEL_DIGIT)) return [];
    const creditCode = dept.creditCode;
    const digit = LEVEL_DIGIT[level];
    const expected = creditCode + digit + catalogCode;
    if (actual === expected) return [];

    const zh: string[] = [];
    const en: string[] = [];
    if (actual.length !== expected.length) {
      zh.push(`长度为 ${actual.length} 位，应为 ${expected.length} 位`);
      en.push(`it has ${actual.length} characters instead of ${expected.length}`);
    } else {
      const a = creditCode.length;
      const b = a + 1;
      if (actual.slice(0, a) !== creditCode) {
        zh.push(`第 1–${a} 位应为实施主体的统一社会信用代码 ${creditCode}`);
        en.push(`characters 1–${a} must be dept.creditCode ${creditCode}`);
      }
      if (actual.slice(a, b) !== digit) {
        zh.push(`第 ${b} 位应为${level}层级码 ${digit}，实为 ${actual.slice(a, b)}`);
        en.push(`character ${b} must be the ${level} level digit ${digit}, not ${actual.slice(a, b)}`);
      }
      if (actual.slice(b) !== catalogCode) {
        zh.push(`第 ${b + 1}–${expected.length} 位应为基本编码 ${catalogCode}`);
        en.push(`characters ${b + 1}–${expected.length} must be catalogCode ${catalogCode}`);
      }
    }
    return [
      {
        path: '/taskCode',
        message: {
          zh: `实施编码 ${actual} 有误：${zh.join('；')}。应为 ${expected}（统一社会信用代码 + 层级码 ${digit} + 基本编码）`,
          en: `taskCode ${actual} is wrong: ${en.join('; ')}. Expected ${expected} (creditCode + level digit ${digit} + catalogCode)`,
        },
      },
    ];
  },
};
