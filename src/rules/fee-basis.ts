import type { ItemRule } from './types.js';
import { isMissing, isRecord } from './util.js';

/** A charged item must say on what basis and what it charges (收费依据、收费项目). */
export const feeBasis: ItemRule = {
  id: 'fee-basis',
  severity: 'error',
  description: { zh: '收费事项缺少收费依据或收费项目', en: 'fee.charged without basis or items' },
  check({ item }) {
    const { fee } = item;
    if (!isRecord(fee) || fee.charged !== true) return [];
    const missing: { zh: string; en: string }[] = [];
    if (isMissing(fee.basis) || isEmptyList(fee.basis)) missing.push({ zh: '收费依据 (basis)', en: 'basis' });
    if (isMissing(fee.items) || isEmptyList(fee.items)) missing.push({ zh: '收费项目 (items)', en: 'items' });
    if (missing.length === 0) return [];
    return [
      {
        path: '/fee',
        message: {
          zh: `收费事项 (charged: true) 须填写${missing.map((m) => m.zh).join('和')}`,
          en: `a charged fee (charged: true) requires ${missing.map((m) => m.en).join(' and ')}`,
        },
      },
    ];
  },
};

function isEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}
