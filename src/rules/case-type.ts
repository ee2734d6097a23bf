import type { ItemRule } from './types.js';
import { isDays, isRecord } from './util.js';

/** 即办件 are done on the spot (0 days); anything promised in days is a 承诺件. */
export const caseType: ItemRule = {
  id: 'case-type',
  severity: 'warning',
  description: { zh: '办件类型与承诺办结时限不符', en: 'caseType does not fit promisedLimit' },
  check({ item }) {
    const { caseType: type, promisedLimit } = item;
    if (!isRecord(promisedLimit) || !isDays(promisedLimit.days)) return [];
    const days = promisedLimit.days;
    const unit = typeof promisedLimit.unit === 'string' ? promisedLimit.unit : '天';
    if (type === '即办件' && days > 0) {
      return [
        {
          path: '/caseType',
          message: {
            zh: `办件类型为即办件，但承诺办结时限为 ${days} ${unit}；即办件的承诺办结时限应为 0，否则应为承诺件`,
            en: `caseType is 即办件 (immediate) but promisedLimit is ${days} ${unit}; an immediate case must promise 0 days, otherwise it is 承诺件`,
          },
        },
      ];
    }
    if (type === '承诺件' && days === 0) {
      return [
        {
          path: '/caseType',
          message: {
            zh: '办件类型为承诺件，但承诺办结时限为 0；承诺件的承诺办结时限应大于 0，当场办结的应为即办件',
            en: 'caseType is 承诺件 (promised) but promisedLimit is 0 days; a promised case must take more than 0 days, otherwise it is 即办件',
          },
        },
      ];
    }
    return [];
  },
};
