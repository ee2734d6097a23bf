// Reading a v1 catalog (spec §8): items through the v1→v2 mapping, positions in the v1 file, one format-version
// info, v2-only requirements off, and what the mapping cannot convert still valid. Checked on the v1 demo
// catalog and on small edits of it, through the real loader and check, and against `tongbiao migrate`'s result.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { fsSource } from '../../src/catalog/source-fs.js';
import type { Finding } from '../../src/catalog/types.js';
import { checkCatalog } from '../../src/check/check.js';
import { runCli } from '../helpers/cli.js';

const V1_DEMO = join(import.meta.dirname, '..', 'fixtures', 'v1-demo');
const ITEM = '420000/420100/420102/items/000100101000.yaml';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function demoCopy(): string {
  dir = mkdtempSync(join(tmpdir(), 'tongbiao-v1-'));
  const catalog = join(dir, 'catalog');
  cpSync(V1_DEMO, catalog, { recursive: true });
  return catalog;
}

async function findings(catalog: string): Promise<Finding[]> {
  return (await checkCatalog(await loadCatalog(fsSource(catalog)))).findings;
}

const edit = (catalog: string, file: string, from: string | RegExp, to: string) => {
  const text = readFileSync(join(catalog, file), 'utf8');
  const next = text.replace(from, to);
  expect(next, `${file}: ${String(from)}`).not.toBe(text);
  writeFileSync(join(catalog, file), next);
};

describe('format-version and the v1 reading', () => {
  it('reports a v1 catalog once, on tongbiao.yaml, as info; a v2 catalog not at all', async () => {
    const catalog = demoCopy();
    const reported = (await findings(catalog)).filter((f) => f.rule === 'format-version');
    expect(reported).toEqual([expect.objectContaining({ severity: 'info', file: 'tongbiao.yaml', line: 1, column: 1, path: '', region: '420000' })]);
    expect(reported[0]!.message.en).toContain('tongbiao migrate');
    edit(catalog, 'tongbiao.yaml', 'formatVersion: 1', 'formatVersion: 2');
    expect((await findings(catalog)).filter((f) => f.rule === 'format-version')).toEqual([]);
  });

  it('checks v1 items in their v2 reading, and locates findings at what the v1 file wrote', async () => {
    const catalog = demoCopy();
    edit(catalog, ITEM, /form: 原件\n/, 'form: 原件件\n');
    const text = readFileSync(join(catalog, ITEM), 'utf8');
    const schema = (await findings(catalog)).filter((f) => f.file === ITEM && f.rule === 'schema');
    expect(schema).toHaveLength(1);
    expect(schema[0]!.path).toMatch(/^\/materials\/\d+\/type$/);
    // The line is the v1 `form:` line the value came from.
    expect(text.split('\n')[schema[0]!.line - 1]).toContain('form: 原件件');
    expect(schema[0]!.message.zh).toContain('材料类型');
  });

  it('keeps what the mapping cannot convert valid, and the v2-only requirements off', async () => {
    const catalog = demoCopy();
    edit(catalog, ITEM, /handleArea: .*\n/, 'handleArea: 本市范围内通办\n');
    edit(catalog, ITEM, /nature: 法定机关\n/, 'nature: 其他\n');
    edit(catalog, ITEM, /result: .*\n/, '');
    const own = (await findings(catalog)).filter((f) => f.file === ITEM && !f.rule.startsWith('level-'));
    expect(own).toEqual([]);
    // The same file in a v2 catalog: each is an error (spec §8: only migrate turns them into errors).
    edit(catalog, 'tongbiao.yaml', 'formatVersion: 1', 'formatVersion: 2');
    const v2 = (await findings(catalog)).filter((f) => f.file === ITEM && f.rule === 'schema').map((f) => f.path);
    expect(v2).toEqual(expect.arrayContaining(['/handleArea', '/dept/nature', '/result']));
  });

  it('finds in the v1 demo what it finds after tongbiao migrate, apart from the v2-only requirements', async () => {
    const catalog = demoCopy();
    // The file rules on both readings, on injected errors (the cross-level findings of the whole demo are
    // compared before and after migrate in tests/cli/migrate.test.ts).
    const V2_ONLY = new Set(['format-version', 'power-source', 'credit-code-kind', 'online-visits', 'zero-visit-delivery', 'cancel-date']);
    const fileRules = (list: Finding[]) =>
      list.filter((f) => !V2_ONLY.has(f.rule) && !f.rule.startsWith('level-')).map((f) => `${f.file} ${f.rule} ${f.path} ${f.message.en}`).sort();
    // The demo's files are clean: give the file rules something to find, in renamed and unrenamed elements.
    edit(catalog, ITEM, 'promisedLimit: { days: 5, unit: 工作日 }', 'promisedLimit: { days: 50, unit: 工作日 }');
    edit(catalog, ITEM, 'consultPhone: "027-84425455"', 'consultPhone: "84425455"');
    edit(catalog, ITEM, 'creditCode: "1142010206746706X4"', 'creditCode: "1142010206746706X5"');
    edit(catalog, ITEM, /form: 复印件\n/, 'form: 影印件\n');
    edit(catalog, ITEM, '  - name: 授权委托书及代理人身份证明', '  - name: 食品经营许可申请书');
    edit(catalog, ITEM, /necessity: 非必要\n/, 'necessity: 可选\n');
    const before = await findings(catalog);
    expect(new Set(fileRules(before).map((f) => f.split(' ')[1]))).toEqual(new Set(['time-limit', 'phone', 'credit-code', 'task-code', 'schema', 'duplicate-entry']));
    const run = runCli(['migrate', '--catalog', catalog, '--lang', 'en']);
    expect(run.code, run.stderr).toBe(0);
    const after = await findings(catalog);
    expect(fileRules(after)).toEqual(fileRules(before));
  });
});
