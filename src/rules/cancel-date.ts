import type { ItemRule } from './types.js';
import { isMissing, isV2 } from './util.js';

/** A cancelled item (事项状态 取消) says when it is cancelled (计划取消日期). */
export const cancelDate: ItemRule = {
  id: 'cancel-date',
  severity: 'error',
  description: { zh: '已取消的事项未填写计划取消日期', en: 'status 取消 without cancelDate' },
  check({ item, settings }) {
    if (!isV2(settings) || item.status !== '取消' || !isMissing(item.cancelDate)) return [];
    return [
      {
        path: '/status',
        message: {
          zh: '事项状态为取消，须填写计划取消日期 (cancelDate)，如 2027-01-01',
          en: 'status is 取消 (cancelled), so cancelDate is required, e.g. 2027-01-01',
        },
      },
    ];
  },
};
