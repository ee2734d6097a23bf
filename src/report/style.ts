// Terminal colour, without a dependency: when to use it, and ANSI wrappers that are the identity when it is off.

/**
 * Whether to colour output written to `stream`.
 *
 * - `NO_COLOR` set to any non-empty value: never (https://no-color.org), whatever else is set.
 * - `FORCE_COLOR`: `0` or `false` turns colour off; any other non-empty value turns it on, even off a TTY
 *   or with `TERM=dumb` (the way Node and most tools read it).
 * - otherwise: only on a TTY whose `TERM` is not `dumb`.
 */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force) return force !== '0' && force.toLowerCase() !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export type Paint = (text: string) => string;

export interface Style {
  readonly enabled: boolean;
  red: Paint;
  yellow: Paint;
  blue: Paint;
  green: Paint;
  cyan: Paint;
  magenta: Paint;
  gray: Paint;
  bold: Paint;
  dim: Paint;
  underline: Paint;
}

const CODES = {
  red: [31, 39],
  yellow: [33, 39],
  blue: [34, 39],
  green: [32, 39],
  cyan: [36, 39],
  magenta: [35, 39],
  gray: [90, 39],
  bold: [1, 22],
  dim: [2, 22],
  underline: [4, 24],
} as const satisfies Record<string, readonly [number, number]>;

type Name = keyof typeof CODES;

function paint(open: number, close: number): Paint {
  const on = `\x1b[${open}m`;
  const off = `\x1b[${close}m`;
  // An inner style that closes with the same code (bold inside dim, red inside yellow) would end ours
  // early: re-open ours after each such close.
  return (text) => on + text.split(off).join(off + on) + off;
}

const identity: Paint = (text) => text;

const plain = Object.freeze({
  enabled: false,
  ...(Object.fromEntries(Object.keys(CODES).map((name) => [name, identity])) as Record<Name, Paint>),
}) satisfies Style;

const coloured = Object.freeze({
  enabled: true,
  ...(Object.fromEntries(
    Object.entries(CODES).map(([name, [open, close]]) => [name, paint(open, close)]),
  ) as Record<Name, Paint>),
}) satisfies Style;

/** ANSI paint functions; every one is the identity when `enabled` is false. */
export function style(enabled: boolean): Style {
  return enabled ? coloured : plain;
}
