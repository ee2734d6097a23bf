// A small wrapper around the git command line: no shell, arguments passed as an array, never a path or a
// revision from the user interpolated into a command string. Everything the catalog layer needs from git:
// where the catalog sits in its repository, revisions, trees, blobs (one `cat-file --batch` process for
// many), changes between revisions and the commits that made them.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { TongbiaoError } from '../errors.js';
import type { CatalogEntry } from './types.js';

/** Where a catalog lives inside its git repository. */
export interface GitRepo {
  /** absolute path of the repository's working tree top */
  top: string;
  /** the catalog's folder relative to `top`, with a trailing `/` (`catalog-yaml/`), or `''` at the top */
  prefix: string;
  /** absolute path of the catalog folder as given */
  catalogDir: string;
}

/** A change between two states of the catalog; paths are catalog-relative posix paths. */
export interface FileChange {
  status: 'A' | 'M' | 'D' | 'R';
  path: string;
  /** the path before a rename */
  oldPath?: string;
}

/** A change as recorded in a commit, with the blob ids on both sides. */
export interface CommitFileChange extends FileChange {
  /** blob after the change; undefined for a deletion */
  blob?: string;
  /** blob before the change; undefined for an addition */
  oldBlob?: string;
  /** git file mode after the change (`100644`, `120000` for a link, …) */
  mode: string;
}

export interface Commit {
  id: string;
  author: string;
  email: string;
  /** author date, strict ISO 8601 */
  date: string;
  message: string;
  changes: CommitFileChange[];
}

const ZERO_ID = /^0+$/;

/** git's exit and output, whatever the status. */
interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Run git with `args` in `cwd` (and `env` on top of ours); the output is collected whatever its size. */
export function runGit(args: string[], cwd: string, input?: string, env: NodeJS.ProcessEnv = {}): Promise<GitResult> {
  return new Promise((resolvePromise, reject) => {
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn('git', ['-c', 'core.quotePath=false', '--no-optional-locks', ...args], {
        cwd,
        // English messages, so the few we recognise stay recognisable; never prompt for anything.
        env: { ...process.env, LC_ALL: 'C', LANGUAGE: 'C', GIT_TERMINAL_PROMPT: '0', ...env },
        stdio: 'pipe',
      });
    } catch (error) {
      reject(spawnError(error));
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(spawnError(error)));
    child.on('close', (code) => {
      resolvePromise({ code: code ?? 128, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => {
      /* git may exit before reading all input; its exit status tells what happened */
    });
    child.stdin.end(input ?? '');
  });
}

function spawnError(error: unknown): Error {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    return new TongbiaoError('git is not installed (or not on PATH); sync reads the catalog through git');
  }
  return error as Error;
}

/** Run git and return stdout; a non-zero exit becomes a one-line TongbiaoError. */
async function git(args: string[], cwd: string, what: string): Promise<Buffer> {
  const result = await runGit(args, cwd);
  if (result.code !== 0) throw new TongbiaoError(`${what}: ${firstLine(result.stderr) || `git exited with ${result.code}`}`);
  return result.stdout;
}

function firstLine(text: string): string {
  return (text.split('\n').find((line) => line.trim() !== '') ?? '').replace(/^(fatal|error): /, '').trim();
}

/** Find the repository holding `catalogDir` and the catalog's folder inside it. */
export async function openRepo(catalogDir: string): Promise<GitRepo> {
  const dir = resolve(catalogDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new TongbiaoError(`catalog folder not found: ${dir}`);
  const result = await runGit(['rev-parse', '--show-toplevel', '--show-prefix'], dir);
  if (result.code !== 0) {
    if (/not a git repository/i.test(result.stderr)) {
      throw new TongbiaoError(`the catalog ${dir} is not in a git repository (sync reads committed revisions; run 'git init' and commit it)`);
    }
    throw new TongbiaoError(`cannot use the git repository at ${dir}: ${firstLine(result.stderr)}`);
  }
  const [top = '', prefix = ''] = result.stdout.toString('utf8').split('\n');
  if (top === '') {
    throw new TongbiaoError(`the catalog ${dir} is inside a .git folder or a bare repository, not a working tree`);
  }
  return { top, prefix, catalogDir: dir };
}

/** The full commit id of `rev`; a clear error when there is no such commit. */
export async function resolveRevision(repo: GitRepo, rev: string): Promise<string> {
  if (rev === '' || rev.startsWith('-') || /[\0\n]/.test(rev)) throw new TongbiaoError(`invalid revision '${rev}'`);
  const result = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], repo.top);
  const id = result.stdout.toString('utf8').trim();
  if (result.code !== 0 || id === '') {
    const empty = rev === 'HEAD' && !(await hasCommits(repo));
    throw new TongbiaoError(
      empty ? `the repository ${repo.top} has no commits yet; commit the catalog first` : `revision '${rev}' not found in ${repo.top}`,
    );
  }
  return id;
}

