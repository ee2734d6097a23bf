// `tongbiao diff` through the built CLI (npm run build first; npm test does), on the levels
// fixture catalog and on temporary git repositories.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { makeGitCatalog, type TempGitCatalog } from '../helpers/git-repo.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'levels-catalog');
const A = '002000001000';
const B = '002000002000';
const COUNTY_A = `420000/420100/420102/items/${A}.yaml`;

interface JsonDiscrepancy {
  region: string;
  catalogCode: string;
  against: string;
  path: string;
  kind: string;
  rule: string;
  ours?: unknown;
  theirs?: unknown;
  key: string;
  fingerprint: string;
}

function diffJson(args: string[], cwd?: string) {
  const result = runCli(['diff', ...args, '--format', 'json'], cwd ? { cwd } : {});
  const output = result.stdout === '' ? undefined : (JSON.parse(result.stdout) as { discrepancies: JsonDiscrepancy[] });
  return { ...result, output, list: output?.discrepancies ?? [] };
}

const brief = (ds: JsonDiscrepancy[]) => ds.map((d) => [d.catalogCode, d.kind, d.path, d.against]);

let repo: TempGitCatalog | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

/** The fixture catalog in a fresh repository, in a sub-folder (`catalog/`), committed once. */
function gitCopy(): TempGitCatalog {
  repo = makeGitCatalog({ prefix: 'catalog' });
  copyInto(repo);
  repo.commit('fixture');
  return repo;
}

function copyInto(r: TempGitCatalog): void {
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const relPath = rel ? `${rel}/${name}` : name;
      if (statSync(path).isDirectory()) walk(path, relPath);
      else r.write(relPath, readFileSync(path));
    }
  };
  walk(FIXTURE, '');
}

