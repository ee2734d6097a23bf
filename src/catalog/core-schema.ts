// YAML 1.2.2 §10.3.2, tag resolution of the core schema — the rules the `yaml` package follows for plain
// scalars. Both fast parsers resolve plain scalars with these, so they agree with `yaml` and each other.

export interface CoreScalar {
  tag: 'null' | 'bool' | 'int' | 'float';
  test(s: string): boolean;
  construct(s: string): unknown;
}

const NULL = /^(?:~|null|Null|NULL|)$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const OCTAL = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INFINITY = /^[-+]?\.(?:inf|Inf|INF)$/;
const NAN = /^\.(?:nan|NaN|NAN)$/;

/** In resolution order: the first whose test passes decides. */
export const CORE_SCALARS: readonly CoreScalar[] = [
  { tag: 'null', test: (s) => NULL.test(s), construct: () => null },
  { tag: 'bool', test: (s) => BOOL.test(s), construct: (s) => s[0] === 't' || s[0] === 'T' },
  {
    tag: 'int',
    test: (s) => INT.test(s) || OCTAL.test(s) || HEX.test(s),
    construct: (s) => (OCTAL.test(s) ? parseInt(s.slice(2), 8) : HEX.test(s) ? parseInt(s.slice(2), 16) : Number(s)),
  },
  {
    tag: 'float',
    test: (s) => FLOAT.test(s) || INFINITY.test(s) || NAN.test(s),
    construct: (s) => (NAN.test(s) ? NaN : INFINITY.test(s) ? (s[0] === '-' ? -Infinity : Infinity) : Number(s)),
  },
];

/**
 * A plain scalar's value. Every pattern above starts with one of `~ n N t T f F + - . 0-9` (or is empty):
 * any other first character is a string without trying them — most catalog text starts with a Chinese one.
 */
export function resolvePlain(s: string): unknown {
  if (s.length > 0 && !MAY_RESOLVE[s.charCodeAt(0)]) return s;
  for (const scalar of CORE_SCALARS) if (scalar.test(s)) return scalar.construct(s);
  return s;
}

const MAY_RESOLVE: boolean[] = [];
for (const c of '~nNtTfF+-.0123456789') MAY_RESOLVE[c.charCodeAt(0)] = true;
