// The review UI's workbooks over real HTTP (a listening server, node:http requests with a session cookie), each
// opened with exceljs and checked cell by cell: the queue's xlsx twin has exactly the rows its CSV twin has
// under the same filters; a region's 实施清单 and the whole catalog (officer/admin only, checked on the
// server); all streamed in chunks (no Content-Length: nothing is built whole before it is sent); the pages
// link to them.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from '../../src/exchange/exceljs.js';
import { XLSX_TYPE } from '../../src/web/routes/export.js';
import { httpGet as httpGetFrom, servedApp } from './seed.js';

const MANY = 3_000;
let t: Awaited<ReturnType<typeof servedApp>>;
// a few thousand more discrepancies in 江岸区, so the downloads come in many chunks
beforeAll(async () => {
  t = await servedApp(MANY);
}, 120_000);
afterAll(() => t?.close());

type Who = keyof typeof t.sessions | undefined;

const httpGet = (path: string, who: Who) => httpGetFrom(t.server.url, path, who ? { Cookie: t.sessions[who].cookie } : {});

/** A workbook download over HTTP, opened with exceljs: each sheet's rows as plain values (header row first). */
async function workbook(path: string, who: Who): Promise<Map<string, unknown[][]>> {
  const res = await httpGet(path, who);
  expect(res.status, res.body.toString().slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX_TYPE);
  expect(res.headers['content-length']).toBeUndefined();
  expect(res.headers['transfer-encoding']).toBe('chunked');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.body as unknown as ArrayBuffer);
  const sheets = new Map<string, unknown[][]>();
  book.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => v ?? null)));
    sheets.set(sheet.name, rows);
  });
  return sheets;
}

/** The CSV twin's rows (header first) over HTTP; our keys hold no comma or quote, so a plain split does. */
async function csv(path: string, who: Who): Promise<string[][]> {
  const res = await httpGet(path, who);
  expect(res.status).toBe(200);
  return res.body.toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n$/, '').split('\r\n').map((line) => line.split(','));
}

describe('/queue.xlsx: the CSV twin as a workbook', () => {
  test.each([
    ['region=420102', 'jiangan'],
    ['region=420102&kind=review&status=open', 'jiangan'],
    ['region=420100&scope=self', 'wuhan'],
    ['region=', 'admin'],
  ] as const)('?%s has exactly the CSV rows', async (query, who) => {
    const sheets = await workbook(`/queue.xlsx?${query}`, who);
    const rows = sheets.get('差异')!;
    const twin = await csv(`/queue?${query}&format=csv`, who);
    expect(rows[0]).toEqual(twin[0]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(twin.slice(1).map((r) => r[0]));
    expect(rows.length).toBeGreaterThan(1);
  });

  test('a value in its cell as the CSV shows it, codes as text', async () => {
    const rows = (await workbook('/queue.xlsx?region=420102&scope=self', 'jiangan')).get('差异')!;
    const header = rows[0] as string[];
    const row = rows.find((r) => r[header.indexOf('catalogCode')] === '100000001234')!;
    expect(row[header.indexOf('ours')]).toBe('条件1234');
    expect(row[header.indexOf('region')]).toBe('420102');
  });

  test('the whole queue is an officer’s or an admin’s; a reviewer without a region gets their own, as in the CSV', async () => {
    expect((await httpGet('/queue.xlsx?region=', 'jiangan')).status).toBe(403);
    expect((await httpGet('/queue.xlsx?region=', 'wuhan')).status).toBe(200);
    const own = (await workbook('/queue.xlsx', 'jiangan')).get('差异')!;
    expect(new Set(own.slice(1).map((r) => r[1]))).toEqual(new Set(['420102']));
    expect((await httpGet('/queue.xlsx?region=420102', undefined)).status).toBe(401);
    expect((await httpGet('/queue.xlsx?region=429999', 'admin')).status).toBe(404);
    expect((await httpGet('/queue.xlsx?kind=nope', 'admin')).status).toBe(400);
  });
});

describe('/export.xlsx over HTTP', () => {
  test("a region's list: the items of its subtree, 基本编码 as text", async () => {
    const sheets = await workbook('/export.xlsx?region=420100&scope=subtree', 'jiangan');
    const items = sheets.get('事项')!;
    expect(items[0]!.slice(0, 2)).toEqual(['区划代码', '基本编码']);
    expect(items.slice(1).map((r) => r[0]).sort()).toEqual(['420100', '420100', '420100', '420102', '420106']);
    expect(items.slice(1).every((r) => typeof r[1] === 'string' && /^\d{12}$/.test(r[1] as string))).toBe(true);
    expect(sheets.get('区划')!.slice(1).map((r) => r[0])).toEqual(['420000', '420100', '420102', '420106']);
  });

  test('the whole catalog for an officer and an admin, refused to a reviewer and to nobody', async () => {
    expect((await workbook('/export.xlsx', 'wuhan')).get('事项')!.length - 1).toBe(10);
    expect((await workbook('/export.xlsx', 'admin')).get('事项')!.length - 1).toBe(10);
    expect((await httpGet('/export.xlsx', 'jiangan')).status).toBe(403);
    expect((await httpGet('/export.xlsx', undefined)).status).toBe(401);
  });
});

describe('links', () => {
  test('the queue links its xlsx twin with its filters; coverage its region list; the dashboard the whole catalog for an officer only', async () => {
    const queue = (await httpGet('/queue?region=420102&kind=review', 'jiangan')).body.toString();
    expect(queue).toContain('href="/queue.xlsx?region=420102&amp;kind=review"');
    const coverage = (await httpGet('/coverage?region=420100', 'jiangan')).body.toString();
    expect(coverage).toContain('href="/export.xlsx?region=420100&amp;scope=subtree"');
    expect((await httpGet('/', 'wuhan')).body.toString()).toContain('href="/export.xlsx"');
    expect((await httpGet('/', 'jiangan')).body.toString()).not.toContain('href="/export.xlsx"');
  });
});
