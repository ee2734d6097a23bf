// Runs the built CLI (`npm run build` first; `npm test` does) as a real process.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';

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

/** Runs the CLI in the background until it prints the address it serves. */
export function startServing(args: string[], cwd = PACKAGE_ROOT): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /serving (http:\/\/\S+\/)/.exec(out);
      if (m) setTimeout(() => resolve({ child, url: m[1]!, output: () => out }), 50);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`exited ${code} before serving:\n${out}`)));
  });
}

export function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
