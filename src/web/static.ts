// The static files: the hand-written stylesheet and script, and htmx (from node_modules, no build step).
// Read once, served with an ETag so browsers revalidate cheaply.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';

export interface StaticFile {
  body: string;
  type: string;
  etag: string;
}

function load(path: string, type: string): StaticFile {
  const body = readFileSync(path, 'utf8');
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` };
}

let files: Map<string, StaticFile> | undefined;

export function staticFiles(): Map<string, StaticFile> {
  if (files) return files;
  const require = createRequire(import.meta.url);
  files = new Map([
    ['app.css', load(join(PACKAGE_ROOT, 'src', 'web', 'static', 'app.css'), 'text/css; charset=utf-8')],
    ['app.js', load(join(PACKAGE_ROOT, 'src', 'web', 'static', 'app.js'), 'text/javascript; charset=utf-8')],
    ['htmx.min.js', load(require.resolve('htmx.org/dist/htmx.min.js'), 'text/javascript; charset=utf-8')],
  ]);
  return files;
}
