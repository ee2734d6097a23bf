import type { ItemRule } from './types.js';
import { isMissing, isRecord } from './util.js';

/** A 受委托组织 acts for someone: name the entrusting department (委托部门). */
export const entrustedBy: ItemRule = {
  id: 'entrusted-by',
  severity: 'error',
  description: { zh: '受委托组织未填写委托部门', en: 'dept.nature 受委托组织 without entrustedBy' },
  check({ item }) {
    const { dept } = item;
    if (!isRecord(dept) || dept.nature !== '受委托组织' || !isMissing(dept.entrustedBy)) return [];
    return [
      {
        path: '/dept',
        message: {
          zh: '实施主体性质为受委托组织，须填写委托部门 (entrustedBy)',
          en: 'dept.nature is 受委托组织 (entrusted organisation), so dept.entrustedBy is required',
        },
      },
    ];
  },
};
