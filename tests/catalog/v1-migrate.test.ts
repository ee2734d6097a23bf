import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { migrateItemText, migrateSettingsText } from '../../src/catalog/v1-migrate.js';
import { itemFromV1 } from '../../src/catalog/v1.js';
import { FIXTURES } from '../helpers/item.js';

const XIANTAO = readFileSync(join(FIXTURES, 'v1-demo', '420000', '429004', 'items', '000100106000.yaml'), 'utf8');

const migrated = (text: string) => {
  const result = migrateItemText(text);
  if ('problem' in result) throw new Error(result.problem.message);
  return result;
};

describe('migrateItemText', () => {
  it('renames and changes only the lines the mapping touches; every other line, comments included, stays byte for byte', () => {
    const { text, changes } = migrated(XIANTAO);
    expect(parse(text)).toEqual(itemFromV1(parse(XIANTAO)));
    const before = XIANTAO.split('\n');
    const after = text.split('\n');
    // One line added (deferrable after the 容缺 necessity); otherwise line for line.
    expect(after).toHaveLength(before.length + 1);
    const deferrable = after.indexOf('    deferrable: true');
    expect(after[deferrable - 1]).toBe('    necessity: 必要');
    expect(before[deferrable - 1]).toBe('    necessity: 容缺');
    after.splice(deferrable, 1);
    const differ = before.flatMap((line, i) => (line === after[i] ? [] : [`${line} ⇒ ${after[i]}`]));
    expect(differ.every((d) => /^ {4}(form|medium|copies|necessity): .* ⇒ {5}(type|format|originals|necessity): |^(onlineDepth|handleArea): /.test(d)), differ.join('\n')).toBe(true);
    expect(after).toContain('onlineDepth: [互联网咨询, 互联网收件, 互联网预审]');
    expect(after).toContain('handleArea: 全市');
    expect(after.filter((l) => l.includes('#'))).toEqual(before.filter((l) => l.includes('#')));
    expect(changes.length).toBe(differ.length + 1);
  });

  it('reports each change at the v1 line and column of what it changes', () => {
    const { changes } = migrated(XIANTAO);
    const lines = XIANTAO.split('\n');
    const line = (change: (typeof changes)[number]) => lines[change.line - 1]!;
    const form = changes.find((c) => c.to === '/materials/0/type')!;
    expect(form).toMatchObject({ path: '/materials/0/form' });
    expect(line(form)).toBe('    form: 原件');
    expect(line(form).slice(form.column - 1)).toBe('原件');
    const deferrable = changes.find((c) => c.to === '/materials/4/deferrable')!;
    expect(deferrable).toMatchObject({ path: '/materials/4/necessity', value: true });
    expect(deferrable).not.toHaveProperty('old');
    expect(line(deferrable)).toBe('    necessity: 容缺');
    expect(changes.find((c) => c.to === '/onlineDepth')).toMatchObject({ old: 2, value: ['互联网咨询', '互联网收件', '互联网预审'] });
  });

  it('keeps comments on renamed and replaced nodes, quoting, blank lines and CRLF line ends', () => {
    const text = [
      '# head',
      'catalogCode: "000100106000"',
      '',
      'materials:',
      '  # the first material',
      '  - name: "申办报告" # quoted',
      '    necessity: 容缺 # may come later',
      '    # form is 原件',
      '    "form": 原件 # paper original',
      "    medium: '纸质'",
      '    copies: 2',
      '# depth',
      'onlineDepth: 1 # consult only',
      'handleArea: 武汉城市圈通办 # left as written',
      '',
    ].join('\r\n');
    const out = migrated(text).text;
    expect(out.split('\r\n')).toEqual([
      '# head',
      'catalogCode: "000100106000"',
      '',
      'materials:',
      '  # the first material',
      '  - name: "申办报告" # quoted',
      '    necessity: 必要 # may come later',
      '    deferrable: true',
      '    # form is 原件',
      '    "type": 原件 # paper original',
      "    format: '纸质'",
      '    originals: 2',
      '# depth',
      'onlineDepth: [互联网咨询] # consult only',
      'handleArea: 武汉城市圈通办 # left as written',
      '',
    ]);
  });

  it('gives a v2 file back as it is, so migrating twice changes nothing', () => {
    const once = migrated(XIANTAO).text;
    expect(migrated(once)).toEqual({ text: once, changes: [] });
  });

  it('refuses a file that does not parse, with its line', () => {
    expect(migrateItemText('name: a\nname: b\n')).toEqual({ problem: { line: 2, column: 1, message: expect.stringContaining('duplicate key') } });
  });
});

describe('migrateSettingsText', () => {
  it('sets formatVersion 2 where it is, keeping the comments and other settings', () => {
    const result = migrateSettingsText('# demo\nformatVersion: 1 # was v1\nrules:\n  phone: off\n');
    expect(result).toEqual({
      text: '# demo\nformatVersion: 2 # was v1\nrules:\n  phone: off\n',
      changes: [{ line: 2, column: 16, path: '/formatVersion', to: '/formatVersion', old: 1, value: 2 }],
    });
  });

  it('adds formatVersion first when missing, and writes it into an empty file', () => {
    expect(migrateSettingsText('rules:\n  phone: off\n')).toMatchObject({ text: 'formatVersion: 2\nrules:\n  phone: off\n' });
    expect(migrateSettingsText('')).toMatchObject({ text: 'formatVersion: 2\n', changes: [{ path: '/formatVersion', value: 2 }] });
  });

  it('leaves a v2 file alone and refuses a version it does not know', () => {
    expect(migrateSettingsText('formatVersion: 2\n')).toEqual({ text: 'formatVersion: 2\n', changes: [] });
    expect(migrateSettingsText('rules: {}\nformatVersion: 3\n')).toEqual({ problem: { line: 2, column: 16, message: 'formatVersion 3 is neither 1 nor 2' } });
  });
});
