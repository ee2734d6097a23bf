// What every browser test needs: the demo catalog in a temporary git repository, synced by the real CLI into a
// database file, served on a free port, and Debian's Chromium (/usr/bin/chromium through playwright-core;
// never a downloaded browser) with a fresh profile per context. Screenshots go to tests/screenshots/.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { openStore, type Store } from '../../src/store/db.js';
import { addUser, type Role } from '../../src/store/users.js';
import type { AppOptions } from '../../src/web/app.js';
import { listen, type Listening } from '../../src/web/server.js';
import { runCli } from '../helpers/cli.js';
import { readTree } from '../helpers/files.js';
import { makeGitCatalog, type TempGitCatalog } from '../helpers/git-repo.js';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
export const SHOTS = join(PACKAGE_ROOT, 'tests', 'screenshots');
export const PASSWORD = 'browser test password';

/** The accounts every browser test has. */
export const USERS: { name: string; region: string; role: Role }[] = [
  { name: 'jiangan', region: '420102', role: 'reviewer' },
  { name: 'wuchang', region: '420106', role: 'reviewer' },
  { name: 'wuhan', region: '420100', role: 'officer' },
  { name: 'admin', region: '420000', role: 'admin' },
];

/** The regions of jiangan's subtree in the demo: 江岸区, its 大智街道 and that street's 大智路社区. */
export const JIANGAN_SUBTREE = ['江岸区', '大智街道', '大智路社区'];

export interface Review {
  repo: TempGitCatalog;
  store: Store;
  server: Listening;
  url: string;
  /** console errors and page errors seen in any context (tests expect none, or only those they cause) */
  problems: string[];
  sync(): void;
  browser(options?: { javaScriptEnabled?: boolean }): Promise<BrowserContext>;
  login(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * @param options the app's, beside the store (or made from the repository, e.g. its catalog folder)
 * @param edit changes to the demo catalog's files (catalog-relative path → text) before the first commit
 */
export async function startReview(
  options: Partial<AppOptions> | ((repo: TempGitCatalog) => Partial<AppOptions>) = {},
  edit?: (files: Record<string, string>) => void,
): Promise<Review> {
  mkdirSync(SHOTS, { recursive: true });
  const files: Record<string, string> = Object.fromEntries(readTree(join(PACKAGE_ROOT, 'catalog-yaml')));
  edit?.(files);
  const repo = makeGitCatalog({ files, commit: 'demo catalog' });
  const dbUrl = 'file:' + join(repo.top, 'review.db');
  const sync = () => {
    const result = runCli(['sync', '--catalog', repo.catalog, '--db', dbUrl]);
    if (result.code !== 0) throw new Error(`tongbiao sync failed (${result.code}): ${result.stderr}`);
  };
  sync();
  const store = await openStore(dbUrl);
  for (const user of USERS) await addUser(store.db, { ...user, password: PASSWORD }, 'test');
  const server = await listen({ store, port: 0, host: '127.0.0.1', version: 'test', ...(typeof options === 'function' ? options(repo) : options) });
  const dirs: string[] = [];
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  return {
    repo,
    store,
    server,
    url: server.url,
    problems,
    sync,
    async browser(options = {}) {
      const { context, dir } = await launchChromium(problems, options);
      dirs.push(dir);
      contexts.push(context);
      return context;
    },
    async login(page, name) {
      await page.goto(server.url + 'login');
      await page.fill('input[name="name"]', name);
      await page.fill('input[name="password"]', PASSWORD);
      await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('button[type="submit"]')]);
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await server.close();
      store.close();
      repo.cleanup();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Debian's Chromium with a fresh profile (its folder `dir`, for the caller to remove), console errors and page
 * errors added to `problems`.
 */
export async function launchChromium(problems: string[], options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tongbiao-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    ...options,
  });
  context.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  context.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
  return { context, dir };
}

export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** The row of a discrepancy, wherever it is shown. */
export const row = (page: Page, key: string): Locator => page.locator(`tr[data-key="${key}"]`);

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function violations(page: Page): Promise<string[]> {
  // evaluated through the DevTools protocol: the pages' CSP (script-src 'self') rightly refuses an inline tag
  await page.evaluate(AXE);
  const found = (await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe.run();
    return result.violations;
  })) as Violation[];
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

