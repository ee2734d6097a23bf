import type { Command, Io } from './command.js';
import { helpFor, parseCommandArgs } from './command.js';
import { COMMANDS } from './commands/index.js';
import { TongbiaoError, EXIT_ERROR } from '../errors.js';
import { VERSION } from './version.js';


function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `tongbiao ${VERSION} — 同标: keep government service items the same at every level`,
    '',
    'Usage: tongbiao <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  --help, -h     show help (also after a command: tongbiao validate --help, or tongbiao help validate)',
    '  --version, -v  print the version',
    '',
    'Exit status: 0 ok, 1 findings at the failing severity, 2 could not run.',
  ].join('\n');
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let [name, ...rest] = argv;
  if (name === 'help' && rest.length > 0) {
    // `tongbiao help validate` is `tongbiao validate --help` (git's and npm's way)
    [name, ...rest] = [rest[0]!, ...rest.slice(1), '--help'];
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(topHelp() + '\n');
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(VERSION + '\n');
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  try {
    if (!entry) throw new TongbiaoError(`unknown command '${name}'. See 'tongbiao --help'.`);
    const command = (await entry.load()) as Command;
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(helpFor(command, rest) + '\n');
      return 0;
    }
    const { values, positionals } = parseCommandArgs(command, rest);
    return await command.run(values, positionals, io);
  } catch (error) {
    if (error instanceof TongbiaoError) {
      io.stderr.write(`tongbiao: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`tongbiao: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT_ERROR;
  }
}

function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env };
}
