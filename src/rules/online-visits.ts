import type { ItemRule } from './types.js';
import { isV2 } from './util.js';

/** The stages that make an item 全程网办 (handled entirely online): accepted, handled and answered online. */
export const FULLY_ONLINE = ['互联网受理', '互联网办理', '互联网办理结果信息反馈'] as const;

/** An item handled entirely online should not need the applicant to come in. */
export const onlineVisits: ItemRule = {
  id: 'online-visits',
  severity: 'warning',
  description: { zh: '全程网办事项仍要求到现场', en: 'handled entirely online, yet visits > 0' },
  check({ item, settings }) {
    const { onlineDepth, visits } = item;
    if (!isV2(settings) || typeof visits !== 'number' || !(visits > 0) || !Array.isArray(onlineDepth)) return [];
    if (!FULLY_ONLINE.every((stage) => onlineDepth.includes(stage))) return [];
    return [
      {
        path: '/visits',
        message: {
          zh: `网上办理深度含${FULLY_ONLINE.join('、')}（全程网办），到办事现场次数却为 ${visits} 次；应为 0 次，或核对网上办理深度`,
          en: `onlineDepth holds ${FULLY_ONLINE.join(', ')} (handled entirely online), yet visits is ${visits}; it should be 0, or onlineDepth is wrong`,
        },
      },
    ];
  },
};
