// The `yaml` package as the oracle of the reading entry (spec §3 `yaml-syntax`): its data, its accept or
// refuse, and where it puts each value; and the seeded mutations of catalog files the differential tests
// feed both. Used by the block scanner's, the suite's and the fuzzer's tests.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { decode } from '../../src/catalog/decode.js';
import { createLocator, pointerOf, type Locate } from '../../src/catalog/locate.js';
import { readFile } from '../../src/catalog/read-file.js';

const ROOT = join(import.meta.dirname, '..', '..');

export type Verdict = { data: unknown; locate: Locate } | { refused: { line: number; column: number } | undefined };

/**
 * What `yaml` makes of a file, as the spec reads it: its data (and where each value is) when
 * `parse(text, { uniqueKeys: true })` returns a mapping; else refused, at `yaml`'s first error if it has one.
 */
export function yamlVerdict(text: string): Verdict {
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, lineCounter: lines, logLevel: 'error' });
  const error = doc.errors[0];
  if (error) {
    const { line, col } = lines.linePos(error.pos[0]);
    return { refused: { line, column: col } };
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch {
    return { refused: undefined };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { refused: undefined };
  return { data, locate: documentLocator(doc.contents as Node | null, lines) };
}

/**
 * Holds the reading entry (bytes → data or a `yaml-syntax` finding, as validate reads a file) to `yaml`:
 * the same accept or refuse, the same data, the same place for a syntax error, and the same line and
 * column for every path of the data (and around it). Returns whether the file was accepted.
 */
export function sameAsYaml(input: string, label = ''): boolean {
  const bytes = new TextEncoder().encode(input);
  const ours = readFile('item.yaml', '420000', bytes);
  const decoded = decode(bytes);
  const context = `${label} ${JSON.stringify(input).slice(0, 300)}`;
  if ('problem' in decoded) {
    // Not text (a NUL byte): never YAML's to decide.
    check(ours.problems.map((p) => p.rule), ['file-read'], context);
    return false;
  }
  const { text } = decoded;
  const oracle = yamlVerdict(text);
  if ('refused' in oracle) {
    check({ data: ours.data, rules: ours.problems.map((p) => p.rule) }, { data: undefined, rules: ['yaml-syntax'] }, context);
    if (oracle.refused) check({ line: ours.problems[0]!.line, column: ours.problems[0]!.column }, oracle.refused, context);
    return false;
  }
  check({ problems: ours.problems, data: ours.data }, { problems: [], data: oracle.data }, context);
  const mine = createLocator(text);
  const pointers = pointersOf(oracle.data);
  check(pointers.map((p) => [p, mine(p)]), pointers.map((p) => [p, oracle.locate(p)]), context);
  return true;
}

/** `expect(actual).toStrictEqual(expected)`, asked only when they differ: vitest's matchers cost more than the parsing checked. */
function check(actual: unknown, expected: unknown, context: string): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, context).toStrictEqual(expected);
}

/** The locator as it was before the block scanner: a `yaml` Document for every file. */
export function yamlLocator(text: string): Locate {
  const lines = new LineCounter();
  return documentLocator(parseDocument(text, { lineCounter: lines, uniqueKeys: false, logLevel: 'error' }).contents as Node | null, lines);
}

function documentLocator(root: Node | null, lines: LineCounter): Locate {
  const keyText = (key: unknown) => (key === null || (isScalar(key) && key.value === null) ? '' : isScalar(key) ? String(key.value) : undefined);
  return (pointer) => {
    const at = (offset: number | undefined) => {
      if (offset === undefined) return { line: 1, column: 1 };
      const { line, col } = lines.linePos(offset);
      return { line, column: col };
    };
    let node: Node | null = root;
    let keyNode: Node | null = null;
    for (const segment of pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyText(p.key) === segment);
        if (!pair) return at((node.items[0]?.key as Node | undefined)?.range?.[0] ?? node.range?.[0]);
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
    const empty = isScalar(node) && node.value === null && node.range !== undefined && node.range !== null && node.range[0] === node.range[1];
    return at((empty ? keyNode?.range?.[0] : undefined) ?? node?.range?.[0] ?? keyNode?.range?.[0]);
  };
}

/** Every path of the data, and around each: missing keys, indices past the end, non-numeric indices, paths into scalars. */
export function pointersOf(data: unknown, at: Array<string | number> = []): string[] {
  const here = pointerOf(at);
  const out = [here];
  if (Array.isArray(data)) {
    data.forEach((v, i) => out.push(...pointersOf(v, [...at, i])));
    out.push(`${here}/${data.length}`, `${here}/x`, `${here}/01`, `${here}/-1`);
  } else if (data !== null && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) out.push(...pointersOf(v, [...at, k]));
    out.push(`${here}/nosuchkey`, `${here}/nosuchkey/0`);
  } else {
    out.push(`${here}/deeper`, `${here}/0`);
  }
  return out;
}

