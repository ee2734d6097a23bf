// The status line of long commands: only on a terminal, and no escape code where none is wanted.
import { describe, expect, it } from 'vitest';
import { displayWidth, statusLine } from '../../src/cli/progress.js';

function terminal(env: NodeJS.ProcessEnv, isTTY = true) {
  let written = '';
  const stderr = { isTTY, write: (chunk: string) => ((written += chunk), true) } as unknown as NodeJS.WriteStream;
  return { io: { stderr, env }, output: () => written };
}

describe('statusLine', () => {
  it('rewrites itself with an erase code on a colour terminal', () => {
    const t = terminal({});
    const line = statusLine(t.io, { intervalMs: 0 });
    line.show('checking 1/2');
    line.show('checking 2/2', true);
    line.clear();
    expect(t.output()).toBe('\rchecking 1/2\r\x1b[2Kchecking 2/2\r\x1b[2K');
  });

  for (const env of [{ NO_COLOR: '1' }, { TERM: 'dumb' }]) {
    it(`sends no escape code with ${JSON.stringify(env)}: spaces over the old text instead`, () => {
      const t = terminal(env);
      const line = statusLine(t.io, { intervalMs: 0 });
      line.show('检查中 1/2');
      line.show('ok', true);
      line.clear();
      expect(t.output()).not.toContain('\x1b');
      expect(t.output()).toBe(`\r检查中 1/2\r${' '.repeat(10)}\rok\r  \r`);
    });
  }

  it('shows nothing in CI or off a terminal, unless forced (then one line per update)', () => {
    for (const t of [terminal({ CI: 'true' }), terminal({}, false)]) {
      const line = statusLine(t.io);
      expect(line.enabled).toBe(false);
      line.show('x', true);
      line.clear();
      expect(t.output()).toBe('');
    }
    const forced = terminal({ CI: 'true' }, false);
    const line = statusLine(forced.io, { force: true, intervalMs: 0 });
    line.show('a');
    line.show('b');
    line.clear();
    expect(forced.output()).toBe('a\nb\n');
  });

  it('counts wide characters twice', () => {
    expect(displayWidth('检查 ab')).toBe(7);
  });
});
