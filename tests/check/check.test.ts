import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { fsSource, worktreeSource } from '../../src/catalog/source-fs.js';
import { gitSource } from '../../src/catalog/source-git.js';
import type { CatalogSource } from '../../src/catalog/types.js';
import { ResultCache } from '../../src/check/cache.js';
import { checkCatalog, resultVersion, type CheckResult } from '../../src/check/check.js';
import { catalogCodeFor, itemPath, itemYaml, makeGitCatalog, smallCatalog, SMALL_REGIONS, type TempGitCatalog } from '../helpers/git-repo.js';

const [province, , county] = SMALL_REGIONS as [(typeof SMALL_REGIONS)[0], (typeof SMALL_REGIONS)[0], (typeof SMALL_REGIONS)[0]];
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function repoWithVariations(): TempGitCatalog {
  const repo = makeGitCatalog({ files: smallCatalog(6) });
  cleanups.push(() => repo.cleanup());
  const code = catalogCodeFor(2);
  repo.write(itemPath(county, code), itemYaml({ catalogCode: code, region: county.code, level: county.level, set: { conditions: '本区另加条件', caseType: '急件' } }));
  repo.remove(itemPath(county, catalogCodeFor(3)));
  return repo;
}

const sorted = (r: CheckResult) => ({
  findings: [...r.findings].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  discrepancies: [...r.discrepancies].sort((a, b) => a.key.localeCompare(b.key)),
  files: r.files,
});

/** A full check through a result cache kept in a temporary folder, as validate runs it; returns it and its file. */
function cachedRuns(repo: TempGitCatalog, sourceOf: (dir: string) => CatalogSource | Promise<CatalogSource> = fsSource) {
  const dir = mkdtempSync(join(tmpdir(), 'tongbiao-cache-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'cache.json');
  const run = async () => {
    const catalog = await loadCatalog(await sourceOf(repo.catalog));
    const cache = new ResultCache(file, resultVersion(catalog));
    const result = await checkCatalog(catalog, { cache, cacheThreshold: 0 });
    cache.save({ prune: true });
    return result;
  };
  return { run, file };
}

describe('checkCatalog', () => {
  it('gives the same results on workers as in this thread', async () => {
    const repo = repoWithVariations();
    const inline = await checkCatalog(await loadCatalog(fsSource(repo.catalog)), { workers: 1 });
    const pooled = await checkCatalog(await loadCatalog(fsSource(repo.catalog)), { workers: 2, workerThreshold: 1 });
    expect(inline.findings.length).toBeGreaterThan(0);
    expect(inline.discrepancies.map((d) => d.kind)).toEqual(expect.arrayContaining(['review', 'missing']));
    expect(sorted(pooled)).toEqual(sorted(inline));
  });

  it('gives the same results from a git revision as from the working tree', async () => {
    const repo = repoWithVariations();
    repo.commit('variations');
    const tree = await checkCatalog(await loadCatalog(fsSource(repo.catalog)));
    const source = await gitSource(repo.catalog, 'HEAD');
    cleanups.push(() => source.close());
    const committed = await checkCatalog(await loadCatalog(source), { workers: 2, workerThreshold: 1 });
    expect(sorted(committed)).toEqual(sorted(tree));
  });

  it('reuses cached results for unchanged files and recomputes what a change affects', async () => {
    const repo = repoWithVariations();
    const { run, file } = cachedRuns(repo);
    const cold = await run();
    expect(cold.computed).toBe(23);
    // Below the threshold a check computes everything rather than read a province's cache.
    const catalog = await loadCatalog(fsSource(repo.catalog));
    const small = await checkCatalog(catalog, { cache: new ResultCache(file, resultVersion(catalog)) });
    expect(small.computed).toBe(23);
    const warm = await run();
    expect(warm.computed).toBe(0);
    expect(sorted(warm)).toEqual(sorted(cold));

    // A province edit: that item is recomputed, and so is the same item in every region below.
    const code = catalogCodeFor(1);
    repo.write(itemPath(province, code), itemYaml({ catalogCode: code, region: province.code, level: province.level, set: { conditions: '省级新条件' } }));
    const after = await run();
    expect(after.computed).toBe(4);
    // The city and 仙桃 (directly under the province) now differ; 江岸区 still matches its parent, the city.
    expect(after.discrepancies.filter((d) => d.catalogCode === code && d.path === '/conditions').map((d) => d.region).sort()).toEqual(['420100', '429004']);
  });

  it('in a git working tree, trusts the index for unchanged files (no stamps kept) and recomputes edited ones', async () => {
    const repo = repoWithVariations();
    repo.commit('variations');
    const { run, file } = cachedRuns(repo, worktreeSource);
    const cold = await run();
    expect(cold.computed).toBe(23);
    expect(JSON.parse(readFileSync(file, 'utf8')).paths).toEqual([]);
    const warm = await run();
    expect(warm.computed).toBe(0);
    expect(sorted(warm)).toEqual(sorted(cold));

    // An uncommitted edit of the same size: git sees it, so the file and the same item below are recomputed.
    const code = catalogCodeFor(1);
    const path = itemPath(province, code);
    const before = readFileSync(join(repo.catalog, path), 'utf8');
    const edited = before.replace('name: ', 'name: X');
    writeFileSync(join(repo.catalog, path), edited.slice(0, -1));
    expect(Buffer.byteLength(edited.slice(0, -1))).toBe(Buffer.byteLength(before));
    const after = await run();
    expect(after.computed).toBe(4);
    expect(after.discrepancies.some((d) => d.catalogCode === code && d.path === '/name')).toBe(true);
    // The edited file is remembered by stamp, the rest still by git.
    expect(JSON.parse(readFileSync(file, 'utf8')).paths).toEqual([path]);
  });

  it('keys results on the settings, so an override takes effect at once', async () => {
    const repo = repoWithVariations();
    const { run } = cachedRuns(repo);
    const before = await run();
    expect(before.findings.some((f) => f.rule === 'level-review')).toBe(true);
    repo.write('tongbiao.yaml', 'formatVersion: 1\nfields:\n  conditions: locked\n');
    const after = await run();
    expect(after.computed).toBeGreaterThan(0);
    expect(after.findings.some((f) => f.rule === 'level-locked' && f.path === '/conditions')).toBe(true);
  });
});
