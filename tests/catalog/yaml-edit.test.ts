import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { rewriteYaml } from '../../src/catalog/yaml-edit.js';

const demoFiles = execFileSync('git', ['ls-files', 'catalog-yaml/*.yaml'], { encoding: 'utf8' }).trim().split('\n');

describe('rewriteYaml', () => {
  it('gives back every demo file byte for byte when the data is unchanged', () => {
    for (const file of demoFiles) {
      const text = readFileSync(file, 'utf8');
      expect(rewriteYaml(text, parse(text)), file).toBe(text);
    }
  });

  it('changes one scalar and nothing else, keeping its comment', () => {
    const text = '# head\nname: 甲 # the name\nlimit: { days: 5, unit: 工作日 }\nlevels: [省级, 市级]\n';
    const out = rewriteYaml(text, { name: '乙', limit: { days: 5, unit: '工作日' }, levels: ['省级', '市级'] });
    expect(out).toBe('# head\nname: 乙 # the name\nlimit: { days: 5, unit: 工作日 }\nlevels: [省级, 市级]\n');
  });

  it('quotes a new string that would read as a number, and keeps quoting of untouched codes', () => {
    const text = 'code: "002000101000"\nphone: "12345"\n';
    const out = rewriteYaml(text, { code: '002000101000', phone: '012345' });
    expect(parse(out)).toEqual({ code: '002000101000', phone: '012345' });
    expect(out.split('\n')[0]).toBe('code: "002000101000"');
  });

  it('inserts a new key after the key that precedes it in the data, and removes dropped keys', () => {
    const text = 'a: 1\n# about c\nc: 3\nd: 4\n';
    const out = rewriteYaml(text, { a: 1, b: 2, c: 3 });
    expect(out).toBe('a: 1\nb: 2\n# about c\nc: 3\n');
  });

  it('keeps the comments of list entries that stay when another entry is removed or added', () => {
    const text = 'materials:\n  # first\n  - name: 甲\n  # second\n  - name: 乙\n  # third\n  - name: 丙\n';
    const out = rewriteYaml(text, { materials: [{ name: '甲' }, { name: '丙' }, { name: '丁' }] });
    expect(out).toContain('# first\n  - name: 甲');
    expect(out).toContain('# third\n  - name: 丙');
    expect(parse(out)).toEqual({ materials: [{ name: '甲' }, { name: '丙' }, { name: '丁' }] });
  });

  it('keeps CRLF line ends and a byte-order mark', () => {
    const text = '\uFEFFa: 1\r\nb: [x, y]\r\n';
    const out = rewriteYaml(text, { a: 2, b: ['x', 'y'] });
    expect(out).toBe('\uFEFFa: 2\r\nb: [x, y]\r\n');
  });

  it('replaces a value of another type, keeping the comment before it', () => {
    const text = 'fee:\n  # not charged\n  charged: false\nlimit: 无\n';
    const out = rewriteYaml(text, { fee: { charged: true, basis: '依据' }, limit: { days: 3, unit: '工作日' } });
    expect(parse(out)).toEqual({ fee: { charged: true, basis: '依据' }, limit: { days: 3, unit: '工作日' } });
    expect(out).toContain('# not charged');
  });

  it('never alters data: the result always parses to exactly the data asked for', () => {
    const text = readFileSync(demoFiles.find((f) => f.includes('/items/'))!, 'utf8');
    const data = parse(text) as Record<string, unknown>;
    const variants: unknown[] = [
      { ...data, name: 'x: y # not a comment' },
      { ...data, conditions: '多行\n文本\n' },
      { ...data, visits: 0, extra: [1, '2', null, true] },
      { catalogCode: data.catalogCode },
    ];
    for (const variant of variants) expect(parse(rewriteYaml(text, variant))).toEqual(variant);
  });
});