async function hasCommits(repo: GitRepo): Promise<boolean> {
  const result = await runGit(['rev-list', '-n', '1', '--all'], repo.top);
  return result.code === 0 && result.stdout.length > 0;
}

/** True when `id` names a commit in the repository (e.g. a previously synced one that history may have lost). */
export async function commitExists(repo: GitRepo, id: string): Promise<boolean> {
  if (!/^[0-9a-f]{40,64}$/.test(id)) return false;
  const result = await runGit(['cat-file', '-e', `${id}^{commit}`], repo.top);
  return result.code === 0;
}

/** Entry type from a git file mode. */
export function entryType(mode: string): CatalogEntry['type'] {
  if (mode === '040000') return 'dir';
  if (mode === '120000') return 'symlink';
  if (mode === '100644' || mode === '100755') return 'file';
  return 'other'; // 160000: a submodule (gitlink)
}

/** Every entry of the catalog folder at `commit` (folders included), catalog-relative, sorted by path. */
export async function lsTree(repo: GitRepo, commit: string): Promise<CatalogEntry[]> {
  // No -l: object sizes make git open every blob (3.1 s for a 167k-file province with loose objects,
  // against ≈ 0.3 s without); reads are capped anyway, so a size is never needed before reading.
  const args = ['ls-tree', '-r', '-t', '-z', '--full-tree', commit];
  if (repo.prefix !== '') args.push('--', repo.prefix);
  const out = await git(args, repo.top, `cannot list ${commit}`);
  const entries: CatalogEntry[] = [];
  const prefixBytes = Buffer.byteLength(repo.prefix);
  // `<mode> SP <type> SP <object> TAB <path> NUL`, the mode six digits. Each field is its own string cut
  // from the bytes: substrings of one decoded listing would keep all of it (≈ 30 MB for a province) alive
  // for as long as any path is, in every thread holding the catalog.
  for (let at = 0; at < out.length; ) {
    const end = out.indexOf(0, at);
    const next = end < 0 ? out.length : end;
    const typeEnd = out.indexOf(0x20, at + 7);
    const tab = out.indexOf(0x09, typeEnd);
    const pathStart = tab + 1 + prefixBytes;
    if (tab >= 0 && pathStart < next && out.toString('utf8', tab + 1, pathStart) === repo.prefix) {
      const type = entryType(out.toString('latin1', at, at + 6));
      const entry: CatalogEntry = { path: out.toString('utf8', pathStart, next), type };
      if (type === 'file' || type === 'symlink') entry.blob = out.toString('latin1', typeEnd + 1, tab);
      entries.push(entry);
    }
    at = next + 1;
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return entries;
}

function splitZ(out: Buffer): string[] {
  const text = out.toString('utf8');
  const parts = text.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/**
 * Blob ids of the files below `dir` whose working-tree content git's index vouches for: tracked, unmerged-free,
 * regular files that `git diff-files` (git's own stat cache, racy-clean checks included) finds unchanged.
 * Paths are relative to `dir`. Undefined outside a git working tree. Under eol or filter attributes a clean
 * file's bytes may differ from its blob; a result cached for the blob is then the committed content's,
 * whose data and lines are the same.
 */
export async function indexBlobs(dir: string): Promise<Map<string, string> | undefined> {
  const [staged, changed] = await Promise.all([
    runGit(['ls-files', '--stage', '-z'], dir),
    runGit(['diff-files', '--name-only', '--relative', '-z'], dir),
  ]);
  if (staged.code !== 0 || changed.code !== 0) return undefined;
  const blobs = new Map<string, string>();
  const text = staged.stdout.toString('utf8');
  // `<mode> <blob> <stage>\t<path>\0`, the mode six digits: read by offsets, 167k lines take a few ms.
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf('\0', at);
    const next = end < 0 ? text.length : end;
    const blobEnd = text.indexOf(' ', at + 7);
    const mode = text.slice(at, at + 6);
    if ((mode === '100644' || mode === '100755') && text[blobEnd + 1] === '0') blobs.set(text.slice(blobEnd + 3, next), text.slice(at + 7, blobEnd));
    at = next + 1;
  }
  for (const path of splitZ(changed.stdout)) blobs.delete(path);
  return blobs;
}

/**
 * Reads many blobs through one `git cat-file --batch` process. The process starts on first use and ends
 * after a short idle time (or on close()), so a forgotten reader never keeps the program alive for long.
 */
export class BlobReader {
  private current: CatFile | undefined;
  private idle: NodeJS.Timeout | undefined;

  constructor(private readonly top: string, private readonly idleMs = 250) {}

  /** The contents of each blob id; ids git does not have are left out. */
  async read(ids: readonly string[]): Promise<Map<string, Buffer>> {
    const unique = [...new Set(ids)];
    const result = new Map<string, Buffer>();
    if (unique.length === 0) return result;
    for (const id of unique) {
      if (!/^[0-9a-f]{40,64}$/.test(id)) throw new TongbiaoError(`not a blob id: '${id}'`);
    }
    if (this.idle) clearTimeout(this.idle);
    if (!this.current || this.current.ended) this.current = new CatFile(this.top);
    const process = this.current;
    try {
      const blobs = await process.request(unique);
      for (let i = 0; i < unique.length; i++) {
        const bytes = blobs[i];
        if (bytes) result.set(unique[i]!, bytes);
      }
    } finally {
      this.armIdle();
    }
    return result;
  }

  close(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    this.current?.end();
    this.current = undefined;
  }

  private armIdle(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      if (this.current && this.current.waiting === 0) this.close();
    }, this.idleMs);
    this.idle.unref();
  }
}

