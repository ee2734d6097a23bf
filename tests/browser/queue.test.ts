// The queue in Chromium: a reviewer lands on its own subtree (and can widen it), the 「整个事项」 facet filters,
// a decision made in place updates the facet counts (htmx out-of-band swap), and without JavaScript a decided
// row that leaves the page is confirmed.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { haveChromium, JIANGAN_SUBTREE, row, shot, startReview, type Review } from './harness.js';

let review: Review;
beforeAll(async () => {
  review = await startReview();
});
afterAll(async () => {
  await review?.close();
});

/** The count beside a facet value, 0 when the value is not listed. */
async function facetCount(page: Page, label: string): Promise<number> {
  const link = page.locator('#facets .facet a', { has: page.locator(`span:text-is("${label}")`) });
  return (await link.count()) === 0 ? 0 : Number(await link.first().locator('.count').textContent());
}

describe.skipIf(!haveChromium)('queue', () => {
  test('a reviewer lands on its own subtree, with a link to the whole province', async () => {
    const page = await (await review.browser()).newPage();
    await review.login(page, 'jiangan');
    await page.goto(review.url + 'queue');
    const regions = await page.locator('tbody tr.disc .c-item .small').allTextContents();
    expect(regions.length).toBeGreaterThan(0);
    expect(regions.every((text) => JIANGAN_SUBTREE.some((name) => text.includes(name)))).toBe(true);
    expect(await page.locator('tr.disc', { hasText: '无权处理' }).count()).toBe(0);
    expect(await page.locator('select[name="region"]').inputValue()).toBe('420102');
    await shot(page, 'queue-own-region');
    await Promise.all([page.waitForURL(/region=420000/), page.getByRole('link', { name: '查看全部（湖北省）' }).click()]);
    expect(await page.locator('tr.disc', { hasText: '无权处理' }).count()).toBeGreaterThan(0);
  });

  test('the 「整个事项」 facet filters the queue to the whole-item discrepancies', async () => {
    const page = await (await review.browser()).newPage();
    await review.login(page, 'admin');
    await page.goto(review.url + 'queue');
    const count = await facetCount(page, '整个事项');
    expect(count).toBeGreaterThan(0);
    await Promise.all([page.waitForURL(/field=-/), page.locator('#facets a', { hasText: '整个事项' }).click()]);
    expect(await page.locator('tbody tr.disc').count()).toBe(Math.min(count, 50));
    const paths = await page.locator('tbody tr.disc .c-field .code').allTextContents();
    expect(paths.every((p) => p === '/')).toBe(true);
  });

  test('a decision made in place updates the facet counts', async () => {
    const page = await (await review.browser()).newPage();
    await review.login(page, 'jiangan');
    await page.goto(review.url + 'queue?region=420102&kind=review');
    const openBefore = await facetCount(page, '待审');
    const decidedBefore = await facetCount(page, '已处理');
    const first = page.locator('tr.disc:has(a.decide-link)').first();
    const key = (await first.getAttribute('data-key'))!;
    await row(page, key).locator('a.decide-link').click();
    await row(page, key).locator('textarea[name="reason"]').fill('本区已核实');
    await row(page, key).locator('button[value="accepted"]').click();
    await expect.poll(() => row(page, key).getAttribute('class')).toContain('status-decided');
    await expect.poll(() => facetCount(page, '待审')).toBe(openBefore - 1);
    expect(await facetCount(page, '已处理')).toBe(decidedBefore + 1);
    await shot(page, 'queue-facets-after-decision');
    expect(review.problems).toEqual([]);
  });

  test('without JavaScript a decided row that leaves the page is confirmed', async () => {
    const page = await (await review.browser({ javaScriptEnabled: false })).newPage();
    await review.login(page, 'jiangan');
    await page.goto(review.url + 'queue?status=open&kind=review');
    const first = page.locator('tr.disc:has(a.decide-link)').first();
    const key = (await first.getAttribute('data-key'))!;
    const item = (await first.locator('.c-item a').textContent())!;
    await Promise.all([page.waitForURL(/\/decide\?/), row(page, key).locator('a.decide-link').click()]);
    await row(page, key).locator('textarea[name="reason"]').fill('已核实');
    await Promise.all([page.waitForURL(/saved=/), row(page, key).locator('button[value="comment"]').click()]);
    // a comment leaves the row open, and the queue shows it
    expect(await row(page, key).locator('details.history summary').textContent()).toBe('处理记录 (1)');
    await row(page, key).locator('details.history summary').click();
    expect(await row(page, key).locator('details.history').textContent()).toContain('已核实');
    await Promise.all([page.waitForURL(/\/decide\?/), row(page, key).locator('a.decide-link').click()]);
    await row(page, key).locator('textarea[name="reason"]').fill('认可');
    await Promise.all([page.waitForURL(/saved=/), row(page, key).locator('button[value="accepted"]').click()]);
    expect(await row(page, key).count()).toBe(0); // no longer 待审
    const notice = await page.locator('.notice[role="status"]').textContent();
    expect(notice).toContain(`已保存：${item}`);
    expect(notice).toContain('认可为本地差异');
    await shot(page, 'queue-saved-nojs');
  });
});
