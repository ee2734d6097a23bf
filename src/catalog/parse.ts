// Text → plain data, with every way YAML can go wrong ending as a `yaml-syntax` problem, never a hang or a crash.
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Message } from './types.js';

export interface SyntaxProblem {
  message: Message;
  line: number;
  column: number;
}

export type Parsed = { data: unknown } | { problem: SyntaxProblem };

/** Aliases beyond the `yaml` package's default limit are refused (spec §3): an alias bomb ends here. */
const MAX_ALIAS_COUNT = 100;

export function parseYaml(text: string): Parsed {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    const duplicate = error.code === 'DUPLICATE_KEY';
    const reason = firstLine(error.message);
    return {
      problem: {
        line,
        column: col,
        message: duplicate
          ? { zh: `重复的键：${reason}`, en: `duplicate key: ${reason}` }
          : { zh: `YAML 语法错误：${reason}`, en: `YAML syntax error: ${reason}` },
      },
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return {
      problem: {
        line: 1,
        column: 1,
        message: {
          zh: `YAML 别名展开过多（可能是“别名炸弹”）：${firstLine((e as Error).message)}`,
          en: `too many YAML alias expansions (alias bomb?): ${firstLine((e as Error).message)}`,
        },
      },
    };
  }
  if (data === null || data === undefined) {
    return { problem: { line: 1, column: 1, message: { zh: '文件为空', en: 'file is empty' } } };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    const what = Array.isArray(data) ? { zh: '列表', en: 'a list' } : { zh: '单个值', en: 'a single value' };
    const at = contentStart(doc, lineCounter);
    return {
      problem: {
        ...at,
        message: { zh: `文件内容应为键值映射，实际是${what.zh}`, en: `the file must hold a mapping, not ${what.en}` },
      },
    };
  }
  return { data };
}

function contentStart(doc: Document, lineCounter: LineCounter): { line: number; column: number } {
  const offset = doc.contents?.range?.[0] ?? 0;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
