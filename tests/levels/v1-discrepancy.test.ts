// A discrepancy made on v1 items as written, carried to the v2 reading (levels/v1-discrepancy.ts): on every
// item of the v1 demo fixture, each discrepancy the comparison finds on the items as written lands on a key
// and fingerprint the comparison of their v2 readings gives (or its values are no longer different), and the
// renames, value mappings and the 容缺 → deferrable move on small items.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCatalog } from '../../src/catalog/load.js';
import { fsSource } from '../../src/catalog/source-fs.js';
import type { Item } from '../../src/catalog/types.js';
import { itemFromV1 } from '../../src/catalog/v1.js';
import { ancestorsOf } from '../../src/check/check.js';
import { compareItem } from '../../src/levels/compare-item.js';
import { sameValue } from '../../src/levels/semantic-diff.js';
import type { Discrepancy } from '../../src/levels/types.js';
import { v2Discrepancy } from '../../src/levels/v1-discrepancy.js';

const V1_DEMO = join(import.meta.dirname, '..', 'fixtures', 'v1-demo');
const read = (path: string) => parse(readFileSync(join(V1_DEMO, path), 'utf8')) as Item;

function compare(ours: Item, parent: Item, baseline = parent): Discrepancy[] {
  return compareItem({ region: '420106', catalogCode: '000100104000', ours, parent, parentRegion: '420100', baseline, baselineRegion: '420000' });
}

describe('v1 discrepancies in the v2 reading', () => {
  it('lands every discrepancy of the v1 demo on one the v2 reading has, or on none when the values now agree', async () => {
    const catalog = await loadCatalog(fsSource(V1_DEMO));
    const top = catalog.top!;
    let carried = 0;
    let moved = 0;
    for (const [code, files] of catalog.items) {
      if (code === top.code) continue;
      const region = catalog.regions.get(code)!;
      for (const [catalogCode, path] of files) {
        const written = read(path);
        const ancestors = ancestorsOf(catalog, region).map((r) => ({ code: r.code, path: catalog.items.get(r.code)?.get(catalogCode) }));
        const parent = ancestors.find((a) => a.path !== undefined);
        const baselinePath = catalog.items.get(top.code)?.get(catalogCode);
        if (!parent || !baselinePath) continue;
        const [parentItem, baselineItem] = [read(parent.path!), read(baselinePath)];
        const input = { region: code, catalogCode, parentRegion: parent.code, baselineRegion: top.code };
        const asWritten = compareItem({ ...input, ours: written, parent: parentItem, baseline: baselineItem });
        const v2 = new Map(compareItem({ ...input, ours: itemFromV1(written), parent: itemFromV1(parentItem), baseline: itemFromV1(baselineItem) }).map((d) => [d.key, d]));
        for (const d of asWritten) {
          const theirs = d.against === parent.code ? parentItem : baselineItem;
          const next = v2Discrepancy(d, written, theirs);
          carried++;
          if (next === undefined) {
            expect(v2.get(d.key)?.fingerprint, d.key).toBe(d.fingerprint);
            continue;
          }
          moved++;
          if (sameValue(next.ours, next.theirs, next.path)) expect(v2.has(next.key), next.key).toBe(false);
          else expect(v2.get(next.key)?.fingerprint, `${d.key} → ${next.key}`).toBe(next.fingerprint);
        }
      }
    }
    expect(carried).toBeGreaterThan(100);
    expect(moved).toBeGreaterThan(50);
  });

  it('renames material keys, maps values and moves a 容缺 difference to deferrable', () => {
    const baseline = read('420000/items/000100104000.yaml');
    const material = (extra: Record<string, unknown>) => ({ name: '委托书', necessity: '必要', form: '原件', medium: '纸质', ...extra });
    const withMaterial = (item: Item, m: Record<string, unknown>) => ({ ...item, materials: [...(item.materials as unknown[]), m] }) as Item;
    const parent = withMaterial({ ...baseline, handleArea: '全市通办' }, material({ copies: 1 }));
    const ours = withMaterial({ ...baseline, handleArea: '全区通办' }, material({ necessity: '容缺', medium: '电子', copies: 2 }));
    const byPath = new Map(compare(ours, parent, baseline).map((d) => [d.path, d]));
    const at = (path: string) => {
      const d = byPath.get(path);
      expect(d, path).toBeDefined();
      return v2Discrepancy(d!, ours, d!.against === '420100' ? parent : baseline);
    };
    const last = (ours.materials as unknown[]).length - 1;
    expect(at(`/materials/${last}/medium`)).toMatchObject({ path: `/materials/${last}/format`, key: '420106/000100104000#/materials/@委托书/format', ours: '电子', theirs: '纸质' });
    expect(at(`/materials/${last}/copies`)).toMatchObject({ path: `/materials/${last}/originals`, key: '420106/000100104000#/materials/@委托书/originals', ours: 2, theirs: 1 });
    expect(at(`/materials/${last}`)).toMatchObject({ path: `/materials/${last}/deferrable`, key: '420106/000100104000#/materials/@委托书/deferrable', ours: true });
    expect(at('/handleArea')).toMatchObject({ path: '/handleArea', key: '420106/000100104000#/handleArea', ours: '全县', theirs: '全市' });
    // what the mapping does not touch keeps its key and fingerprint
    expect(v2Discrepancy({ region: '420106', catalogCode: '000100104000', path: '/conditions', ours: 'x' }, ours, parent)).toBeUndefined();
  });
});
