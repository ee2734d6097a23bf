import type { ItemRule } from './types.js';
import { isV2 } from './util.js';

/** The handling forms through which a result can reach an applicant who never comes in. */
const REMOTE_FORMS = ['网上办理', '移动端办理'] as const;

/** Zero visits must be possible: online, on a phone, or with the result sent by post. */
export const zeroVisitDelivery: ItemRule = {
  id: 'zero-visit-delivery',
  severity: 'warning',
  description: { zh: '零跑动事项没有不到现场取得结果的途径', en: 'zero visits, but no way to get the result without coming' },
  check({ item, settings }) {
    const { visits, handlingForms, express } = item;
    if (!isV2(settings) || visits !== 0 || !Array.isArray(handlingForms) || express === true) return [];
    if (REMOTE_FORMS.some((form) => handlingForms.includes(form))) return [];
    return [
      {
        path: '/visits',
        message: {
          zh: `到办事现场次数为 0，但办理形式不含${REMOTE_FORMS.join('或')}，也不支持物流快递 (express)：申请人无法不到现场取得结果`,
          en: `visits is 0, but handlingForms has neither ${REMOTE_FORMS.join(' nor ')} and express is not true: the applicant cannot get the result without coming`,
        },
      },
    ];
  },
};
