// Temporary git catalogs for tests: a real repository in a temp folder, files written by path, commits with
// chosen authors and dates. Plus builders for valid region.yaml and item files, so tests only spell out what
// they change. Anyone may import it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { makeCreditCode } from '../../src/codes/uscc.js';
import { LEVEL_DIGIT, type Level } from '../../src/catalog/types.js';

export interface TempGitCatalog {
  /** the repository's top folder */
  top: string;
  /** the catalog folder (top + prefix) */
  catalog: string;
  /** write a catalog-relative file (folders made as needed) */
  write(path: string, content: string | Uint8Array): void;
  /** write many catalog-relative files */
  writeAll(files: Record<string, string>): void;
  remove(path: string): void;
  rename(from: string, to: string): void;
  symlink(path: string, target: string): void;
  /** stage everything and commit; returns the commit id. `allowEmpty` for a commit with no change. */
  commit(message: string, options?: { author?: string; email?: string; date?: string; allowEmpty?: boolean }): string;
  /** run git in the repository top and return its trimmed stdout */
  git(...args: string[]): string;
  head(): string;
  cleanup(): void;
}

export interface TempGitCatalogOptions {
  /** catalog folder inside the repository, e.g. `catalog-yaml` (default: the repository top) */
  prefix?: string;
  /** files to write (catalog-relative) */
  files?: Record<string, string>;
  /** commit the files with this message */
  commit?: string;
  /** where to make the temporary folder (default os.tmpdir()) */
  parent?: string;
}

export function makeGitCatalog(options: TempGitCatalogOptions = {}): TempGitCatalog {
  const top = mkdtempSync(join(options.parent ?? tmpdir(), 'tongbiao-git-'));
  const catalog = options.prefix ? join(top, options.prefix) : top;
  mkdirSync(catalog, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: top, encoding: 'utf8', maxBuffer: 1 << 30, env: gitEnv() }).trim();
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test Author');
  git('config', 'user.email', 'test@tongbiao.invalid');
  git('config', 'gc.auto', '0');
  git('config', 'commit.gpgsign', 'false');
  const abs = (path: string) => join(catalog, path);
  const repo: TempGitCatalog = {
    top,
    catalog,
    write(path, content) {
      mkdirSync(dirname(abs(path)), { recursive: true });
      writeFileSync(abs(path), content);
    },
    writeAll(files) {
      for (const [path, content] of Object.entries(files)) repo.write(path, content);
    },
    remove(path) {
      rmSync(abs(path), { recursive: true, force: true });
    },
    rename(from, to) {
      mkdirSync(dirname(abs(to)), { recursive: true });
      renameSync(abs(from), abs(to));
    },
    symlink(path, target) {
      mkdirSync(dirname(abs(path)), { recursive: true });
      symlinkSync(target, abs(path));
    },
    commit(message, opts = {}) {
      git('add', '-A');
      const env = {
        ...gitEnv(),
        GIT_AUTHOR_NAME: opts.author ?? 'Test Author',
        GIT_AUTHOR_EMAIL: opts.email ?? 'test@tongbiao.invalid',
        ...(opts.date ? { GIT_AUTHOR_DATE: opts.date, GIT_COMMITTER_DATE: opts.date } : {}),
      };
      const args = ['commit', '-q', '--no-verify', '-m', message];
      if (opts.allowEmpty) args.push('--allow-empty');
      execFileSync('git', args, { cwd: top, env });
      return git('rev-parse', 'HEAD');
    },
    git,
    head: () => git('rev-parse', 'HEAD'),
    cleanup() {
      rmSync(top, { recursive: true, force: true });
    },
  };
  if (options.files) repo.writeAll(options.files);
  if (options.commit) repo.commit(options.commit);
  return repo;
}

/** The environment without variables that would point git at another repository (e.g. when run from a hook). */
function gitEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_COMMON_DIR']) delete env[name];
  return env;
}

// ---- catalog content ----------------------------------------------------------------------------------

export const TONGBIAO_YAML = 'formatVersion: 1\n';

export function regionYaml(code: string, name: string, level: Level): string {
  return stringify({ code, name, level });
}

/** A 公共服务 catalogCode: `0020` + 5-digit main + `000`. */
export function catalogCodeFor(n: number): string {
  return '0020' + String(n).padStart(5, '0') + '000';
}

export interface ItemOptions {
  catalogCode: string;
  /** the region the file lives in (for the credit code and taskCode) */
  region: string;
  level: Level;
  name?: string;
  /** top-level keys to replace (undefined deletes the key) */
  set?: Record<string, unknown>;
}

