// A big export reads, parses and renders its items in worker threads (src/exchange/export-pool.ts); the workbook
// must be the one the calling thread writes, byte for byte, sheet by sheet: rows in tree and file order across
// many small batches handed to two workers, row numbers carried from batch to batch, and the files that are not
// items (a list instead of a mapping, a link) reported in file order — from the working tree and from a commit.
import { cpSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { fsSource } from '../../src/catalog/source-fs.js';
import { gitSource } from '../../src/catalog/source-git.js';
import { selectRegions, type SkippedFile } from '../../src/exchange/catalog-items.js';
import { ExportPool } from '../../src/exchange/export-pool.js';
import { exportWorkbook, type ExportOptions } from '../../src/exchange/workbook-export.js';
import { makeGitCatalog } from '../helpers/git-repo.js';
import { DEMO, removeTempDirs, tempDir } from './helpers.js';

const repo = makeGitCatalog();
afterAll(() => {
  repo.cleanup();
  removeTempDirs();
});

const JSZip = createRequire(createRequire(import.meta.url).resolve('exceljs/package.json'))('jszip') as {
  loadAsync(data: Buffer): Promise<{ files: Record<string, { async(type: 'string'): Promise<string> }> }>;
};

/** Every part of a workbook, with the export's time left out. */
async function parts(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out = new Map<string, string>();
  for (const [path, entry] of Object.entries(zip.files)) {
    if (path !== 'docProps/core.xml') out.set(path, (await entry.async('string')).replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME'));
  }
  return out;
}

async function exported(source: 'fs' | 'git', options: ExportOptions): Promise<{ parts: Map<string, string>; skipped: SkippedFile[]; items: number }> {
  const catalog = await loadCatalog(source === 'fs' ? fsSource(repo.catalog) : await gitSource(repo.catalog, 'HEAD'));
  const file = join(tempDir('export-pool'), 'out.xlsx');
  const skipped: SkippedFile[] = [];
  const info = { version: 'test', formatVersion: 2, scope: '整个目录' };
  const { items } = await exportWorkbook(catalog, selectRegions(catalog), file, info, skipped, options);
  if ('close' in catalog.source && typeof catalog.source.close === 'function') catalog.source.close();
  return { parts: await parts(file), skipped, items };
}

describe('export in worker threads', () => {
  cpSync(DEMO, repo.catalog, { recursive: true });
  repo.write('420000/420100/items/000100001999.yaml', '- a list\n- not an item\n');
  repo.symlink('420000/420100/items/000100002999.yaml', '../../429004/items/001000101000.yaml');
  repo.commit('demo catalog with a list and a link among the items');

  it.each(['fs', 'git'] as const)('writes the workbook the calling thread writes (%s)', async (source) => {
    expect(ExportPool.available()).toBe(true);
    const here = await exported(source, { workerThreshold: Infinity });
    const pooled = await exported(source, { workerThreshold: 0, workers: 2, batchFiles: 7 });
    expect(pooled.items).toBe(here.items);
    expect(here.items).toBeGreaterThan(100);
    expect(pooled.skipped).toEqual(here.skipped);
    expect(here.skipped.map((s) => s.file)).toEqual(['420000/420100/items/000100001999.yaml', '420000/420100/items/000100002999.yaml']);
    expect([...pooled.parts.keys()].sort()).toEqual([...here.parts.keys()].sort());
    for (const [path, text] of here.parts) expect(pooled.parts.get(path), path).toBe(text);
    // the list sheets have rows from many batches
    expect(here.parts.get('xl/worksheets/sheet2.xml')!.match(/<row /g)!.length).toBeGreaterThan(100);
  });
});
