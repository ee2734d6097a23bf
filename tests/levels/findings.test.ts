// level-* findings as validate reports them: the real loader and orchestrator on the levels fixture.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { fsSource } from '../../src/catalog/source-fs.js';
import { checkCatalog } from '../../src/check/check.js';
import { findingPointer } from '../../src/levels/findings.js';
import { makeDiscrepancy } from '../../src/levels/discrepancy.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'levels-catalog');
const COUNTY_A = '420000/420100/420102/items/002000001000.yaml';

async function levelFindings() {
  const { findings } = await checkCatalog(await loadCatalog(fsSource(FIXTURE)));
  return findings.filter((f) => f.rule.startsWith('level-'));
}

describe('level-* findings in validate', () => {
  it('reports each discrepancy once, with the spec severity, at the line of its path in our file', async () => {
    const county = (await levelFindings()).filter((f) => f.region === '420102');
    expect(county.map((f) => [f.rule, f.severity, f.file, f.line, f.column, f.path])).toEqual([
      ['level-locked', 'error', COUNTY_A, 3, 7, '/name'],
      ['level-looser', 'error', COUNTY_A, 19, 9, '/visits'],
      ['level-review', 'warning', COUNTY_A, 21, 13, '/conditions'],
      ['level-review', 'warning', COUNTY_A, 36, 3, '/steps'],
      ['level-unknown', 'error', '420000/420100/420102/items/422000001000.yaml', 1, 1, ''],
      ['level-missing', 'info', '420000/420100/420102/region.yaml', 1, 1, ''],
    ]);
    expect(county[1]).toMatchObject({ catalogCode: '002000001000', message: { zh: '到办事现场次数 2 多于上级（420100）1', en: "visits 2 is more than the parent (420100)'s 1" } });
  });

  it('marks tightened elements as info', async () => {
    const tightened = (await levelFindings()).filter((f) => f.rule === 'level-tightened');
    expect(tightened.map((f) => [f.region, f.severity, f.path])).toContainEqual(['420100', 'info', '/promisedLimit']);
    expect(tightened.every((f) => f.severity === 'info')).toBe(true);
  });
});

describe('findingPointer', () => {
  const d = (path: string, ours: unknown, theirs: unknown, kind: 'tightened' | 'review' | 'unknown' = 'tightened') =>
    makeDiscrepancy({ region: 'r', catalogCode: 'c', against: 'a', path, kind, ours, theirs });

  it('points at our list for an entry only the parent has (its index is theirs)', () => {
    expect(findingPointer(d('/materials/3', undefined, { name: 'x' }))).toBe('/materials');
    expect(findingPointer(d('/materials/3', { name: 'x' }, undefined))).toBe('/materials/3');
    expect(findingPointer(d('/visitsReason', undefined, 'x', 'review'))).toBe('/visitsReason');
    expect(findingPointer(d('', 'name', undefined, 'unknown'))).toBeUndefined();
  });
});
