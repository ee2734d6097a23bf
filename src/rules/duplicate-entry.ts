import type { ItemRule, Problem } from './types.js';
import { isRecord } from './util.js';

const LISTS = [
  { key: 'materials', zh: '申请材料', en: 'material' },
  { key: 'steps', zh: '办理环节', en: 'step' },
] as const;

/** A list whose identity is the name (materials, steps) may not name an entry twice; the later one is reported. */
export const duplicateEntry: ItemRule = {
  id: 'duplicate-entry',
  severity: 'error',
  description: { zh: '申请材料或办理环节重名', en: 'two materials or two steps share a name' },
  check({ item }) {
    const problems: Problem[] = [];
    for (const list of LISTS) {
      const entries = item[list.key];
      if (!Array.isArray(entries)) continue;
      const first = new Map<string, number>();
      entries.forEach((entry, i) => {
        if (!isRecord(entry) || typeof entry.name !== 'string') return;
        const name = entry.name.trim();
        if (name === '') return;
        const earlier = first.get(name);
        if (earlier === undefined) {
          first.set(name, i);
          return;
        }
        problems.push({
          path: `/${list.key}/${i}`,
          message: {
            zh: `${list.zh}第 ${i + 1} 项“${name}”与第 ${earlier + 1} 项 (/${list.key}/${earlier}) 重名`,
            en: `${list.en} ${i} “${name}” repeats the name of ${list.en} ${earlier} (/${list.key}/${earlier})`,
          },
        });
      });
    }
    return problems;
  },
};
