import type { ItemRule } from './types.js';

/** Below the province, a region may only implement an item whose 行使层级 includes its own level. */
export const useLevel: ItemRule = {
  id: 'use-level',
  severity: 'error',
  description: { zh: '行使层级不含本区划的层级', en: "useLevel does not include the region's level" },
  check({ item, region }) {
    const { useLevel: levels } = item;
    const level = region.level;
    if (level === undefined || level === '省级' || !Array.isArray(levels) || levels.includes(level)) return [];
    const shown = levels.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('、');
    return [
      {
        path: '/useLevel',
        message: {
          zh: `行使层级 [${shown}] 不含本区划的层级“${level}”；${level}区划只能实施行使层级包含${level}的事项`,
          en: `useLevel [${shown}] does not include this region's level ${level}; a ${level} region may only implement items whose useLevel includes it`,
        },
      },
    ];
  },
};
