// Compression of text responses (HTML, CSS, JavaScript, JSON, CSV): brotli when the client accepts it, else
// gzip, else none (static files are compressed once, harder: static.ts); never below 1 KB, never twice. Whole
// bodies (pages, JSON) are compressed at once off the event loop (zlib's thread pool); a streamed body (a CSV
// export) is compressed as it streams, so it still arrives a chunk at a time. Every compressible response says `Vary: Accept-Encoding`.
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { brotliCompress, constants, createBrotliCompress, createGzip, gzip } from 'node:zlib';
import type { ReadableStream as WebReadable } from 'node:stream/web';
import type { MiddlewareHandler } from 'hono';
import type { Ctx, Env } from './context.js';

export type Encoding = 'br' | 'gzip';

const MIN_BYTES = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|javascript)|image\/svg\+xml)/i;
// Measured on the bench database's pages (97–127 KB of HTML): brotli 1 takes ≈ 0.2 ms for ≈ 12 KB, brotli 4
// ≈ 0.6 ms for ≈ 10 KB, gzip 6 ≈ 0.9 ms for ≈ 11 KB, gzip 1 ≈ 0.3 ms for ≈ 13 KB. A page is made ≈ 1 ms from
// the body cache, so the fastest levels: an eighth of the bytes for a fifth of the time.
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };
const GZIP = { level: 1 };
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The encoding to use for a request's Accept-Encoding (a coding with q=0 is refused). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Set<string>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name && (q === undefined || Number(q) > 0)) accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return undefined;
}

export function compressBytes(bytes: Uint8Array, encoding: Encoding): Promise<Buffer<ArrayBuffer>> {
  return (encoding === 'br' ? brotliAsync(bytes, BROTLI) : gzipAsync(bytes, GZIP)) as Promise<Buffer<ArrayBuffer>>;
}

/** Whether a response of this type and size is worth compressing. */
export function compressible(type: string | null | undefined, bytes?: number): boolean {
  return type != null && COMPRESSIBLE.test(type) && (bytes === undefined || bytes >= MIN_BYTES);
}

/**
 * `bytes` as the response body of type `type`, compressed if the client accepts it: the pages' own way out
 * (site.tsx), which keeps @hono/node-server's light response — a body the middleware below would read back.
 */
export async function encodedBody(c: Ctx, bytes: Buffer<ArrayBuffer>, type: string, status = 200): Promise<Response> {
  c.set('encoded', true);
  if (!compressible(type)) return c.body(bytes, status as 200, { 'Content-Type': type });
  c.header('Vary', 'Accept-Encoding', { append: true });
  const encoding = bytes.length >= MIN_BYTES ? chooseEncoding(c.req.header('Accept-Encoding')) : undefined;
  if (!encoding) return c.body(bytes, status as 200, { 'Content-Type': type });
  return c.body(await compressBytes(bytes, encoding), status as 200, { 'Content-Type': type, 'Content-Encoding': encoding });
}

/** Compresses what the routes did not: JSON, CSV (streamed or not), plain text. */
export function compression(): MiddlewareHandler<Env> {
  return async (c, next) => {
    await next();
    if (c.get('encoded')) return; // (before c.res is touched: see encodedBody)
    const res = c.res;
    if (!res.body || res.headers.has('Content-Encoding') || c.req.method === 'HEAD' || res.status === 204 || res.status === 304) return;
    const type = res.headers.get('Content-Type');
    if (!compressible(type)) return;
    // JSON and CSV bodies come as streams here (hono leaves their length to the server): compressed as such
    const length = res.headers.get('Content-Length');
    if (length !== null && Number(length) < MIN_BYTES) return;
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
    let body: BodyInit | undefined;
    if (encoding && length === null) {
      // a stream (an export): compressed chunk by chunk, each flushed so the client sees rows as they come
      const flush = encoding === 'br' ? { flush: constants.BROTLI_OPERATION_FLUSH } : { flush: constants.Z_SYNC_FLUSH };
      const compressor = encoding === 'br' ? createBrotliCompress({ ...BROTLI, ...flush }) : createGzip({ ...GZIP, ...flush });
      body = Readable.toWeb(Readable.fromWeb(res.body as WebReadable).pipe(compressor)) as ReadableStream;
    } else if (encoding) {
      body = await compressBytes(new Uint8Array(await res.arrayBuffer()), encoding);
    }
    // (hono's c.res setter copies the old response's headers onto the new one: adjust them after)
    if (body !== undefined) c.res = new Response(body, res);
    c.res.headers.append('Vary', 'Accept-Encoding');
    if (body !== undefined) {
      c.res.headers.delete('Content-Length');
      c.res.headers.set('Content-Encoding', encoding!);
    }
  };
}
