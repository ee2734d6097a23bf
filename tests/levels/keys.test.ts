// Discrepancy keys by identity path (spec §3 "Keys and fingerprints"): unique within an item, unchanged by
// reordering, on the demo catalog, on generated catalogs, and on items edited at random (seeded).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { loadCatalog } from '../../src/catalog/load.js';
import { fsSource } from '../../src/catalog/source-fs.js';
import type { Item } from '../../src/catalog/types.js';
import { checkCatalog } from '../../src/check/check.js';
import { Random } from '../../src/gen/random.js';
import { generateCatalog } from '../../src/gen/generate.js';
import { compareItem } from '../../src/levels/compare-item.js';
import { resolveFieldClasses, type FieldClasses } from '../../src/levels/field-classes.js';
import { identityPathOf } from '../../src/levels/identity-path.js';
import { entryTokens } from '../../src/levels/list-shapes.js';
import type { Discrepancy } from '../../src/levels/types.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { readTree } from '../helpers/files.js';

const DEMO = join(PACKAGE_ROOT, 'catalog-yaml');
const read = (path: string) => parse(readFileSync(join(DEMO, path), 'utf8')) as Item;
const WUCHANG = '420000/420100/420106/items/000100104000.yaml';
const WUHAN = '420000/420100/items/000100104000.yaml';

function materials(item: Item): Array<Record<string, unknown>> {
  return item.materials as Array<Record<string, unknown>>;
}

function diffWuchang(ours: Item, parent = read(WUHAN)): Discrepancy[] {
  return compareItem({ region: '420106', catalogCode: '000100104000', ours, parent, parentRegion: '420100', baseline: read('420000/items/000100104000.yaml'), baselineRegion: '420000' });
}

function expectUniqueKeys(ds: readonly Discrepancy[]): void {
  const seen = new Map<string, Discrepancy>();
  for (const d of ds) {
    expect(seen.get(d.key), `${d.key} twice`).toBeUndefined();
    seen.set(d.key, d);
  }
}

/** key → fingerprint, leaving out the one discrepancy a new order of steps makes (its values are the order). */
function fingerprints(ds: readonly Discrepancy[]): Map<string, string> {
  return new Map(ds.filter((d) => d.path !== '/steps' || d.kind !== 'review' || !Array.isArray(d.ours)).map((d) => [d.key, d.fingerprint]));
}

/**
 * Every key of the catalog at `root` is unique; and again after the first material of every item below the
 * province is renamed (a looser or review entry and a tightened one at the same index: one key each).
 */
