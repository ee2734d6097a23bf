import type { ItemRule } from './types.js';
import { isRecord, isTodo, isV2 } from './util.js';

/** GB 32100 registration authority + category `11` is 机关; 法定机关 registered as anything else is suspect. */
const ORGAN_PREFIX = '11';

/** A 法定机关 (state organ) should hold a 机关 credit code: a code of a company or an institution is likely the wrong body's. */
export const creditCodeKind: ItemRule = {
  id: 'credit-code-kind',
  severity: 'warning',
  description: { zh: '法定机关的统一社会信用代码不是机关代码（11 开头）', en: "a 法定机关's credit code is not a state organ's (11…)" },
  check({ item, settings }) {
    const { dept } = item;
    if (!isV2(settings) || !isRecord(dept) || dept.nature !== '法定机关') return [];
    const code = dept.creditCode;
    if (typeof code !== 'string' || code.length < 2 || isTodo(code) || code.startsWith(ORGAN_PREFIX)) return [];
    return [
      {
        path: '/dept/creditCode',
        message: {
          zh: `实施主体性质为法定机关，但统一社会信用代码 ${code} 以 ${code.slice(0, 2)} 开头，不是机关代码（11）；请核对实施主体或其性质`,
          en: `dept.nature is 法定机关 (state organ), but credit code ${code} starts with ${code.slice(0, 2)}, not 11 (organ); check the department or its nature`,
        },
      },
    ];
  },
};
