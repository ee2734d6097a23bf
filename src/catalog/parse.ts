// Text → plain data, the reading entry of every catalog file: exactly the data the `yaml` package returns,
// and exactly its accept or refuse, with every way YAML can go wrong ending as a `yaml-syntax` problem,
// never a hang or a crash. The block scanner takes the block-style subset catalog files are written in
// (every item file of a generated province and of the demo catalog) at ≈ 30× the speed of `yaml`; anything
// it declines goes to `yaml` itself. (A js-yaml stage once sat between them: it returned data different
// from `yaml`'s on about 1 % of fuzzed inputs and took files `yaml` refuses, for no file of a real catalog.)
import { Composer, isAlias, isCollection, isMap, isPair, isScalar, Lexer, LineCounter, Parser, YAMLParseError, type Document, type Node } from 'yaml';
import { scanBlockYaml } from './block-yaml.js';
import type { Message } from './types.js';
import { MAX_ALIAS_COUNT, MAX_DEPTH } from './yaml-limits.js';

export interface SyntaxProblem {
  message: Message;
  line: number;
  column: number;
}

export type Parsed = { data: Record<string, unknown> } | { problem: SyntaxProblem };

/** `parseDocument`'s options as validate reads a file; `logLevel` only keeps `yaml`'s warnings off the console. */
const OPTIONS = { prettyErrors: false, logLevel: 'error' } as const;

export function parseYaml(text: string): Parsed {
  const scanned = scanBlockYaml(text);
  return scanned ? { data: scanned } : parseWithYaml(text);
}

/**
 * `yaml`'s `parseDocument(text, { uniqueKeys: true })`, fed token by token so that nesting beyond the limit
 * stops it early. `yaml` checks each key against every earlier one of its mapping (20,000 keys: seconds), so
 * a first pass composes without that check and a Set per mapping says whether a duplicate exists; only then,
 * or when the file has errors anyway, does `yaml` compose again with its own check, to report exactly what
 * it reports. The check changes nothing else in the document.
 */
