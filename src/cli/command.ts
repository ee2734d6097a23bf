import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TongbiaoError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values'];

/** What a command may touch of the outside world; tests run the built CLI as a real process instead. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface Command<O extends Options = Options> {
  name: string;
  /** the whole `tongbiao <name> --help` text, without the trailing newline */
  help: string;
  /** for a command with subcommands (`user add`): each one's own `--help` text, by subcommand name */
  subcommands?: Readonly<Record<string, string>>;
  options: O;
  run(values: Values<O>, positionals: string[], io: Io): Promise<number>;
}

/** Keeps the option types flowing from `options` into `run` without repeating them. */
export function defineCommand<const O extends Options>(command: Command<O>): Command<O> {
  return command;
}

/** The help `tongbiao <command> [sub] --help` prints: the subcommand's own when it has one, else the command's. */
export function helpFor(command: Command, rest: readonly string[]): string {
  const sub = rest.find((arg) => !arg.startsWith('-'));
  return (sub !== undefined && command.subcommands && Object.hasOwn(command.subcommands, sub) ? command.subcommands[sub] : undefined) ?? command.help;
}

/** Parse a command's arguments; `--help` is handled by the caller. Unknown options are a usage error (exit 2). */
export function parseCommandArgs<O extends Options>(command: Command<O>, argv: string[]) {
  try {
    return parseArgs({ args: argv, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new TongbiaoError(`${(error as Error).message}\nSee 'tongbiao ${command.name} --help'.`);
  }
}

/** Read an option that must be one of a fixed set. */
export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new TongbiaoError(`--${name} must be one of ${allowed.join(', ')} (got '${value}')`);
}
