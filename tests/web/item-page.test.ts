// The item page over real HTTP on a v2 catalog: every element in the national forms' groups with the schema's
// titles, handling items as sections that work without JavaScript (given vs inherited), lifecycle, discrepancies
// pointing at the element they are about, breadcrumbs and level names down to 乡镇/村, everything escaped.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ELEMENT_GROUPS, ELEMENTS, groupElements, groupOf, HANDLING_ELEMENTS, elementTitle } from '../../src/web/elements.js';
import { fieldLabel } from '../../src/web/i18n.js';
import { CODE, regionItem, startItemServer, SUSPENDED, type ItemServer } from './item-catalog.js';

let s: ItemServer;
beforeAll(async () => {
  s = await startItemServer();
});
afterAll(async () => {
  await s?.close();
});

async function page(path: string, cookie = s.cookie): Promise<{ status: number; html: string }> {
  const res = await fetch(s.url + path.replace(/^\//, ''), { headers: cookie ? { cookie } : {} });
  return { status: res.status, html: await res.text() };
}

/** The text of the element between `<tag id="id"` and its closing tag (no nesting of the same tag inside). */
function byId(html: string, tag: string, id: string): string {
  const start = html.indexOf(`<${tag} id="${id}"`);
  if (start < 0) return '';
  return html.slice(start, html.indexOf(`</${tag}>`, start));
}

describe('elements: one source of labels and groups', () => {
  test('every element the schema knows is in exactly one group, or is handlingItems (a section of its own)', () => {
    for (const element of ELEMENTS) {
      const groups = ELEMENT_GROUPS.filter((g) => groupElements(g).includes(element));
      expect(groups.length, element).toBe(element === 'handlingItems' ? 0 : 1);
      expect(groupOf(element), element).toBe(groups[0]);
    }
  });

  test('every element has its Chinese title from the schema and an English label', () => {
    for (const element of ELEMENTS) {
      expect(fieldLabel('zh', element)).toBe(elementTitle(element));
      expect(fieldLabel('en', element), element).not.toBe(element);
    }
  });
});

describe('item page: happy', () => {
  test('the five groups in the national forms\' order, each element a row with its schema title', async () => {
    const { status, html } = await page(`/items/420102/${CODE}`);
    expect(status).toBe(200);
    const headings = [...html.matchAll(/<section id="g-(\w+)" class="element-group"><h3>([^<]+)<\/h3>/g)].map((m) => [m[1], m[2]]);
    expect(headings).toEqual([
      ['basic', '基本信息'],
      ['acceptance', '受理条件与材料'],
      ['process', '办理流程与时限'],
      ['channels', '办理渠道'],
      ['result', '结果'],
    ]);
    // every element the county's item has is shown, in its group, labelled from the schema
    const item = regionItem({ code: '420102', name: '江岸区', level: '县级', dir: '' }, CODE);
    for (const key of Object.keys(item).filter((k) => k !== 'handlingItems')) {
      const group = byId(html, 'section', `g-${groupOf(key)}`);
      expect(group, key).toContain(`<tr id="el-${key}"`);
      expect(byId(html, 'tr', `el-${key}`), key).toContain(`<th class="c-el">${elementTitle(key)}`);
    }
  });

  test('handling items: a section each (open <details>, no script needed), their code, given elements vs inherited ones', async () => {
    const { html } = await page(`/items/420102/${CODE}`);
    const first = byId(html, 'details', 'h-01');
    expect(first).toMatch(/^<details id="h-01" class="handling-item" open="">/);
    expect(first).toContain('城镇职工基本养老保险关系转移接续（转入）');
    expect(first).toMatch(/业务办理项编码 <span class="code">\w{31}01<\/span>/);
    // 01 gives its promised limit (12 days here, 10 at the parent): no inherited mark; conditions are the item's
    const promised = byId(first, 'tr', 'h-01-promisedLimit');
    expect(promised).toContain('<ins>12</ins> 工作日'); // looser than the parent's 10: a discrepancy
    expect(promised.split('<td')[1]).not.toContain('沿用事项');
    expect(byId(first, 'tr', 'h-01-conditions')).toContain('<span class="badge plain inherited">沿用事项</span>');
    // only the elements a handling item may give are rows
    const rows = [...first.matchAll(/<tr id="h-01-(\w+)"/g)].map((m) => m[1]!);
    expect(rows.every((r) => HANDLING_ELEMENTS.includes(r))).toBe(true);
    expect(byId(html, 'details', 'h-02')).toContain('城镇职工基本养老保险关系转移接续（转出）');
  });

  test('a discrepancy inside a handling item points at that handling item\'s element, which is highlighted', async () => {
    const { html } = await page(`/items/420102/${CODE}`);
    const discs = byId(html, 'section', 'discrepancies');
    expect(discs).toContain('href="#h-02-materials"');
    expect(byId(html, 'tr', 'h-02-materials')).toMatch(/^<tr id="h-02-materials" class="differs kind-row-\w+"/);
    // and the element row's badge leads back to the discrepancy
    expect(byId(html, 'tr', 'h-02-materials')).toMatch(/<a href="#d-\w+"><span class="badge kind-/);
  });

  test('lifecycle: 事项状态 (在用 when absent is said), 版本 and the planned dates are in the facts', async () => {
    const { html } = await page(`/items/420102/${CODE}`);
    const facts = html.slice(html.indexOf('<dl class="facts">'), html.indexOf('</dl>'));
    expect(facts).toContain('<dt>事项状态</dt><dd>在用</dd>');
    expect(facts).toContain('<dt>事项版本</dt><dd>3</dd>');
    expect(facts).toContain('<dt>计划生效日期</dt><dd>2026-01-01</dd>');
    const suspended = await page(`/items/420102/${SUSPENDED}`);
    expect(suspended.html).toContain('<span class="badge lifecycle lifecycle-suspended">暂停</span>');
    expect(suspended.html).toContain('该事项已暂停办理。');
  });

  test('a township and a village: breadcrumbs down the lineage, level names, and English level names', async () => {
    const township = await page(`/items/420102001/${CODE}`);
    expect(township.status).toBe(200);
    const at = township.html.indexOf('<nav class="crumbs"');
    const crumbs = township.html.slice(at, township.html.indexOf('</nav>', at));
    expect([...crumbs.matchAll(/<a href="\/queue\?region=(\d+)" title="([^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`)).toEqual([
      '420000 省级 湖北省',
      '420100 市级 武汉市',
      '420102 县级 江岸区',
      '420102001 乡镇级 大智街道',
    ]);
    const village = await page(`/items/420102001001/${CODE}?lang=en`);
    expect(village.status).toBe(200);
    expect(village.html).toContain('大智社区 <span class="muted code">420102001001</span> village');
    expect(village.html).toContain('<h3>Conditions and materials</h3>');
    expect(village.html).toContain('Handling item code');
  });

  test('the dashboard and the region pickers list townships and villages, each at its depth and with its level', async () => {
    const { html } = await page('/');
    expect(html).toMatch(/<tr class="depth-3"><td class="c-region"><span class="indent"><a href="\/queue\?region=420102001">大智街道<\/a>.*?<td>乡镇级<\/td>/);
    expect(html).toMatch(/<tr class="depth-4"><td class="c-region"><span class="indent"><a href="\/queue\?region=420102001001">大智社区<\/a>.*?<td>村级<\/td>/);
    const en = await page('/?lang=en');
    expect(en.html).toMatch(/region=420102001">大智街道<\/a>.*?<td>township<\/td>/);
    const queue = await page('/queue?region=420102001001');
    expect(queue.status).toBe(200);
    expect(queue.html).toContain('<option value="420102001001" selected="">');
    const coverage = await page('/coverage?region=420102001');
    expect(coverage.status).toBe(200);
    expect(coverage.html).toContain('title="大智社区 420102001001 · 村级"');
  });
});

describe('item page: security', () => {
  test('catalog text is escaped wherever it is shown', async () => {
    const { html } = await page(`/items/420102/${CODE}`);
    expect(html).not.toContain('<b>授权委托书</b>');
    expect(html).toContain('&lt;b&gt;授权委托书&lt;/b&gt;');
  });

  test('without a login the page is refused', async () => {
    expect((await page(`/items/420102001/${CODE}`, '')).status).toBe(401);
  });
});
