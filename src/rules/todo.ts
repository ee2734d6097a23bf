import { pointerOf } from '../catalog/locate.js';
import { TODO } from '../schema/codes.js';
import type { ItemRule, Problem } from './types.js';

/** `tongbiao claim` writes TODO into the elements a region must fill in; each one left is a finding. */
export const todo: ItemRule = {
  id: 'todo',
  severity: 'error',
  description: { zh: '仍有未填写的 TODO 占位符', en: 'a value is still the TODO placeholder' },
  check({ item, file }) {
    // Walking every value costs about as much as the schema check; a file whose source never spells
    // TODO (quoted or not) cannot hold one. Without the source (tests), walk.
    if (file.text !== undefined && !file.text.includes(TODO)) return [];
    const problems: Problem[] = [];
    walk(item, [], new Set(), problems);
    return problems;
  },
};

function walk(value: unknown, at: (string | number)[], open: Set<object>, problems: Problem[]): void {
  if (value === TODO) {
    const path = pointerOf(at);
    problems.push({
      path,
      message: {
        zh: `${path} 仍为认领时写入的占位符 ${TODO}，请填写实际内容`,
        en: `${path} is still the ${TODO} placeholder written by claim; fill in the real value`,
      },
    });
    return;
  }
  if (value === null || typeof value !== 'object' || open.has(value)) return; // a cycle through YAML aliases
  open.add(value);
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, i], open, problems));
  else for (const [k, v] of Object.entries(value)) walk(v, [...at, k], open, problems);
  open.delete(value);
}
