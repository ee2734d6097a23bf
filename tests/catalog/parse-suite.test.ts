// Every case of the official YAML test suite (tests/fixtures/yaml-test-suite, MIT) through the reading
// entry, held to the `yaml` package: the same accept or refuse, the same data, the same places.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sameAsYaml } from './parse-oracle.js';

interface SuiteCase {
  id: string;
  name: string;
  /** the suite expects the input to be refused */
  error: boolean;
  yaml: string;
}

const CASES = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'yaml-test-suite', 'cases.json'), 'utf8')) as SuiteCase[];

describe('the reading entry on the YAML test suite', () => {
  it('has every case of the suite', () => {
    expect(CASES).toHaveLength(402);
  });

  it.each(CASES.map((c) => [`${c.id} ${c.name}`, c] as const))('agrees with yaml on %s', (_, c) => {
    const accepted = sameAsYaml(c.yaml, c.id);
    // What the suite calls an error, the reading entry refuses (as `yaml` does).
    if (c.error) expect(accepted).toBe(false);
  });
});
