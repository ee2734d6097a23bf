// Where a report goes: `--format NAME` (repeatable) with `NAME=FILE` to write that format to a file, and
// `--output-file FILE` for the one format without a file of its own (as ESLint's -o and Spectral's --output).
// `--format text --format sarif=report.sarif` prints text and writes SARIF in one run. At most one format goes
// to standard output; a file's folder is made as needed, and a file that cannot be written is exit 2.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { TongbiaoError } from '../errors.js';
import { FORMATS, type Format } from '../report/index.js';

export interface Output {
  format: Format;
  /** absolute path to write to; undefined: standard output */
  file?: string;
  /** the file as the user wrote it, for messages */
  shown?: string;
}

export function parseOutputs(formats: readonly string[] | undefined, outputFile: string | undefined, cwd: string): Output[] {
  const outputs: Output[] = (formats === undefined || formats.length === 0 ? ['text'] : formats).map((spec) => {
    const eq = spec.indexOf('=');
    const name = eq < 0 ? spec : spec.slice(0, eq);
    if (!(FORMATS as readonly string[]).includes(name)) throw new TongbiaoError(`--format must be one of ${FORMATS.join(', ')} (got '${name}')`);
    if (eq < 0) return { format: name as Format };
    const file = spec.slice(eq + 1);
    if (file === '') throw new TongbiaoError(`--format ${name}=FILE needs a file name`);
    return { format: name as Format, file: resolve(cwd, file), shown: file };
  });
  const toStdout = outputs.filter((o) => o.file === undefined);
  if (outputFile !== undefined) {
    if (toStdout.length !== 1) throw new TongbiaoError('--output-file takes the one --format without =FILE; give each other format its own: --format sarif=FILE');
    toStdout[0]!.file = resolve(cwd, outputFile);
    toStdout[0]!.shown = outputFile;
  } else if (toStdout.length > 1) {
    throw new TongbiaoError(`only one format can go to standard output (got ${toStdout.map((o) => o.format).join(', ')}): write the others to files, e.g. --format ${toStdout[1]!.format}=report.${toStdout[1]!.format}`);
  }
  const files = outputs.filter((o) => o.file !== undefined).map((o) => o.file!);
  if (new Set(files).size !== files.length) throw new TongbiaoError('two formats would be written to the same file');
  return outputs;
}

/** Write one report where it goes. */
export function writeOutput(output: Output, text: string, stdout: NodeJS.WritableStream): void {
  if (output.file === undefined) {
    stdout.write(text);
    return;
  }
  try {
    mkdirSync(dirname(output.file), { recursive: true });
    writeFileSync(output.file, text);
  } catch (error) {
    throw new TongbiaoError(`cannot write ${output.shown ?? output.file}: ${(error as Error).message}`);
  }
}
