// Runs the built CLI (`npm run build` first; `npm test` does) as a real process.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tongbiao.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', CI: 'true', ...options.env },
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `validate --format json` and parses its output. */
export function validateJson(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = runCli(['validate', '--format', 'json', ...args], options);
  const output = JSON.parse(result.stdout) as {
    findings: Array<{ rule: string; severity: string; file: string; line: number; column: number; path: string; region: string; catalogCode?: string; message: string }>;
    summary: { files: number; errors: number; warnings: number; infos: number };
  };
  return { ...result, output };
}
