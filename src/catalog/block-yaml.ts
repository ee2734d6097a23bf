// A scanner for the YAML that catalog files are written in: block mappings and sequences, one-line plain
// and quoted scalars, one-line flow collections, comments. It reads a file in one pass (≈ 30× the `yaml`
// package) and can also say where each value starts, so locating a finding needs no `yaml` Document. It is
// exact or it declines: anything outside that subset — tabs, CR, escapes, multi-line scalars, block
// scalars, anchors, tags, explicit keys, quoted, non-identifier or over-long keys, duplicate keys, nesting
// deeper than the spec's limit, documents that are not a mapping — returns undefined and the caller asks
// `yaml`. Its answers are held to the `yaml` package's by tests: whole catalogs, the YAML test suite and a
// seeded differential fuzzer (values, accept or decline, and the locator's line and column for every path).
import { resolvePlain } from './core-schema.js';
import { MAX_DEPTH } from './yaml-limits.js';

/** Where a node starts (a UTF-16 offset into the text) and, for collections, where its children do. */
export type Located =
  | { kind: 'map'; start: number | undefined; keys: Array<string | undefined>; keyStarts: Array<number | undefined>; values: Array<Located | null> }
  | { kind: 'seq'; start: number | undefined; items: Array<Located | null> }
  /** a scalar or anything else without children; `empty` for a value with no text (`fee:`) */
  | { kind: 'leaf'; start: number | undefined; empty: boolean };

/** The document's data when it is a mapping inside the subset, else undefined. */
export function scanBlockYaml(text: string): Record<string, unknown> | undefined {
  return new Scanner(text, false).document();
}

/** As scanBlockYaml, with where every node starts; undefined outside the subset. */
export function locateBlockYaml(text: string): Located | undefined {
  const scanner = new Scanner(text, true);
  return scanner.document() === undefined ? undefined : (scanner.node ?? undefined);
}

const NL = 0x0a;
const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const COMMA = 0x2c;

/** Thrown to decline; caught once per document. */
const DECLINE = new Error('outside the block subset');

/** Key words that resolve to null or a boolean: as keys their string form would differ between parsers. */
const RESOLVING_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '__proto__']);

/** `yaml` refuses an implicit key whose `:` is more than 1,024 characters after its start. */
const MAX_KEY_LENGTH = 1024;

/**
 * The shape cache's bounds, so that what it holds never grows with the input: a mapping with more keys is
 * built without it (an item has ≈ 30), and when the cache holds this many shapes it starts again from empty.
 * A v1 province shares 58 shapes; a v2 one ≈ 12,000 (each of its ≈ 1,300 sequences of top-level keys — optional
 * elements present or not — is a path of prefixes here). At 4,096 the cache was emptied every few thousand
 * files and each shape's literal compiled again: parsing a v2 file cost 29.8 µs, 20.9 µs with room for all.
 * A file of 20,000 distinct keys once made an unbounded cache 2.3 GB; this bound holds at most ≈ 30 MB of keys.
 */
const MAX_SHAPE_KEYS = 128;
const MAX_SHAPES = 32_768;
let shapes = 0;

/** The keys of a mapping being scanned. */
interface Keys {
  /** these keys and one more; declines a key they have (a duplicate) or one that resolves to another value */
  with(key: string): Keys;
  /** the mapping of these keys to `values[base …]` */
  create(values: readonly unknown[], base: number): Record<string, unknown>;
}

/**
 * A sequence of keys, as V8's hidden classes are: a mapping is built by one object literal of its keys.
 * Setting 20-odd keys one by one (`map[key] = value`) leaves an item in dictionary mode,
 * where every read of it by the rules and the comparison is a hash lookup; a literal gives it a fast shape.
 */
class Shape implements Keys {
  private readonly next = new Map<string, Shape>();
  private literal: ((values: readonly unknown[], base: number) => Record<string, unknown>) | undefined;
  private lastKey: string | undefined;
  private lastShape: Shape | undefined;

  constructor(private readonly keys: readonly string[]) {}