async function expectUniqueCatalogKeys(root: string): Promise<void> {
  const unique = async (dir: string) => {
    const { discrepancies } = await checkCatalog(await loadCatalog(fsSource(dir)));
    expect(new Set(discrepancies.map((d) => d.key)).size).toBe(discrepancies.length);
    return discrepancies.length;
  };
  const before = await unique(root);
  const copy = mkdtempSync(join(tmpdir(), 'tongbiao-keys-'));
  try {
    let renamed = 0;
    for (const [path, text] of readTree(root)) {
      const doc = /^\d{6}\/\d{6}\/.*items\/[^/]+\.yaml$/.test(path) ? parseDocument(text) : undefined;
      const name = doc?.getIn(['materials', 0, 'name']);
      if (doc && typeof name === 'string') {
        doc.setIn(['materials', 0, 'name'], `${name}（新）`);
        renamed++;
      }
      mkdirSync(dirname(join(copy, path)), { recursive: true });
      writeFileSync(join(copy, path), doc ? doc.toString() : text);
    }
    expect(renamed).toBeGreaterThan(10);
    expect(await unique(copy)).toBeGreaterThan(before);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

describe('the demo catalog (issue 10 reproductions, 武昌区 教师资格认定)', () => {
  it('a renamed required material gives a looser and a tightened discrepancy with two keys', () => {
    const ours = read(WUCHANG);
    const old = materials(ours)[1]!;
    const renamed = `${String(old.name)}（学位）`;
    old.name = renamed;
    const ds = diffWuchang(ours);
    const looser = ds.find((d) => d.kind === 'looser' && d.path === '/materials/1')!;
    const tightened = ds.find((d) => d.kind === 'tightened' && d.path === '/materials/1')!;
    expect(looser.key).toBe(`420106/000100104000#/materials/@${renamed}`);
    expect(tightened.key).toBe(`420106/000100104000#/materials/@${String(materials(read(WUCHANG))[1]!.name)}`);
    expectUniqueKeys(ds);
  });

  it('moving a material to the top changes no key and no fingerprint', () => {
    const ours = read(WUCHANG);
    // a difference inside the material, so that there is something keyed by it
    const field = Object.keys(materials(ours)[1]!).find((k) => typeof materials(ours)[1]![k] === 'string' && k !== 'name' && k !== 'necessity')!;
    materials(ours)[1]![field] = `${String(materials(ours)[1]![field])}（改）`;
    const before = diffWuchang(ours);
    const entry = before.find((d) => d.path === `/materials/1/${field}`)!;
    expect(entry.key).toBe(`420106/000100104000#/materials/@${String(materials(ours)[1]!.name)}/${field}`);
    const moved = structuredClone(ours);
    materials(moved).unshift(...materials(moved).splice(1, 1));
    const after = diffWuchang(moved);
    expect(after.find((d) => d.key === entry.key)).toMatchObject({ path: `/materials/0/${field}`, fingerprint: entry.fingerprint });
    expect(fingerprints(after)).toEqual(fingerprints(before));
  });

  it('keys are unique over every region of the demo catalog, as it is and with a material renamed in every item below the province', async () => {
    await expectUniqueCatalogKeys(DEMO);
  });
});

describe('entry tokens', () => {
  it('escape / and ~, number duplicates, and write basis as law|article', () => {
    expect(entryTokens([{ name: 'a/b~c' }, { name: 'x' }, { name: 'x' }, { name: 'x' }], ['name'])).toEqual(['@a~1b~0c', '@x', '@x#2', '@x#3']);
    expect(entryTokens([{ law: '《教师法》', article: '第十三条' }], ['law', 'article'])).toEqual(['@《教师法》|第十三条']);
    // entries without a text identity (schema errors) still get tokens of their own
    expect(new Set(entryTokens([{ necessity: '必要' }, { name: 3 }, 'x', null, { necessity: '非必要' }], ['name'])).size).toBe(5);
  });

  it('a duplicated material: the second is @name#2, whichever side it is on', () => {
    const parent = read(WUHAN);
    const ours = read(WUCHANG);
    materials(ours).push({ ...materials(ours)[0]!, source: '其他' });
    const added = diffWuchang(ours).filter((d) => d.path === `/materials/${materials(ours).length - 1}`);
    expect(added.map((d) => d.key)).toEqual([`420106/000100104000#/materials/@${String(materials(ours)[0]!.name)}#2`]);
    materials(parent).push(structuredClone(materials(parent)[0]!));
    const dropped = diffWuchang(read(WUCHANG), parent).find((d) => d.kind === 'tightened')!;
    expect(dropped.key).toBe(`420106/000100104000#/materials/@${String(materials(parent)[0]!.name)}#2`);
  });
});

describe('identityPathOf (reading back a stored index path)', () => {
  it('gives the key the diff gives, for every discrepancy of the renamed and edited demo item', () => {
    const ours = read(WUCHANG);
    materials(ours)[1]!.name = '学历学位证书';
    materials(ours)[2]!.source = '其他';
    (ours.steps as Array<Record<string, unknown>>)[2]!.days = 12;
    const parent = read(WUHAN);
    for (const d of diffWuchang(ours, parent)) {
      const against = d.kind === 'locked' ? read('420000/items/000100104000.yaml') : parent;
      expect(`420106/000100104000#${identityPathOf(d.path, ours, against, d.ours === undefined)}`).toBe(d.key);
    }
  });

  it('is undefined when an index names no entry of the items given', () => {
    expect(identityPathOf('/materials/9/source', read(WUCHANG), read(WUHAN), false)).toBeUndefined();
    expect(identityPathOf('/materials/1', {}, {}, true)).toBeUndefined();
  });
});

// ---- random edits (seeded) ----------------------------------------------------------------------------

type Entry = Record<string, unknown>;
/** The lists edited, their identity, and the identity field a rename changes. */
const LISTS = [
  { element: 'materials', identity: ['name'], renamed: 'name' },
  { element: 'steps', identity: ['name'], renamed: 'name' },
  { element: 'basis', identity: ['law', 'article'], renamed: 'article' },
  { element: 'places', identity: ['address'], renamed: 'address' },
] as const;

/** One random edit of one list: rename, insert (sometimes a duplicate), delete, reorder, or change a field. */
function edit(item: Item, rng: Random, n: number): void {
  const { element, renamed: identity } = rng.pick(LISTS);
  const list = (Array.isArray(item[element]) ? item[element] : (item[element] = [])) as Entry[];
  const op = list.length === 0 ? 'insert' : rng.pick(['rename', 'insert', 'delete', 'reorder', 'change', 'duplicate'] as const);
  const at = rng.int(0, Math.max(0, list.length - 1));
  switch (op) {
    case 'rename':
      list[at] = { ...list[at], [identity]: `${String(list[at]![identity])}·${n}` };
      break;
    case 'insert':
      list.splice(rng.int(0, list.length), 0, { [identity]: `新增${n}`, ...(element === 'materials' ? { necessity: rng.pick(['必要', '非必要']) } : {}) });
      break;
    case 'delete':
      list.splice(at, 1);
      break;
    case 'reorder':
      item[element] = rng.shuffle(list);
      break;
    case 'change':
      list[at] = { ...list[at], [element === 'steps' ? 'days' : 'note']: n, ...(element === 'materials' ? { necessity: rng.pick(['必要', '非必要']) } : {}) };
      break;
    case 'duplicate':
      list.splice(rng.int(0, list.length), 0, { ...structuredClone(list[at]!), note: `副本${n}` });
      break;
  }
}

/** The same item with every identity list shuffled (steps too: their new order is one discrepancy of its own). */
function reordered(item: Item, rng: Random): Item {
  const copy = structuredClone(item);
  for (const { element } of LISTS) if (Array.isArray(copy[element])) copy[element] = rng.shuffle(copy[element] as Entry[]);
  return copy;
}

function hasDuplicates(item: Item): boolean {
  return LISTS.some(({ element, identity }) => Array.isArray(item[element]) && entryTokens(item[element] as Entry[], identity).some((t) => t.includes('#')));
}

const BASIS_REVIEW: FieldClasses = resolveFieldClasses({ basis: 'review' });

describe('generated catalogs with random edits (seeded)', () => {
  let dir: string;
  let baseline: Item[];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tongbiao-keys-'));
    generateCatalog(dir, { cities: 2, countiesPerCity: 2, provinceDirect: false, items: 60, seed: 'keys', discrepancyRate: 0.5, errorRate: 0.05 });
    const items = join(dir, '420000', 'items');
    baseline = readdirSync(items).map((name) => parse(readFileSync(join(items, name), 'utf8')) as Item);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keys are unique over every region of a generated catalog, as generated and with a material renamed in every item below the province', async () => {
    await expectUniqueCatalogKeys(dir);
  });

  it('keys stay unique under random renames, inserts, deletions, duplicates and reorders, and survive pure reorders', () => {
    let compared = 0;
    for (let seed = 1; seed <= 15; seed++) {
      const rng = new Random('keys', seed);
      for (const base of baseline) {
        const ours = structuredClone(base);
        const parent = structuredClone(base);
        for (let n = rng.int(1, 8); n > 0; n--) edit(ours, rng, n);
        if (rng.chance(0.3)) edit(parent, rng, 99);
        for (const classes of [undefined, BASIS_REVIEW]) {
          const diff = (a: Item, p: Item) =>
            compareItem({ region: '420102', catalogCode: String(base.catalogCode), ours: a, parent: p, parentRegion: '420100', baseline: base, baselineRegion: '420000', ...(classes ? { classes } : {}) });
          const ds = diff(ours, parent);
          expectUniqueKeys(ds);
          const shuffled = diff(reordered(ours, rng), reordered(parent, rng));
          // Two entries sharing an identity (a duplicate-entry error) are told apart by their order: there a
          // reorder may swap which one is `#2`, so only uniqueness holds.
          if (hasDuplicates(ours) || hasDuplicates(parent)) expectUniqueKeys(shuffled);
          else expect(fingerprints(shuffled)).toEqual(fingerprints(ds));
          compared++;
        }
      }
    }
    expect(compared).toBe(15 * baseline.length * 2);
  });
});
