// A content-addressed cache of check results, so an unchanged file is never parsed twice across runs.
// Keys are hashes of everything a result depends on (tool and schema version, settings, paths and
// git blob ids), so a stale entry cannot be hit: it is simply never asked for again, and is dropped
// at the next save. A stamp index (size, mtime, ctime, inode → blob id) lets a working-tree run trust a
// blob id without reading the file, as git's index does.
import { hash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Finding } from '../catalog/types.js';
import type { Discrepancy } from '../levels/types.js';

export interface CachedResult {
  findings: Finding[];
  discrepancies: Discrepancy[];
}

/** Most results are empty; they are stored as 0 to keep the file (and its parse) small. */
type Stored = CachedResult | 0;
const EMPTY: CachedResult = Object.freeze({ findings: [], discrepancies: [] }) as unknown as CachedResult;

interface CacheFile {
  version: string;
  stamps: Record<string, [stamp: string, blob: string]>;
  results: Record<string, Stored>;
}

/** Read on first use: a run that never asks (a small check) never pays for parsing it. */
export class ResultCache {
  private loaded = false;
  private stamps = new Map<string, [string, string]>();
  private results = new Map<string, Stored>();
  private used = new Map<string, Stored>();
  private usedStamps = new Map<string, [string, string]>();
  private dirty = false;

  constructor(readonly file: string | undefined, readonly version: string) {}

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    if (!this.file) return;
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as CacheFile;
      if (data.version !== this.version) return;
      this.stamps = new Map(Object.entries(data.stamps));
      this.results = new Map(Object.entries(data.results));
    } catch {
      // No cache yet, or an unreadable one: start empty. A cache never decides a result.
    }
  }

  /** The blob id recorded for a path while its stamp is unchanged. */
  blobFor(path: string, stamp: string | undefined): string | undefined {
    this.load();
    const known = stamp === undefined ? undefined : this.stamps.get(path);
    if (!known || known[0] !== stamp) return undefined;
    this.usedStamps.set(path, known);
    return known[1];
  }

  /** `stamp` must be taken before the file was read, so an edit during the run cannot pin a stale blob. */
  rememberBlob(path: string, stamp: string | undefined, blob: string): void {
    if (stamp === undefined) return;
    this.load();
    this.usedStamps.set(path, [stamp, blob]);
    if (this.stamps.get(path)?.[0] !== stamp) this.dirty = true;
  }

  get(key: string): CachedResult | undefined {
    this.load();
    const hit = this.results.get(key);
    if (hit === undefined) return undefined;
    this.used.set(key, hit);
    return hit === 0 ? EMPTY : hit;
  }

  set(key: string, result: CachedResult): void {
    this.load();
    this.used.set(key, result.findings.length === 0 && result.discrepancies.length === 0 ? 0 : result);
    this.dirty = true;
  }

  /**
   * Writes the cache atomically. After a run over the whole catalog, `prune` drops what no current file
   * asked for; a run over part of it keeps the rest.
   */
  save(options: { prune: boolean }): void {
    const pruned = this.used.size !== this.results.size || this.usedStamps.size !== this.stamps.size;
    if (!this.file || !this.loaded || (!this.dirty && !(options.prune && pruned))) return;
    const stamps = options.prune ? this.usedStamps : new Map([...this.stamps, ...this.usedStamps]);
    const results = options.prune ? this.used : new Map([...this.results, ...this.used]);
    const data: CacheFile = { version: this.version, stamps: Object.fromEntries(stamps), results: Object.fromEntries(results) };
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(data));
      renameSync(temp, this.file);
    } catch {
      // A read-only home or a full disk must not fail a validation.
    }
  }
}

/** A stable key for a result from everything it depends on. */
export function cacheKey(...parts: ReadonlyArray<string | undefined>): string {
  // One-shot hashing: a warm province run makes ≈ 340,000 keys, and a Hash object each cost ≈ 0.75 s.
  return hash('sha1', parts.map((p) => p ?? '\u0000').join('\u0001'), 'base64url');
}

/** Where a catalog's cache lives: TONGBIAO_CACHE, else the XDG cache folder; `off` disables it. */
export function cacheFileFor(catalogRoot: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.TONGBIAO_CACHE === 'off') return undefined;
  const base = env.TONGBIAO_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'tongbiao');
  return join(base, `validate-${cacheKey(catalogRoot).slice(0, 16)}.json`);
}