/** One `git cat-file --batch` process: requests are answered in the order they were written. */
class CatFile {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly queue: Array<{ count: number; out: Array<Buffer | undefined>; resolve: (out: Array<Buffer | undefined>) => void; reject: (error: Error) => void }> = [];
  private chunks: Buffer[] = [];
  private buffered = 0;
  private stderr = '';
  ended = false;

  constructor(top: string) {
    this.child = spawn('git', ['--no-optional-locks', 'cat-file', '--batch'], { cwd: top, env: { ...process.env, LC_ALL: 'C' }, stdio: 'pipe' });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.on('error', (error) => this.fail(spawnError(error)));
    this.child.on('close', (code) => {
      this.ended = true;
      if (this.queue.length > 0) this.fail(new TongbiaoError(`git cat-file stopped (${code}): ${firstLine(this.stderr)}`));
    });
    this.child.stdin.on('error', () => {
      /* reported through 'close' */
    });
  }

  /** Objects not waited for yet. */
  get waiting(): number {
    return this.queue.reduce((n, r) => n + r.count - r.out.length, 0);
  }

  request(ids: readonly string[]): Promise<Array<Buffer | undefined>> {
    if (this.ended) return Promise.reject(new TongbiaoError('git cat-file has ended'));
    return new Promise((resolve, reject) => {
      this.queue.push({ count: ids.length, out: [], resolve, reject });
      this.child.stdin.write(ids.join('\n') + '\n');
    });
  }

  end(): void {
    if (!this.ended) this.child.stdin.end();
  }

  private fail(error: Error): void {
    this.ended = true;
    const waiting = this.queue.splice(0);
    for (const request of waiting) request.reject(error);
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    let buffer = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    let offset = 0;
    for (;;) {
      const head = this.queue[0];
      if (!head) break;
      const eol = buffer.indexOf(10, offset);
      if (eol < 0) break;
      const header = buffer.toString('latin1', offset, eol);
      let bytes: Buffer | undefined;
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        offset = eol + 1;
      } else {
        // <oid> SP <type> SP <size> LF <contents> LF
        const size = Number(header.slice(header.lastIndexOf(' ') + 1));
        if (buffer.length < eol + 1 + size + 1) break;
        if (header.includes(' blob ')) bytes = Buffer.from(buffer.subarray(eol + 1, eol + 1 + size));
        offset = eol + 1 + size + 1;
      }
      head.out.push(bytes);
      if (head.out.length === head.count) {
        this.queue.shift();
        head.resolve(head.out);
      }
    }
    buffer = buffer.subarray(offset);
    this.chunks = buffer.length > 0 ? [buffer] : [];
    this.buffered = buffer.length;
  }
}

