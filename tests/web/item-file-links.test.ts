// The item page links a file reference's https:// address exactly when the file-ref rule accepts it: both ask
// rules/file-ref.ts isHttpsUrl. Before, the page had a pattern of its own and linked `https:///a.pdf` (no host),
// which the rule reports. Over real HTTP, on the seeded database with the item's resultSample set to each address.
import { eq, and } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fileRef } from '../../src/rules/file-ref.js';
import { items } from '../../src/store/schema.js';
import { check, withItem } from '../helpers/item.js';
import { CODE_PENSION, httpGet, pensionItem, recordSync, servedApp } from './seed.js';

let s: Awaited<ReturnType<typeof servedApp>>;
beforeAll(async () => {
  s = await servedApp(0);
});
afterAll(async () => {
  await s?.close();
});

const REFS = [
  'https://zwfw.hubei.gov.cn/样本.pdf',
  'https://zwfw.hubei.gov.cn',
  'https:///a.pdf',
  'https://',
  'https://zwfw.hubei.gov.cn/a b.pdf',
  'HTTPS://zwfw.hubei.gov.cn/a.pdf',
  'http://zwfw.hubei.gov.cn/a.pdf',
  'javascript://zwfw.hubei.gov.cn/%0aalert(1)',
];

describe('file reference links', () => {
  test.each(REFS)('%s is linked exactly when the file-ref rule accepts it', async (ref) => {
    await s.store.db.update(items).set({ body: pensionItem({ resultSample: ref }) }).where(and(eq(items.region, '420102'), eq(items.catalogCode, CODE_PENSION)));
    await recordSync(s.store); // a new data version: the page is rendered again
    const page = await httpGet(s.server.url, `/items/420102/${CODE_PENSION}`, { Cookie: s.sessions.jiangan.cookie });
    expect(page.status).toBe(200);
    const html = page.body.toString();
    const accepted = check(fileRef, withItem({ resultSample: ref })).length === 0;
    // the reference is on the page either way: as a link, or as text
    expect(html).toContain(ref.replace(/&/g, '&amp;'));
    expect(html.includes(`href="${ref}"`), ref).toBe(accepted);
  });
});
