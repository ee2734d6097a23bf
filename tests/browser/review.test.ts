// The review UI in a real Chromium (Debian's /usr/bin/chromium through playwright-core; never a downloaded
// browser): log in, filter the queue, open an item, open a row's decision form (htmx loads it into the row) and
// accept (htmx swaps the row), see it outdated after the county changes its file and `tongbiao sync` runs,
// another county's reviewer refused (403), and the same forms without JavaScript (a page of their own).
// Screenshots of the main pages go to tests/screenshots/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { haveChromium, JIANGAN_SUBTREE, row, shot, startReview, type Review } from './harness.js';

const ITEM = '002000102000'; // 社会保障卡申领: 江岸区 makes cards on the spot (即办件, 0 days)
const COUNTY_FILE = `420000/420100/420102/items/${ITEM}.yaml`;
const KEY_ACCEPT = `420102/${ITEM}#/steps/@制卡/days`;
const KEY_NOJS = `420102/${ITEM}#/steps/@发卡/days`;

let review: Review;
let problems: string[];
let server: { url: string };
const browser = (options: { javaScriptEnabled?: boolean } = {}) => review.browser(options);
const login = (page: Parameters<Review['login']>[0], name: string) => review.login(page, name);
const sync = () => review.sync();

describe.skipIf(!haveChromium)('review UI in Chromium', () => {
  beforeAll(async () => {
    review = await startReview();
    problems = review.problems;
    server = review.server;
  });

  afterAll(async () => {
    await review?.close();
  });

  test('log in, filter, open an item, accept with htmx, outdated after a re-sync, neighbour refused', async () => {
    const context = await browser();
    const page = await context.newPage();

    await page.goto(server.url + 'login');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await shot(page, 'login');
    await login(page, 'jiangan');
    await expect.poll(() => page.locator('table.tree').textContent()).toContain('江岸区');

    // filter the queue: region, then a facet; everything lands in the URL
    await page.goto(server.url + 'queue');
    await page.selectOption('select[name="region"]', '420102');
    await Promise.all([page.waitForURL(/region=420102/), page.click('form.filters button[type="submit"]')]);
    await Promise.all([page.waitForURL(/kind=review/), page.click('.facet a[href*="kind=review"]')]);
    expect(page.url()).toContain('region=420102');
    const regions = await page.locator('tbody tr.disc .c-item .small').allTextContents();
    expect(regions.length).toBeGreaterThan(0);
    expect(regions.every((text) => JIANGAN_SUBTREE.some((name) => text.includes(name)))).toBe(true);
    await shot(page, 'queue');

    // open the item
    await Promise.all([page.waitForURL(new RegExp(`/items/420102/${ITEM}$`)), page.locator(`a[href="/items/420102/${ITEM}"]`).first().click()]);
    await expect.poll(() => page.locator('h1').textContent()).toBe('社会保障卡申领');
    const urlBefore = page.url();

    // the rows carry no forms: "处理…" loads this row's form into place (htmx GET), without leaving the page
    expect(await page.locator('tr.disc textarea').count()).toBe(0);
    const target = row(page, KEY_ACCEPT);
    await target.locator('a.decide-link').click();
    await expect.poll(() => row(page, KEY_ACCEPT).locator('textarea[name="reason"]').count()).toBe(1);
    expect(page.url()).toBe(urlBefore);
    expect(await page.locator('tr.disc textarea').count()).toBe(1);
    // the form takes the focus (autofocus), and cancelling closes it again
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('reason');
    await row(page, KEY_ACCEPT).locator('a.decide-cancel').click();
    await expect.poll(() => row(page, KEY_ACCEPT).locator('a.decide-link').count()).toBe(1);
    expect(await row(page, KEY_ACCEPT).locator('textarea').count()).toBe(0);
    expect(page.url()).toBe(urlBefore);

    // accept a discrepancy as a local variation: htmx posts the form and swaps the row in place
    await row(page, KEY_ACCEPT).locator('a.decide-link').click();
    await row(page, KEY_ACCEPT).locator('textarea[name="reason"]').fill('本区政务服务中心即时制卡，无需等待');
    await target.scrollIntoViewIfNeeded();
    await shot(page, 'decide-form');
    await row(page, KEY_ACCEPT).locator('button[value="accepted"]').click();
    await expect.poll(() => row(page, KEY_ACCEPT).getAttribute('class')).toContain('status-decided');
    expect(await row(page, KEY_ACCEPT).textContent()).toContain('已保存'); // only the htmx answer says so
    expect(await row(page, KEY_ACCEPT).textContent()).toContain('jiangan');
    expect(page.url()).toBe(urlBefore);
    await shot(page, 'item', true);

    // the county changes that step; the real sync runs; the decision is now outdated
    const yaml = readFileSync(join(review.repo.catalog, COUNTY_FILE), 'utf8');
    review.repo.write(COUNTY_FILE, yaml.replace('{ name: 制卡, days: 0 }', '{ name: 制卡, days: 1 }'));
    review.repo.commit('江岸区：制卡改为 1 个工作日');
    sync();
    await page.reload();
    await expect.poll(() => row(page, KEY_ACCEPT).getAttribute('class')).toContain('status-outdated');
    expect(await row(page, KEY_ACCEPT).locator('.badge.status-outdated').textContent()).toBe('需复核');
    expect(await page.locator('#versions').textContent()).toContain('江岸区：制卡改为 1 个工作日');
    await page.goto(server.url + 'queue?status=outdated');
    expect(await page.locator('tbody tr.disc').count()).toBe(1);
    await page.goto(server.url);
    await shot(page, 'dashboard');
    await page.goto(server.url + 'audit');
    expect(await page.locator('table.audit').textContent()).toContain('认可差异');
    await shot(page, 'audit');
    await page.goto(server.url + 'coverage?region=420100');
    await shot(page, 'coverage');
    await page.goto(server.url + `queue?region=420102&lang=en`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await shot(page, 'queue-en');
    await page.goto(server.url + `queue?lang=zh`);

    // another county's reviewer sees no forms there, and the server refuses a forged POST with 403
    const other = await (await browser()).newPage();
    await login(other, 'wuchang');
    await other.goto(server.url + `items/420102/${ITEM}`);
    expect(await row(other, KEY_NOJS).locator('form').count()).toBe(0);
    expect(await row(other, KEY_NOJS).textContent()).toContain('无权处理');
    const csrf = JSON.parse((await other.getAttribute('body', 'hx-headers'))!)['X-CSRF-Token'] as string;
    const refused = await other.request.post(server.url + 'decide', {
      form: { _csrf: csrf, key: KEY_NOJS, fingerprint: 'x', decision: 'accepted', reason: '越权', back: '/queue' },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(403);
    const noToken = await other.request.post(server.url + 'decide', {
      form: { key: KEY_NOJS, fingerprint: 'x', decision: 'accepted', reason: '越权', back: '/queue' },
      maxRedirects: 0,
    });
    expect(noToken.status()).toBe(403);

    expect(problems).toEqual([]);
  });

  test('on the queue the form opens in its row, and the decision comes back in place', async () => {
    const context = await browser();
    const page = await context.newPage();
    await login(page, 'jiangan');
    await page.goto(server.url + 'queue?region=420102&kind=review');
    const before = page.url();
    const first = page.locator('tr.disc:has(a.decide-link)').first();
    const key = (await first.getAttribute('data-key'))!;
    expect(await page.locator('tr.disc form').count()).toBe(0);
    await row(page, key).locator('a.decide-link').click();
    await row(page, key).locator('textarea[name="reason"]').fill('已与市级核对');
    await shot(page, 'queue-decide');
    await row(page, key).locator('button[value="comment"]').click();
    await expect.poll(() => row(page, key).textContent()).toContain('已保存');
    expect(await row(page, key).locator('textarea').count()).toBe(0);
    expect(page.url()).toBe(before);
    expect(problems).toEqual([]);
  });

  test('without JavaScript the same forms decide through a full-page POST', async () => {
    const context = await browser({ javaScriptEnabled: false });
    const page = await context.newPage();
    await login(page, 'jiangan');
    await page.goto(server.url + `items/420102/${ITEM}`);
    // "处理…" is a plain link: without JavaScript it leads to a page with this discrepancy and its form
    await Promise.all([page.waitForURL(/\/decide\?key=/), row(page, KEY_NOJS).locator('a.decide-link').click()]);
    expect(await page.locator('h1').textContent()).toBe('处理差异');
    const target = row(page, KEY_NOJS);
    await target.locator('textarea[name="reason"]').fill('请与市级保持一致：发卡 2 个工作日');
    await shot(page, 'decide-page');
    await Promise.all([page.waitForURL(new RegExp(`/items/420102/${ITEM}#d-`)), target.locator('button[value="fix-requested"]').click()]);
    expect(await row(page, KEY_NOJS).getAttribute('class')).toContain('status-decided');
    expect(await row(page, KEY_NOJS).textContent()).toContain('要求整改');
    expect(await row(page, KEY_NOJS).textContent()).not.toContain('已保存'); // a full page, not the htmx row
    // a missing reason is refused by the browser (required) and, if forced, by the server
    const res = await context.request.post(server.url + 'decide', {
      form: { key: KEY_NOJS, fingerprint: 'x', decision: 'accepted', reason: '', back: '/' },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(403); // no CSRF token: refused before anything else
    expect(problems).toEqual([]);
  });
});
