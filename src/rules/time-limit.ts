import { asTimeLimit, compareTimeLimits, type TimeLimit } from '../levels/duration.js';
import { NO_STATUTORY_LIMIT } from '../schema/codes.js';
import type { ItemRule } from './types.js';

/** The promised limit may not be longer than the statutory one (一个工作日折合 7/5 个自然日, compared exactly). */
export const timeLimit: ItemRule = {
  id: 'time-limit',
  severity: 'error',
  description: { zh: '承诺办结时限超过法定办结时限', en: 'promisedLimit is longer than statutoryLimit' },
  check({ item }) {
    const { promisedLimit, statutoryLimit } = item;
    if (statutoryLimit === NO_STATUTORY_LIMIT) return [];
    const promised = asTimeLimit(promisedLimit);
    const statutory = asTimeLimit(statutoryLimit);
    if (!promised || !statutory || compareTimeLimits(promised, statutory) !== 1) return [];
    const across = promised.unit !== statutory.unit;
    const p = show(promised, across);
    const s = show(statutory, across);
    return [
      {
        path: '/promisedLimit/days',
        message: {
          zh: `承诺办结时限 (${p.zh}) 超过法定办结时限 (${s.zh})`,
          en: `promised limit (${p.en}) exceeds the statutory limit (${s.en})`,
        },
      },
    ];
  },
};

/** `45 工作日`; across units a 工作日 limit also shows its 自然日 equivalent (days × 7/5, a finite decimal). */
function show(limit: TimeLimit, across: boolean) {
  const zh = `${limit.days} ${limit.unit}`;
  const en = `${limit.days} ${limit.unit === '工作日' ? 'working' : 'calendar'} days`;
  if (!across || limit.unit !== '工作日') return { zh, en };
  const calendar = (limit.days * 7) / 5;
  return { zh: `${zh}，折合 ${calendar} 自然日`, en: `${en}, i.e. ${calendar} calendar days` };
}
