// Shared by the generator tests: temp folders (a catalog read back as path → text is tests/helpers/files.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

export function tempDir(label = 'gen'): string {
  const dir = mkdtempSync(join(tmpdir(), `tongbiao-${label}-`));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
