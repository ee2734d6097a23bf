import { pointerOf } from '../catalog/locate.js';
import type { ItemRule, Problem } from './types.js';
import { isRecord, isTodo } from './util.js';

/** 业务办理项序号: two digits, so 实施编码 + 序号 is the 33-character 业务办理项编码. */
const SEQ = /^\d{2}$/;

/** Each handling item's seq is two digits. A seq that is not a string is the schema's (it says to quote it). */
export const handlingItem: ItemRule = {
  id: 'handling-item',
  severity: 'error',
  description: { zh: '业务办理项序号不是 2 位数字', en: "a handling item's seq is not two digits" },
  check({ item }) {
    const { handlingItems } = item;
    if (!Array.isArray(handlingItems)) return [];
    const problems: Problem[] = [];
    handlingItems.forEach((entry, i) => {
      if (!isRecord(entry) || typeof entry.seq !== 'string' || isTodo(entry.seq) || SEQ.test(entry.seq)) return;
      problems.push({
        path: pointerOf(['handlingItems', i, 'seq']),
        message: {
          zh: `业务办理项序号“${entry.seq}”应为 2 位数字（如 "01"），与实施编码组成 33 位业务办理项编码`,
          en: `handling item seq '${entry.seq}' must be two digits (e.g. "01"): taskCode + seq is the 33-character handling item code`,
        },
      });
    });
    return problems;
  },
};
