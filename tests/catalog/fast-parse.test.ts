import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fastParse } from '../../src/catalog/fast-parse.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** The fast path may decline (undefined) but must never disagree with the `yaml` package. */
function agrees(text: string): boolean {
  const fast = fastParse(text);
  if (fast === undefined) return true;
  let exact: unknown;
  try {
    exact = parse(text, { uniqueKeys: true });
  } catch {
    return false;
  }
  expect(fast).toStrictEqual(exact);
  return true;
}

describe('fastParse', () => {
  it('agrees with the yaml package on every demo catalog file', () => {
    const files = execFileSync('git', ['ls-files', 'catalog-yaml/*.yaml'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
    expect(files.length).toBeGreaterThan(100);
    let taken = 0;
    for (const file of files) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(agrees(text)).toBe(true);
      if (fastParse(text)) taken++;
    }
    // The demo's comments and values have none of & * ! %: nearly every file takes the fast path.
    expect(taken).toBeGreaterThan(files.length * 0.9);
  });

  const scalars = [
    '012', '0o12', '0o8', '0x1F', '0x', '0b101', '1_000', '+12', '-0', '.5', '+.5', '-.5e2', '1e3', '1E3', '1.0e+3',
    '.inf', '-.Inf', '.NaN', '~', 'null', 'Null', 'NULL', '', 'true', 'True', 'TRUE', 'yes', 'no', 'on', 'off', 'y', 'n',
    '2001-12-14', '12:30:00', '1:20', '0.', '00', '08', '.', '-', '+', '=', '"a\\u4e00"', "'it''s'", '"\\x41"', '0755',
    '1,000', '１２', '无', 'TODO', '"12345"', '027-12345678',
  ];
  it.each(scalars)('agrees on the scalar %j', (scalar) => {
    expect(agrees(`k: ${scalar}\n`)).toBe(true);
    expect(agrees(`k: [${scalar || '~'}]\n`)).toBe(true);
  });

  it.each([
    'a: |\n  x\n  y\n', 'a: >\n  x\n  y\n', 'a: [1, 2,]\n', 'a:\n- 1\n-  2\n', '? a\n: 1\n', 'a: "x\n  y"\n',
    'a: x #c\nb: "#"\n', '%YAML 1.1\n---\na: yes\n', 'a: 1\n---\nb: 2\n', 'a: !!binary aGk=\n', 'a: !foo x\n',
    'a: &x 1\nb: *x\n', 'a: 1\na: 2\n', 'a: b: c\n', '\ta: 1\n', '- a\n', 'x\n', '', '# only a comment\n', '\ufeffa: 1\n',
  ])('agrees or declines on %j', (text) => {
    expect(agrees(text)).toBe(true);
  });

  it('declines documents that are not mappings, so the exact path reports them', () => {
    expect(fastParse('- a\n')).toBeUndefined();
    expect(fastParse('')).toBeUndefined();
    expect(fastParse('a: 1\na: 2\n')).toBeUndefined();
    expect(fastParse('a: &x 1\nb: *x\n')).toBeUndefined();
  });
});
