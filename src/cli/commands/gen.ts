import { resolve } from 'node:path';
import { TongbiaoError } from '../../errors.js';
import { GEN_DEFAULTS, GenError, generateCatalog, maxBaselineItems, type GenerateOptions } from '../../gen/index.js';
import { MAX_CITIES, MAX_COUNTIES_PER_CITY, MAX_TOWNSHIPS_PER_COUNTY } from '../../gen/regions.js';
import { defineCommand, oneOf } from '../command.js';
import { statusLine } from '../progress.js';

export const gen = defineCommand({
  name: 'gen',
  help: `Usage: tongbiao gen <DIR> [options]

Writes a synthetic catalog (format v2) into DIR: 420000 湖北省 with its baseline items, N cities of M
counties each (real Hubei names and codes first, made-up ones beyond them), the 省直辖 units 429004
429005 429006 429021 and, if asked, 乡镇级 regions under each county. Cities and counties claim 88–99%
of the items their level may exercise, with local departments, credit codes, places, phones, portal
addresses and local codes; items carry every v2 element on a realistic share (lifecycle 暂停/取消,
权力来源, limit notes, special procedures, intermediaries, quantity limits, service flags, blank forms,
handling items; every city one or two items of its own under its local regulations, in its
localItems; a few public institutions with a pre-2016 credit code listed in creditCodeExceptions).
About 4% of claimed items differ from their parent (mostly stricter, a few looser), a tenth of the
regions holding a suspended or cancelled item still list it in use, and about 0.5% carry a deliberate error (bad credit code check digit, promised limit over the
statutory one, an unquoted phone, a wrong type). The same seed always gives the same files.

Options:
  --cities N               cities (default ${GEN_DEFAULTS.cities}, at most ${MAX_CITIES})
  --counties-per-city N    counties in each city (default ${GEN_DEFAULTS.countiesPerCity}, at most ${MAX_COUNTIES_PER_CITY})
  --no-direct              leave out the 省直辖 county-level units
  --townships N            乡镇级 regions under each county (default 0, at most ${MAX_TOWNSHIPS_PER_COUNTY})
  --format-version V       2 (default), or 1: a v1 catalog, to try 'tongbiao migrate' on
  --items N                baseline items (default ${GEN_DEFAULTS.items}, at most ${maxBaselineItems()})
  --seed S                 seed (default ${GEN_DEFAULTS.seed})
  --git                    git init DIR and commit everything in one reproducible commit
  --force                  write into a non-empty DIR, replacing tongbiao.yaml, schema/, 420000/ (and .git with --git)
  --workers N              writer threads (default 1; creating files is kernel-bound)
  --format FORMAT          text (default) or json: the summary as one JSON object
  -h, --help               show this help

Exit status: 0 generated, 2 could not (bad option, DIR not empty).`,
  options: {
    cities: { type: 'string' },
    'counties-per-city': { type: 'string' },
    'no-direct': { type: 'boolean' },
    townships: { type: 'string' },
    'format-version': { type: 'string' },
    items: { type: 'string' },
    seed: { type: 'string' },
    git: { type: 'boolean' },
    force: { type: 'boolean' },
    workers: { type: 'string' },
    format: { type: 'string' },
  },
  async run(values, positionals, io) {
    if (positionals.length !== 1) throw new TongbiaoError(`expected one folder, got ${positionals.length}. See 'tongbiao gen --help'.`);
    const dir = resolve(io.cwd, positionals[0]!);
    const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
    const options: GenerateOptions = { git: values.git === true, force: values.force === true, provinceDirect: values['no-direct'] !== true };
    const cities = integer('cities', values.cities);
    const counties = integer('counties-per-city', values['counties-per-city']);
    const items = integer('items', values.items);
    const workers = integer('workers', values.workers);
    const townships = integer('townships', values.townships);
    if (townships !== undefined) options.townships = townships;
    const version = values['format-version'];
    if (version !== undefined) {
      if (version !== '1' && version !== '2') throw new TongbiaoError(`--format-version must be 1 or 2 (got '${version}')`);
      options.formatVersion = Number(version) as 1 | 2;
    }
    if (cities !== undefined) options.cities = cities;
    if (counties !== undefined) options.countiesPerCity = counties;
    if (items !== undefined) options.items = items;
    if (workers !== undefined) options.workers = Math.max(1, workers);
    if (values.seed !== undefined) options.seed = values.seed;
    const progress = statusLine(io, { intervalMs: 100 });
    if (progress.enabled) {
      options.onProgress = (written, total) => {
        const done = written >= total;
        progress.show(`生成中 ${written.toLocaleString('en')}/${total.toLocaleString('en')} 个文件 (${Math.floor((100 * written) / total)}%)${done && options.git ? '，正在提交到 git…' : ''}`, done);
      };
    }
    let result;
    try {
      result = generateCatalog(dir, options);
    } catch (error) {
      if (error instanceof GenError) throw new TongbiaoError(error.message);
      throw error;
    }
    progress.clear();
    const { injections, ...summary } = result;
    if (format === 'json') {
      io.stdout.write(JSON.stringify({ ...summary, injections: injections.length }, null, 2) + '\n');
      return 0;
    }
    const count = (r: Record<string, number | undefined>) => Object.values(r).reduce<number>((a, b) => a + (b ?? 0), 0);
    const lines = [
      `已生成 ${result.files.toLocaleString('en')} 个文件（${(result.bytes / 1e6).toFixed(1)} MB）于 ${result.dir}，用时 ${result.seconds.toFixed(1)} 秒（${result.workers} 个线程）`,
      `  ${result.regions} 个区划，${result.baselineItems} 个省级基线事项，${result.claimedItems.toLocaleString('en')} 个市县认领事项，${result.unclaimed.toLocaleString('en')} 个未认领`,
      `  差异 ${count(result.discrepancies)} 处，错误 ${count(result.errors)} 处（种子 ${result.seed}）`,
    ];
    if (result.commit) lines.push(`  git 提交 ${result.commit}，用时 ${result.gitSeconds!.toFixed(1)} 秒`);
    io.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
});

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new TongbiaoError(`--${name} must be a whole number (got '${value}')`);
  return Number(value);
}