function toStatus(code: string): FileChange['status'] {
  switch (code[0]) {
    case 'A':
    case 'C':
      return 'A';
    case 'D':
      return 'D';
    case 'R':
      return 'R';
    default:
      return 'M'; // M, T (type change), U (unmerged)
  }
}

/**
 * Files of the catalog that differ between `fromRev` and `toRev` (catalog-relative paths, renames detected).
 * Without `toRev`, compares with the working tree, untracked files (not ignored ones) included as added.
 */
export async function changedFiles(catalogDir: string, fromRev: string, toRev?: string): Promise<FileChange[]> {
  const repo = await openRepo(catalogDir);
  const from = await resolveRevision(repo, fromRev);
  const to = toRev === undefined ? undefined : await resolveRevision(repo, toRev);
  return diffRevisions(repo, from, to);
}

/** As changedFiles, for resolved commit ids. */
export async function diffRevisions(repo: GitRepo, from: string, to: string | undefined): Promise<FileChange[]> {
  const args = ['diff', '--no-ext-diff', '-M', '--name-status', '-z'];
  if (repo.prefix !== '') args.push(`--relative=${repo.prefix}`);
  args.push(from);
  if (to !== undefined) args.push(to);
  args.push('--', repo.prefix === '' ? '.' : repo.prefix);
  // Against the working tree, untracked files count too: listed by a second git beside the first.
  const untracked = to === undefined
    ? git(['ls-files', '-z', '--others', '--exclude-standard', '--full-name', '--', repo.prefix === '' ? '.' : repo.prefix], repo.top, 'cannot list untracked files')
    : undefined;
  const out = await git(args, repo.top, 'cannot compare revisions');
  const changes: FileChange[] = [];
  const parts = splitZ(out);
  for (let i = 0; i < parts.length; ) {
    const status = toStatus(parts[i++]!);
    if (status === 'R') {
      const oldPath = parts[i++]!;
      changes.push({ status, path: parts[i++]!, oldPath });
    } else {
      changes.push({ status, path: parts[i++]! });
    }
  }
  if (untracked) for (const full of splitZ(await untracked)) changes.push({ status: 'A', path: full.slice(repo.prefix.length) });
  changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return changes;
}

/**
 * The non-merge commits reachable from `to` but not from `from` (all of them when `from` is undefined),
 * oldest first, that change files of the catalog, with their changes (catalog-relative, blob ids on both
 * sides). One `git log` process however long the history. Merge commits are not listed: the commits they
 * bring in are.
 */
export async function commitsBetween(repo: GitRepo, from: string | undefined, to: string): Promise<Commit[]> {
  const args = ['log', '--no-merges', '--reverse', '--raw', '--no-abbrev', '-M', '-z', '--no-ext-diff'];
  args.push('--format=%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%B');
  if (repo.prefix !== '') args.push(`--relative=${repo.prefix}`);
  args.push(from === undefined ? to : `${from}..${to}`);
  args.push('--', repo.prefix === '' ? '.' : repo.prefix);
  const out = await git(args, repo.top, 'cannot read history');
  return parseLog(out.toString('utf8'));
}

/** Parse `git log --raw -z` output in the format commitsBetween asks for. */
export function parseLog(text: string): Commit[] {
  const commits: Commit[] = [];
  const parts = text.split('\0');
  let current: Commit | undefined;
  for (let i = 0; i < parts.length; ) {
    let token = parts[i++]!;
    if (token.startsWith('\n')) token = token.slice(1);
    if (token === '') continue;
    if (token.startsWith('\x1e')) {
      const [id = '', author = '', email = '', date = '', ...message] = token.slice(1).split('\x1f');
      current = { id, author, email, date, message: message.join('\x1f').replace(/\n+$/, ''), changes: [] };
      commits.push(current);
      continue;
    }
    if (token.startsWith(':') && current) {
      // :<old mode> <new mode> <old blob> <new blob> <status>
      const [, mode = '', oldBlob = '', blob = '', code = 'M'] = token.slice(1).split(' ');
      const status = toStatus(code);
      const change: CommitFileChange = { status, path: '', mode };
      if (status === 'R' || code.startsWith('C')) change.oldPath = parts[i++]!;
      change.path = parts[i++]!;
      if (code.startsWith('C')) delete change.oldPath;
      if (!ZERO_ID.test(blob)) change.blob = blob;
      if (!ZERO_ID.test(oldBlob) && status !== 'A') change.oldBlob = oldBlob;
      current.changes.push(change);
    }
  }
  return commits;
}
