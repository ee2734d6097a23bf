import type { ErrorObject } from 'ajv/dist/2020.js';
import { pointerOf, pointerSegments } from '../catalog/locate.js';
import type { Message } from '../catalog/types.js';
import { TODO } from '../schema/codes.js';
import { itemSchemaErrors, titleAt } from '../schema/validate.js';
import type { ItemRule, Problem } from './types.js';

/** The element schema: missing or unknown keys, wrong types, values outside a code set. One finding per path. */
export const schema: ItemRule = {
  id: 'schema',
  severity: 'error',
  description: { zh: '不符合事项要素规范（JSON Schema）', en: 'the item breaks the element schema (JSON Schema)' },
  check({ item, settings }) {
    const { errors, schema: root } = itemSchemaErrors(item, settings);
    return schemaProblems(errors, item, root);
  },
};

/** Turns ajv errors into one located, readable problem per path. Shared with region.yaml checks. */
export function schemaProblems(errors: ErrorObject[], data: unknown, root: object): Problem[] {
  const byPath = new Map<string, Problem>();
  for (const error of errors) {
    // `if` only says which branch failed; the branch's own error says why.
    if (error.keyword === 'if') continue;
    const path = problemPath(error);
    // A TODO placeholder is the todo rule's to report, once.
    if (valueAt(data, path) === TODO) continue;
    if (!byPath.has(path)) byPath.set(path, { path, message: describe(error, path, data, root) });
  }
  return [...byPath.values()];
}

function problemPath(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return error.instancePath + pointerOf([String(params.missingProperty)]);
  if (error.keyword === 'additionalProperties') return error.instancePath + pointerOf([String(params.additionalProperty)]);
  return error.instancePath;
}

function describe(error: ErrorObject, path: string, data: unknown, root: object): Message {
  const segments = pointerSegments(path);
  const title = titleAt(root, segments);
  const key = segments.at(-1) ?? '';
  const name = title ? `“${title}”（${key}）` : `“${key}”`;
  const params = error.params as Record<string, unknown>;
  const value = valueAt(data, path);
  switch (error.keyword) {
    case 'required':
      return { zh: `缺少必填要素${name}`, en: `missing required element '${key}'${title ? ` (${title})` : ''}` };
    case 'additionalProperties': {
      const parent = segments.slice(0, -1);
      const known = knownKeys(root, parent);
      const guess = closest(key, known);
      return {
        zh: `未知的键“${key}”${guess ? `，是否应为“${guess}”？` : ''}（允许的键：${known.join('、')}）`,
        en: `unknown key '${key}'${guess ? `; did you mean '${guess}'?` : ''} (allowed: ${known.join(', ')})`,
      };
    }
    case 'type': {
      const expected = String(params.type);
      if (expected === 'string' && typeof value === 'number') {
        // An unquoted 01 is the number 1: a seq's example gets its leading zero back.
        const example = key === 'seq' && Number.isInteger(value) ? String(value).padStart(2, '0') : String(value);
        return {
          zh: `${name}应为字符串，实际是数字 ${value}：编码、电话和序号请加引号（前导 0 照写），如 "${example}"`,
          en: `'${key}' must be a string, not the number ${value}: quote codes, phone numbers and seq (leading zeros as written), e.g. "${example}"`,
        };
      }
      return { zh: `${name}应为${typeName(expected).zh}，实际是${typeOf(value).zh}`, en: `'${key}' must be ${typeName(expected).en}, not ${typeOf(value).en}` };
    }
    case 'enum':
      return {
        zh: `${name}的取值“${String(value)}”不在代码集中，可选：${(params.allowedValues as unknown[]).join('、')}`,
        en: `'${key}' value '${String(value)}' is not in the code set; allowed: ${(params.allowedValues as unknown[]).join(', ')}`,
      };
    case 'const':
      return { zh: `${name}应为“${String(params.allowedValue)}”或时限对象 { days, unit }`, en: `'${key}' must be '${String(params.allowedValue)}' or a limit { days, unit }` };
    case 'pattern':
      return { zh: `${name}格式不正确：“${String(value)}”（${patternHint(key).zh}）`, en: `'${key}' is malformed: '${String(value)}' (${patternHint(key).en})` };
    case 'minimum':
    case 'maximum':
      return {
        zh: `${name}为 ${String(value)}，${error.keyword === 'minimum' ? '不得小于' : '不得大于'} ${String(params.limit)}`,
        en: `'${key}' is ${String(value)}; it must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params.limit)}`,
      };
    case 'minItems':
      return { zh: `${name}至少需要 ${String(params.limit)} 项`, en: `'${key}' needs at least ${String(params.limit)} entries` };
    case 'minLength':
      return { zh: `${name}不能为空`, en: `'${key}' must not be empty` };
    case 'uniqueItems':
      return { zh: `${name}中有重复的值`, en: `'${key}' has a repeated value` };
    default:
      return { zh: `${name}不符合规范：${error.message ?? error.keyword}`, en: `'${key}': ${error.message ?? error.keyword}` };
  }
}

function valueAt(data: unknown, path: string): unknown {
  let node = data;
  for (const segment of pointerSegments(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function knownKeys(root: object, parent: string[]): string[] {
  type Node = { properties?: Record<string, Node>; items?: Node; $ref?: string };
  const defs = (root as { $defs?: Record<string, Node> }).$defs ?? {};
  const deref = (n: Node | undefined) => (n?.$ref ? defs[n.$ref.replace('#/$defs/', '')] : n);
  let node: Node | undefined = root as Node;
  for (const segment of parent) {
    node = deref(node);
    node = /^\d+$/.test(segment) && node?.items ? node.items : node?.properties?.[segment];
  }
  return Object.keys(deref(node)?.properties ?? {});
}

/** The known key nearest to a typo, when it is near enough to be a typo. */
function closest(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of known) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function typeName(type: string): Message {
  const names: Record<string, Message> = {
    string: { zh: '字符串', en: 'a string' }, integer: { zh: '整数', en: 'an integer' }, number: { zh: '数字', en: 'a number' },
    boolean: { zh: 'true 或 false', en: 'true or false' }, array: { zh: '列表', en: 'a list' }, object: { zh: '键值映射', en: 'a mapping' },
  };
  return names[type] ?? { zh: type, en: type };
}

function typeOf(value: unknown): Message {
  if (value === null || value === undefined) return { zh: '空值', en: 'empty' };
  if (Array.isArray(value)) return typeName('array');
  if (typeof value === 'number') return Number.isInteger(value) ? { zh: `数字 ${value}`, en: `the number ${value}` } : { zh: `小数 ${value}`, en: `the number ${value}` };
  if (typeof value === 'string') return { zh: `字符串“${value}”`, en: `the string '${value}'` };
  return typeName(typeof value);
}

function patternHint(key: string): Message {
  const hints: Record<string, Message> = {
    catalogCode: { zh: '应为 12 位数字', en: 'must be 12 digits' },
    taskCode: { zh: '应为 31 位：统一社会信用代码 + 层级位 + 基本编码', en: 'must be 31 characters: credit code + level digit + catalogCode' },
    code: { zh: '应为 6 位数字', en: 'must be 6 digits' },
  };
  return hints[key] ?? { zh: '格式不符', en: 'wrong format' };
}
