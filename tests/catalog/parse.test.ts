import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { scanBlockYaml } from '../../src/catalog/block-yaml.js';
import { decode } from '../../src/catalog/decode.js';
import { createLocator } from '../../src/catalog/locate.js';
import { parseYaml } from '../../src/catalog/parse.js';
import { MAX_DEPTH } from '../../src/catalog/yaml-limits.js';
import { BIN } from '../helpers/cli.js';
import { catalogCodeFor, itemPath, itemYaml, makeGitCatalog, smallCatalog, SMALL_REGIONS } from '../helpers/git-repo.js';
import { sameAsYaml } from './parse-oracle.js';

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
  it('reads a wide mapping outside the block subset in time linear in its keys, duplicates still found', () => {
    // `yaml`'s own duplicate check compares each key with every earlier one: 8× the keys took ≈ 60× the time.
    const wide = (n: number, extra = '') => `a: "x\n  y"\nwide:\n${Array.from({ length: n }, (_, i) => `  key${i}: ${i}`).join('\n')}\n${extra}`;
    const time = (text: string) => {
      const started = performance.now();
      expect(parseYaml(text)).toHaveProperty('data.a', 'x y');
      return performance.now() - started;
    };
    time(wide(2_500));
    // The best of a few runs each, and a wide margin: the machine is shared.
    const small = Math.min(time(wide(2_500)), time(wide(2_500)), time(wide(2_500)));
    const large = Math.min(time(wide(20_000)), time(wide(20_000)));
    expect(large).toBeLessThan(small * 24);
    expect(parseYaml(wide(300, '  key7: again\n'))).toMatchObject({ problem: { line: 304, column: 3, message: { en: 'duplicate key: Map keys must be unique' } } });
  });
  it('refuses an alias to no anchor, as yaml does when it builds the data', () => {
    expect(parseYaml('a: *x\n')).toHaveProperty('problem.message.en', expect.stringContaining('Unresolved alias'));
  });
});

// Inputs on which the reading entry once gave other data than `yaml` (a js-yaml stage between the block
// scanner and `yaml`), or took what `yaml` refuses; each is held to `yaml` exactly.
describe('the reading entry gives exactly what yaml gives', () => {
  it.each([
    ['a null key', '~: 1\n', { '': 1 }],
    ['a null key spelled out', 'null: 1\n', { '': 1 }],
    ['a collection key', '[a, b]: c\n', { '[ a, b ]': 'c' }],
    ['a key starting with ---', '---x: 1\n', { '---x': 1 }],
    ['a lone CR at the end', 'a: b\r', { a: 'b\r' }],
    ['an indentation indicator and a blank last line', 'k: |1\n  \n', { k: '' }],
    ['keep chomping and a blank last line', 'k: >2+\n   \n', { k: '\n' }],
    ['an escaped line break before an empty line', 'k: "a\\\n\n  b"\n', { k: 'a b' }],
    ['an implicit key of 1,024 characters', `${'k'.repeat(1024)}: 1\n`, { ['k'.repeat(1024)]: 1 }],
  ])('data: %s', (_, text, data) => {
    expect(parseYaml(text)).toEqual({ data });
    expect(sameAsYaml(text)).toBe(true);
  });

  it.each([
    ['a lone CR as a line break', 'a: b\rc: d\n'],
    ['a quoted continuation line at column 0', 'k: "a\nb"\n'],
    ['a flow continuation line at column 0', 'k: [a,\nb]\n'],
    ['a comment glued to a quoted value', 'k: "a"#c\n'],
    ['content on the --- line', '--- a: 1\n'],
    ['an implicit key over 1,024 characters', `${'k'.repeat(1025)}: 1\n`],
    ['an implicit key over 1,024 characters, not an identifier', `${'键 '.repeat(600)}: 1\n`],
    ['an out-of-range \\U escape', 'k: "\\U00110000"\n'],
  ])('refused: %s', (_, text) => {
    expect(parseYaml(text)).toHaveProperty('problem.message.en', expect.stringMatching(/^YAML syntax error/));
    expect(sameAsYaml(text)).toBe(false);
  });
});