describe('tongbiao diff --format json', () => {
  it('lists the county\'s discrepancies per spec §4 and exits 1', () => {
    const { code, list, stderr } = diffJson(['420102', '--catalog', FIXTURE]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(brief(list)).toEqual([
      [A, 'locked', '/name', '420000'],
      [A, 'looser', '/visits', '420100'],
      [A, 'review', '/conditions', '420100'],
      // steps in another order: one review at /steps; materials in another order: nothing;
      // 14 自然日 against the city's 10 工作日: the same limit, nothing
      [A, 'review', '/steps', '420100'],
      ['422000001000', 'unknown', '', '420000'],
      [B, 'missing', '', '420100'],
    ]);
    const [locked, looser, , steps, unknown, missing] = list as [JsonDiscrepancy, JsonDiscrepancy, JsonDiscrepancy, JsonDiscrepancy, JsonDiscrepancy, JsonDiscrepancy];
    expect(Object.keys(looser)).toEqual(['region', 'catalogCode', 'against', 'path', 'kind', 'rule', 'ours', 'theirs', 'key', 'fingerprint']);
    expect(looser).toMatchObject({ region: '420102', rule: 'level-looser', ours: 2, theirs: 1, key: `420102/${A}#/visits` });
    expect(looser.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(locked).toMatchObject({ ours: '城镇职工养老保险关系转移', theirs: '城镇职工基本养老保险关系转移接续' });
    expect(steps).toMatchObject({ ours: ['受理', '办结', '审核'], theirs: ['受理', '审核', '办结'] });
    expect(unknown).not.toHaveProperty('theirs');
    expect(missing).not.toHaveProperty('ours');
    expect(new Set(list.map((d) => d.key)).size).toBe(list.length);
  });

  it('covers the region\'s own items only, not its subtree, and nothing for the province', () => {
    const city = diffJson(['420100', '--catalog', FIXTURE]);
    expect(brief(city.list)).toEqual([
      [A, 'tightened', '/promisedLimit', '420000'],
      [A, 'review', '/steps/1/days', '420000'],
      [A, 'review', '/steps/2/days', '420000'],
    ]);
    const province = diffJson(['420000', '--catalog', FIXTURE]);
    expect(province.output).toEqual({ discrepancies: [] });
    expect(province.code).toBe(0);
  });

  it('compares a 省直辖 county with the province directly', () => {
    const { list, code } = diffJson(['429004', '--catalog', FIXTURE]);
    expect(brief(list)).toEqual([[A, 'tightened', '/onlineDepth', '420000']]);
    expect(code).toBe(1);
  });

  it('--item limits the output to that item', () => {
    expect(brief(diffJson(['420102', '--catalog', FIXTURE, '--item', B]).list)).toEqual([[B, 'missing', '', '420100']]);
    const none = diffJson(['420102', '--catalog', FIXTURE, '--item', '002000003000']);
    expect(none.list).toEqual([]);
    expect(none.code).toBe(0);
  });

  it('--against compares with one region for every element', () => {
    const { list } = diffJson(['420102', '--catalog', FIXTURE, '--against', '429004']);
    expect(brief(list)).toEqual([
      [A, 'locked', '/name', '429004'],
      [A, 'tightened', '/promisedLimit', '429004'],
      [A, 'looser', '/visits', '429004'],
      [A, 'review', '/conditions', '429004'],
      [A, 'review', '/steps', '429004'],
      // the county's steps are the city's; 仙桃's are the province's
      [A, 'review', '/steps/1/days', '429004'],
      [A, 'review', '/steps/2/days', '429004'],
      [A, 'looser', '/onlineDepth', '429004'],
      ['422000001000', 'unknown', '', '429004'],
      [B, 'missing', '', '429004'],
    ]);
    const text = runCli(['diff', '420102', '--catalog', FIXTURE, '--against', '429004', '--brief']).stdout;
    expect(text).toContain('不在对照区划（429004）中');
    expect(text).not.toContain('上级');
  });

  it('follows the catalog\'s fields: overrides (tongbiao.yaml)', () => {
    const r = gitCopy();
    r.write('tongbiao.yaml', 'formatVersion: 1\nfields:\n  conditions: locked\n  visits: review\n  steps: local\n');
    expect(brief(diffJson(['420102', '--catalog', r.catalog]).list)).toEqual([
      [A, 'locked', '/name', '420000'],
      [A, 'review', '/visits', '420100'],
      [A, 'locked', '/conditions', '420000'],
      ['422000001000', 'unknown', '', '420000'],
      [B, 'missing', '', '420100'],
    ]);
    r.write('tongbiao.yaml', 'formatVersion: 1\nfields:\n  conditions: tighten\n');
    const invalid = runCli(['diff', '420102', '--catalog', r.catalog]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/tongbiao\.yaml:3: invalid tongbiao\.yaml/);
  });

  it('exits 2 with a one-line error on an unknown region, option or format', () => {
    for (const args of [['999999'], ['420102', '--format', 'xml'], ['420102', '--nope'], [], ['420102', '--against', '999999']]) {
      const result = runCli(['diff', ...args, '--catalog', FIXTURE]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^tongbiao: /);
      expect(result.stdout).toBe('');
    }
  });
});

describe('tongbiao diff text output', () => {
  it('groups by item, shows both values and diffs long text by word, without colour under NO_COLOR', () => {
    const { code, stdout } = runCli(['diff', '420102', '--catalog', FIXTURE]);
    expect(code).toBe(1);
    expect(stdout).not.toMatch(/\u001b\[/);
    expect(stdout).toContain('420102 江岸区');
    expect(stdout).toMatch(new RegExp(`^${A} 城镇职工养老保险关系转移$`, 'm'));
    expect(stdout).toMatch(/^ {2}looser +\/visits +到办事现场次数\n {4}本级 2 +│ +420100 武汉市 1$/m);
    // the conditions differ by a few words: shown as one word diff, parent → ours
    expect(stdout).toContain('参保人员跨{+省跨+}统筹地区就业并');
    expect(stdout).toMatch(/missing +通用目录事项 002000002000「城乡居民养老保险待遇申领」/);
  });

  it('says a flag as 是/否 (yes/no), not as YAML writes it', () => {
    const demo = join(import.meta.dirname, '..', '..', 'catalog-yaml');
    const zh = runCli(['diff', '420502', '--catalog', demo]).stdout;
    expect(zh).toMatch(/^ {2}tightened +\/express +是否支持物流快递\n {4}本级 是 +│ +420500 宜昌市 （无）$/m);
    expect(zh).not.toMatch(/本级 true/);
    expect(runCli(['diff', '420502', '--catalog', demo, '--lang', 'en']).stdout).toMatch(/^ {4}ours yes +│ +420500 宜昌市 \(none\)$/m);
  });

  it('colours only when asked to (FORCE_COLOR), never with NO_COLOR', () => {
    const coloured = runCli(['diff', '420102', '--catalog', FIXTURE], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(coloured.stdout).toMatch(/\u001b\[31m/);
    const plain = runCli(['diff', '420102', '--catalog', FIXTURE], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(plain.stdout).not.toMatch(/\u001b\[/);
  });

  it('--brief prints one line per discrepancy', () => {
    const { stdout } = runCli(['diff', '420102', '--catalog', FIXTURE, '--brief']);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toBe(`420102 ${A} /visits looser: 到办事现场次数 2 多于上级（420100）1`);
    expect(runCli(['diff', '420102', '--catalog', FIXTURE, '--brief', '--lang', 'en']).stdout).toContain("visits 2 is more than the parent (420100)'s 1");
  });

  it('--format github annotates the county file at the line of each path', () => {
    const { stdout } = runCli(['diff', '420102', '--catalog', FIXTURE, '--format', 'github'], { cwd: join(FIXTURE, '..') });
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines).toContain(`::error file=levels-catalog/${COUNTY_A},line=19,col=9,title=level-looser::到办事现场次数 2 多于上级（420100）1`);
    expect(stdout).toMatch(/^::notice file=levels-catalog\/420000\/420100\/420102\/region\.yaml,line=1,col=1,title=level-missing::/m);
  });
});

describe('tongbiao diff --rev', () => {
  it('shows how the region\'s items changed between two commits of a catalog in a sub-folder', () => {
    const r = gitCopy();
    const item = parse(readFileSync(join(r.catalog, COUNTY_A), 'utf8')) as Record<string, unknown>;
    item.promisedLimit = { days: 20, unit: '工作日' };
    item.consultPhone = '027-88889999';
    r.write(COUNTY_A, stringify(item));
    r.remove('420000/420100/420102/items/422000001000.yaml');
    r.commit('county: longer limit, new phone, drop its own item');

    const { code, list } = diffJson(['420102', '--rev', 'HEAD~1..HEAD'], r.catalog);
    expect(code).toBe(1);
    expect(list.map((d) => [d.catalogCode, d.kind, d.path, d.against, d.ours, d.theirs])).toEqual([
      [A, 'looser', '/promisedLimit', '420102', { days: 20, unit: '工作日' }, { days: 14, unit: '自然日' }],
      // local across levels, but a change between versions is shown
      [A, 'review', '/consultPhone', '420102', '027-88889999', '027-12345678'],
      ['422000001000', 'review', '', '420102', undefined, '江岸区自设事项'],
    ]);
    // nothing changed in the city between the two commits
    expect(diffJson(['420100', '--rev', 'HEAD~1..HEAD', '--catalog', r.catalog]).list).toEqual([]);
  });

  it('compares a revision with the working tree (A..), and re-saving a file in another key order changes nothing', () => {
    const r = gitCopy();
    const text = readFileSync(join(r.catalog, COUNTY_A), 'utf8');
    const reordered = Object.fromEntries(Object.entries(parse(text) as Record<string, unknown>).reverse());
    r.write(COUNTY_A, stringify(reordered));
    const { code, list } = diffJson(['420102', '--rev', 'HEAD..'], r.catalog);
    expect(list).toEqual([]);
    expect(code).toBe(0);
    // …and the cross-level fingerprints are the same as before the re-save
    const before = diffJson(['420102', '--catalog', FIXTURE]).list.map((d) => [d.key, d.fingerprint]);
    const after = diffJson(['420102', '--catalog', r.catalog]).list.map((d) => [d.key, d.fingerprint]);
    expect(after).toEqual(before);
  });

  it('changes a fingerprint when a value changes, keeping the key', () => {
    const r = gitCopy();
    const item = parse(readFileSync(join(r.catalog, COUNTY_A), 'utf8')) as Record<string, unknown>;
    item.visits = 3;
    r.write(COUNTY_A, stringify(item));
    const before = diffJson(['420102', '--catalog', FIXTURE]).list.find((d) => d.path === '/visits')!;
    const after = diffJson(['420102', '--catalog', r.catalog]).list.find((d) => d.path === '/visits')!;
    expect(after.key).toBe(before.key);
    expect(after.fingerprint).not.toBe(before.fingerprint);
  });

  it('exits 2 on a revision that does not exist, or with --against', () => {
    const r = gitCopy();
    expect(runCli(['diff', '420102', '--rev', 'nope..HEAD', '--catalog', r.catalog]).code).toBe(2);
    expect(runCli(['diff', '420102', '--rev', 'HEAD', '--against', '420100', '--catalog', r.catalog]).code).toBe(2);
    expect(runCli(['diff', '420102', '--rev', 'a..b..c', '--catalog', r.catalog]).code).toBe(2);
  });
});
