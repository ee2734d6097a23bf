// The demo catalog's v2 showcase on the item page in Chromium, served with its catalog (files/): the township and
// village pages with their lineage, the item split into handling items (read with JavaScript off too), the blank form
// and the result sample opened from the page, a 暂停 and a 取消 baseline item, and the county that still holds the
// cancelled one; decisions that came from the regions' decisions.yaml (an accepted locked name, a fix request).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { haveChromium, shot, startReview, type Review } from './harness.js';

const PENSION = '002000101000'; // 城镇职工基本养老保险关系转移接续: 江岸区 splits it into handling items
const FOOD = '000100101000'; // 食品经营许可: a blank form, and 武汉市's result sample
const SUSPENDED = '000100112000'; // 城市建筑垃圾处置核准: 暂停 at the province and in 武汉市
const CANCELLED = '000100111000'; // 公章刻制业特种行业许可证核发: 取消 at the province, still held by 西陵区
const MARRIAGE = '000700102000'; // 结婚登记: 仙桃市 names it 内地居民结婚登记 (level-locked, accepted in its decisions.yaml)
const TEACHER = '000100104000'; // 教师资格认定: 武汉市 requested a fix of 武昌区's 学历证书 copies

let review: Review;
beforeAll(async () => {
  review = await startReview((repo) => ({ catalogDir: repo.catalog }));
});
afterAll(async () => {
  await review?.close();
});

describe.skipIf(!haveChromium)('the demo catalog\'s v2 elements on the item page', () => {
  test('handling items, read without JavaScript', async () => {
    const page = await (await review.browser({ javaScriptEnabled: false })).newPage();
    await review.login(page, 'jiangan');
    await page.goto(review.url + `items/420102/${PENSION}`);
    const handling = page.locator('#handling details.handling-item');
    expect(await handling.count()).toBeGreaterThanOrEqual(2);
    expect(await handling.first().locator('summary').textContent()).toContain('城镇职工基本养老保险关系转移接续（转入）');
    expect(await handling.first().locator('table.compare').isVisible()).toBe(true);
    expect(await page.locator('#compare section.element-group > h3').allTextContents()).toEqual(['基本信息', '受理条件与材料', '办理流程与时限', '办理渠道', '结果', '业务办理项']);
    await shot(page, 'item-demo-handling', true);
  });

  test('the township and the village: their pages, lineage and levels', async () => {
    const page = await (await review.browser()).newPage();
    await review.login(page, 'wuhan');
    await page.goto(review.url + 'items/420102001001/002000103000');
    expect(await page.locator('nav.crumbs a').allTextContents()).toEqual(['概览', '湖北省', '武汉市', '江岸区', '大智街道', '大智路社区']);
    expect(await page.locator('.facts').first().textContent()).toContain('村级');
    await page.goto(review.url);
    expect(await page.locator('table.tree tr.depth-3 a', { hasText: '大智街道' }).count()).toBe(1);
    expect(await page.locator('table.tree tr.depth-4 a', { hasText: '大智路社区' }).count()).toBe(1);
  });

  test('the blank form downloads and the result sample opens from the page', async () => {
    const page = await (await review.browser()).newPage();
    await review.login(page, 'wuhan');
    await page.goto(review.url + `items/420100/${FOOD}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#el-materials td.val').first().locator('.file-links a').first().click()]);
    expect(download.suggestedFilename()).toBe('食品经营许可申请书.docx');
    const sample = page.locator('#el-resultSample td.val').first().locator('.file-links a');
    const href = await sample.getAttribute('href');
    const response = await page.request.get(new URL(href!, review.url).href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
  });

  test('a suspended and a cancelled baseline item say so; the county still holding the cancelled one shows the discrepancy', async () => {
    const page = await (await review.browser()).newPage();
    await review.login(page, 'admin');
    await page.goto(review.url + `items/420100/${SUSPENDED}`);
    expect(await page.locator('.page-head .lifecycle').textContent()).toBe('暂停');
    await page.goto(review.url + `items/420000/${CANCELLED}`);
    expect(await page.locator('.page-head .lifecycle').textContent()).toBe('取消');
    expect(await page.locator('p.notice').allTextContents()).toContain('该事项已取消（计划取消日期 2027-01-01）。');
    await page.goto(review.url + `items/420502/${CANCELLED}`);
    expect(await page.locator('#el-status').getAttribute('class')).toMatch(/^differs kind-row-/);
    expect(await page.locator('#discrepancies a[href="#el-status"]').count()).toBe(1);
    expect(review.problems).toEqual([]);
  });

  test("decisions from git: 仙桃市's accepted name for 结婚登记, 武昌区's fix request with its patch", async () => {
    const page = await (await review.browser()).newPage();
    await review.login(page, 'admin');
    await page.goto(review.url + `items/429004/${MARRIAGE}`);
    expect(await page.locator('#el-name').getAttribute('class')).toMatch(/^differs kind-row-/);
    const accepted = await page.locator('main').textContent();
    expect(accepted).toContain('来自 git（decisions.yaml）');
    expect(accepted).toContain('民政部全国婚姻登记信息系统');
    await shot(page, 'item-demo-accepted', true);
    await page.goto(review.url + `items/420106/${TEACHER}`);
    const requested = await page.locator('main').textContent();
    expect(requested).toContain('要求整改');
    expect(requested).toContain('学历证书原件核验后当场退还');
    expect(review.problems).toEqual([]);
  });
});
