// The review UI in a real Chromium (Debian's /usr/bin/chromium through playwright-core; never a downloaded
// browser): log in, filter the queue, open an item, open a row's decision form (htmx loads it into the row) and
// accept (htmx swaps the row), see it outdated after the county changes its file and `tongbiao sync` runs,
// another county's reviewer refused (403), and the same forms without JavaScript (a page of their own).
// Screenshots of the main pages go to tests/screenshots/.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { openStore, type Store } from '../../src/store/db.js';
import { addUser } from '../../src/store/users.js';
import { listen, type Listening } from '../../src/web/server.js';
import { runCli } from '../helpers/cli.js';
import { makeGitCatalog, type TempGitCatalog } from '../helpers/git-repo.js';
import { readTree } from '../helpers/files.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(PACKAGE_ROOT, 'tests', 'screenshots');
const PASSWORD = 'browser test password';
const ITEM = '002000102000'; // 社会保障卡申领: 江岸区 makes cards on the spot (即办件, 0 days)
const COUNTY_FILE = `420000/420100/420102/items/${ITEM}.yaml`;
const KEY_ACCEPT = `420102/${ITEM}#/steps/1/days`;
const KEY_NOJS = `420102/${ITEM}#/steps/2/days`;

const haveChromium = existsSync(CHROMIUM);

let repo: TempGitCatalog;
let store: Store;
let server: Listening;
let dbUrl: string;
const dirs: string[] = [];
const contexts: BrowserContext[] = [];
const problems: string[] = [];


function sync(): void {
  const result = runCli(['sync', '--catalog', repo.catalog, '--db', dbUrl]);
  if (result.code !== 0) throw new Error(`tongbiao sync failed (${result.code}): ${result.stderr}`);
}

async function browser(options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'tongbiao-chromium-'));
  dirs.push(userDataDir);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    ...options,
  });
  contexts.push(context);
  context.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  context.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
  return context;
}

async function login(page: Page, name: string): Promise<void> {
  await page.goto(server.url + 'login');
  await page.fill('input[name="name"]', name);
  await page.fill('input[name="password"]', PASSWORD);
  await Promise.all([page.waitForURL(server.url), page.click('button[type="submit"]')]);
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

const row = (page: Page, key: string) => page.locator(`tr[data-key="${key}"]`);

describe.skipIf(!haveChromium)('review UI in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    repo = makeGitCatalog({ files: Object.fromEntries(readTree(join(PACKAGE_ROOT, 'catalog-yaml'))), commit: 'demo catalog' });
    dbUrl = 'file:' + join(repo.top, 'review.db');
    sync();
    store = await openStore(dbUrl);
    await addUser(store.db, { name: 'jiangan', password: PASSWORD, region: '420102', role: 'reviewer' }, 'test');
    await addUser(store.db, { name: 'wuchang', password: PASSWORD, region: '420106', role: 'reviewer' }, 'test');
    await addUser(store.db, { name: 'admin', password: PASSWORD, region: '420000', role: 'admin' }, 'test');
    server = await listen({ store, port: 0, host: '127.0.0.1', version: 'test' });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await server?.close();
    store?.close();
    repo?.cleanup();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
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
    expect(regions.every((text) => text.includes('江岸区'))).toBe(true);
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
    const yaml = readFileSync(join(repo.catalog, COUNTY_FILE), 'utf8');
    repo.write(COUNTY_FILE, yaml.replace('{ name: 制卡, days: 0 }', '{ name: 制卡, days: 1 }'));
    repo.commit('江岸区：制卡改为 1 个工作日');
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
