import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root folder, found from this file whether it runs from src/ (tests) or dist/src/ (the CLI). */
export const PACKAGE_ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('tongbiao: package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
})();

/**
 * The built module of a worker thread (`module` relative to src/, e.g. `exchange/write-worker.js`), if the build
 * made it: it is under dist/src/ whether this runs from there (the CLI) or from the TypeScript sources (tests,
 * which start the build's workers). Without it, a caller does the work in its own thread.
 */
export function builtWorker(module: string): string | undefined {
  const path = join(PACKAGE_ROOT, 'dist', 'src', module);
  return existsSync(path) ? path : undefined;
}