/** A plain item that breaks no file rule; `set` changes what a test needs. */
export function itemData(options: ItemOptions): Record<string, unknown> {
  const { catalogCode, region, level } = options;
  const creditCode = makeCreditCode('11', region, 'MB' + catalogCode.slice(6, 12));
  const item: Record<string, unknown> = {
    catalogCode,
    name: options.name ?? `测试事项${catalogCode.slice(4, 9)}办理`,
    type: '公共服务',
    basis: [{ law: '《中华人民共和国社会保险法》', article: '第十九条' }],
    useLevel: ['省级', '市级', '县级'],
    taskCode: creditCode + LEVEL_DIGIT[level] + catalogCode,
    dept: { name: `${region}人力资源和社会保障局`, creditCode, nature: '法定机关' },
    serviceObjects: ['自然人'],
    caseType: '承诺件',
    statutoryLimit: { days: 45, unit: '工作日' },
    promisedLimit: { days: 15, unit: '工作日' },
    visits: 1,
    visitsReason: '需现场核验身份',
    conditions: '参保人员跨统筹地区就业并办理转移接续',
    materials: [
      { name: '居民身份证', necessity: '必要', form: '原件', medium: '纸质', copies: 1, source: '申请人自备' },
      { name: '参保缴费凭证', necessity: '必要', form: '复印件', medium: '纸质或电子', copies: 1, source: '政府部门核发' },
    ],
    steps: [
      { name: '受理', days: 1 },
      { name: '审核', days: 10 },
      { name: '办结', days: 4 },
    ],
    fee: { charged: false },
    handlingForms: ['窗口办理', '网上办理'],
    onlineDepth: 3,
    handleArea: '全市通办',
    places: [{ address: `${region}市民之家二楼`, hours: '工作日 9:00-12:00 13:30-17:00' }],
    consultPhone: '027-12345678',
    result: { type: '其他', name: '参保缴费凭证' },
  };
  for (const [key, value] of Object.entries(options.set ?? {})) {
    if (value === undefined) delete item[key];
    else item[key] = value;
  }
  return item;
}

export function itemYaml(options: ItemOptions): string {
  return stringify(itemData(options));
}

/** A region in a small test catalog: its catalog-relative folder and level. */
export interface TestRegion {
  code: string;
  name: string;
  level: Level;
  dir: string;
}

export const SMALL_REGIONS: TestRegion[] = [
  { code: '420000', name: '湖北省', level: '省级', dir: '420000' },
  { code: '420100', name: '武汉市', level: '市级', dir: '420000/420100' },
  { code: '420102', name: '江岸区', level: '县级', dir: '420000/420100/420102' },
  { code: '429004', name: '仙桃市', level: '县级', dir: '420000/429004' },
];

export function itemPath(region: TestRegion, catalogCode: string): string {
  return `${region.dir}/items/${catalogCode}.yaml`;
}

/**
 * A small valid catalog: a province with `items` baseline items, a city and two counties that claim
 * all of them unchanged (so nothing differs until a test changes something).
 */
export function smallCatalog(items = 3, regions: TestRegion[] = SMALL_REGIONS): Record<string, string> {
  const files: Record<string, string> = { 'tongbiao.yaml': TONGBIAO_YAML };
  for (const region of regions) {
    files[`${region.dir}/region.yaml`] = regionYaml(region.code, region.name, region.level);
    for (let n = 1; n <= items; n++) {
      const catalogCode = catalogCodeFor(n);
      files[itemPath(region, catalogCode)] = itemYaml({ catalogCode, region: region.code, level: region.level });
    }
  }
  return files;
}

/** A province with `cities` cities of `countiesPerCity` counties each; every region has the same `items` items. */
export function bigRegions(cities: number, countiesPerCity: number): TestRegion[] {
  const regions: TestRegion[] = [{ code: '420000', name: '湖北省', level: '省级', dir: '420000' }];
  for (let c = 1; c <= cities; c++) {
    const city = `42${String(c).padStart(2, '0')}00`;
    const cityDir = `420000/${city}`;
    regions.push({ code: city, name: `第${c}市`, level: '市级', dir: cityDir });
    for (let k = 1; k <= countiesPerCity; k++) {
      const county = `${city.slice(0, 4)}${String(k + 1).padStart(2, '0')}`;
      regions.push({ code: county, name: `第${c}市第${k}区`, level: '县级', dir: `${cityDir}/${county}` });
    }
  }
  return regions;
}
