import { describe, it, expect } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  checkCreditCode,
  creditCheckChar,
  makeCreditCode,
  organizationCheckChar,
} from '../../src/codes/uscc.js';

// Alphabet values used in the hand computations below:
// 0–9 → 0–9, A10 B11 C12 D13 E14 F15 G16 H17 J18 K19 L20 M21 N22 P23 Q24 R25 T26 U27 W28 X29 Y30.
// GB 11714 values (organisation code) differ for letters: A–Z → 10–35, so M = 22, Y = 34.

describe('CREDIT_CODE_ALPHABET', () => {
  it('has the 31 GB 32100 characters, without I O S V Z', () => {
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
    for (const ch of 'IOSVZ') expect(CREDIT_CODE_ALPHABET).not.toContain(ch);
  });
});

describe('checkCreditCode on valid codes', () => {
  it('accepts 91350100M000100Y43 (commonly cited example)', () => {
    // org code M000100Y-4: 22·3 + 1·5 + 34·2 = 139; 139 mod 11 = 7; 11 − 7 = 4 → '4'.
    // credit: 9·1 + 1·3 + 3·9 + 5·27 + 1·26 + M21·20 + 1·8 + Y30·30 + 4·28
    //       = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → '3'.
    expect(checkCreditCode('91350100M000100Y43')).toBeUndefined();
    expect(organizationCheckChar('M000100Y')).toBe('4');
    expect(creditCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('accepts 11420000000000000Y (hand computed; org check 11 → "0")', () => {
    // org code 00000000: Σ = 0; 11 − 0 = 11 → '0'.
    // credit: 1·1 + 1·3 + 4·9 + 2·27 = 94; 94 mod 31 = 1; 31 − 1 = 30 → 'Y'.
    expect(checkCreditCode('11420000000000000Y')).toBeUndefined();
  });

  it('accepts 1242010000000006X1 (hand computed; org check 10 → "X")', () => {
    // org code 00000006: 6·2 = 12; 12 mod 11 = 1; 11 − 1 = 10 → 'X'.
    // credit: 1·1 + 2·3 + 4·9 + 2·27 + 1·26 + 6·30 + X29·28 = 1 + 6 + 36 + 54 + 26 + 180 + 812
    //       = 1115; 1115 mod 31 = 30; 31 − 30 = 1 → '1'.
    expect(checkCreditCode('1242010000000006X1')).toBeUndefined();
  });

  it('accepts 114200000000001230 (hand computed; final check index 0 → "0")', () => {
    // org code 00000012: 1·4 + 2·2 = 8; 11 − 8 = 3 → '3'.
    // credit: 94 (as above) + 1·10 + 2·30 + 3·28 = 248 = 8·31; (31 − 0) mod 31 = 0 → '0'.
    expect(checkCreditCode('114200000000001230')).toBeUndefined();
  });
});

describe('organizationCheckChar', () => {
  it('maps 10 to X and 11 to 0', () => {
    expect(organizationCheckChar('00000006')).toBe('X');
    expect(organizationCheckChar('00000000')).toBe('0');
  });

  it('gives a plain digit otherwise', () => {
    expect(organizationCheckChar('00000012')).toBe('3');
  });

  it('values letters A–Z as 10–35, including letters not in the credit alphabet', () => {
    // Z = 35: 35·2 = 70; 70 mod 11 = 4; 11 − 4 = 7.
    expect(organizationCheckChar('0000000Z')).toBe('7');
  });

  it('rejects malformed input', () => {
    expect(() => organizationCheckChar('0000000')).toThrow(RangeError);
    expect(() => organizationCheckChar('0000000a')).toThrow(RangeError);
  });
});

describe('creditCheckChar', () => {
  it('rejects malformed input', () => {
    expect(() => creditCheckChar('1142000000000000')).toThrow(RangeError);
    expect(() => creditCheckChar('1142000000000000I')).toThrow(RangeError);
  });
});

describe('checkCreditCode problems', () => {
  it('length', () => {
    expect(checkCreditCode('')).toBe('length');
    expect(checkCreditCode('91350100M000100Y4')).toBe('length');
    expect(checkCreditCode('91350100M000100Y433')).toBe('length');
  });

  it('charset', () => {
    expect(checkCreditCode('91350100I000100Y43')).toBe('charset'); // I is not in the alphabet
    expect(checkCreditCode('91350100m000100y43')).toBe('charset'); // lowercase
    expect(checkCreditCode('91350100M000100Y4 ')).toBe('charset');
    expect(checkCreditCode('９1350100M000100Y43')).toBe('charset'); // full-width digit
  });

  it('region', () => {
    expect(checkCreditCode('9135A100M000100Y43')).toBe('region');
  });

  it('org-check', () => {
    expect(checkCreditCode('91350100M000100Y53')).toBe('org-check');
    expect(checkCreditCode('124201000000000601')).toBe('org-check'); // should be X
  });

  it('check', () => {
    expect(checkCreditCode('91350100M000100Y44')).toBe('check');
    expect(checkCreditCode('11420000000000000X')).toBe('check');
  });

  it('reports length before charset, charset before region, region before checks', () => {
    expect(checkCreditCode('I')).toBe('length');
    expect(checkCreditCode('91I5A100M000100Y00')).toBe('charset');
    expect(checkCreditCode('9135A100M000100Y00')).toBe('region');
  });
});

describe('makeCreditCode', () => {
  it('builds the hand-computed codes', () => {
    expect(makeCreditCode('11', '420000', '00000000')).toBe('11420000000000000Y');
    expect(makeCreditCode('12', '420100', '00000006')).toBe('1242010000000006X1');
    expect(makeCreditCode('91', '350100', 'M000100Y')).toBe('91350100M000100Y43');
  });

  it('round-trips: every built code is valid', () => {
    const bodies = ['MB123456', '00000000', 'ABCDEFGH', 'XY123456', '99999999', 'K0L1M2N3'];
    for (const body of bodies) {
      for (const prefix of ['11', '12', '51', '91', 'Y1']) {
        for (const region of ['420000', '420102', '429004', '000000']) {
          const code = makeCreditCode(prefix, region, body);
          expect(code).toHaveLength(18);
          expect(checkCreditCode(code), code).toBeUndefined();
        }
      }
    }
  });

  it('round-trips over many generated bodies', () => {
    let seed = 20250601;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let n = 0; n < 500; n++) {
      let body = '';
      for (let i = 0; i < 8; i++) body += CREDIT_CODE_ALPHABET[next() % 31];
      const region = String(next() % 1000000).padStart(6, '0');
      const code = makeCreditCode('11', region, body);
      expect(checkCreditCode(code), code).toBeUndefined();
      // Changing the last character always breaks it.
      const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
      expect(checkCreditCode(wrong)).toBe('check');
    }
  });

  it('rejects malformed input', () => {
    expect(() => makeCreditCode('1', '420000', '00000000')).toThrow(RangeError);
    expect(() => makeCreditCode('11', '42000A', '00000000')).toThrow(RangeError);
    expect(() => makeCreditCode('11', '420000', '0000000')).toThrow(RangeError);
    expect(() => makeCreditCode('11', '420000', '0000000I')).toThrow(RangeError);
  });
});