function parseWithYaml(text: string, uniqueKeys = false): Parsed {
  const lineCounter = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const parser = new Parser(lineCounter.addNewLine);
  let deep: number | undefined;
  // A 1 MiB file of `[` takes `yaml` a minute; the parser's stack holds the collections open around the
  // current token, so the 65th is caught as it opens.
  function* tokens() {
    lineCounter.addNewLine(0);
    for (const lexeme of new Lexer().lex(text)) {
      yield* parser.next(lexeme);
      if (parser.stack.length > MAX_DEPTH && (deep = tooDeep(parser.stack)) !== undefined) return;
    }
    yield* parser.end();
  }
  let doc: Document.Parsed | undefined;
  for (const next of new Composer({ ...OPTIONS, uniqueKeys }).compose(tokens(), true, text.length)) {
    if (doc === undefined) {
      doc = next;
    } else {
      // As `parseDocument` does.
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  if (deep !== undefined) return { problem: { ...at(deep), message: DEEP } };
  if (!uniqueKeys && (doc!.errors.length > 0 || hasDuplicateKey(doc!.contents))) return parseWithYaml(text, true);
  const error = doc!.errors[0];
  if (error) {
    const duplicate = error.code === 'DUPLICATE_KEY';
    const reason = firstLine(error.message);
    return {
      problem: {
        ...at(error.pos[0]),
        message: duplicate
          ? { zh: `重复的键：${reason}`, en: `duplicate key: ${reason}` }
          : { zh: `YAML 语法错误：${reason}`, en: `YAML syntax error: ${reason}` },
      },
    };
  }
  // A collection used as a key nests without the parser's stack showing it.
  deep = deepNode(doc!.contents as Node | null, 1);
  if (deep !== undefined) return { problem: { ...at(deep), message: DEEP } };
  let data: unknown;
  try {
    data = doc!.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // An alias to no anchor, or an alias bomb: `yaml` finds both only when it builds the data.
    const reason = firstLine((e as Error).message);
    return { problem: { line: 1, column: 1, message: { zh: `YAML 别名无法展开：${reason}`, en: `a YAML alias cannot be expanded: ${reason}` } } };
  }
  // (Only `yaml` reads aliases, and every alias is written with a `*`.)
  const aliased = text.includes('*') ? aliasProblem(doc!) : undefined;
  if (aliased) return { problem: { ...at(aliased.offset), message: aliased.message } };
  if (data === null || data === undefined) {
    return { problem: { line: 1, column: 1, message: { zh: '文件为空', en: 'file is empty' } } };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    const what = Array.isArray(data) ? { zh: '列表', en: 'a list' } : { zh: '单个值', en: 'a single value' };
    return {
      problem: {
        ...at(doc!.contents?.range?.[0] ?? 0),
        message: { zh: `文件内容应为键值映射，实际是${what.zh}`, en: `the file must hold a mapping, not ${what.en}` },
      },
    };
  }
  return { data: data as Record<string, unknown> };
}

const DEEP: Message = { zh: `YAML 嵌套超过 ${MAX_DEPTH} 层`, en: `YAML nests deeper than ${MAX_DEPTH} levels` };

const CIRCULAR: Message = {
  zh: 'YAML 别名引用了包含它自身的节点（循环结构）：事项数据不能循环引用',
  en: 'a YAML alias refers to a node that contains it (a cycle): item data cannot be circular',
};

/**
 * Data that aliases make circular (`steps: &s [*s]`, which `yaml` builds as a self-containing list) or nest
 * past the limit (an anchored deep node repeated deep down): no later stage could compare, store or show it.
 * The nodes are walked as `toJS` expanded them, so the walk is as bounded as its alias limit made the data.
 * Found at the alias that closes the circle or first leads too deep.
 */
function aliasProblem(doc: Document.Parsed): { offset: number; message: Message } | undefined {
  const open = new Set<Node>();
  const visit = (node: unknown, depth: number, via: number | undefined): { offset: number; message: Message } | undefined => {
    if (isAlias(node)) {
      const target = node.resolve(doc);
      const offset = node.range?.[0] ?? 0;
      if (target !== undefined && open.has(target)) return { offset, message: CIRCULAR };
      return visit(target, depth, via ?? offset);
    }
    if (!isCollection(node)) return undefined;
    if (depth > MAX_DEPTH) return { offset: via ?? node.range?.[0] ?? 0, message: DEEP };
    open.add(node);
    for (const item of node.items) {
      for (const child of isPair(item) ? [item.key, item.value] : [item]) {
        const found = visit(child, depth + 1, via);
        if (found) return found;
      }
    }
    open.delete(node);
    return undefined;
  };
  return visit(doc.contents, 1, undefined);
}

const COLLECTION_TOKENS = new Set(['block-map', 'block-seq', 'flow-collection']);

/** The offset of the collection one past the limit among the parser's open tokens, if there is one. */
function tooDeep(stack: ReadonlyArray<{ type: string; offset?: number }>): number | undefined {
  let depth = 0;
  for (const token of stack) if (COLLECTION_TOKENS.has(token.type) && ++depth > MAX_DEPTH) return token.offset;
  return undefined;
}

/** Whether a mapping has two keys `yaml` calls equal: scalars of one value (`a` and "a", `1` and `0x1`; NaN never). */
function hasDuplicateKey(node: unknown): boolean {
  if (isMap(node)) {
    const seen = new Set<unknown>();
    for (const { key } of node.items) {
      if (!isScalar(key) || key.value !== key.value) continue;
      if (seen.has(key.value)) return true;
      seen.add(key.value);
    }
  }
  if (!isCollection(node)) return false;
  return node.items.some((item) => (isPair(item) ? hasDuplicateKey(item.key) || hasDuplicateKey(item.value) : hasDuplicateKey(item)));
}

/** The start of the first collection (in document order) nested one past the limit, keys included. */
function deepNode(node: Node | null, depth: number): number | undefined {
  if (!isCollection(node)) return undefined;
  if (depth > MAX_DEPTH) return node.range?.[0] ?? 0;
  for (const item of node.items) {
    const children = isPair(item) ? [item.key, item.value] : [item];
    for (const child of children) {
      const found = deepNode(child as Node | null, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
