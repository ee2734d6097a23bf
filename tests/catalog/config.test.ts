import { describe, expect, it } from 'vitest';
import { parseSettings, severityOf } from '../../src/catalog/config.js';

describe('tongbiao.yaml', () => {
  it('reads severity and field-class overrides', () => {
    const settings = parseSettings('formatVersion: 1\nrules:\n  phone: off\n  steps-time: error\nfields:\n  conditions: locked\n', 'tongbiao.yaml');
    expect(severityOf(settings, 'phone', 'warning')).toBeUndefined();
    expect(severityOf(settings, 'steps-time', 'warning')).toBe('error');
    expect(severityOf(settings, 'case-type', 'warning')).toBe('warning');
    expect(settings.fields).toEqual({ conditions: 'locked' });
  });

  it('reads format version 2, code-set extensions and credit code exceptions', () => {
    const settings = parseSettings([
      'formatVersion: 2',
      'codeSets:',
      '  type: { 行政备案: "11" }',
      '  handlingForms: [自助终端办理]',
      '  materials.format: [纸质或电子（扫描件）]',
      'creditCodeExceptions:',
      '  - { code: "91350203M0001QKT19", reason: 2016 年前登记的在用代码 }',
      '',
    ].join('\n'), 'tongbiao.yaml');
    expect(settings.formatVersion).toBe(2);
    expect(settings.codeSets).toEqual({ type: { 行政备案: '11' }, handlingForms: ['自助终端办理'], 'materials.format': ['纸质或电子（扫描件）'] });
    expect(settings.creditCodeExceptions).toEqual({ '91350203M0001QKT19': '2016 年前登记的在用代码' });
  });

  it('reads a catalog without formatVersion as v1', () => {
    expect(parseSettings('rules: {}\n', 'tongbiao.yaml').formatVersion).toBe(1);
  });

  it.each([
    ['formatVersion: 3\n', /:1: .*formatVersion must be 1 or 2/],
    ['formatVersion: "2"\n', /:1: .*formatVersion must be 1 or 2/],
    ['formatVersion: 2\ncodeSets:\n  colours: [红]\n', /:3: .*unknown code set 'colours'/],
    ['formatVersion: 2\ncodeSets:\n  status: [废止]\n', /:3: .*'status' cannot be extended/],
    ['formatVersion: 2\ncodeSets:\n  handlingForms: [自助终端办理, 网上办理]\n', /:3: .*'网上办理' clashes with the national value/],
    ['formatVersion: 2\ncodeSets:\n  handlingForms: [自助终端办理, 自助终端办理]\n', /:3: .*given twice/],
    ['formatVersion: 2\ncodeSets:\n  handlingForms: 自助终端办理\n', /:3: .*must be a list/],
    ['formatVersion: 2\ncodeSets:\n  type:\n    行政备案: "01"\n', /:4: .*clashes with the national value '行政许可 01'/],
    ['formatVersion: 2\ncodeSets:\n  type:\n    行政许可: "11"\n', /:4: .*'行政许可' clashes/],
    ['formatVersion: 2\ncodeSets:\n  type:\n    行政备案: 11\n', /:4: .*two type digits as a quoted string/],
    ['formatVersion: 2\ncodeSets:\n  type: [行政备案]\n', /:3: .*map each new type to its two type digits/],
    ['formatVersion: 2\ncreditCodeExceptions:\n  - { code: "91350203M0001QKT19" }\n', /:3: .*has no reason/],
    ['formatVersion: 2\ncreditCodeExceptions:\n  - { code: "91350203M0001QKT19", reason: " " }\n', /:3: .*has no reason/],
    ['formatVersion: 2\ncreditCodeExceptions:\n  - { code: 913502, reason: x }\n', /:3: .*18-character code/],
    ['formatVersion: 2\ncreditCodeExceptions:\n  - { code: "91350203M0001QKT19", reason: x, by: y }\n', /:3: .*unknown key 'by'/],
    ['formatVersion: 2\ncreditCodeExceptions:\n  - { code: "91350203M0001QKT19", reason: x }\n  - { code: "91350203M0001QKT19", reason: y }\n', /:4: .*given twice/],
    ['formatVersion: 2\ncreditCodeExceptions: { code: x }\n', /:2: .*must be a list/],
    ['formatVersion: 1\nrules:\n  phnoe: off\n', /:3: .*unknown rule 'phnoe'/],
    ['formatVersion: 1\nrules:\n  phone: loud\n', /:3: .*'loud' is not one of/],
    ['formatVersion: 1\nfields:\n  colour: locked\n', /:3: .*unknown field 'colour'/],
    ['formatVersion: 1\nfields:\n  conditions: strict\n', /:3: .*'strict' is not one of/],
    ['formatVersion: 1\nfields:\n  conditions: tighten\n', /:3: .*cannot be 'tighten'/],
    ['formatVersion: 1\nsettings: {}\n', /:2: .*unknown key 'settings'/],
    ['formatVersion: 1\nrules: [a]\n', /:2: .*rules must be a mapping/],
    ['formatVersion: 1\nformatVersion: 1\n', /:2: .*/],
  ])('rejects %j naming the line', (text, message) => {
    expect(() => parseSettings(text, 'tongbiao.yaml')).toThrow(message);
  });
});
