// The review UI's workbook export carries what region.yaml says, localItems included: a real sync of the demo
// catalog (with a city that establishes an item of its own) into a database, the app over it, /export.xlsx
// downloaded and read with the importer's reader, and imported into an empty folder by the CLI — the region
// file that comes back lists the same local items.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { DEMO, importJson, readAll, removeTempDirs, tempDir, v2Copy } from '../exchange/helpers.js';
import { syncedApp } from './seed.js';

const LOCAL = ['420100999000', '420100999001'];
let synced: Awaited<ReturnType<typeof syncedApp>>;
let cookie: string;
let app: Awaited<ReturnType<typeof syncedApp>>['app'];
beforeAll(async () => {
  const catalog = v2Copy(DEMO);
  const regionFile = join(catalog, '420000', '420100', 'region.yaml');
  // the demo's 武汉市 lists an item of its own: the test's list takes its place
  const region = readFileSync(regionFile, 'utf8');
  writeFileSync(regionFile, region.replace(/^localItems: .*$/m, `localItems: ${JSON.stringify(LOCAL)}`));
  expect(readFileSync(regionFile, 'utf8')).not.toBe(region);
  synced = await syncedApp(catalog, { name: 'wuhan', region: '420100', role: 'officer' });
  ({ app, cookie } = synced);
}, 180_000);
afterAll(() => {
  synced.cleanup();
  removeTempDirs();
});

describe('export.xlsx: the 区划 sheet', () => {
  test("lists a region's localItems, and they import back into region.yaml", async () => {
    const res = await app.request('/export.xlsx?region=420100&scope=subtree', { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const file = join(tempDir('web-export'), 'wuhan.xlsx');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const input = await readAll(file);
    expect(input.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(input.regions.find((r) => r.code === '420100')?.data).toEqual({ code: '420100', name: '武汉市', level: '市级', localItems: LOCAL });
    expect(input.regions.find((r) => r.code === '420000')?.data.localItems).toBeUndefined();

    const target = join(tempDir('web-export'), 'imported');
    const imported = importJson(file, target);
    expect(imported.code, imported.stdout).toBe(0);
    expect(parse(readFileSync(join(target, '420000', '420100', 'region.yaml'), 'utf8'))).toEqual({ code: '420100', name: '武汉市', level: '市级', localItems: LOCAL });
  });
});
