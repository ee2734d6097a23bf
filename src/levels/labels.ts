// What a person calls a path: 申请材料「参保缴费凭证」› 材料形式. Titles come from the item
// schema (the one place that names the elements); list entries are named by their identity.
import type { Message } from '../catalog/types.js';
import { itemSchema } from '../schema/item.js';
import { pointerSegments } from '../catalog/locate.js';
import { LIST_SHAPES } from './list-shapes.js';
import { child, shapeOf } from './pointer.js';
import { isPlainObject } from './semantic-diff.js';

interface SchemaNode {
  title?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  $ref?: string;
}

const ROOT = itemSchema as unknown as SchemaNode & { $defs: Record<string, SchemaNode> };

function resolve(node: SchemaNode | undefined): SchemaNode | undefined {
  const ref = node?.$ref?.match(/^#\/\$defs\/(.+)$/)?.[1];
  return ref === undefined ? node : { ...ROOT.$defs[ref], ...node, $ref: undefined };
}

/** The entry's identity as written: 居民身份证; 《社会保险法》第十九条. */
function entryName(entry: unknown, listPointer: string): string | undefined {
  const shape = LIST_SHAPES[shapeOf(listPointer)];
  if (shape?.kind !== 'keyed' || !isPlainObject(entry)) return undefined;
  const parts = shape.identity.map((f) => entry[f]).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
  return parts.length > 0 ? parts.join('') : undefined;
}

/**
 * `/materials/1/form` → zh `申请材料「参保缴费凭证」› 材料形式`, en `materials “参保缴费凭证” › form`.
 * `item` is the item the indexes refer to (ours, or theirs for an entry only they have).
 */
export function describePath(pointer: string, item: unknown): Message {
  const zh: string[] = [];
  const en: string[] = [];
  let node: SchemaNode | undefined = ROOT;
  let value: unknown = item;
  let at = '';
  for (const token of pointerSegments(pointer)) {
    node = resolve(node);
    if (/^\d+$/.test(token) && node?.items) {
      value = Array.isArray(value) ? value[Number(token)] : undefined;
      const name = entryName(value, at);
      const which = name === undefined ? `#${Number(token) + 1}` : name;
      zh[zh.length - 1] += name === undefined ? ` 第 ${Number(token) + 1} 项` : `「${which}」`;
      en[en.length - 1] += name === undefined ? ` ${which}` : ` “${which}”`;
      node = node.items;
    } else {
      node = node?.properties?.[token];
      value = isPlainObject(value) ? value[token] : undefined;
      zh.push(resolve(node)?.title ?? token);
      en.push(token);
    }
    at = child(at, token);
  }
  return { zh: zh.join(' › ') || '事项', en: en.join(' › ') || 'item' };
}
