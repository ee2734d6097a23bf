// Where a cold validate's time goes, stage by stage, over a sample of a generated catalog's item files
// (one thread, in process, CPU time): read, decode + blob id, parse (the reading entry, and the `yaml` package alone
// for comparison), schema, the other item rules, and the cross-level comparison.
// Usage: node dist/bench/stages.js <catalog> [--files N] [--skip-yaml (not the `yaml` package comparison)]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { CONFIG_FILE, parseSettings } from '../src/catalog/config.js';
import { decode } from '../src/catalog/decode.js';
import { parseYaml } from '../src/catalog/parse.js';
import { blobId } from '../src/catalog/read-file.js';
import type { Item, ParsedFile, Region } from '../src/catalog/types.js';
import { compareItem } from '../src/levels/compare-item.js';
import { ITEM_RULES } from '../src/rules/registry.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { files: { type: 'string', default: '20000' }, 'skip-yaml': { type: 'boolean', default: false } } });
const catalog = positionals[0];
if (!catalog) throw new Error('usage: stages.js <catalog> [--files N]');
const all = execFileSync('git', ['ls-files', '-z', '--', '*/items/*.yaml'], { cwd: catalog, encoding: 'utf8', maxBuffer: 1 << 30 }).split('\0').filter(Boolean);
const step = Math.max(1, Math.floor(all.length / Number(values.files)));
const files = all.filter((_, i) => i % step === 0);
const county = (path: string) => path.split('/').length >= 5;
// The catalog's own settings: its format version picks the schema (a v2 item checked as v1 is all errors).
const settings = parseSettings(readFileSync(join(catalog, CONFIG_FILE), 'utf8'), CONFIG_FILE);

const timings: Array<[string, number]> = [];
// CPU time of the process (this thread, and V8's GC helpers), not wall time: comparable on a busy machine.
const time = <T>(name: string, fn: () => T): T => {
  const started = process.cpuUsage();
  const out = fn();
  const used = process.cpuUsage(started);
  timings.push([name, (used.user + used.system) / 1000]);
  return out;
};

const bytes = time('read', () => files.map((f) => readFileSync(join(catalog, f))));
const texts = time('decode + blob id', () => bytes.map((b) => (blobId(b), (decode(b) as { text: string }).text)));
const dataOf = (text: string) => (parseYaml(text) as { data: Item }).data;
const items = time('parse (reading entry: block scanner, else yaml)', () => texts.map(dataOf));
if (!values['skip-yaml']) {
  time('parse (yaml package, for comparison)', () => texts.slice(0, Math.ceil(texts.length / 10)).forEach((t) => parse(t)));
  timings[timings.length - 1]![1] *= texts.length / Math.ceil(texts.length / 10);
}
const region: Region = { code: '420102', dir: '420102', children: [], file: '420102/region.yaml', level: '县级' };
const contexts = items.map((item, i) => ({ item, file: { file: files[i]!, region: '420102', id: '', text: texts[i], data: item, problems: [] } as ParsedFile, region, fileName: files[i]!.split('/').at(-1)!, settings, files: new Map() }));
const [schema, ...others] = ITEM_RULES;
time('schema (ajv)', () => contexts.forEach((c) => schema!.check(c)));
time('other item rules', () => contexts.forEach((c) => others.forEach((r) => r.check(c))));
// Compare each county item with the province's item of the same code, as a stand-in for its parent.
const baseline = new Map<string, Item>();
for (const path of all.filter((p) => p.split('/').length === 3).slice(0, 3000)) baseline.set(path.split('/').at(-1)!, dataOf(readFileSync(join(catalog, path), 'utf8')));
time('cross-level compare', () =>
  contexts.forEach((c, i) => {
    const theirs = baseline.get(files[i]!.split('/').at(-1)!);
    if (theirs && county(files[i]!)) compareItem({ region: '420102', catalogCode: String(c.item.catalogCode), ours: c.item, parent: theirs, baseline: theirs, baselineRegion: '420000' });
  }));

const total = timings.filter(([n]) => !n.includes('comparison')).reduce((s, [, ms]) => s + ms, 0);
process.stdout.write(`${files.length} item files, one thread: ${Math.round(files.length / (total / 1000))} files/s through all stages\n\n`);
process.stdout.write('| stage | CPU ms | files/s | share |\n|---|---:|---:|---:|\n');
for (const [name, ms] of timings) {
  const share = name.includes('comparison') ? '' : `${((ms / total) * 100).toFixed(0)} %`;
  process.stdout.write(`| ${name} | ${ms.toFixed(0)} | ${Math.round(files.length / (ms / 1000))} | ${share} |\n`);
}
