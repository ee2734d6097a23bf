import type { ItemRule } from './types.js';
import { isMissing } from './util.js';

/** Every visit to the office must be justified (必须现场办理原因说明). */
export const visitsReason: ItemRule = {
  id: 'visits-reason',
  severity: 'warning',
  description: {
    zh: '需到现场办理但未说明原因',
    en: 'visits > 0 without visitsReason',
  },
  check({ item }) {
    const { visits, visitsReason: reason } = item;
    if (typeof visits !== 'number' || !(visits > 0) || !isMissing(reason)) return [];
    return [
      {
        path: '/visits',
        message: {
          zh: `到办事现场次数为 ${visits} 次，须填写必须现场办理原因说明 (visitsReason)；无须到现场的应为 0 次`,
          en: `visits is ${visits}, so visitsReason (why the applicant must come in person) is required; otherwise visits must be 0`,
        },
      },
    ];
  },
};
