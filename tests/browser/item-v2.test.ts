// The v2 item page in Chromium, on the v2 test catalog (tests/web/item-catalog.ts): the national forms' groups and
// handling items read the same with JavaScript off (sections, open <details>, anchors), links lead to the element a
// discrepancy is about, a blank form downloads under its own name, search works as a plain form, and axe-core finds
// no serious or critical violation on the item, township, search and overview pages, in Chinese and English.
import { rmSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CODE, startItemServer, SUSPENDED, type ItemServer } from '../web/item-catalog.js';
import { haveChromium, launchChromium, shot, violations } from './harness.js';

let s: ItemServer;
const problems: string[] = [];
const opened: { context: BrowserContext; dir: string }[] = [];
beforeAll(async () => {
  s = await startItemServer();
});
afterAll(async () => {
  for (const { context, dir } of opened) {
    await context.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  await s?.close();
});

/** A browser signed in as the fixture's reviewer (its session cookie), with or without JavaScript. */
async function signedIn(javaScriptEnabled = true): Promise<BrowserContext> {
  const launched = await launchChromium(problems, { javaScriptEnabled });
  opened.push(launched);
  const [name, value] = s.cookie.split('=') as [string, string];
  await launched.context.addCookies([{ name, value, url: s.url }]);
  return launched.context;
}

const GROUPS = ['基本信息', '受理条件与材料', '办理流程与时限', '办理渠道', '结果'];

describe.skipIf(!haveChromium)('v2 item page in Chromium', () => {
  test('without JavaScript: every group, both handling items open with their elements, lifecycle, links that work', async () => {
    const page = await (await signedIn(false)).newPage();
    await page.goto(s.url + `items/420102/${CODE}`);
    expect(await page.locator('#compare section.element-group > h3').allTextContents()).toEqual([...GROUPS, '业务办理项']);
    for (const id of ['h-01', 'h-02']) {
      const details = page.locator(`details#${id}`);
      expect(await details.getAttribute('open')).toBe('');
      expect(await details.locator('table.compare').isVisible()).toBe(true);
    }
    expect(await page.locator('#h-01-conditions .inherited').first().isVisible()).toBe(true);
    expect(await page.locator('.facts').textContent()).toContain('事项状态在用');
    // the discrepancy inside handling item 02 leads to its row (a plain anchor)
    await page.locator('#discrepancies a[href="#h-02-materials"]').first().click();
    expect(new URL(page.url()).hash).toBe('#h-02-materials');
    expect(await page.locator('#h-02-materials').isVisible()).toBe(true);
    // the group links are anchors too
    await page.locator('nav.groups a', { hasText: '办理渠道' }).click();
    expect(new URL(page.url()).hash).toBe('#g-channels');
    await shot(page, 'item-v2-nojs', true);
    // search is a plain GET form
    await page.goto(s.url + 'search');
    await page.fill('input[name="q"]', '社区居民');
    await Promise.all([page.waitForURL(/\/search\?q=/), page.click('form[role="search"] button[type="submit"]')]);
    expect(await page.locator('.search-results mark').first().textContent()).toBe('社区居民');
    await page.locator('.search-results a.hit-name').first().click();
    expect(new URL(page.url()).pathname).toBe(`/items/420102001001/${CODE}`);
  });

  test('with JavaScript: a blank form downloads under its own name; a handling item folds; a suspended item says so', async () => {
    const page = await (await signedIn()).newPage();
    await page.goto(s.url + `items/420102/${CODE}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#el-materials td.val').first().locator('.file-links a').first().click()]);
    expect(download.suggestedFilename()).toBe('养老保险关系转移申请表.docx');
    await page.locator('details#h-01 > summary').click();
    expect(await page.locator('details#h-01').getAttribute('open')).toBeNull();
    expect(await page.locator('#h-01-conditions').isVisible()).toBe(false);
    await page.goto(s.url + `items/420102/${SUSPENDED}`);
    expect(await page.locator('.page-head .lifecycle').textContent()).toBe('暂停');
    expect(await page.locator('p.notice').allTextContents()).toContain('该事项已暂停办理。');
    expect(problems).toEqual([]);
  });

  test('no serious or critical axe-core violation on the v2 pages', async () => {
    const page = await (await signedIn()).newPage();
    const found: string[] = [];
    for (const path of [
      `items/420102/${CODE}`,
      `items/420102/${CODE}?lang=en`,
      `items/420102001/${CODE}`,
      `items/420102001001/${CODE}`,
      `items/420102/${SUSPENDED}`,
      'search?q=养老',
      'search?q=社区居民&lang=en',
      '?lang=zh',
    ]) {
      await page.goto(s.url + path);
      for (const v of await violations(page)) found.push(`/${path}: ${v}`);
    }
    expect(found.join('\n')).toBe('');
  });
});