describe(`nesting beyond ${MAX_DEPTH} levels`, () => {
  const flow = (n: number) => `k: ${'['.repeat(n - 1)}${']'.repeat(n - 1)}\n`;
  const block = (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
  it('takes 64 levels, the top mapping counted, in the block scanner and in yaml', () => {
    expect(parseYaml(flow(64))).toHaveProperty('data');
    expect(parseYaml(block(64))).toHaveProperty('data');
    expect(scanBlockYaml(flow(64))).toBeDefined();
    expect(parseYaml(`a: "x\n  y"\n${flow(64)}`)).toHaveProperty('data');
  });
  it('refuses 65 as a finding at the 65th collection, in every stage', () => {
    expect(parseYaml(flow(65))).toEqual({ problem: { line: 1, column: 67, message: { zh: 'YAML 嵌套超过 64 层', en: 'YAML nests deeper than 64 levels' } } });
    expect(parseYaml(block(66))).toMatchObject({ problem: { line: 65, column: 65, message: { en: 'YAML nests deeper than 64 levels' } } });
    expect(scanBlockYaml(flow(65))).toBeUndefined();
    expect(scanBlockYaml(block(66))).toBeUndefined();
    // Outside the scanner's subset (a multi-line scalar), and a collection key the parser's stack does not show.
    expect(parseYaml(`a: "x\n  y"\n${flow(65)}`)).toHaveProperty('problem.line', 3);
    expect(parseYaml(`${'['.repeat(64)}${']'.repeat(64)}: 1\n`)).toHaveProperty('problem.message.en', 'YAML nests deeper than 64 levels');
  });
  it('refuses a 1 MiB flow list quickly, with no stack overflow', () => {
    for (const text of [flow(3200), `k: ${'['.repeat(1024 * 1024 - 4)}\n`, `k: ${'{a: '.repeat(200_000)}\n`]) {
      const started = performance.now();
      expect(parseYaml(text)).toHaveProperty('problem.message.en', 'YAML nests deeper than 64 levels');
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });
});

describe('aliases that make the data circular or too deep', () => {
  it('refuses an alias inside the node it names, at the alias, in a list and in a mapping', () => {
    expect(parseYaml('name: x\nsteps: &s\n  - *s\n')).toEqual({
      problem: { line: 3, column: 5, message: { zh: 'YAML 别名引用了包含它自身的节点（循环结构）：事项数据不能循环引用', en: 'a YAML alias refers to a node that contains it (a cycle): item data cannot be circular' } },
    });
    expect(parseYaml('result: &r {name: a, again: [1, {self: *r}]}\n')).toMatchObject({ problem: { line: 1, column: 40, message: { en: expect.stringContaining('cycle') } } });
  });
  it('takes aliases that only repeat a node, however often, below the limit', () => {
    expect(parseYaml('a: &a {x: [1, 2]}\nb: *a\nc: [*a, *a]\n')).toEqual({ data: { a: { x: [1, 2] }, b: { x: [1, 2] }, c: [{ x: [1, 2] }, { x: [1, 2] }] } });
  });
  it('refuses an anchored deep node repeated deep down, at the alias that leads too deep', () => {
    const deep = `${'['.repeat(40)}${']'.repeat(40)}`;
    expect(parseYaml(`a: &d ${deep}\nb: ${'['.repeat(23)}*d${']'.repeat(23)}\n`)).toHaveProperty('data');
    expect(parseYaml(`a: &d ${deep}\nb: ${'['.repeat(24)}*d${']'.repeat(24)}\n`)).toEqual({
      problem: { line: 2, column: 28, message: { zh: 'YAML 嵌套超过 64 层', en: 'YAML nests deeper than 64 levels' } },
    });
  });
});

describe('tongbiao validate on files that once broke the reading entry', () => {
  it('reports deep nesting as yaml-syntax, and reads 20,000 distinct keys in bounded memory', () => {
    const [province, , county] = SMALL_REGIONS;
    const deep = itemPath(province!, catalogCodeFor(1));
    const wide = itemPath(province!, catalogCodeFor(2));
    // A county item whose steps contain themselves: the cross-level comparison once recursed into it and crashed.
    const circular = itemPath(county!, catalogCodeFor(3));
    const manyKeys = Array.from({ length: 20_000 }, (_, i) => `  key${i}: ${i}`).join('\n');
    const repo = makeGitCatalog({
      files: {
        ...smallCatalog(3),
        [deep]: `${itemYaml({ catalogCode: catalogCodeFor(1), region: province!.code, level: province!.level })}extra: ${'['.repeat(3200)}${']'.repeat(3200)}\n`,
        [wide]: `${itemYaml({ catalogCode: catalogCodeFor(2), region: province!.code, level: province!.level })}extra:\n${manyKeys}\n`,
        [circular]: itemYaml({ catalogCode: catalogCodeFor(3), region: county!.code, level: county!.level }).replace(/^steps:.*\n(?: .*\n)*/m, '') + 'steps: &s\n  - *s\n',
      },
    });
    try {
      // The old key-shape cache took 2.3 GB for the second file; 300 MB is ample for this catalog.
      const result = spawnSync(process.execPath, ['--max-old-space-size=300', BIN, 'validate', '.', '--format', 'json', '--no-cache'], {
        cwd: repo.catalog, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' }, maxBuffer: 1 << 28,
      });
      expect(result.stderr).not.toContain('internal error');
      expect(result.status).toBe(1);
      const findings = (JSON.parse(result.stdout) as { findings: Array<{ rule: string; file: string; line: number; message: string }> }).findings;
      expect(findings.filter((f) => f.file === deep)).toEqual([expect.objectContaining({ rule: 'yaml-syntax', message: expect.stringContaining('64') })]);
      expect(findings.filter((f) => f.file === wide).map((f) => f.rule)).toEqual(['schema']); // `extra` is no element
      expect(findings.filter((f) => f.file === circular)).toEqual([expect.objectContaining({ rule: 'yaml-syntax', message: expect.stringContaining('循环') })]);
    } finally {
      repo.cleanup();
    }
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
