// A status line on stderr that rewrites itself while a long command runs (validate, sync, gen). It shows only
// on a terminal and never in CI, unless asked for (`sync --progress`: then one line per update). It goes back with
// `\r`; it erases with an escape code only where one is welcome: not with TERM=dumb, nor with NO_COLOR, where it
// pads with spaces instead, so no escape code ever reaches a terminal that asked for none.
import type { Io } from './command.js';

export interface StatusLine {
  /** whether anything will be shown */
  readonly enabled: boolean;
  /** show `text`, unless the last update is younger than the interval (`final` updates always show) */
  show(text: string, final?: boolean): void;
  /** take the line away, leaving the cursor at the start of an empty line */
  clear(): void;
}

/** Terminal columns `text` takes: wide (CJK, fullwidth) characters count two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return width;
}

export function statusLine(io: Pick<Io, 'stderr' | 'env'>, options: { force?: boolean; intervalMs?: number } = {}): StatusLine {
  const terminal = io.stderr.isTTY === true;
  const enabled = options.force === true || (terminal && !io.env.CI);
  const escapes = terminal && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
  const interval = options.intervalMs ?? (terminal ? 200 : 1000);
  let width = 0; // of what is on the line now (0: nothing)
  let last = 0;
  const erase = () => (escapes ? '\r\x1b[2K' : `\r${' '.repeat(width)}\r`);
  return {
    enabled,
    show(text, final = false) {
      if (!enabled) return;
      const now = performance.now();
      if (!final && last > 0 && now - last < interval) return;
      last = now;
      if (!terminal) {
        io.stderr.write(text + '\n');
        return;
      }
      io.stderr.write((width > 0 ? erase() : '\r') + text);
      width = displayWidth(text);
    },
    clear() {
      if (width > 0) io.stderr.write(erase());
      width = 0;
    },
  };
}
