// Ctrl-C (SIGINT) or SIGTERM while an import stages its files: the import removes what it staged and exits as a
// shell reports the signal, leaving the catalog as it was — no folder made, no `*.tongbiao-import` left behind.
// An export stopped so leaves no half workbook. Real processes and real signals, sent once the command is seen
// writing.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCatalog } from '../../src/gen/index.js';
import { BIN } from '../helpers/cli.js';
import { readTree } from '../helpers/files.js';
import { exportCatalog, removeTempDirs, tempDir } from './helpers.js';

const SHAPE = { cities: 2, countiesPerCity: 3, items: 700 };

/** Whether a file or folder whose name matches `pattern` lies anywhere under `dir`. */
function written(dir: string, pattern = /\.tongbiao-import$/): boolean {
  if (!existsSync(dir)) return false;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (pattern.test(entry.name)) return true;
  }
  return false;
}

/** Runs the CLI, sends `signal` once `writing()` says it writes; its exit code and what it printed. */
function interrupted(args: string[], signal: NodeJS.Signals, writing: () => boolean): Promise<{ code: number | null; stderr: string; staged: boolean }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  let staged = false;
  const poll = setInterval(() => {
    if (staged || !writing()) return;
    staged = true;
    child.kill(signal);
  }, 10);
  return new Promise((resolve) => child.on('exit', (code) => {
    clearInterval(poll);
    resolve({ code, stderr, staged });
  }));
}

let workbook: string;
let target: string;
beforeAll(() => {
  const source = join(tempDir('interrupt'), 'source');
  generateCatalog(source, { ...SHAPE, seed: 'interrupt-workbook' });
  workbook = join(tempDir('interrupt'), 'items.xlsx');
  expect(exportCatalog(source, workbook).code).toBe(0);
  // a catalog of the same regions whose items say other things: the import changes files beside the others
  target = join(tempDir('interrupt'), 'target');
  generateCatalog(target, { ...SHAPE, seed: 'interrupt-target' });
}, 120_000);
afterAll(removeTempDirs);

describe('a command stopped by a signal', () => {
  it('into a new folder (SIGINT): exit 130, and the folder it made is gone', async () => {
    const into = join(tempDir('interrupt'), 'new');
    const run = await interrupted(['import', workbook, '--catalog', into], 'SIGINT', () => written(into));
    expect(run.staged).toBe(true);
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toMatch(/stopped by SIGINT: nothing was changed/);
    expect(existsSync(into)).toBe(false);
  }, 120_000);

  it('into a catalog (SIGTERM): exit 143, every file as it was and nothing staged left', async () => {
    const before = readTree(target);
    const run = await interrupted(['import', workbook, '--catalog', target], 'SIGTERM', () => written(target));
    expect(run.staged).toBe(true);
    expect(run.code, run.stderr).toBe(143);
    expect(written(target)).toBe(false);
    expect(readTree(target)).toEqual(before);
  }, 120_000);

  it('an export (SIGINT): exit 130, and neither the workbook nor its half is left', async () => {
    const folder = tempDir('interrupt');
    const run = await interrupted(['export', '--catalog', target, '-o', join(folder, 'out.xlsx')], 'SIGINT', () => written(folder, /^out\.xlsx\.partial-/));
    expect(run.staged).toBe(true);
    expect(run.code, run.stderr).toBe(130);
    expect(readdirSync(folder)).toEqual([]);
  }, 120_000);
});
