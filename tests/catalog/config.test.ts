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

  it.each([
    ['formatVersion: 2\n', /:1: .*formatVersion must be 1/],
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
