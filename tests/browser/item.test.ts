// The item page in Chromium, on a catalog that reclassifies two elements in tongbiao.yaml (`fields:`) and has a
// very long value: the page shows exactly the discrepancies the core computed (it used to decide by itself,
// from the default classes, which elements to compare), and no value box hides part of its text.
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { haveChromium, shot, startReview, type Review } from './harness.js';

const ITEM = '002000102000'; // 社会保障卡申领: 江岸区's caseType (即办件) differs from 武汉市's (承诺件)
const COUNTY_FILE = `420000/420100/420102/items/${ITEM}.yaml`;
const LONG =
  '已参加社会保险或已登记参保信息的人员，由本人或其监护人申请领取社会保障卡。'.repeat(8) +
  '\n详见 https://rst.wuhan.gov.cn/bsfw/shbzk/' + 'x'.repeat(160) +
  '\n' +
  '外省户籍人员须提供居住证明。'.repeat(6) +
  '最后一行不能被截断。';

let review: Review;
beforeAll(async () => {
  review = await startReview({}, (files) => {
    const config = parse(files['tongbiao.yaml']!) as Record<string, unknown>;
    // caseType becomes the region's own business; consultPhone needs a person's review
    files['tongbiao.yaml'] = stringify({ ...config, fields: { caseType: 'local', consultPhone: 'review' } });
    const item = parse(files[COUNTY_FILE]!) as Record<string, unknown>;
    files[COUNTY_FILE] = stringify({ ...item, conditions: LONG });
  });
});
afterAll(async () => {
  await review?.close();
});

describe.skipIf(!haveChromium)('item page', () => {
  test('highlights exactly the elements the core found discrepancies in, with the catalog\'s own classes', async () => {
    const page = await (await review.browser()).newPage();
    await review.login(page, 'jiangan');
    await page.goto(review.url + `items/420102/${ITEM}`);
    const found = await page.locator('#discrepancies tr.disc').evaluateAll((rows) => rows.map((r) => r.querySelector('.c-field .code')!.textContent));
    const fields = new Set(found.map((path) => path!.split('/')[1]));
    expect(fields.has('caseType')).toBe(false); // local now: the core reports nothing
    expect(fields.has('consultPhone')).toBe(true); // review now: the core reports it
    const highlighted = await page.locator('table.compare tr.differs th.c-el').evaluateAll((ths) => ths.map((th) => th.firstChild!.textContent!.trim()));
    expect(highlighted).toContain('咨询电话');
    expect(highlighted).not.toContain('办件类型');
    // every highlighted element has a discrepancy above, and every discrepancy's element is highlighted
    const labels = await page.locator('#discrepancies tr.disc .c-field').evaluateAll((tds) => [...new Set(tds.map((td) => td.firstChild!.textContent!.trim()))]);
    expect([...highlighted].sort()).toEqual([...labels].sort());
    // caseType still differs: shown plainly, said to be no discrepancy
    const caseType = page.locator('table.compare tr', { has: page.locator('th.c-el', { hasText: '办件类型' }) });
    expect(await caseType.getAttribute('class')).toBe('local-differs');
    expect(await caseType.locator('th').textContent()).toContain('不算差异');
  });

  test('no value box clips its text: long values wrap in full, on the item page and in the queue', async () => {
    const page = await (await review.browser()).newPage();
    await review.login(page, 'jiangan');
    const clipped = () =>
      page.locator('.val').evaluateAll((boxes) =>
        boxes
          .filter((box) => box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1)
          .map((box) => `${box.className}: ${box.scrollWidth}×${box.scrollHeight} in ${box.clientWidth}×${box.clientHeight}`),
      );
    const wider = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.goto(review.url + `items/420102/${ITEM}`);
    expect(await clipped()).toEqual([]);
    expect(await wider()).toBeLessThanOrEqual(0);
    // the last words of the long value are on screen in the comparison table
    const cell = page.locator('table.compare td.val', { hasText: '最后一行不能被截断' }).first();
    await cell.scrollIntoViewIfNeeded();
    expect(await cell.isVisible()).toBe(true);
    const box = (await cell.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1366);
    await shot(page, 'item-long-values', true);
    await page.goto(review.url + 'queue?region=420102&field=conditions');
    expect(await clipped()).toEqual([]);
    expect(await wider()).toBeLessThanOrEqual(0);
    await shot(page, 'queue-long-values');
  });
});
