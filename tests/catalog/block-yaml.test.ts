import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { locateBlockYaml, scanBlockYaml } from '../../src/catalog/block-yaml.js';
import { createLocator } from '../../src/catalog/locate.js';
import { demoFiles, pointersOf, yamlLocator } from './parse-oracle.js';

/** The scanner may decline (undefined) but must never disagree with `yaml` on a value or a place. */
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
  const ours = createLocator(text);
  const oracle = yamlLocator(text);
  for (const pointer of pointersOf(scanned)) expect([pointer, ours(pointer)]).toEqual([pointer, oracle(pointer)]);
  return true;
}

describe('scanBlockYaml', () => {
  it('takes every demo catalog file and fixture, agreeing with yaml on every value and every place', () => {
    const files = demoFiles();
    expect(files.length).toBeGreaterThan(100);
    const taken = files.filter((text) => agrees(text)).length;
    expect(taken).toBeGreaterThan(files.length * 0.95);
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

  it('takes mappings wider than its shape cache, agreeing with yaml', () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `  key${i}: ${i}`).join('\n');
    expect(agrees(`a: 1\nwide:\n${keys(300)}\nz: {${Array.from({ length: 200 }, (_, i) => `k${i}: ${i}`).join(', ')}}\n`)).toBe(true);
    expect(scanBlockYaml(`wide:\n${keys(300)}\n  key7: again\n`)).toBeUndefined();
    // 20,000 distinct keys: once 2.3 GB of cached shapes; now one mapping built key by key, in a blink.
    const started = performance.now();
    expect(Object.keys(scanBlockYaml(`wide:\n${keys(20_000)}\n`)!.wide as object)).toHaveLength(20_000);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stays right when its shape cache starts again from empty', () => {
    // More distinct key sequences than the cache holds, each built after and around the reset.
    for (let i = 0; i < 5_000; i++) expect(scanBlockYaml(`k${i}: ${i}\nnext: {a${i}: x}\n`)).toStrictEqual({ [`k${i}`]: i, next: { [`a${i}`]: 'x' } });
  });

  it('declines what it does not know, so the general parsers decide', () => {
    for (const text of ['a: |\n  x\n', 'a: x\n  y\n', 'a: 1\na: 2\n', 'a: "x\\ty"\n', 'a:\tb\n', 'a: 1\r\n', '- a\n', '', 'a: &x 1\n', 'a:\n-\n']) {
      expect(scanBlockYaml(text)).toBeUndefined();
    }
  });
});
