// A JSON file read as a stream, so that memory is bounded by the largest value the reader asks for, not by the
// file: stream-json's tokenizer turns each block of the file into tokens; the caller's `visit` decides, for every
// value it meets, whether to assemble that value whole, walk into it (an object or array) or pass over it; the
// values assembled are handed out a block at a time, with their path. A file that is not JSON, or ends early, is
// a `NotJson` naming the line and column (found by stream-json's verifier, run only then).
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { none } from 'stream-chain/defs.js';
import { Assembler } from 'stream-json/core/assembler.js';
import { jsonParser, type Token } from 'stream-json/core/parser.js';
import { verifyFile, type VerifierError } from 'stream-json/file/verifier.js';

export type JsonPath = ReadonlyArray<string | number>;
export type JsonKind = 'object' | 'array' | 'scalar';
/** what to do with a value: assemble it whole, walk into it (objects and arrays), or pass over it */
export type Visit = (path: JsonPath, kind: JsonKind) => 'whole' | 'enter' | 'skip';

export interface JsonValue {
  path: JsonPath;
  value: unknown;
}

/**
 * A string of a value handed out, copied so that it holds nothing else: the tokenizer's strings are slices of
 * the block of text they were read from, and one kept for the whole read (a map key) would keep its whole block
 * (a province's task_guids kept 1.3 GB of the file alive).
 */
export const detached = (text: string): string => JSON.parse(JSON.stringify(text)) as string;

/** The file is not JSON, or ends in the middle of it. */
export class NotJson extends Error {}

/** bytes read at a time, as stream-json's own file reader does: a block's tokens are garbage before the next */
const BLOCK = 1 << 16;

interface Frame {
  kind: 'object' | 'array';
  path: JsonPath;
  /** the key of the value that comes next (objects), the index of the next element (arrays) */
  key: string | undefined;
  index: number;
}

/** The values `visit` asks to have whole, in file order, a block of the file at a time. */
export async function* jsonValues(file: string, visit: Visit): AsyncGenerator<JsonValue[]> {
  const tokenize = jsonParser({ packValues: true, streamValues: false });
  const decoder = new StringDecoder('utf8');
  const frames: Frame[] = [];
  let assembling: { path: JsonPath; assembler: Assembler } | undefined;
  /** the depth of the container being passed over, 0 when none */
  let skipping = 0;
  let rootSeen = false;
  let out: JsonValue[] = [];

  const begin = (token: Token) => {
    const parent = frames.at(-1);
    const path = parent === undefined ? [] : [...parent.path, parent.kind === 'object' ? parent.key! : parent.index++];
    if (parent === undefined) rootSeen = true;
    const kind: JsonKind = token.name === 'startObject' ? 'object' : token.name === 'startArray' ? 'array' : 'scalar';
    const what = visit(path, kind);
    if (kind === 'scalar') {
      if (what === 'whole') out.push({ path, value: scalarOf(token) });
    } else if (what === 'whole') {
      assembling = { path, assembler: new Assembler() };
      assembling.assembler.consume(token);
    } else if (what === 'enter') {
      frames.push({ kind, path, key: undefined, index: 0 });
    } else {
      skipping = 1;
    }
  };
  const take = (token: Token) => {
    if (assembling) {
      assembling.assembler.consume(token);
      if (assembling.assembler.done) {
        out.push({ path: assembling.path, value: assembling.assembler.current });
        assembling = undefined;
      }
    } else if (skipping > 0) {
      if (token.name === 'startObject' || token.name === 'startArray') skipping++;
      else if (token.name === 'endObject' || token.name === 'endArray') skipping--;
    } else if (token.name === 'keyValue') {
      frames.at(-1)!.key = token.value;
    } else if (token.name === 'endObject' || token.name === 'endArray') {
      frames.pop();
    } else {
      begin(token);
    }
  };
  const feed = (text: string | typeof none) => {
    // a flushable of stream-chain: `none` flushes it (and reports input that ends early)
    const tokens = tokenize(text as string) as { values?: Token[] } | typeof none;
    if (tokens !== none && tokens.values) for (const token of tokens.values) take(token);
  };

  const handle = await open(file, 'r');
  const buffer = Buffer.allocUnsafe(BLOCK);
  try {
    for (let first = true; ; first = false) {
      const { bytesRead } = await handle.read(buffer, 0, BLOCK, null);
      if (bytesRead === 0) break;
      let text = decoder.write(buffer.subarray(0, bytesRead));
      // a byte-order mark, as Windows tools write it
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      try {
        feed(text);
      } catch (error) {
        throw await notJson(file, error as Error);
      }
      if (out.length > 0) {
        yield out;
        out = [];
      }
    }
    try {
      feed(decoder.end());
      feed(none);
    } catch (error) {
      throw rootSeen ? await notJson(file, error as Error, 'the file ends in the middle of its JSON (cut short?)') : new NotJson('the file is empty');
    }
  } finally {
    await handle.close();
  }
  if (out.length > 0) yield out;
}

function scalarOf(token: Token): unknown {
  switch (token.name) {
    case 'stringValue':
      return token.value;
    case 'numberValue':
      return Number(token.value);
    case 'nullValue':
      return null;
    case 'trueValue':
      return true;
    case 'falseValue':
      return false;
    default:
      throw new Error(`unexpected JSON token ${token.name}`);
  }
}

/** Where and why the file is not JSON: the verifier reads it again for the line and column. */
async function notJson(file: string, error: Error, why?: string): Promise<NotJson> {
  // a value longer than the tokenizer holds, or containers nested deeper than it follows
  if (error instanceof RangeError) return new NotJson(error.message);
  try {
    await verifyFile(file);
  } catch (found) {
    const { line, pos, message } = found as VerifierError;
    // the verifier's message repeats where it is: "ERROR at 12 (1, 13): Verifier cannot parse input: …"
    if (typeof line === 'number') return new NotJson(`line ${line}, column ${pos}: ${why ?? message.replace(/^ERROR at .*?: (Verifier )?/, '')}`);
  }
  return new NotJson(why ?? error.message);
}