  with(key: string): Keys {
    // Files of a catalog mostly share their key sequences: the key taken last time is the likely one.
    if (key === this.lastKey) return this.lastShape!;
    let shape = this.next.get(key);
    if (shape === undefined) {
      if (this.keys.includes(key) || RESOLVING_KEYS.has(key)) throw DECLINE;
      if (this.keys.length >= MAX_SHAPE_KEYS) return new WideKeys([...this.keys, key]);
      if (++shapes > MAX_SHAPES) {
        // Shapes in use by the document being scanned stay valid; the cache forgets them.
        shapes = 1;
        emptyShape = new Shape([]);
      }
      this.next.set(key, (shape = new Shape([...this.keys, key])));
    }
    this.lastKey = key;
    this.lastShape = shape;
    return shape;
  }

  create(values: readonly unknown[], base: number): Record<string, unknown> {
    // Keys are `[A-Za-z_][A-Za-z0-9_-]*` and never `__proto__`, quoted by JSON.stringify: nothing but a key
    // reaches the source.
    this.literal ??= new Function('v', 'b', `return { ${this.keys.map((key, i) => `${JSON.stringify(key)}: v[b + ${i}]`).join(', ')} };`) as Shape['literal'];
    return this.literal!(values, base);
  }
}

let emptyShape = new Shape([]);

/** The keys of one mapping too wide for the cache, built key by key (it ends in dictionary mode; it is rare). */
class WideKeys implements Keys {
  private readonly seen: Set<string>;

  constructor(private readonly keys: string[]) {
    this.seen = new Set(keys);
  }

  with(key: string): Keys {
    if (this.seen.has(key) || RESOLVING_KEYS.has(key)) throw DECLINE;
    this.seen.add(key);
    this.keys.push(key);
    return this;
  }

  create(values: readonly unknown[], base: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    this.keys.forEach((key, i) => (map[key] = values[base + i]));
    return map;
  }
}

/** Characters that may not start a plain scalar here (YAML c-indicators, and `?` `:` which we never take). */
const NOT_PLAIN_FIRST: boolean[] = [];
for (const c of ',[]{}#&*!|>\'"%@`?:') NOT_PLAIN_FIRST[c.charCodeAt(0)] = true;

/** Characters that end a plain scalar inside a flow collection. */
const FLOW_INDICATOR: boolean[] = [];
for (const c of ',[]{}') FLOW_INDICATOR[c.charCodeAt(0)] = true;

