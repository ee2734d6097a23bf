import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, isSeq, LineCounter, parse, parseDocument, type Node } from 'yaml';
import { locateBlockYaml, scanBlockYaml } from '../../src/catalog/block-yaml.js';
import { fastParse } from '../../src/catalog/fast-parse.js';
import { createLocator, pointerOf, type Locate } from '../../src/catalog/locate.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** The locator as it was before the block scanner: a `yaml` Document for every file. The oracle. */
function yamlLocator(text: string): Locate {
  const lines = new LineCounter();
  const root = parseDocument(text, { lineCounter: lines, uniqueKeys: false }).contents as Node | null;
  const keyText = (key: unknown) => (isScalar(key) ? String(key.value) : typeof key === 'string' ? key : undefined);
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
function pointersOf(data: unknown, at: Array<string | number> = []): string[] {
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

/** The scanner may decline (undefined) but must never disagree with `yaml` (nor js-yaml) on a value or a place. */
function agrees(text: string): boolean {
  const scanned = scanBlockYaml(text);
  if (scanned === undefined) {
    expect(locateBlockYaml(text)).toBeUndefined();
    return false;
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  expect(doc.errors).toEqual([]);
  expect(scanned).toStrictEqual(doc.toJS());
  expect(scanned).toStrictEqual(parse(text));
  const fast = fastParse(text);
  if (fast !== undefined) expect(scanned).toStrictEqual(fast);
  const ours = createLocator(text);
  const oracle = yamlLocator(text);
  for (const pointer of pointersOf(scanned)) expect([pointer, ours(pointer)]).toEqual([pointer, oracle(pointer)]);
  return true;
}

const demoFiles = () =>
  execFileSync('git', ['ls-files', 'catalog-yaml/*.yaml', 'tests/fixtures/*.yaml'], { cwd: ROOT, encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((file) => readFileSync(join(ROOT, file), 'utf8'));

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = [
  ':', ': ', '#', ' #', ' # c', ' ', '  ', '-', '- ', "'", '"', "''", '[', ']', '{', '}', ',', ', ', '\n', '\n  ', '\n- ', '\t', '\r',
  '~', '?', '|', '>', 'null', 'Null', 'true', 'FALSE', '1', '-1', '0x1F', '0o7', '.5', '.inf', '.nan', '1e3', '\\', '&a', '*a', '!x',
  '%', '@', '`', '---', '...', 'a: 1', 'k:', '__proto__', '养老', '𠀀', '\ud800', '\u00a0', '\u0085', '\ufeff', '\u3000', 'x-y: z',
];

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (out.length + 1));
    const kind = next();
    if (kind < 0.5) {
      out = out.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + out.slice(at);
    } else if (kind < 0.7) {
      out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 3));
    } else {
      // Re-indent or duplicate a line: the block structure is where parsers part ways.
      const lineStart = out.lastIndexOf('\n', at - 1) + 1;
      const lineEnd = out.indexOf('\n', at) < 0 ? out.length : out.indexOf('\n', at);
      const line = out.slice(lineStart, lineEnd);
      const choice = next();
      const changed = choice < 0.35 ? ' ' + line : choice < 0.7 ? line.replace(/^ /, '') : `${line}\n${line}`;
      out = out.slice(0, lineStart) + changed + out.slice(lineEnd);
    }
  }
  return out;
}

describe('scanBlockYaml', () => {
  it('takes every demo catalog file and fixture, agreeing with yaml on every value and every place', () => {
    const files = demoFiles();
    expect(files.length).toBeGreaterThan(100);
    const taken = files.filter((text) => agrees(text)).length;
    expect(taken).toBeGreaterThan(files.length * 0.95);
  });

  it('agrees with yaml or declines on mutated catalog files', () => {
    const files = demoFiles();
    const next = random(20261122);
    let taken = 0;
    let declined = 0;
    for (let i = 0; i < 3000; i++) {
      const text = mutate(files[Math.floor(next() * files.length)]!, next);
      if (agrees(text)) taken++;
      else declined++;
    }
    // Both branches are exercised: mutations the scanner must follow and ones it must refuse.
    expect(taken).toBeGreaterThan(500);
    expect(declined).toBeGreaterThan(500);
  });

  it.each([
    'a: 1\n', 'a:\n  b: 1\n  c:\n    - x\n    - y\n', 'a:\n- x\n- y\nb: 2\n', '- a: 1\n', 'a:\n  - b: 1\n    c: 2\n  -   d: 3\n      e: 4\n',
    'a:\n  - b:\n    - 1\n    c: 2\n', 'a: [1, "x", \'y\', {b: 2, c: [3]}]\n', 'a: { b: 1, c: 9:00-17:00 }\n', 'a: {}\nb: []\n',
    'a: x # c\nb: "#"\n', 'a: C#\n', "a: 'it''s'\n", 'a: "x\\"y"\n', 'a: b: c\n', 'a: x\n  y\n', 'a: |\n  x\n', 'a: >\n  x\n',
    'a:\n  # c\n  b: 1\n', '# c\n\n  a: 1\n  b: 2\n', 'a:\n\n  b: 1\n', 'a: -1\nb: -x\nc: - d\n', 'a:\n-\n  b: 1\n', 'a:\n- - 1\n',
    'a: [a: 1]\n', 'a: [1, 2,]\n', 'a: [1,\n 2]\n', 'a: {b}\n', 'a: {b:1}\n', 'a: http://x.cn/a:b\n', 'a: 1\na: 2\n',
    'null: 1\n', 'a:\n  null: 1\n', '__proto__: 1\n', 'a-b_c: 1\n', '1: a\n', '"a": 1\n', 'a : 1\n', '? a\n: 1\n', 'a: ~\nb:\nc: null\n',
    'a: 1\n---\nb: 2\n', '---\na: 1\n', 'a: 1\n...\n', 'a: ---\n', 'a: ...\n', '- a\n', 'x\n', '', '# c\n', 'a: 1', 'a:', 'a: "x"', 'a: [1]',
    'a:\tb\n', 'a: 1\r\nb: 2\r\n', '\ufeffa: 1\n', 'a: 𠀀𠀁\n', 'a: \u0085\n', 'a: \u00a0x\n', 'a: x  \nb: y   # c  \n', 'a:   \n',
    'a:\n  b: 1\n c: 2\n', 'a:\n    b: 1\n  c: 2\n', 'a:\n  - 1\n - 2\n', '  a: 1\nb: 2\n', 'a: !x 1\n', 'a: &x 1\nb: *x\n', 'a: %x\n', 'a: @x\n',
    'a: 12:30\n', 'a: 1:2: 3\n', 'a: [x #y]\n', 'a: [x, # y\n  z]\n', 'a: [-1, -x, - y]\n', 'a: [?x]\n', 'a: [:x]\n', "a: ['']\n", 'a: [""]\n',
  ])('agrees with yaml or declines on %j', (text) => {
    agrees(text);
  });

  it('declines what it does not know, so the general parsers decide', () => {
    for (const text of ['a: |\n  x\n', 'a: x\n  y\n', 'a: 1\na: 2\n', 'a: "x\\ty"\n', 'a:\tb\n', 'a: 1\r\n', '- a\n', '', 'a: &x 1\n', 'a:\n-\n']) {
      expect(scanBlockYaml(text)).toBeUndefined();
    }
  });
});
