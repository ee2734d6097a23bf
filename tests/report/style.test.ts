import { describe, expect, it } from 'vitest';
import { colorEnabled, style } from '../../src/report/style.js';

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('colorEnabled', () => {
  it('is on for a TTY and off for a pipe or a stream without isTTY', () => {
    expect(colorEnabled(tty, {})).toBe(true);
    expect(colorEnabled(pipe, {})).toBe(false);
    expect(colorEnabled({}, {})).toBe(false);
  });

  it('is never on with NO_COLOR set to any non-empty value, even when forced', () => {
    expect(colorEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '0' })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: 'yes', FORCE_COLOR: '1' })).toBe(false);
  });

  it('ignores an empty NO_COLOR', () => {
    expect(colorEnabled(tty, { NO_COLOR: '' })).toBe(true);
  });

  it('is off on TERM=dumb', () => {
    expect(colorEnabled(tty, { TERM: 'dumb' })).toBe(false);
    expect(colorEnabled(tty, { TERM: 'xterm-256color' })).toBe(true);
  });

  it('is forced on by a non-empty FORCE_COLOR other than 0, off a TTY and on TERM=dumb', () => {
    expect(colorEnabled(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: '3' })).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: 'true' })).toBe(true);
    expect(colorEnabled(tty, { FORCE_COLOR: '1', TERM: 'dumb' })).toBe(true);
  });

  it('treats FORCE_COLOR=0 or false as off, and an empty one as unset', () => {
    expect(colorEnabled(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorEnabled(tty, { FORCE_COLOR: 'false' })).toBe(false);
    expect(colorEnabled(pipe, { FORCE_COLOR: '' })).toBe(false);
    expect(colorEnabled(tty, { FORCE_COLOR: '' })).toBe(true);
  });
});

describe('style', () => {
  it('is the identity when disabled', () => {
    const s = style(false);
    expect(s.enabled).toBe(false);
    for (const paint of [s.red, s.yellow, s.blue, s.green, s.cyan, s.magenta, s.gray, s.bold, s.dim, s.underline]) {
      expect(paint('错误 x')).toBe('错误 x');
    }
  });

  it('wraps in ANSI codes when enabled', () => {
    const s = style(true);
    expect(s.enabled).toBe(true);
    expect(s.red('x')).toBe('\x1b[31mx\x1b[39m');
    expect(s.yellow('x')).toBe('\x1b[33mx\x1b[39m');
    expect(s.blue('x')).toBe('\x1b[34mx\x1b[39m');
    expect(s.green('x')).toBe('\x1b[32mx\x1b[39m');
    expect(s.dim('x')).toBe('\x1b[2mx\x1b[22m');
    expect(s.bold('x')).toBe('\x1b[1mx\x1b[22m');
  });

  it('re-opens the outer style after a nested one that shares its close code', () => {
    const s = style(true);
    expect(s.dim(`a${s.bold('b')}c`)).toBe('\x1b[2ma\x1b[1mb\x1b[22m\x1b[2mc\x1b[22m');
    expect(s.red(`a${s.blue('b')}c`)).toBe('\x1b[31ma\x1b[34mb\x1b[39m\x1b[31mc\x1b[39m');
  });
});