class Scanner {
  /** start of the current content line */
  private line = 0;
  /** its indentation (spaces), -1 at the end of the text */
  private indent = -1;
  /** in located mode: the node just scanned */
  node: Located | null = null;
  /** values of the mappings being scanned, innermost last */
  private readonly values: unknown[] = [];
  /** collections open around the current one, the top mapping included */
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly located: boolean,
  ) {}

  document(): Record<string, unknown> | undefined {
    try {
      this.toContent(0);
      if (this.indent < 0) return undefined;
      const root = this.blockMap(this.indent, this.line + this.indent);
      return this.indent < 0 ? root : undefined;
    } catch (e) {
      if (e === DECLINE) return undefined;
      throw e;
    }
  }

  /** Into one more collection: beyond the spec's limit the document is `yaml`'s to refuse (and no stack overflows here). */
  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw DECLINE;
  }

  /** The mapping of the values scanned since `base`, which are taken off the stack. */
  private take(shape: Keys, base: number): Record<string, unknown> {
    const map = shape.create(this.values, base);
    this.values.length = base;
    return map;
  }

  /** Moves to the next line from `at` that holds content, skipping blank and comment lines. */
  private toContent(at: number): void {
    const { text } = this;
    for (let p = at; p < text.length; ) {
      let q = p;
      while (text.charCodeAt(q) === SPACE) q++;
      const c = text.charCodeAt(q);
      if (q < text.length && c !== NL && c !== HASH) {
        this.line = p;
        this.indent = q - p;
        return;
      }
      p = this.endOfLine(q) + 1;
    }
    this.line = text.length;
    this.indent = -1;
  }

  /** Checks the characters up to the end of the line; returns the offset of its newline (or the text's end). */
  private endOfLine(from: number): number {
    const { text } = this;
    let p = from;
    for (; p < text.length; p++) {
      const c = text.charCodeAt(p);
      if ((c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c < 0xd800)) continue;
      if (c === NL) return p;
      p = this.printable(p);
    }
    return p;
  }

  /** The offset of the last code unit of a printable character at p outside ASCII; declines anything else. */
  private printable(p: number): number {
    const c = this.text.charCodeAt(p);
    if (c < 0xa0) throw DECLINE; // controls (tab and CR included), DEL, C1 controls and NEL
    if (c < 0xd800) return p;
    if (c < 0xdc00) {
      const next = this.text.charCodeAt(p + 1);
      if (next >= 0xdc00 && next <= 0xdfff) return p + 1;
      throw DECLINE;
    }
    if (c < 0xe000 || c === 0xfeff || c >= 0xfffe) throw DECLINE;
    return p;
  }

  /** The mapping whose first key is at `start` (column `indent`), up to the first line indented less. */
  private blockMap(indent: number, start: number): Record<string, unknown> {
    const { text } = this;
    this.enter();
    const base = this.values.length;
    let shape: Keys = emptyShape;
    const at = this.located ? { kind: 'map' as const, start, keys: [] as string[], keyStarts: [] as number[], values: [] as Array<Located | null> } : undefined;
    for (let keyStart = start; ; keyStart = this.line + indent) {
      const colon = this.keyEnd(keyStart);
      const key = text.slice(keyStart, colon);
      shape = shape.with(key);
      let value: unknown;
      const valueStart = this.skipSpaces(colon + 1);
      if (this.endsLine(colon + 1, valueStart)) {
        // Nothing after the colon: a nested block on the next lines, an indentless list, or an empty value.
        this.toContent(this.endOfLine(valueStart) + 1);
        if (this.indent > indent) {
          value = this.nestedBlock();
        } else if (this.indent === indent && this.isEntry(this.line + indent)) {
          value = this.blockSeq(indent);
        } else {
          value = null;
          if (at) this.node = { kind: 'leaf', start: keyStart, empty: true };
        }
      } else {
        value = this.inlineValue(valueStart);
        if (this.indent > indent) throw DECLINE; // a continuation line or a stray nested block
      }
      this.values.push(value);
      if (at) {
        at.keys.push(key);
        at.keyStarts.push(keyStart);
        at.values.push(this.node);
      }
      if (this.indent !== indent) break;
    }
    if (this.indent > indent) throw DECLINE;
    if (at) this.node = at;
    this.depth--;
    return this.take(shape, base);
  }

  /** The list whose first `-` is on the current line at column `indent`. */
  private blockSeq(indent: number): unknown[] {
    this.enter();
    const list: unknown[] = [];
    const at = this.located ? { kind: 'seq' as const, start: this.line + indent, items: [] as Array<Located | null> } : undefined;
    do {
      const dash = this.line + indent;
      if (!this.isEntry(dash)) break;
      const valueStart = this.skipSpaces(dash + 1);
      let value: unknown;
      if (this.endsLine(dash + 1, valueStart)) {
        this.toContent(this.endOfLine(valueStart) + 1);
        if (this.indent <= indent) throw DECLINE; // an empty entry
        value = this.nestedBlock();
      } else if (this.isKey(valueStart)) {
        // `- name: x`: a mapping whose keys line up with the first one.
        value = this.blockMap(valueStart - this.line, valueStart);
      } else {
        if (this.isEntry(valueStart)) throw DECLINE; // `- - x`
        value = this.inlineValue(valueStart);
        if (this.indent > indent) throw DECLINE;
      }
      list.push(value);
      at?.items.push(this.node);
    } while (this.indent === indent);
    if (this.indent > indent) throw DECLINE;
    if (at) this.node = at;
    this.depth--;
    return list;
  }

  /** The block collection starting on the current line. */
  private nestedBlock(): unknown {
    const start = this.line + this.indent;
    if (this.isEntry(start)) return this.blockSeq(this.indent);
    if (!this.isKey(start)) throw DECLINE; // a scalar on its own line
    return this.blockMap(this.indent, start);
  }

  /** A value after `key: ` or `- ` on the same line; leaves the scanner on the next content line. */
  private inlineValue(start: number): unknown {
    const { text } = this;
    const c = text.charCodeAt(start);
    let value: unknown;
    let end: number;
    if (c === 0x5b || c === 0x7b || c === 0x22 || c === 0x27) {
      ({ value, end } = this.flowNode(start));
      const after = this.skipSpaces(end);
      if (!this.endsLine(end, after)) throw DECLINE;
      end = after;
    } else {
      this.plainFirst(start, false);
      let last = start; // last non-space character of the scalar
      for (end = start; end < text.length; end++) {
        const d = text.charCodeAt(end);
        if (d >= 0xa0 && d < 0xd800) {
          // Most of a catalog's text: Chinese, no questions to ask.
          last = end;
          continue;
        }
        if (d === NL) break;
        if (d === SPACE) continue;
        if (d === HASH && text.charCodeAt(end - 1) === SPACE) break;
        if (d === COLON) {
          const next = text.charCodeAt(end + 1);
          if (next === SPACE || next === NL || end + 1 === text.length) throw DECLINE; // `a: b: c`
        } else if (d < 0x20 || d >= 0x7f) {
          end = this.printable(end);
        }
        last = end;
      }
      value = resolvePlain(text.slice(start, last + 1));
      if (this.located) this.node = { kind: 'leaf', start, empty: false };
    }
    this.toContent(this.endOfLine(end) + 1);
    return value;
  }

  /** A flow collection or a quoted scalar on one line; `end` is just past it. */
  private flowNode(start: number): { value: unknown; end: number } {
    const { text } = this;
    const c = text.charCodeAt(start);
    if (c === 0x22 || c === 0x27) return this.quoted(start);
    if (c === 0x5b || c === 0x7b) return c === 0x5b ? this.flowSeq(start) : this.flowMap(start);
    this.plainFirst(start, true);
    let last = start;
    let end = start;
    for (; end < text.length; end++) {
      const d = text.charCodeAt(end);
      if (d >= 0xa0 && d < 0xd800) {
        last = end;
        continue;
      }
      if (d === NL || FLOW_INDICATOR[d]) break;
      if (d === SPACE) continue;
      if (d === HASH && text.charCodeAt(end - 1) === SPACE) throw DECLINE; // a comment inside a flow collection
      if (d === COLON) {
        const next = text.charCodeAt(end + 1);
        if (next === SPACE || next === NL || FLOW_INDICATOR[next] || end + 1 === text.length) throw DECLINE; // an implicit pair
      } else if (d < 0x20 || d >= 0x7f) {
        end = this.printable(end);
      }
      last = end;
    }
    if (this.located) this.node = { kind: 'leaf', start, empty: false };
    return { value: resolvePlain(text.slice(start, last + 1)), end };
  }

  private flowSeq(start: number): { value: unknown[]; end: number } {
    this.enter();
    const list: unknown[] = [];
    const at = this.located ? { kind: 'seq' as const, start, items: [] as Array<Located | null> } : undefined;
    let p = this.skipSpaces(start + 1);
    if (this.text.charCodeAt(p) !== 0x5d) {
      for (;;) {
        const { value, end } = this.flowNode(p);
        list.push(value);
        at?.items.push(this.node);
        p = this.skipSpaces(end);
        const d = this.text.charCodeAt(p);
        if (d === 0x5d) break;
        if (d !== COMMA) throw DECLINE;
        p = this.skipSpaces(p + 1);
      }
    }
    if (at) this.node = at;
    this.depth--;
    return { value: list, end: p + 1 };
  }

  private flowMap(start: number): { value: Record<string, unknown>; end: number } {
    const { text } = this;
    this.enter();
    const base = this.values.length;
    let shape: Keys = emptyShape;
    const at = this.located ? { kind: 'map' as const, start, keys: [] as string[], keyStarts: [] as number[], values: [] as Array<Located | null> } : undefined;
    let p = this.skipSpaces(start + 1);
    if (text.charCodeAt(p) !== 0x7d) {
      for (;;) {
        const colon = this.keyEnd(p);
        if (text.charCodeAt(colon + 1) !== SPACE) throw DECLINE;
        const key = text.slice(p, colon);
        shape = shape.with(key);
        const { value, end } = this.flowNode(this.skipSpaces(colon + 1));
        this.values.push(value);
        if (at) {
          at.keys.push(key);
          at.keyStarts.push(p);
          at.values.push(this.node);
        }
        p = this.skipSpaces(end);
        const d = text.charCodeAt(p);
        if (d === 0x7d) break;
        if (d !== COMMA) throw DECLINE;
        p = this.skipSpaces(p + 1);
      }
    }
    if (at) this.node = at;
    this.depth--;
    return { value: this.take(shape, base), end: p + 1 };
  }

  /** A single- or double-quoted scalar on one line, without escapes beyond `''`. */
  private quoted(start: number): { value: string; end: number } {
    const { text } = this;
    const quote = text.charCodeAt(start);
    let doubled = false;
    let p = start + 1;
    for (; ; p++) {
      const d = text.charCodeAt(p);
      if (d >= 0xa0 && d < 0xd800) continue;
      if (d === quote) {
        if (quote === 0x27 && text.charCodeAt(p + 1) === 0x27) {
          doubled = true;
          p++;
          continue;
        }
        break;
      }
      if (p >= text.length || d === NL || d === 0x5c) throw DECLINE; // a line break or a backslash escape
      if (d < 0x20 || d >= 0x7f) p = this.printable(p);
    }
    const raw = text.slice(start + 1, p);
    if (this.located) this.node = { kind: 'leaf', start, empty: false };
    return { value: doubled ? raw.replaceAll("''", "'") : raw, end: p + 1 };
  }

  /** Declines an empty plain scalar or one that would start with an indicator (`-` is one only before a space). */
  private plainFirst(start: number, flow: boolean): void {
    const c = this.text.charCodeAt(start);
    if (start >= this.text.length || c === NL || NOT_PLAIN_FIRST[c]) throw DECLINE;
    if (c === DASH) {
      const next = this.text.charCodeAt(start + 1);
      if (next === SPACE || next === NL || start + 1 >= this.text.length || (flow && FLOW_INDICATOR[next])) throw DECLINE;
    }
  }

  /** Offset of the colon ending a key (`[A-Za-z_][A-Za-z0-9_-]*:` before a space or the line's end, at most 1,024 long); declines others. */
  private keyEnd(start: number): number {
    const end = this.keyLength(start);
    if (end < 0) throw DECLINE;
    return end;
  }

  private isKey(start: number): boolean {
    return this.keyLength(start) >= 0;
  }

  private keyLength(start: number): number {
    const { text } = this;
    let c = text.charCodeAt(start);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f)) return -1;
    let p = start + 1;
    for (; ; p++) {
      c = text.charCodeAt(p);
      if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === DASH)) break;
    }
    if (c !== COLON || p - start > MAX_KEY_LENGTH) return -1;
    const next = text.charCodeAt(p + 1);
    return next === SPACE || next === NL || p + 1 >= text.length ? p : -1;
  }

  /** A block list entry: `-` before a space or the line's end. */
  private isEntry(p: number): boolean {
    if (this.text.charCodeAt(p) !== DASH) return false;
    const next = this.text.charCodeAt(p + 1);
    return next === SPACE || next === NL || p + 1 >= this.text.length;
  }

  private skipSpaces(p: number): number {
    while (this.text.charCodeAt(p) === SPACE) p++;
    return p;
  }

  /** Whether the line ends at `p` (reached from `from` over spaces): its end, or a comment after a space. */
  private endsLine(from: number, p: number): boolean {
    if (p >= this.text.length) return true;
    const c = this.text.charCodeAt(p);
    return c === NL || (c === HASH && p > from);
  }
}
