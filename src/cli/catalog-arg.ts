// How every command finds its catalog (spec §4): --catalog, else a positional, else the cwd when it holds
// tongbiao.yaml, else ./catalog-yaml. validate's paths may also point inside a catalog.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE } from '../catalog/config.js';
import { TongbiaoError } from '../errors.js';

export function resolveCatalogRoot(explicit: string | undefined, cwd: string): string {
  if (explicit !== undefined) {
    const dir = resolve(cwd, explicit);
    if (!existsSync(join(dir, CONFIG_FILE))) throw new TongbiaoError(`${explicit}: not a catalog (no ${CONFIG_FILE})`);
    return dir;
  }
  if (existsSync(join(cwd, CONFIG_FILE))) return cwd;
  const demo = join(cwd, 'catalog-yaml');
  if (existsSync(join(demo, CONFIG_FILE))) return demo;
  throw new TongbiaoError(`no catalog found: pass --catalog DIR, or run inside a folder holding ${CONFIG_FILE}`);
}

/** The catalog root at or above a path: the nearest ancestor holding tongbiao.yaml. */
export function catalogRootOf(path: string, cwd: string): string {
  const absolute = resolve(cwd, path);
  if (!existsSync(absolute)) throw new TongbiaoError(`${path}: no such file or directory`);
  let dir = statSync(absolute).isDirectory() ? absolute : dirname(absolute);
  for (;;) {
    if (existsSync(join(dir, CONFIG_FILE))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new TongbiaoError(`${path}: not inside a catalog (no ${CONFIG_FILE} above it)`);
    dir = up;
  }
}

/** A path below `root` as the catalog-relative posix path the pipeline uses ('' for the root itself). */
export function catalogRelative(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** The root of the git repository holding `dir` (the nearest ancestor with `.git`), else `dir` itself. */
export function repositoryRoot(dir: string): string {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return at;
    if (dirname(at) === at) return dir;
  }
}
