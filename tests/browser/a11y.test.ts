// Accessibility in Chromium: axe-core (injected into each page) finds no serious or critical violation on any
// page, in Chinese and English, logged in and out; and a reviewer can decide a discrepancy by keyboard alone.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { haveChromium, row, shot, startReview, violations, type Review } from './harness.js';

const ITEM = '002000102000';
const KEY = `420102/${ITEM}#/steps/@制卡/days`;

let review: Review;
beforeAll(async () => {
  review = await startReview();
});
afterAll(async () => {
  await review?.close();
});

const PAGES = [
  '',
  'queue',
  'queue?region=420000&kind=review',
  `items/420102/${ITEM}`,
  `decide?key=${encodeURIComponent(KEY)}&view=item`,
  'coverage?region=420100',
  'audit',
  'queue?lang=en',
  `items/420102/${ITEM}?lang=en`,
  'items/420102/999999999999',
];

describe.skipIf(!haveChromium)('accessibility', () => {
  test('no serious or critical axe-core violation on any page', async () => {
    const context = await review.browser();
    const page = await context.newPage();
    const problems: string[] = [];
    await page.goto(review.url + 'login');
    for (const v of await violations(page)) problems.push(`login: ${v}`);
    await review.login(page, 'jiangan');
    for (const path of PAGES) {
      await page.goto(review.url + path);
      for (const v of await violations(page)) problems.push(`/${path}: ${v}`);
    }
    // an open decision form in a row (htmx), and an error shown in it
    await page.goto(review.url + `items/420102/${ITEM}?lang=zh`);
    await row(page, KEY).locator('a.decide-link').click();
    await row(page, KEY).locator('textarea[name="reason"]').fill('  ');
    await row(page, KEY).locator('button[value="accepted"]').click();
    await expect.poll(() => row(page, KEY).locator('[role="alert"]').count()).toBe(1);
    for (const v of await violations(page)) problems.push(`open form: ${v}`);
    // the accounts page, as an admin
    const admin = await (await review.browser()).newPage();
    await review.login(admin, 'admin');
    await admin.goto(review.url + 'admin/users');
    for (const v of await violations(admin)) problems.push(`/admin/users: ${v}`);
    await shot(admin, 'admin-users');
    expect(problems.join('\n')).toBe('');
  });

  test('keyboard alone: tab to a row\'s 处理, open its form, type a reason, submit', async () => {
    const page = await (await review.browser()).newPage();
    await review.login(page, 'jiangan');
    await page.goto(review.url + `items/420102/${ITEM}`);
    // Tab from the top of the page until the focus is on this row's 处理 link
    let steps = 0;
    while (steps++ < 200) {
      await page.keyboard.press('Tab');
      const onLink = await page.evaluate((key) => {
        const el = document.activeElement;
        return el?.classList.contains('decide-link') === true && el.closest('tr')?.getAttribute('data-key') === key;
      }, KEY);
      if (onLink) break;
    }
    expect(steps).toBeLessThan(200);
    // the focus is visible
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('reason');
    await page.keyboard.type('键盘操作：本区即时制卡');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLButtonElement).value)).toBe('accepted');
    await shot(page, 'keyboard-decide');
    await page.keyboard.press('Enter');
    await expect.poll(() => row(page, KEY).getAttribute('class')).toContain('status-decided');
    expect(await row(page, KEY).textContent()).toContain('键盘操作：本区即时制卡');
  });
});
