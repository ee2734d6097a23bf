// /export.xlsx: the workbook of a region's list, of a subtree, or (officer, admin) of the whole catalog, streamed
// from the store. Happy paths read the download back with the importer's own reader; errors and security: a
// reviewer may not take the whole catalog, an unknown region is a 404, a logged-out visitor gets nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readAll } from '../../exchange/helpers.js';
import { XLSX_TYPE } from '../../../src/web/routes/export.js';
import { recordSync, testApp } from '../seed.js';

let t: Awaited<ReturnType<typeof testApp>>;
const dir = mkdtempSync(join(tmpdir(), 'tongbiao-web-export-'));
beforeAll(async () => {
  t = await testApp();
  await recordSync(t.store);
}, 120_000);
afterAll(() => {
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, who: keyof typeof t.sessions | undefined) =>
  t.app.request(url, { headers: who ? { Cookie: t.sessions[who].cookie } : {} });

/** The downloaded workbook as the importer reads it. */
async function download(url: string, who: keyof typeof t.sessions) {
  const res = await get(url, who);
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toBe(XLSX_TYPE);
  expect(res.headers.get('Content-Disposition')).toMatch(/^attachment; filename="tongbiao-[\w-]+\.xlsx"$/);
  const file = join(dir, `${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return readAll(file);
}


describe('export.xlsx: happy', () => {
  test("a region's own list, with its ancestors in the 区划 sheet", async () => {
    const input = await download('/export.xlsx?region=420102', 'jiangan');
    expect(input.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(input.items.map((i) => `${i.region}/${i.catalogCode}`)).toEqual(['420102/002000101000']);
    expect(input.items[0]!.item).toMatchObject({ catalogCode: '002000101000', visits: 2, promisedLimit: { days: 12, unit: '工作日' } });
    expect(input.regions.map((r) => r.code)).toEqual(['420000', '420100', '420102']);
  });

  test('a subtree', async () => {
    const input = await download('/export.xlsx?region=420100&scope=subtree', 'wuhan');
    expect(new Set(input.items.map((i) => i.region))).toEqual(new Set(['420100', '420102', '420106']));
    expect(input.items).toHaveLength(5);
  });

  test('the whole catalog for an officer, every item in region order', async () => {
    const input = await download('/export.xlsx', 'wuhan');
    expect(input.items).toHaveLength(10);
    expect(input.items.map((i) => i.region)).toEqual([...input.items.map((i) => i.region)].sort());
  });
});

describe('export.xlsx: errors', () => {
  test('an unknown region is a 404, a bad scope a 400', async () => {
    expect((await get('/export.xlsx?region=429999', 'admin')).status).toBe(404);
    expect((await get('/export.xlsx?region=420100&scope=all', 'admin')).status).toBe(400);
  });
});

describe('export.xlsx: security', () => {
  test('a reviewer may not take the whole catalog', async () => {
    expect((await get('/export.xlsx', 'jiangan')).status).toBe(403);
  });

  test('nothing without a login', async () => {
    const res = await get('/export.xlsx?region=420102', undefined);
    expect(res.status).not.toBe(200);
    expect(res.headers.get('Content-Type')).not.toBe(XLSX_TYPE);
  });
});