/** The demo catalog's YAML files and the item fixtures, as text. */
export const demoFiles = (): string[] =>
  execFileSync('git', ['ls-files', 'catalog-yaml/*.yaml', 'tests/fixtures/*.yaml'], { cwd: ROOT, encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((file) => readFileSync(join(ROOT, file), 'utf8'));

/** A small deterministic random source, so a failure can be replayed. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

/** Pieces inserted anywhere: indicators, resolving scalars, escapes, markers, odd characters. */
const PIECES = [
  ':', ': ', '#', ' #', ' # c', '#c', ' ', '  ', '-', '- ', "'", '"', "''", '[', ']', '{', '}', ',', ', ', '\n', '\n\n', '\n  ', '\n- ', '\t', '\r', '\r\n',
  '~', '?', '? ', '|', '|1', '|+', '|-', '>', '>2', '>+', 'null', 'Null', 'true', 'FALSE', '1', '-1', '0x1F', '0o7', '.5', '.inf', '.nan', '1e3',
  '\\', '\\\n', '\\U0001F600', '\\U00110000', '\\x41', '\\u4e00', '\\n', '\\ ', '\\/', '\\_', '&a', '*a', '!x', '!!str', '%', '@', '`',
  '---', '--- ', '---x', '...', '... ', 'a: 1', 'k:', '~: 1', 'null: 2', '[a, b]: c', '{a: b}: c', '__proto__', 'toString', '养老', '𠀀',
  '\ud800', '\u00a0', '\u0085', '\ufeff', '\u2028', '\u3000', 'x-y: z', '<<: ', '\u0001', '\u007f',
];

/** Lines inserted whole: document markers, directives, empty and blank lines, comments. */
const LINES = ['---', '--- # c', '--- x', '--- a: 1', '...', '%YAML 1.2', '%TAG ! tag:x,2000:', '', '   ', '#', '# c', '  # c', '? x', ': y', '- z', '"q"', "'q'"];

/**
 * One to three edits of a catalog file: a byte-level insert, delete or replace; a line duplicated, dropped,
 * swapped or inserted; a line re-indented; a value quoted or given an escape; a comment glued on; a marker.
 */
export function mutate(text: string, next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  let out = text;
  const edits = 1 + Math.floor(next() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (out.length + 1));
    const lineStart = out.lastIndexOf('\n', at - 1) + 1;
    const lineEnd = out.indexOf('\n', at) < 0 ? out.length : out.indexOf('\n', at);
    const line = out.slice(lineStart, lineEnd);
    const replaceLine = (changed: string) => (out = out.slice(0, lineStart) + changed + out.slice(lineEnd));
    const kind = Math.floor(next() * 10);
    if (kind <= 2) {
      out = out.slice(0, at) + pick(PIECES) + out.slice(at);
    } else if (kind === 3) {
      out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 3));
    } else if (kind === 4) {
      out = out.slice(0, at) + String.fromCharCode(Math.floor(next() * 128)) + out.slice(at + 1);
    } else if (kind === 5) {
      // Re-indent: the block structure is where parsers part ways.
      const choice = next();
      replaceLine(choice < 0.4 ? ' ' + line : choice < 0.8 ? line.replace(/^ {1,2}/, '') : '  ' + line);
    } else if (kind === 6) {
      const choice = next();
      const nextLineEnd = out.indexOf('\n', lineEnd + 1) < 0 ? out.length : out.indexOf('\n', lineEnd + 1);
      if (choice < 0.4) replaceLine(`${line}\n${line}`);
      else if (choice < 0.7) out = out.slice(0, lineStart) + out.slice(Math.min(out.length, lineEnd + 1));
      else out = out.slice(0, lineStart) + out.slice(lineEnd + 1, nextLineEnd) + '\n' + line + out.slice(nextLineEnd);
    } else if (kind === 7) {
      // Quote a value, maybe breaking it over lines or giving it an escape.
      const colon = line.indexOf(': ');
      if (colon >= 0) {
        const value = line.slice(colon + 2);
        const q = next() < 0.5 ? '"' : "'";
        const inner = next() < 0.3 ? value.replace(/^(.{0,3})/, `$1${pick(['\n', '\n\n', '\\\n', '\\\n\n  ', '\n  ', '\\t', '\\U00110000', "''", '\\"'])}`) : value;
        replaceLine(line.slice(0, colon + 2) + q + inner + q + pick(['', '', ' # c', '#c', ' x']));
      }
    } else if (kind === 8) {
      replaceLine(line + pick([' # c', '#c', ' #', '  #养老', ' ']));
    } else {
      const insert = pick(LINES);
      out = out.slice(0, lineStart) + insert + '\n' + out.slice(lineStart);
    }
  }
  return out;
}
