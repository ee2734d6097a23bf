// The static files: the hand-written stylesheet and script, and htmx (from node_modules, no build step). Read and
// compressed once. Pages link them under content-hashed names (`/static/app.3f9c….css`), cached for a year
// as immutable: a new version is a new URL. The plain names still answer, revalidated by ETag.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { PACKAGE_ROOT } from '../paths.js';
import type { Encoding } from './compress.js';

export interface StaticFile {
  /** the plain name, e.g. `app.css` */
  name: string;
  /** the content-hashed URL pages link */
  url: string;
  type: string;
  /** the bytes as they are and compressed, each with its ETag (a representation of its own) */
  bodies: Record<'identity' | Encoding, { bytes: Buffer<ArrayBuffer>; etag: string }>;
}

function load(name: string, path: string, type: string): StaticFile {
  const bytes = readFileSync(path) as Buffer<ArrayBuffer>;
  const hash = createHash('sha256').update(bytes).digest('base64url').slice(0, 16);
  const dot = name.lastIndexOf('.');
  return {
    name,
    url: `/static/${name.slice(0, dot)}.${hash.replace(/[-_]/g, '').slice(0, 12)}${name.slice(dot)}`,
    type,
    bodies: {
      identity: { bytes, etag: `"${hash}"` },
      br: { bytes: brotliCompressSync(bytes) as Buffer<ArrayBuffer>, etag: `"${hash}-br"` },
      gzip: { bytes: gzipSync(bytes, { level: 9 }) as Buffer<ArrayBuffer>, etag: `"${hash}-gz"` },
    },
  };
}

let files: Map<string, StaticFile> | undefined;

/** Each file by its plain name and by its hashed URL's last segment; `immutable` tells which was asked. */
export function staticFile(segment: string): { file: StaticFile; immutable: boolean } | undefined {
  files ??= loadAll();
  const file = files.get(segment);
  if (!file) return undefined;
  return { file, immutable: segment !== file.name };
}

/** The URL a page links for a static file (`app.css`, `app.js`, `htmx.min.js`). */
export function staticUrl(name: string): string {
  files ??= loadAll();
  const file = files.get(name);
  if (!file) throw new Error(`no static file ${name}`);
  return file.url;
}

function loadAll(): Map<string, StaticFile> {
  const require = createRequire(import.meta.url);
  const list = [
    load('app.css', join(PACKAGE_ROOT, 'src', 'web', 'static', 'app.css'), 'text/css; charset=utf-8'),
    load('app.js', join(PACKAGE_ROOT, 'src', 'web', 'static', 'app.js'), 'text/javascript; charset=utf-8'),
    load('htmx.min.js', require.resolve('htmx.org/dist/htmx.min.js'), 'text/javascript; charset=utf-8'),
  ];
  const out = new Map<string, StaticFile>();
  for (const file of list) {
    out.set(file.name, file);
    out.set(file.url.slice('/static/'.length), file);
  }
  return out;
}
