// A seeded differential fuzzer of the reading entry against the `yaml` package (spec §3 `yaml-syntax`):
// pieces of demo catalog items, mutated at the byte, line, indentation, quote, comment and marker level,
// must give `yaml`'s data, its accept or refuse, its syntax error's place and its line and column for every
// path. A failure prints the input; the seed replays it.
import { describe, expect, it } from 'vitest';
import { scanBlockYaml } from '../../src/catalog/block-yaml.js';
import { demoFiles, mutate, random, sameAsYaml } from './parse-oracle.js';

const SEED = 20261206;
const INPUTS = Number(process.env.FUZZ_INPUTS ?? 24_000);

interface Source {
  lines: string[];
  /** lines that start a top-level key */
  tops: number[];
}

/** A run of lines of a demo file, mostly from a top-level key on: small inputs, so many fit in the time. */
function piece({ lines, tops }: Source, next: () => number): string {
  const from = next() < 0.7 && tops.length > 0 ? tops[Math.floor(next() * tops.length)]! : Math.floor(next() * lines.length);
  const length = 2 + Math.floor(next() * 20);
  return lines.slice(from, from + length).join('\n') + (next() < 0.9 ? '\n' : '');
}

describe('the reading entry against yaml, fuzzed', () => {
  it(`gives yaml's data, decision and places on ${INPUTS.toLocaleString('en')} mutated pieces of catalog items`, () => {
    const files: Source[] = demoFiles().map((text) => {
      const lines = text.split('\n');
      return { lines, tops: lines.flatMap((line, i) => (/^[^\s#-]/.test(line) ? [i] : [])) };
    });
    const next = random(SEED);
    let accepted = 0;
    let scanned = 0;
    const started = performance.now();
    for (let i = 0; i < INPUTS; i++) {
      const input = mutate(piece(files[Math.floor(next() * files.length)]!, next), next);
      if (sameAsYaml(input, `input ${i} of seed ${SEED}:`)) {
        accepted++;
        if (scanBlockYaml(input)) scanned++;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`fuzzer: ${INPUTS} inputs in ${seconds.toFixed(1)} s: ${accepted} accepted (${scanned} by the block scanner), ${INPUTS - accepted} refused\n`);
    // Every branch is exercised: files the scanner takes, files only `yaml` takes, and refusals.
    expect(scanned).toBeGreaterThan(INPUTS * 0.1);
    expect(accepted - scanned).toBeGreaterThan(INPUTS * 0.1);
    expect(INPUTS - accepted).toBeGreaterThan(INPUTS * 0.1);
  }, 300_000);
});
