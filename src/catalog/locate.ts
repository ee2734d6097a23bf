// JSON Pointer → line and column in the YAML source. Only files with findings pay for this: the document
// with source ranges is built on the first call, not when the file is read.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

export interface Position {
  line: number;
  column: number;
}

export type Locate = (pointer: string) => Position;

export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function pointerOf(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

const START: Position = { line: 1, column: 1 };

/**
 * Points at the value a pointer names. Where the pointer leaves the document (a missing key), it points
 * at the first key of the deepest mapping it reached, as the spec asks; where the value is empty, at its key.
 */
export function createLocator(text: string | undefined): Locate {
  if (text === undefined) return () => START;
  let state: { root: Node | null; lines: LineCounter } | undefined;
  return (pointer) => {
    state ??= build(text);
    const { root, lines } = state;
    const at = (offset: number | undefined): Position => {
      if (offset === undefined) return START;
      const { line, col } = lines.linePos(offset);
      return { line, column: col };
    };
    let node: Node | null = root;
    let keyNode: Node | null = null;
    for (const segment of pointerSegments(pointer)) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyText(p.key) === segment);
        if (!pair) return at(firstKeyOffset(node));
        keyNode = pair.key as Node | null;
        node = pair.value as Node | null;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (!/^\d+$/.test(segment) || item === undefined) return at(node.range?.[0]);
        keyNode = null;
        node = item as Node | null;
      } else {
        break;
      }
      if (node === null) return at(keyNode?.range?.[0]);
    }
    // An empty value (`fee:`) has no text of its own: its key is where the eye goes.
    const empty = isScalar(node) && node.value === null && node.range !== undefined && node.range !== null && node.range[0] === node.range[1];
    return at((empty ? keyNode?.range?.[0] : undefined) ?? node?.range?.[0] ?? keyNode?.range?.[0]);
  };
}

function build(text: string) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  return { root: doc.contents as Node | null, lines };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}

function firstKeyOffset(map: { items: { key: unknown }[]; range?: [number, number, number] | null }): number | undefined {
  const first = map.items[0]?.key as Node | undefined;
  return first?.range?.[0] ?? map.range?.[0];
}
