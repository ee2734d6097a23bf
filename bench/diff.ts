// Throughput of the cross-level engine (issue 3): item pairs per second through compareItem on
// the demo catalog's real pairs (each city/county item with its parent and baseline), on
// identical pairs, and on a heavily edited pair; plus the word diff used for long text.
// Run: npx tsx bench/diff.ts [--catalog DIR] [--seconds N]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import type { Item } from '../src/catalog/types.js';
import { compareItem, type CompareItemInput } from '../src/levels/compare-item.js';
import { lineageOf, type RegionItems } from '../src/levels/compare-region.js';
import { wordDiff } from '../src/levels/word-diff.js';

const { values } = parseArgs({ options: { catalog: { type: 'string', default: 'catalog-yaml' }, seconds: { type: 'string', default: '1' } } });
const SECONDS = Number(values.seconds);

/** Every region of the catalog (folder → items), nearest ancestors listed for each. */
function loadRegions(root: string): Array<{ region: RegionItems; ancestors: RegionItems[] }> {
  const out: Array<{ region: RegionItems; ancestors: RegionItems[] }> = [];
  const visit = (dir: string, ancestors: RegionItems[]) => {
    const code = dir.slice(dir.lastIndexOf('/') + 1);
    const items = new Map<string, Item>();
    const itemsDir = join(dir, 'items');
    for (const name of statSync(itemsDir, { throwIfNoEntry: false })?.isDirectory() ? readdirSync(itemsDir) : []) {
      if (name.endsWith('.yaml')) items.set(name.slice(0, -5), parse(readFileSync(join(itemsDir, name), 'utf8')) as Item);
    }
    const region: RegionItems = { code, items };
    out.push({ region, ancestors });
    for (const name of readdirSync(dir)) if (/^\d{6}$/.test(name)) visit(join(dir, name), [region, ...ancestors]);
  };
  for (const name of readdirSync(root)) if (/^\d{6}$/.test(name)) visit(join(root, name), []);
  return out;
}

function measure(pairs: CompareItemInput[]): { perSecond: number; microseconds: number; discrepancies: number } {
  let discrepancies = 0;
  for (const p of pairs) discrepancies += compareItem(p).length; // warm-up, and the count
  let done = 0;
  const started = performance.now();
  const until = started + SECONDS * 1000;
  while (performance.now() < until) {
    for (const p of pairs) compareItem(p);
    done += pairs.length;
  }
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: done / seconds, microseconds: (seconds * 1e6) / done, discrepancies: discrepancies / pairs.length };
}

function measureWords(texts: Array<[string, string]>): { perSecond: number; microseconds: number } {
  for (const [a, b] of texts) wordDiff(a, b);
  let done = 0;
  const started = performance.now();
  const until = started + SECONDS * 1000;
  while (performance.now() < until) {
    for (const [a, b] of texts) wordDiff(a, b);
    done += texts.length;
  }
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: done / seconds, microseconds: (seconds * 1e6) / done };
}

const regions = loadRegions(values.catalog);
const top = regions.find((r) => r.ancestors.length === 0)!;
const real: CompareItemInput[] = [];
for (const { region, ancestors } of regions) {
  if (ancestors.length === 0) continue;
  for (const [catalogCode, ours] of region.items) {
    const { parent, baseline } = lineageOf(catalogCode, ancestors);
    real.push({ region: region.code, catalogCode, ours, parent: parent?.item, parentRegion: parent?.region, baseline: baseline?.item, baselineRegion: top.region.code });
  }
}
const identical: CompareItemInput[] = [...top.region.items].map(([catalogCode, item]) => ({
  region: '420102', catalogCode, ours: structuredClone(item), baseline: item, baselineRegion: top.region.code,
}));
/** Every element class at work: locked name, looser limit, materials reordered + renamed + relaxed, steps reordered, text edited. */
const edited: CompareItemInput[] = [...top.region.items].map(([catalogCode, item]) => {
  const ours = structuredClone(item) as Record<string, unknown>;
  ours.name = `${String(ours.name)}（区）`;
  ours.promisedLimit = { days: 30, unit: '自然日' };
  const materials = ours.materials as Array<Record<string, unknown>>;
  materials.reverse();
  if (materials[0]) materials[0].name = `${String(materials[0].name)}复印件`;
  if (materials[1]) materials[1].necessity = '容缺';
  (ours.steps as unknown[]).reverse();
  ours.conditions = `${String(ours.conditions)}本区户籍居民可就近办理。`;
  return { region: '420102', catalogCode, ours, baseline: item, baselineRegion: top.region.code };
});
const texts: Array<[string, string]> = edited.map((p) => [String(p.baseline!.conditions), String(p.ours.conditions)]);
const avgChars = texts.reduce((n, [a]) => n + a.length, 0) / texts.length;

const rows: Array<[string, number, ReturnType<typeof measure> | (ReturnType<typeof measureWords> & { discrepancies?: number })]> = [
  ['demo catalog pairs (county/city vs parent + baseline)', real.length, measure(real)],
  ['identical pairs (baseline vs a copy)', identical.length, measure(identical)],
  ['heavily edited pairs (every class differs)', edited.length, measure(edited)],
  [`word diff of 受理条件 (≈${avgChars.toFixed(0)} chars)`, texts.length, measureWords(texts)],
];

const header = ['workload', 'pairs', 'pairs/s', 'µs/pair', 'discrepancies/pair'];
const table = rows.map(([name, n, r]) => [
  name,
  String(n),
  Math.round(r.perSecond).toLocaleString('en-US'),
  r.microseconds.toFixed(1),
  'discrepancies' in r && r.discrepancies !== undefined ? r.discrepancies.toFixed(2) : '—',
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => [...row[i]!].length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
console.log(`node ${process.version}, ${SECONDS} s per workload, catalog ${values.catalog}`);
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const row of table) console.log(line(row));
