import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BlobReader,
  changedFiles,
  commitExists,
  commitsBetween,
  indexBlobs,
  lsTree,
  openRepo,
  resolveRevision,
} from '../../src/catalog/git.js';
import { blobId } from '../../src/catalog/read-file.js';
import { gitSource } from '../../src/catalog/source-git.js';
import { TongbiaoError } from '../../src/errors.js';
import { makeGitCatalog, type TempGitCatalog } from '../helpers/git-repo.js';

const repos: TempGitCatalog[] = [];
function repo(...args: Parameters<typeof makeGitCatalog>): TempGitCatalog {
  const r = makeGitCatalog(...args);
  repos.push(r);
  return r;
}
afterEach(() => {
  while (repos.length) repos.pop()!.cleanup();
});

const BASE = {
  'tongbiao.yaml': 'formatVersion: 1\n',
  '420000/region.yaml': 'code: "420000"\n',
  '420000/items/a.yaml': 'name: 甲\n',
  '420000/items/b.yaml': 'name: 乙\n',
};

describe('openRepo', () => {
  it('finds the top and the catalog prefix of a catalog in a sub-folder', async () => {
    const r = repo({ prefix: 'catalog-yaml', files: BASE, commit: 'init' });
    const found = await openRepo(r.catalog);
    expect(found.prefix).toBe('catalog-yaml/');
    expect(found.catalogDir).toBe(r.catalog);
    const atTop = await openRepo(r.top);
    expect(atTop.prefix).toBe('');
  });

  it('says so when the folder is not in a git repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tongbiao-nogit-'));
    try {
      await expect(openRepo(dir)).rejects.toThrow(/not in a git repository/);
      await expect(openRepo(join(dir, 'nope'))).rejects.toThrow(/catalog folder not found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('resolveRevision', () => {
  it('resolves names, short ids and HEAD~n to full commit ids', async () => {
    const r = repo({ files: BASE, commit: 'one' });
    const first = r.head();
    r.write('420000/items/a.yaml', 'name: 甲2\n');
    const second = r.commit('two');
    r.git('tag', 'v1', first);
    const g = await openRepo(r.catalog);
    expect(await resolveRevision(g, 'HEAD')).toBe(second);
    expect(await resolveRevision(g, 'HEAD~1')).toBe(first);
    expect(await resolveRevision(g, 'v1')).toBe(first);
    expect(await resolveRevision(g, first.slice(0, 10))).toBe(first);
    expect(await commitExists(g, first)).toBe(true);
    expect(await commitExists(g, 'f'.repeat(40))).toBe(false);
  });

  it('gives a one-line TongbiaoError for an unknown or option-like revision', async () => {
    const r = repo({ files: BASE, commit: 'one' });
    const g = await openRepo(r.catalog);
    const error = await resolveRevision(g, 'no-such-branch').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TongbiaoError);
    expect((error as Error).message).toMatch(/^revision 'no-such-branch' not found in /);
    expect((error as Error).message).not.toContain('\n');
    await expect(resolveRevision(g, '--all')).rejects.toThrow(/invalid revision/);
    // a blob is not a commit
    const blob = r.git('rev-parse', 'HEAD:420000/items/a.yaml');
    await expect(resolveRevision(g, blob)).rejects.toThrow(/not found/);
  });

  it('explains an empty repository', async () => {
    const r = repo({ files: BASE });
    const g = await openRepo(r.catalog);
    await expect(resolveRevision(g, 'HEAD')).rejects.toThrow(/no commits yet/);
  });
});

describe('lsTree', () => {
  it('lists files, folders, links and submodules with catalog-relative paths and blob ids', async () => {
    const r = repo({ prefix: 'catalog-yaml', files: BASE });
    r.symlink('420000/items/link.yaml', 'a.yaml');
    r.write('../outside.txt', 'not in the catalog\n');
    r.commit('init');
    const sub = r.git('rev-parse', 'HEAD');
    r.git('update-index', '--add', '--cacheinfo', `160000,${sub},catalog-yaml/420000/module`);
    r.git('commit', '-q', '-m', 'submodule');
    const g = await openRepo(r.catalog);
    const entries = await lsTree(g, r.head());
    const byPath = Object.fromEntries(entries.map((e) => [e.path, e]));
    expect(Object.keys(byPath).sort()).toEqual([
      '420000',
      '420000/items',
      '420000/items/a.yaml',
      '420000/items/b.yaml',
      '420000/items/link.yaml',
      '420000/module',
      '420000/region.yaml',
      'tongbiao.yaml',
    ]);
    expect(byPath['420000']!.type).toBe('dir');
    expect(byPath['420000/items/a.yaml']).toMatchObject({ type: 'file', blob: blobId(Buffer.from('name: 甲\n')) });
    expect(byPath['420000/items/a.yaml']!.blob).toBe(r.git('rev-parse', 'HEAD:catalog-yaml/420000/items/a.yaml'));
    expect(byPath['420000/items/link.yaml']!.type).toBe('symlink');
    expect(byPath['420000/module']!.type).toBe('other');
  });

  it('handles names with spaces, quotes and Chinese characters, in the catalog and in its folder', async () => {
    const r = repo({ files: { ...BASE, '420000/items/说明 "x".txt': 'x' }, commit: 'init' });
    const entries = await lsTree(await openRepo(r.catalog), r.head());
    expect(entries.map((e) => e.path)).toContain('420000/items/说明 "x".txt');

    const nested = repo({ prefix: '事项 目录', files: { ...BASE, '420000/items/说明.txt': 'x' }, commit: 'init' });
    nested.write('../事项 目录外.txt', 'outside');
    nested.commit('outside');
    const inside = await lsTree(await openRepo(nested.catalog), nested.head());
    expect(inside.map((e) => e.path).sort()).toEqual(['420000', '420000/items', '420000/items/a.yaml', '420000/items/b.yaml', '420000/items/说明.txt', '420000/region.yaml', 'tongbiao.yaml']);
    expect(inside.find((e) => e.path === '420000/items/说明.txt')!.blob).toBe(blobId(Buffer.from('x')));
  });
});

describe('BlobReader', () => {
  it('reads many blobs through one process, in any order, repeatedly', async () => {
    const files: Record<string, string> = { 'tongbiao.yaml': 'formatVersion: 1\n' };
    for (let i = 0; i < 300; i++) files[`f/${i}.yaml`] = `n: ${i}\n` + 'x'.repeat(i * 37);
    files['f/big.yaml'] = 'y'.repeat(300_000);
    const r = repo({ files, commit: 'init' });
    const g = await openRepo(r.catalog);
    const entries = await lsTree(g, r.head());
    const reader = new BlobReader(g.top);
    try {
      const ids = entries.filter((e) => e.type === 'file').map((e) => e.blob!);
      const blobs = await reader.read([...ids].reverse());
      expect(blobs.size).toBe(ids.length);
      for (const e of entries.filter((e) => e.type === 'file')) {
        expect(blobs.get(e.blob!)!.toString('utf8')).toBe(files[e.path]);
        expect(blobId(blobs.get(e.blob!)!)).toBe(e.blob);
      }
      const again = await reader.read([ids[0]!, 'f'.repeat(40)]);
      expect(again.size).toBe(1);
      const [x, y] = await Promise.all([reader.read([ids[1]!]), reader.read([ids[2]!])]);
      expect(x.size + y.size).toBe(2);
    } finally {
      reader.close();
    }
  });
});

describe('changedFiles', () => {
  it('lists additions, modifications, deletions and renames between revisions, catalog-relative', async () => {
    const r = repo({ prefix: 'catalog-yaml', files: BASE, commit: 'init' });
    const from = r.head();
    r.write('420000/items/a.yaml', 'name: 甲 改\n');
    r.remove('420000/items/b.yaml');
    r.write('420000/items/c.yaml', 'name: 丙\n');
    r.rename('420000/region.yaml', '420000/region2.yaml');
    r.write('../README.md', 'outside the catalog\n');
    const to = r.commit('change');
    expect(await changedFiles(r.catalog, from, to)).toEqual([
      { status: 'M', path: '420000/items/a.yaml' },
      { status: 'D', path: '420000/items/b.yaml' },
      { status: 'A', path: '420000/items/c.yaml' },
      { status: 'R', path: '420000/region2.yaml', oldPath: '420000/region.yaml' },
    ]);
    expect(await changedFiles(r.catalog, to, to)).toEqual([]);
  });

  it('compares with the working tree, untracked files included, when no target is given', async () => {
    const r = repo({ prefix: 'catalog-yaml', files: BASE, commit: 'init' });
    r.write('420000/items/a.yaml', 'name: 甲 未提交\n');
    r.write('420000/items/new.yaml', 'name: 新\n');
    r.remove('420000/items/b.yaml');
    r.write('.gitignore', 'ignored.yaml\n');
    r.write('ignored.yaml', 'x: 1\n');
    expect(await changedFiles(r.catalog, 'HEAD')).toEqual([
      { status: 'A', path: '.gitignore' },
      { status: 'M', path: '420000/items/a.yaml' },
      { status: 'D', path: '420000/items/b.yaml' },
      { status: 'A', path: '420000/items/new.yaml' },
    ]);
  });

  it('fails cleanly on a bad revision', async () => {
    const r = repo({ files: BASE, commit: 'init' });
    await expect(changedFiles(r.catalog, 'nope')).rejects.toThrow(/revision 'nope' not found/);
  });
});

describe('commitsBetween', () => {
  it('lists commits oldest first with author, date, message and per-file changes with blobs', async () => {
    const r = repo({ prefix: 'catalog-yaml', files: BASE, commit: 'init' });
    const first = r.head();
    r.write('420000/items/a.yaml', 'name: 甲 二\n');
    r.commit('修改甲\n\n详细说明', { author: '张三', email: 'zs@example.cn', date: '2024-03-01T10:00:00+08:00' });
    r.write('../other.txt', 'x');
    r.commit('outside only');
    r.rename('420000/items/b.yaml', '420000/items/b2.yaml');
    r.remove('420000/items/a.yaml');
    const last = r.commit('rename and delete', { date: '2024-03-02T10:00:00+08:00' });

    const commits = await commitsBetween(await openRepo(r.catalog), first, last);
    expect(commits.map((c) => c.message)).toEqual(['修改甲\n\n详细说明', 'rename and delete']);
    expect(commits[0]).toMatchObject({ author: '张三', email: 'zs@example.cn', date: '2024-03-01T10:00:00+08:00' });
    expect(commits[0]!.changes).toEqual([
      {
        status: 'M',
        path: '420000/items/a.yaml',
        mode: '100644',
        blob: r.git('rev-parse', `${commits[0]!.id}:catalog-yaml/420000/items/a.yaml`),
        oldBlob: r.git('rev-parse', `${first}:catalog-yaml/420000/items/a.yaml`),
      },
    ]);
    const changes = commits[1]!.changes;
    const deleted = changes.find((c) => c.status === 'D');
    expect(deleted).toMatchObject({ path: '420000/items/a.yaml', mode: '000000' });
    expect(deleted!.blob).toBeUndefined();
    expect(changes).toContainEqual(
      expect.objectContaining({ status: 'R', path: '420000/items/b2.yaml', oldPath: '420000/items/b.yaml' }),
    );

    const all = await commitsBetween(await openRepo(r.catalog), undefined, last);
    expect(all).toHaveLength(3);
    expect(all[0]!.changes.map((c) => c.status)).toEqual(['A', 'A', 'A', 'A']);
  });

  it('keeps messages with odd characters and skips merge commits but not what they bring in', async () => {
    const r = repo({ files: BASE, commit: 'init' });
    const base = r.head();
    r.git('checkout', '-q', '-b', 'side');
    r.write('420000/items/a.yaml', 'name: side\n');
    r.commit('side: a\tb : c');
    r.git('checkout', '-q', 'main');
    r.write('420000/items/b.yaml', 'name: main\n');
    r.commit('main change');
    r.git('merge', '-q', '--no-edit', 'side');
    const commits = await commitsBetween(await openRepo(r.catalog), base, r.head());
    expect(commits.map((c) => c.message).sort()).toEqual(['main change', 'side: a\tb : c']);
  });
});

describe('indexBlobs', () => {
  it('vouches only for tracked regular files whose working-tree bytes git finds unchanged', async () => {
    const r = repo({ prefix: 'catalog', files: { ...BASE, '420000/items/c.yaml': 'name: 丙\n', '420000/items/d.yaml': 'name: 丁\n' }, commit: 'base' });
    r.symlink('420000/items/link.yaml', 'a.yaml');
    r.write('420000/items/b.yaml', 'name: 乙改\n'); // edited, not staged
    r.write('420000/items/c.yaml', 'name: 丙改\n'); // edited and staged: the index has these bytes
    r.git('add', 'catalog/420000/items/c.yaml', 'catalog/420000/items/link.yaml');
    r.remove('420000/items/d.yaml'); // deleted, not staged
    r.write('420000/items/new.yaml', 'name: 新\n'); // untracked

    const blobs = await indexBlobs(r.catalog);
    expect([...blobs!.keys()].sort()).toEqual(['420000/items/a.yaml', '420000/items/c.yaml', '420000/region.yaml', 'tongbiao.yaml']);
    // Catalog-relative paths, and the very ids a read of the working tree computes.
    expect(blobs!.get('420000/items/a.yaml')).toBe(blobId(Buffer.from('name: 甲\n')));
    expect(blobs!.get('420000/items/c.yaml')).toBe(blobId(Buffer.from('name: 丙改\n')));
  });

  it('is undefined outside a git working tree', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tongbiao-nogit-'));
    try {
      writeFileSync(join(dir, 'tongbiao.yaml'), 'formatVersion: 1\n');
      expect(await indexBlobs(dir)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('gitSource', () => {
  it('lists the catalog at a revision and reads committed bytes, never following links', async () => {
    const r = repo({ prefix: 'catalog-yaml', files: BASE });
    r.symlink('420000/items/link.yaml', '../../../secret.txt');
    r.write('../secret.txt', 'secret');
    const first = r.commit('init');
    r.write('420000/items/a.yaml', 'name: uncommitted\n');
    writeFileSync(join(r.catalog, '420000/items/b.yaml'), 'name: 乙 新\n');
    r.commit('second');
    r.write('420000/items/a.yaml', 'name: working tree only\n');

    const src = await gitSource(r.catalog, first);
    try {
      expect(src.revision).toBe(first);
      expect(src.root).toBe(r.catalog);
      const read = await src.read(['420000/items/a.yaml', '420000/items/b.yaml', '420000/items/link.yaml', 'nope.yaml']);
      expect([...read.keys()].sort()).toEqual(['420000/items/a.yaml', '420000/items/b.yaml']);
      expect(Buffer.from(read.get('420000/items/a.yaml')!).toString()).toBe('name: 甲\n');
      expect(Buffer.from(read.get('420000/items/b.yaml')!).toString()).toBe('name: 乙\n');
    } finally {
      src.close();
    }
    const head = await gitSource(r.catalog);
    const read = await head.read(['420000/items/a.yaml']);
    expect(Buffer.from(read.get('420000/items/a.yaml')!).toString()).toBe('name: uncommitted\n');
    head.close();
  });

  it('refuses a revision where the catalog is not committed', async () => {
    const r = repo({ prefix: 'catalog-yaml', files: { 'x.txt': '1' } });
    r.write('../README.md', 'readme');
    r.remove('x.txt');
    r.commit('no catalog yet');
    await expect(gitSource(r.catalog)).rejects.toThrow(/tongbiao\.yaml is not committed/);
  });
});
