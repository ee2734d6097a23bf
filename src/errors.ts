// One error type owns exit codes for every stage: 1 means "findings at the failing severity", 2 means "could not run".

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
