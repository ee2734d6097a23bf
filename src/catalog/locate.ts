// JSON Pointer → line and column in the YAML source. Only files with findings pay for this: where each
// node starts is worked out on the first call, not when the file is read — by the block scanner for the
// files it takes, by a `yaml` Document (≈ 1,300 documents/s) for the rest.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { locateBlockYaml, type Located } from './block-yaml.js';

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
  let state: { root: Located | null; lines: LineCounter } | undefined;
  return (pointer) => {
    state ??= build(text);
    const { root, lines } = state;
    const at = (offset: number | undefined): Position => {
      if (offset === undefined) return START;
      const { line, col } = lines.linePos(offset);
      return { line, column: col };
    };
    let node: Located | null = root;
    let keyStart: number | undefined;
    for (const segment of pointerSegments(pointer)) {
      if (node?.kind === 'map') {
        const i = node.keys.indexOf(segment);
        if (i < 0) return at(node.keyStarts[0] ?? node.start);
        keyStart = node.keyStarts[i];
        node = node.values[i]!;
      } else if (node?.kind === 'seq') {
        const item = node.items[Number(segment)];
        if (!/^\d+$/.test(segment) || item === undefined) return at(node.start);
        keyStart = undefined;
        node = item;
      } else {
        break;
      }
      if (node === null) return at(keyStart);
    }
    // An empty value has no text of its own: its key is where the eye goes.
    const empty = node?.kind === 'leaf' && node.empty;
    return at((empty ? keyStart : undefined) ?? node?.start ?? keyStart);
  };
}

function build(text: string): { root: Located | null; lines: LineCounter } {
  const lines = new LineCounter();
  const root = locateBlockYaml(text);
  if (root) {
    lines.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
    return { root, lines };
  }
  return { root: locateWithYaml(parseDocument(text, { lineCounter: lines, uniqueKeys: false }).contents as Node | null), lines };
}

/** The same starts from a `yaml` Document, for files outside the block scanner's subset. */
function locateWithYaml(node: Node | null): Located | null {
  if (node === null) return null;
  const start = node.range?.[0];
  if (isMap(node)) {
    const map: Located & { kind: 'map' } = { kind: 'map', start, keys: [], keyStarts: [], values: [] };
    for (const pair of node.items) {
      const key = isPair(pair) ? (pair.key as Node | null) : null;
      map.keys.push(keyText(key));
      map.keyStarts.push(key?.range?.[0]);
      map.values.push(locateWithYaml(pair.value as Node | null));
    }
    return map;
  }
  if (isSeq(node)) return { kind: 'seq', start, items: node.items.map((item) => locateWithYaml(item as Node | null)) };
  // An empty value (`fee:`) has no text of its own.
  const empty = isScalar(node) && node.value === null && node.range !== undefined && node.range !== null && node.range[0] === node.range[1];
  return { kind: 'leaf', start, empty };
}

/** A key as `yaml` names it in the data: a null or empty key is `""`; a collection key is never a pointer's. */
function keyText(key: unknown): string | undefined {
  if (key === null || (isScalar(key) && key.value === null)) return '';
  return isScalar(key) ? String(key.value) : undefined;
}
