import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ResultCache } from '../../src/check/cache.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const cacheFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tongbiao-cache-'));
  dirs.push(dir);
  return join(dir, 'cache.json');
};
const result = (n: number) => ({ findings: [], discrepancies: Array.from({ length: n }, (_, i) => ({ key: `k${i}` })) }) as never;

describe('ResultCache', () => {
  it('keeps results and blob ids across runs, and only for the same version', () => {
    const file = cacheFile();
    const first = new ResultCache(file, 'v1');
    first.set('a', result(1));
    first.set('empty', result(0));
    first.rememberBlob('x.yaml', '10:1:1:7', 'blob-x');
    first.save({ prune: true });

    const second = new ResultCache(file, 'v1');
    expect(second.get('a')).toEqual(result(1));
    expect(second.get('empty')).toEqual(result(0));
    expect(second.get('missing')).toBeUndefined();
    expect(second.blobFor('x.yaml', '10:1:1:7')).toBe('blob-x');
    expect(second.blobFor('x.yaml', '11:2:2:7')).toBeUndefined();
    expect(new ResultCache(file, 'v2').get('a')).toBeUndefined();
  });

  it('drops unused entries after a full run, keeps them after a partial one', () => {
    const file = cacheFile();
    const seed = new ResultCache(file, 'v1');
    seed.set('a', result(1));
    seed.set('b', result(2));
    seed.save({ prune: true });

    const partial = new ResultCache(file, 'v1');
    partial.get('a');
    partial.set('c', result(3));
    partial.save({ prune: false });
    const afterPartial = new ResultCache(file, 'v1');
    expect(['a', 'b', 'c'].map((k) => afterPartial.get(k) !== undefined)).toEqual([true, true, true]);

    const full = new ResultCache(file, 'v1');
    full.get('a');
    full.save({ prune: true });
    const afterFull = new ResultCache(file, 'v1');
    expect(['a', 'b', 'c'].map((k) => afterFull.get(k) !== undefined)).toEqual([true, false, false]);
  });

  it('starts empty on an unreadable cache file and never writes without a file', () => {
    const file = cacheFile();
    writeFileSync(file, '{ not json');
    const cache = new ResultCache(file, 'v1');
    expect(cache.get('a')).toBeUndefined();
    const none = new ResultCache(undefined, 'v1');
    none.set('a', result(1));
    expect(() => none.save({ prune: true })).not.toThrow();
  });
});
