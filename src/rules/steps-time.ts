import type { ItemRule } from './types.js';
import { isDays, isRecord } from './util.js';

/** The steps (in promisedLimit's unit) must fit in the promised limit. */
export const stepsTime: ItemRule = {
  id: 'steps-time',
  severity: 'warning',
  description: { zh: '办理流程各环节时限之和超过承诺办结时限', en: "the steps' days add up to more than promisedLimit" },
  check({ item }) {
    const { steps, promisedLimit } = item;
    if (!Array.isArray(steps) || !isRecord(promisedLimit) || !isDays(promisedLimit.days)) return [];
    // Steps whose days are missing or malformed are the schema rule's; the others already bound the total from below.
    const days = steps.map((s) => (isRecord(s) && isDays(s.days) ? s.days : 0));
    const total = days.reduce((a, b) => a + b, 0);
    const limit = promisedLimit.days;
    // Compare in thousandths so that half days (0.5) or tenths never fail by a floating-point rounding error.
    if (Math.round(total * 1000) <= Math.round(limit * 1000)) return [];
    const unit = typeof promisedLimit.unit === 'string' ? promisedLimit.unit : '天';
    const shown = Math.round(total * 1000) / 1000;
    return [
      {
        path: '/steps',
        message: {
          zh: `办理流程各环节时限合计 ${shown} ${unit}（${days.join(' + ')}），超过承诺办结时限 ${limit} ${unit}`,
          en: `the steps add up to ${shown} ${unit} (${days.join(' + ')}), more than promisedLimit ${limit} ${unit}`,
        },
      },
    ];
  },
};
