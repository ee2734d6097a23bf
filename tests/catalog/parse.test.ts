import { describe, expect, it } from 'vitest';
import { decode } from '../../src/catalog/decode.js';
import { createLocator } from '../../src/catalog/locate.js';
import { parseYaml } from '../../src/catalog/parse.js';

describe('decode', () => {
  it('accepts UTF-8 with or without a byte-order mark', () => {
    expect(decode(new TextEncoder().encode('name: 养老'))).toEqual({ text: 'name: 养老' });
    expect(decode(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a: 1')]))).toEqual({ text: 'a: 1' });
  });
  it('refuses GBK, binaries and files over 1 MiB', () => {
    expect(decode(new Uint8Array([0xd1, 0xf8, 0xc0, 0xcf]))).toHaveProperty('problem.zh', expect.stringContaining('GBK'));
    expect(decode(new Uint8Array([0x61, 0x00, 0x62]))).toHaveProperty('problem.en', expect.stringContaining('binary'));
    expect(decode(new Uint8Array(1024 * 1024 + 1).fill(0x61))).toHaveProperty('problem.en', expect.stringContaining('too large'));
  });
});

describe('parseYaml', () => {
  it('locates a duplicate key at the second one', () => {
    expect(parseYaml('a: 1\nb: 2\na: 3\n')).toMatchObject({ problem: { line: 3, column: 1 } });
  });
  it('ends an alias bomb as a problem, quickly', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill('*' + prev).join(', ')}]`);
    }
    const started = performance.now();
    const parsed = parseYaml(levels.join('\n'));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(parsed).toHaveProperty('problem.message.en', expect.stringContaining('alias'));
  });
  it('refuses empty files, lists and scalars', () => {
    expect(parseYaml('')).toHaveProperty('problem.message.en', 'file is empty');
    expect(parseYaml('# nothing\n')).toHaveProperty('problem.message.en', 'file is empty');
    expect(parseYaml('- a\n- b\n')).toHaveProperty('problem.message.en', expect.stringContaining('not a list'));
    expect(parseYaml('just text\n')).toHaveProperty('problem.message.en', expect.stringContaining('a single value'));
  });
  it('reports a syntax error with its line', () => {
    expect(parseYaml('a: 1\nb: [1, 2\nc: 3\n')).toMatchObject({ problem: { message: { en: expect.stringMatching(/^YAML syntax error/) } } });
  });
});

describe('createLocator', () => {
  const text = 'name: 养老保险\nmaterials:\n  - name: 身份证\n    form: 原件\n  - name: 户口簿\nfee:\nsteps: []\n';
  const locate = createLocator(text);
  it('points at values, list entries and nested keys', () => {
    expect(locate('/name')).toEqual({ line: 1, column: 7 });
    expect(locate('/materials/1/name')).toEqual({ line: 5, column: 11 });
    expect(locate('/materials/0/form')).toEqual({ line: 4, column: 11 });
  });
  it('points at the first key of the mapping that lacks a key', () => {
    expect(locate('/conditions')).toEqual({ line: 1, column: 1 });
    expect(locate('/materials/1/form')).toEqual({ line: 5, column: 5 });
  });
  it('points at the key of an empty value', () => {
    expect(locate('/fee')).toEqual({ line: 6, column: 1 });
  });
});
