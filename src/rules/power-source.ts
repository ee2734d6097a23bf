import { pointerOf } from '../catalog/locate.js';
import type { ItemRule } from './types.js';
import { isMissing, isTodo, isV2 } from './util.js';

/** Every administrative power says where it comes from (权力来源); a public service (公共服务) need not. */
export const powerSource: ItemRule = {
  id: 'power-source',
  severity: 'error',
  description: { zh: '行政权力事项未填写权力来源', en: 'an item that is not 公共服务 has no powerSource' },
  check({ item, settings }) {
    const { type } = item;
    if (!isV2(settings) || typeof type !== 'string' || isTodo(type) || type === '公共服务' || !isMissing(item.powerSource)) return [];
    return [
      {
        path: pointerOf(['powerSource']),
        message: {
          zh: `事项类型为“${type}”，须填写权力来源 (powerSource)：法定本级行使、上级下放、上级授权、同级授权、上级委托或同级委托`,
          en: `type is ${type}, so powerSource is required (法定本级行使, 上级下放, 上级授权, 同级授权, 上级委托 or 同级委托)`,
        },
      },
    ];
  },
};
