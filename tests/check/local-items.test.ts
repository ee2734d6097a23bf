// level-local through the check pipeline: an item a city establishes itself (region.yaml localItems) is
// `local` (info) in that city and in a county below it that copied it; without the listing it is `unknown`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { fsSource } from '../../src/catalog/source-fs.js';
import { checkCatalog } from '../../src/check/check.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { readTree } from '../helpers/files.js';

const LOCAL = '420100999000';
const CITY_ITEM = `420000/420100/items/${LOCAL}.yaml`;
const COUNTY_ITEM = `420000/420100/420102/items/${LOCAL}.yaml`;

let dir: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tongbiao-local-'));
  for (const [path, text] of readTree(join(PACKAGE_ROOT, 'catalog-yaml'))) write(path, text);
  const item = readFileSync(join(dir, '420000/420100/items/000100101000.yaml'), 'utf8').replace(/catalogCode: "000100101000"/, `catalogCode: "${LOCAL}"`);
  write(CITY_ITEM, item);
  write(COUNTY_ITEM, item);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function kindsOf(code: string): Promise<Array<[string, string, string]>> {
  const { discrepancies, findings } = await checkCatalog(await loadCatalog(fsSource(dir)));
  const local = findings.filter((f) => f.catalogCode === code && f.rule.startsWith('level-') && f.path === '');
  expect(local.every((f) => f.severity === (f.rule === 'level-local' ? 'info' : 'error'))).toBe(true);
  return discrepancies.filter((d) => d.catalogCode === code && d.path === '').map((d): [string, string, string] => [d.region, d.kind, d.rule]).sort();
}

describe('level-local', () => {
  it('an item listed in the city region.yaml localItems is local in the city and in a county that copied it', async () => {
    const region = join(dir, '420000/420100/region.yaml');
    const text = readFileSync(region, 'utf8');
    // the demo's 武汉市 lists an item of its own already: this one joins the list
    const listed = text.replace(/^localItems: \[/m, `localItems: ["${LOCAL}", `);
    expect(listed).not.toBe(text);
    writeFileSync(region, listed);
    expect(await kindsOf(LOCAL)).toEqual([
      ['420100', 'local', 'level-local'],
      ['420102', 'local', 'level-local'],
    ]);
  });

  it('without the listing it is unknown (an error)', async () => {
    expect(await kindsOf(LOCAL)).toEqual([
      ['420100', 'unknown', 'level-unknown'],
      ['420102', 'unknown', 'level-unknown'],
    ]);
  });
});
