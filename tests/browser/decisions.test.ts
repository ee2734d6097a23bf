// Issue 15 end to end, as people do it: a county reviewer accepts a looser promised limit in Chromium → the
// dashboard says one decision is not yet in git → `decisions export` → commit → CI's `validate --format sarif` on a
// fresh clone shows the finding suppressed and exits 0 where it exited 1 → the county edits the value, it fails again.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { haveChromium, row, shot, startReview, type Review } from './harness.js';

const ITEM = '420000/420100/420106/items/000100105000.yaml';
const KEY = '420106/000100105000#/promisedLimit';

let review: Review;
beforeAll(async () => {
  review = await startReview({}, (files) => {
    files[ITEM] = files[ITEM]!.replace(/promisedLimit: \{ days: \d+/, 'promisedLimit: { days: 12');
  });
});
afterAll(async () => {
  await review?.close();
});

const sarifLooser = (dir: string) => {
  const result = runCli(['validate', '--catalog', dir, '--format', 'sarif']);
  // 武昌区's (the demo has one of its own, accepted, in 大智街道)
  const looser = (r: any) => r.ruleId === 'level-looser' && r.locations[0].physicalLocation.artifactLocation.uri.endsWith(ITEM);
  return { code: result.code, result: (JSON.parse(result.stdout).runs[0].results as any[]).find(looser) };
};

describe.skipIf(!haveChromium)('a decision made in the browser reaches CI through decisions.yaml', () => {
  test('accept in Chromium → export → commit → a fresh clone passes CI with the finding suppressed', async () => {
    expect(sarifLooser(review.repo.catalog).code).toBe(1);
    const page = await (await review.browser()).newPage();
    await review.login(page, 'wuchang');
    await page.goto(review.url + 'items/420106/000100105000');
    await row(page, KEY).locator('a.decide-link').click();
    await row(page, KEY).locator('textarea[name="reason"]').fill('经区政府常务会议研究，同意承诺时限为 12 个工作日');
    await row(page, KEY).locator('button[value="accepted"]').click();
    await expect.poll(() => row(page, KEY).locator('[role="status"]').count()).toBe(1);

    await page.goto(review.url);
    const cell = page.locator('tr', { has: page.locator('a', { hasText: '武昌区' }) }).locator('a[href="/regions/420106/decisions.yaml"]');
    expect(await cell.textContent()).toBe('1');
    await shot(page, 'dashboard-not-in-git');

    const db = 'file:' + join(review.repo.top, 'review.db');
    const exported = runCli(['decisions', 'export', '--catalog', review.repo.catalog, '--db', db]);
    expect(exported.code).toBe(0);
    review.repo.commit('武昌区的审核决定');

    const work = mkdtempSync(join(tmpdir(), 'tongbiao-ci-clone-'));
    try {
      execFileSync('git', ['clone', '-q', review.repo.top, join(work, 'clone')]);
      const clone = join(work, 'clone');
      const ci = sarifLooser(clone);
      expect(ci.code).toBe(0);
      expect(ci.result.suppressions).toEqual([expect.objectContaining({ kind: 'external', justification: '经区政府常务会议研究，同意承诺时限为 12 个工作日' })]);

      const file = join(clone, ITEM);
      writeFileSync(file, readFileSync(file, 'utf8').replace('promisedLimit: { days: 12', 'promisedLimit: { days: 14'));
      const again = sarifLooser(clone);
      expect(again.code).toBe(1);
      expect(again.result.suppressions).toBeUndefined();
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
