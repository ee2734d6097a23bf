// One error type owns exit codes for every stage: 1 means "findings at the failing severity", 2 means "could not run".
import { constants } from 'node:os';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** An error the user can act on: printed as one line, never with a stack. */
export class TongbiaoError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT_ERROR) {
    super(message);
    this.name = 'TongbiaoError';
  }
}

/** The signals that ask a command to stop (Ctrl-C, a service manager): one that writes files cleans up first. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** The exit code of a command stopped by a signal, as a shell reports it: 128 + its number (SIGINT 130, SIGTERM 143). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}
