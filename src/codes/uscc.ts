/**
 * GB 32100-2015 统一社会信用代码 (unified social credit code), with the
 * GB 11714 组织机构代码 (organisation code) it contains.
 *
 * Layout of the 18 characters (1-based, as in the standard and spec §3 `credit-code`):
 *   1     登记管理部门码 (registration authority)
 *   2     机构类别码 (organisation category)
 *   3–8   登记管理机关行政区划码 (six digits, GB/T 2260)
 *   9–17  主体标识码 = GB 11714 organisation code (8 body characters + 1 check)
 *   18    校验码 (check character)
 *
 * Pure functions, no I/O.
 */

/** The 31 characters a credit code may use (no I, O, S, V, Z), in value order 0–30. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export type CreditCodeProblem = 'length' | 'charset' | 'region' | 'org-check' | 'check';

/** GB 11714 weights over the organisation code's first eight characters. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** GB 32100 weights over the credit code's first seventeen characters (3^i mod 31). */
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** GB 11714 character value: 0–9 for digits, 10–35 for A–Z. -1 for anything else. */
function orgCharValue(ch: string): number {
  if (ch.length !== 1) return -1;
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48; // '0'–'9'
  if (c >= 65 && c <= 90) return c - 55; // 'A'–'Z' → 10–35
  return -1;
}

/**
 * The GB 11714 check character for the first eight characters of an
 * organisation code: 11 − (Σ value × weight mod 11); 10 is 'X', 11 is '0'.
 * Throws on input that is not eight digits / uppercase letters.
 */
export function organizationCheckChar(first8: string): string {
  if (first8.length !== 8) {
    throw new RangeError(`organisation code body must be 8 characters, got ${first8.length}`);
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = orgCharValue(first8[i]!);
    if (v < 0) throw new RangeError(`invalid organisation code character ${JSON.stringify(first8[i])}`);
    sum += v * ORG_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}

/**
 * The GB 32100 check character for the first seventeen characters of a credit
 * code: (31 − Σ value × weight mod 31) mod 31, as an index into the alphabet.
 * Throws on characters outside CREDIT_CODE_ALPHABET.
 */
export function creditCheckChar(first17: string): string {
  if (first17.length !== 17) {
    throw new RangeError(`credit code body must be 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (v < 0) throw new RangeError(`invalid credit code character ${JSON.stringify(first17[i])}`);
    sum += v * CREDIT_WEIGHTS[i]!;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/**
 * Checks a credit code. Returns undefined when it is valid, otherwise the first
 * problem found, in this order: 'length' (not 18 characters), 'charset' (a
 * character outside the alphabet), 'region' (characters 3–8 not six digits),
 * 'org-check' (character 17 is not the GB 11714 check of characters 9–16),
 * 'check' (character 18 is not the GB 32100 check).
 */
export function checkCreditCode(code: string): CreditCodeProblem | undefined {
  if (code.length !== 18) return 'length';
  for (const ch of code) {
    if (!CREDIT_CODE_ALPHABET.includes(ch)) return 'charset';
  }
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) return 'region';
  // Every character is in the alphabet, hence a digit or an uppercase letter,
  // so organizationCheckChar cannot throw here.
  if (organizationCheckChar(code.slice(8, 16)) !== code[16]) return 'org-check';
  if (creditCheckChar(code.slice(0, 17)) !== code[17]) return 'check';
  return undefined;
}

/**
 * Builds a valid 18-character credit code from a 2-character prefix
 * (登记管理部门码 + 机构类别码, e.g. '11' 机关, '12' 事业单位, '91' 企业),
 * a six-digit region code and the eight-character organisation code body,
 * appending the GB 11714 check and the GB 32100 check.
 *
 * The organisation code check may be 'X' or a digit, both in the alphabet, so
 * the result is valid whenever the inputs use only alphabet characters.
 * Throws on malformed input.
 */
export function makeCreditCode(prefix2: string, region6: string, orgBody8: string): string {
  if (prefix2.length !== 2 || [...prefix2].some((ch) => !CREDIT_CODE_ALPHABET.includes(ch))) {
    throw new RangeError(`prefix must be 2 credit code characters, got ${JSON.stringify(prefix2)}`);
  }
  if (!/^[0-9]{6}$/.test(region6)) {
    throw new RangeError(`region must be six digits, got ${JSON.stringify(region6)}`);
  }
  if (orgBody8.length !== 8 || [...orgBody8].some((ch) => !CREDIT_CODE_ALPHABET.includes(ch))) {
    throw new RangeError(
      `organisation code body must be 8 credit code characters, got ${JSON.stringify(orgBody8)}`,
    );
  }
  const first17 = prefix2 + region6 + orgBody8 + organizationCheckChar(orgBody8);
  return first17 + creditCheckChar(first17);
}
