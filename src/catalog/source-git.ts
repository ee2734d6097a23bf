// The catalog as committed at a revision: listed with `git ls-tree`, read with one `git cat-file --batch`.
// Links are listed as links (mode 120000) and never read, so a link can never pull a file from elsewhere in.
import { TongbiaoError } from '../errors.js';
import { BlobReader, lsTree, openRepo, resolveRevision, type GitRepo } from './git.js';
import type { CatalogEntry, CatalogSource } from './types.js';

export interface GitCatalogSource extends CatalogSource {
  revision: string;
  repo: GitRepo;
  /** entries by catalog-relative path */
  byPath: Map<string, CatalogEntry>;
  /** End the cat-file process now (it also ends by itself when idle). */
  close(): void;
}

/** The catalog in `catalogDir` as committed at `rev` (default HEAD). */
export async function gitSource(catalogDir: string, rev = 'HEAD'): Promise<GitCatalogSource> {
  const repo = await openRepo(catalogDir);
  const commit = await resolveRevision(repo, rev);
  return gitSourceAt(repo, commit);
}

/** As gitSource, for an opened repository and a resolved commit id; `listed` reuses a listing of it made earlier. */
export async function gitSourceAt(repo: GitRepo, commit: string, listed?: CatalogEntry[]): Promise<GitCatalogSource> {
  const entries = listed ?? (await lsTree(repo, commit));
  if (!entries.some((e) => e.path === 'tongbiao.yaml' && e.type === 'file')) {
    const where = repo.prefix === '' ? 'the repository top' : repo.prefix;
    throw new TongbiaoError(`no catalog in ${where} at revision ${commit.slice(0, 12)} (tongbiao.yaml is not committed there)`);
  }
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const reader = new BlobReader(repo.top);
  return {
    root: repo.catalogDir,
    revision: commit,
    repo,
    entries,
    byPath,
    async read(paths: string[]): Promise<Map<string, Uint8Array>> {
      const wanted: [string, string][] = [];
      for (const path of paths) {
        const entry = byPath.get(path);
        if (entry?.type === 'file' && entry.blob) wanted.push([path, entry.blob]);
      }
      const blobs = await reader.read(wanted.map(([, blob]) => blob));
      const result = new Map<string, Uint8Array>();
      for (const [path, blob] of wanted) {
        const bytes = blobs.get(blob);
        if (bytes) result.set(path, bytes);
      }
      return result;
    },
    close: () => reader.close(),
  };
}
