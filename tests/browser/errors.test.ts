// Every error a reviewer causes is shown where they clicked, in Chromium, with JavaScript (htmx) and without:
// a reason of blanks (400), a form whose security token no longer matches (403), a session that ended (401),
// a discrepancy that changed since the form was opened (409). Before static/app.js, htmx 2 swapped nothing
// for a 4xx answer and the click did nothing at all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { haveChromium, row, shot, startReview, type Review } from './harness.js';

const ITEM = '002000102000'; // 社会保障卡申领
const COUNTY_FILE = `420000/420100/420102/items/${ITEM}.yaml`;
const KEY = `420102/${ITEM}#/steps/@制卡/days`;
const KEY2 = `420102/${ITEM}#/steps/@发卡/days`;

let review: Review;
beforeAll(async () => {
  review = await startReview();
});
afterAll(async () => {
  await review?.close();
});

/** Problems other than the 4xx answers these tests cause on purpose (Chromium logs each as a console error). */
const unexpected = () => review.problems.filter((p) => !/status of 4\d\d/.test(p));

async function openForm(page: Page, key: string): Promise<void> {
  await page.goto(review.url + `items/420102/${ITEM}`);
  await row(page, key).locator('a.decide-link').click();
  await expect.poll(() => row(page, key).locator('textarea[name="reason"]').count()).toBe(1);
}

describe.skipIf(!haveChromium)('errors are shown where the person clicked', () => {
  test('htmx: 400 (a reason of blanks) comes back in the row with the message', async () => {
    const page = await (await review.browser()).newPage();
    await review.login(page, 'jiangan');
    await openForm(page, KEY);
    await row(page, KEY).locator('textarea[name="reason"]').fill('   ');
    await row(page, KEY).locator('button[value="accepted"]').click();
    await expect.poll(() => row(page, KEY).locator('[role="alert"]').textContent()).toBe('请填写理由或意见。');
    expect(await row(page, KEY).locator('textarea[name="reason"]').count()).toBe(1);
    await row(page, KEY).scrollIntoViewIfNeeded();
    await shot(page, 'error-400-htmx');
    expect(unexpected()).toEqual([]);
  });

  test('htmx: 403 (the security token no longer matches) in the row', async () => {
    const page = await (await review.browser()).newPage();
    await review.login(page, 'jiangan');
    await openForm(page, KEY);
    await page.evaluate(() => document.body.setAttribute('hx-headers', JSON.stringify({ 'X-CSRF-Token': 'stale' })));
    await page.locator(`tr[data-key="${KEY}"] input[name="_csrf"]`).first().evaluate((input) => ((input as HTMLInputElement).value = 'stale'));
    await row(page, KEY).locator('textarea[name="reason"]').fill('本区即时制卡');
    await row(page, KEY).locator('button[value="accepted"]').click();
    await expect.poll(() => row(page, KEY).locator('[role="alert"]').textContent()).toContain('表单已失效');
    expect(await row(page, KEY).locator('textarea[name="reason"]').inputValue()).toBe('本区即时制卡');
    expect(unexpected()).toEqual([]);
  });

  test('htmx: 401 (the session ended) is said before the form, with a link to sign in again', async () => {
    const context = await review.browser();
    const page = await context.newPage();
    await review.login(page, 'jiangan');
    await openForm(page, KEY);
    await context.clearCookies();
    await row(page, KEY).locator('textarea[name="reason"]').fill('本区即时制卡');
    await row(page, KEY).locator('button[value="accepted"]').click();
    const alert = row(page, KEY).locator('.js-error[role="alert"]');
    await expect.poll(() => alert.textContent()).toContain('未登录或登录已过期');
    expect(await alert.locator('a').getAttribute('href')).toMatch(/^\/login\?next=%2Fitems%2F420102%2F/);
    // the form and what was typed are still there
    expect(await row(page, KEY).locator('textarea[name="reason"]').inputValue()).toBe('本区即时制卡');
    await row(page, KEY).scrollIntoViewIfNeeded();
    await shot(page, 'error-401-htmx');
    expect(unexpected()).toEqual([]);
  });

  test('htmx: 409 (changed since the form was opened) comes back in the row with the new state', async () => {
    const page = await (await review.browser()).newPage();
    await review.login(page, 'jiangan');
    await openForm(page, KEY2);
    const before = await row(page, KEY2).locator('input[name="fingerprint"]').inputValue();
    const yaml = readFileSync(join(review.repo.catalog, COUNTY_FILE), 'utf8');
    review.repo.write(COUNTY_FILE, yaml.replace(/\{ name: 发卡, days: (\d+) \}/, (_, d) => `{ name: 发卡, days: ${Number(d) + 3} }`));
    review.repo.commit('江岸区：发卡时限调整');
    review.sync();
    await row(page, KEY2).locator('textarea[name="reason"]').fill('请与市级一致');
    await row(page, KEY2).locator('button[value="fix-requested"]').click();
    await expect.poll(() => row(page, KEY2).locator('[role="alert"]').textContent()).toContain('已发生变化');
    // the answered row carries the current fingerprint: deciding again now works
    expect(await row(page, KEY2).locator('input[name="fingerprint"]').inputValue()).not.toBe(before);
    expect(await row(page, KEY2).locator('textarea[name="reason"]').inputValue()).toBe('请与市级一致');
    await row(page, KEY2).locator('button[value="fix-requested"]').click();
    await expect.poll(() => row(page, KEY2).getAttribute('class')).toContain('status-decided');
    expect(unexpected()).toEqual([]);
  });

  test('without JavaScript: the message on the page the form posted to', async () => {
    const page = await (await review.browser({ javaScriptEnabled: false })).newPage();
    await review.login(page, 'jiangan');
    await page.goto(review.url + `decide?key=${encodeURIComponent(KEY)}&view=item`);
    await row(page, KEY).locator('textarea[name="reason"]').fill('   ');
    await row(page, KEY).locator('button[value="comment"]').click();
    await page.waitForLoadState();
    // the same page again: the message in the row, the form still there to correct
    expect(await row(page, KEY).locator('[role="alert"]').textContent()).toBe('请填写理由或意见。');
    expect(await row(page, KEY).locator('textarea[name="reason"]').count()).toBe(1);
    await shot(page, 'error-400-nojs');
  });
});
