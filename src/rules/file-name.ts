import type { ItemRule } from './types.js';
import { isFilled } from './util.js';

/** One file per item, named by its 基本编码, so the layout alone finds an item. */
export const fileName: ItemRule = {
  id: 'file-name',
  severity: 'error',
  description: { zh: '文件名与基本编码不一致', en: 'the file name is not <catalogCode>.yaml' },
  check({ item, fileName }) {
    const { catalogCode } = item;
    if (!isFilled(catalogCode)) return [];
    const expected = `${catalogCode}.yaml`;
    if (fileName === expected) return [];
    return [
      {
        path: '',
        message: {
          zh: `文件名 ${fileName} 与基本编码 ${catalogCode} 不符，应为 ${expected}`,
          en: `file name ${fileName} does not match catalogCode ${catalogCode}; expected ${expected}`,
        },
      },
    ];
  },
};
