import type { ItemRule, Problem } from './types.js';
import { isTodo } from './util.js';

const FIELDS = [
  { key: 'consultPhone', zh: '咨询电话', en: 'consultPhone' },
  { key: 'complaintPhone', zh: '投诉电话', en: 'complaintPhone' },
] as const;

/** Several numbers in one field: separated by 、 , ， ; ； and optional spaces. */
const SEPARATORS = /\s*[、,，;；]\s*/;

/** `+86`, `+86 ` or `+86-` before a number. */
const PLUS_86 = /^\+86[\s-]?/;

/** Extension: `-1234` or `转1234`. */
const EXT = String.raw`(?:-\d{1,6}|\s*转\s*\d{1,6})?`;

/** Landline: area code 0 + 2–3 digits (optionally in parentheses), an optional `-` or space, 7–8 digits, extension. */
const LANDLINE = new RegExp(String.raw`^(?:0\d{2,3}|[(（]0\d{2,3}[)）])[-\s]?\d{7,8}${EXT}$`);
/** After +86 the area code's 0 is usually dropped: `+86 27 12345678`, `+86-755-12345678`. */
const LANDLINE_INTL = new RegExp(String.raw`^(?:0?[1-9]\d{1,2}|[(（]0?[1-9]\d{1,2}[)）])[-\s]?\d{7,8}${EXT}$`);
/** Mobile: 11 digits starting 1, also written 3-4-4 (`138 0013 8000`, `138-0013-8000`). */
const MOBILE = /^1\d{2}[-\s]?\d{4}[-\s]?\d{4}$/;
/** Service hotline: 5–6 digits (12345, 95598); domestic only, so never after +86. */
const HOTLINE = /^[1-9]\d{4,5}$/;
/** 400/800 numbers: 10 digits, grouped any way (`400-123-4567`, `4001234567`), optional extension. */
const TOLL_FREE = new RegExp(String.raw`^[48]00(?:[-\s]?\d){7}${EXT}$`);

/** Whether one number (already split from its neighbours) has a recognised form. */
export function isPhoneNumber(raw: string): boolean {
  const number = raw.trim();
  const intl = PLUS_86.exec(number);
  if (intl) {
    const rest = number.slice(intl[0].length);
    return LANDLINE_INTL.test(rest) || MOBILE.test(rest) || TOLL_FREE.test(rest);
  }
  return LANDLINE.test(number) || MOBILE.test(number) || HOTLINE.test(number) || TOLL_FREE.test(number);
}

/** The numbers written in one phone field. */
export function splitPhones(value: string): string[] {
  return value
    .split(SEPARATORS)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const EXPECTED = {
  zh: '应为带区号的固定电话（如 027-12345678，可带分机 -1234 或 转1234）、11 位手机号、5–6 位服务热线（如 12345）或 400/800 号码，可加 +86',
  en: 'expected a landline with area code (e.g. 027-12345678, optional extension -1234 or 转1234), an 11-digit mobile, a 5–6 digit hotline (e.g. 12345) or a 400/800 number, optionally with +86',
};

/** Each number in consultPhone and complaintPhone must be one a citizen can dial. */
export const phone: ItemRule = {
  id: 'phone',
  severity: 'warning',
  description: { zh: '电话号码格式有误', en: 'a phone number has an unrecognised form' },
  check({ item }) {
    const problems: Problem[] = [];
    for (const field of FIELDS) {
      const value = item[field.key];
      // Non-strings and '' are the schema rule's (type, minLength); TODO is the todo rule's.
      if (typeof value !== 'string' || value === '' || isTodo(value)) continue;
      const numbers = splitPhones(value);
      if (numbers.length === 0) {
        problems.push({
          path: `/${field.key}`,
          message: { zh: `${field.zh}未填写号码；${EXPECTED.zh}`, en: `${field.en} holds no number; ${EXPECTED.en}` },
        });
        continue;
      }
      const bad = numbers.filter((n) => !isPhoneNumber(n));
      if (bad.length === 0) continue;
      problems.push({
        path: `/${field.key}`,
        message: {
          zh: `${field.zh}中的 ${bad.map((n) => `“${n}”`).join('、')} 不是有效的电话号码；${EXPECTED.zh}`,
          en: `${field.en}: ${bad.map((n) => JSON.stringify(n)).join(', ')} ${bad.length === 1 ? 'is not a valid number' : 'are not valid numbers'}; ${EXPECTED.en}`,
        },
      });
    }
    return problems;
  },
};
