// exceljs, loaded with one known bug fixed. Its streaming reader turns every inflated chunk into text on its
// own (lib/utils/parse-sax.js), so a Chinese character whose three UTF-8 bytes straddle two chunks becomes
// "��" — about one cell in a few hundred in a real 实施清单 (exceljs issues #2063, #2084, #2316; the fix, PR
// #1665, has been open since 2021). The parse-sax module below is the library's own, except that one
// streaming TextDecoder carries an incomplete character over to the next chunk. It is put into Node's module
// cache under the library's path before the library loads, so every exceljs module that requires it gets it.
// xlsx-read.ts reads the sheets themselves with its own streaming decoder; this fix is what keeps the shared
// strings whole. tests/exchange/xlsx-read.test.ts reads a long Chinese shared string that the bug would break.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type ExcelJSModule from 'exceljs';

const require = createRequire(import.meta.url);
const libDir = dirname(require.resolve('exceljs/package.json'));
const parseSaxPath = join(libDir, 'lib', 'utils', 'parse-sax.js');
/** exceljs' XML parser (its dependency saxes), also what xlsx-read.ts reads sheets with. */
export const { SaxesParser } = require(require.resolve('saxes', { paths: [libDir] })) as {
  SaxesParser: new (options?: { position?: boolean }) => { on(event: string, listener: (value: unknown) => void): void; write(text: string): void; close(): void };
};

async function* parseSax(iterable: AsyncIterable<Buffer | string>) {
  const parser = new SaxesParser();
  let error: unknown;
  parser.on('error', (e) => {
    error = e;
  });
  let events: Array<{ eventType: string; value: unknown }> = [];
  for (const eventType of ['opentag', 'text', 'closetag']) parser.on(eventType, (value) => events.push({ eventType, value }));
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of iterable) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.decode();
  if (rest !== '') {
    parser.write(rest);
    if (error) throw error;
    yield events;
  }
}

if (!require.cache[parseSaxPath]) {
  const shim = new (require('node:module') as { Module: new (id: string) => NodeJS.Module }).Module(parseSaxPath);
  shim.filename = parseSaxPath;
  shim.loaded = true;
  shim.exports = parseSax;
  require.cache[parseSaxPath] = shim;
}

const ExcelJS = require('exceljs') as typeof ExcelJSModule;
export default ExcelJS;

/**
 * The lower layer exceljs' own streaming sheet writer renders a committed row with (lib/stream/xlsx/
 * worksheet-writer.js `_writeRow`): the row model → XML transform, its XML stream, its column letters and its
 * cell value types. xlsx-write.ts renders rows with these from a prepared model (see there why).
 */
export interface RowModel {
  number: number;
  min: number;
  max: number;
  cells: Array<{ address: string; type: number; value: unknown; styleId?: number }>;
}
export const RowXform = require(join(libDir, 'lib', 'xlsx', 'xform', 'sheet', 'row-xform.js')) as new () => {
  render(xml: XmlStreamType, model: RowModel): void;
};
export interface XmlStreamType {
  readonly xml: string;
}
export const XmlStream = require(join(libDir, 'lib', 'utils', 'xml-stream.js')) as new () => XmlStreamType;
export const colCache = require(join(libDir, 'lib', 'utils', 'col-cache.js')) as { n2l(n: number): string };
export const { ValueType } = require(join(libDir, 'lib', 'doc', 'enums.js')) as {
  ValueType: { Null: 0; Number: 2; String: 3; Date: 4; Boolean: 9 };
};
