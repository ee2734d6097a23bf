// Every page through app.request(): content, filters, bad query values, unknown things, JSON/CSV twins,
// escaping, language and security headers. A real database file per test file.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { discrepancies } from '../../src/store/schema.js';
import { CODE_LOCAL, CODE_PENSION, CODE_PERMIT, CODE_XSS, recordSync, testApp, XSS_NAME } from './seed.js';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await testApp();
  admin = { Cookie: t.sessions.admin.cookie };
});
afterAll(() => t.cleanup());

async function get(url: string, headers: Record<string, string> = admin) {
  const res = await t.app.request(url, { headers });
  return { res, text: await res.text() };
}

async function json<T = Record<string, unknown>>(url: string, headers: Record<string, string> = admin): Promise<T> {
  const res = await t.app.request(url, { headers: { ...headers, Accept: 'application/json' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toMatch(/application\/json/);
  return (await res.json()) as T;
}

/** Response text with a byte-order mark kept (Response.text() drops it). */
async function rawText(res: Response): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
}

type QueueJson = { total: number; discrepancies: { key: string; region: string; kind: string; status: string }[]; facets: Record<string, Record<string, number>> };

describe('dashboard', () => {
  test('shows the region tree with counts and the last sync', async () => {
    const { res, text } = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/text\/html; charset=UTF-8/i);
    expect(text.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(text).toContain('<html lang="zh-CN">');
    for (const name of ['湖北省', '武汉市', '江岸区', '武昌区', '宜昌市', '西陵区', '仙桃市']) expect(text).toContain(name);
    expect(text).toContain('aaaaaaaaaaaa'); // revision
    expect(text).toContain('认领率');
  });

  test('JSON twin carries per-region counts', async () => {
    const body = await json<{ sync: { revision: string }; regions: { code: string; items: number; open: number; errors: number; claimRate: number | null }[] }>('/');
    expect(body.sync.revision).toBe('a'.repeat(40));
    const jiangan = body.regions.find((r) => r.code === '420102')!;
    expect(jiangan).toMatchObject({ items: 1, open: 3, errors: 1 });
    // 江岸区 claimed 1 baseline item and misses 1 → 50 %
    expect(jiangan.claimRate).toBeCloseTo(0.5);
    expect(body.regions.find((r) => r.code === '420000')!.claimRate).toBeNull();
  });

  test('CSV twin', async () => {
    const res = await t.app.request('/?format=csv', { headers: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toContain('dashboard.csv');
    const text = await rawText(res);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('420102,江岸区,县级,420100,1,1,0,0,3,0,0,1,1,0.5000');
  });
});

describe('review queue', () => {
  test('lists every discrepancy with facets', async () => {
    const { res, text } = await get('/queue');
    expect(res.status).toBe(200);
    expect(text).toContain('共 6 条');
    expect(text).toContain('锁定要素不一致');
    const body = await json<QueueJson>('/queue');
    expect(body.total).toBe(6);
    expect(body.facets.kind).toEqual({ review: 2, looser: 1, missing: 1, locked: 1, unknown: 1 });
    expect(body.facets.status).toEqual({ open: 6 });
  });

  test('filters by region subtree, or that region only', async () => {
    const sub = await json<QueueJson>('/queue?region=420100');
    expect(new Set(sub.discrepancies.map((d) => d.region))).toEqual(new Set(['420100', '420102']));
    expect(sub.total).toBe(4);
    const self = await json<QueueJson>('/queue?region=420100&scope=self');
    expect(self.discrepancies.map((d) => d.key)).toEqual([t.keys.xss]);
  });

  test('filters by kind, rule, field, type and status; facets keep the alternatives', async () => {
    const looser = await json<QueueJson>('/queue?kind=looser');
    expect(looser.discrepancies.map((d) => d.key)).toEqual([t.keys.visits]);
    expect(looser.facets.kind.review).toBe(2); // the kind facet ignores its own selection
    expect(looser.facets.field).toEqual({ visits: 1 });
    expect((await json<QueueJson>('/queue?rule=level-locked')).discrepancies.map((d) => d.key)).toEqual([t.keys.lockedName]);
    expect((await json<QueueJson>('/queue?field=conditions')).total).toBe(2);
    expect((await json<QueueJson>(`/queue?type=${encodeURIComponent('行政许可')}`)).discrepancies.map((d) => d.key)).toEqual([t.keys.missingPermit]);
    expect((await json<QueueJson>('/queue?status=decided')).total).toBe(0);
  });

  test('full-text search over item names, 1–2 characters included, and code prefixes', async () => {
    const long = await json<QueueJson>(`/queue?q=${encodeURIComponent('养老保险')}`);
    expect(long.total).toBe(3);
    const two = await json<QueueJson>(`/queue?q=${encodeURIComponent('规划')}`);
    expect(two.discrepancies.map((d) => d.key)).toEqual([t.keys.missingPermit]);
    const one = await json<QueueJson>(`/queue?q=${encodeURIComponent('桃')}`);
    expect(one.discrepancies.map((d) => d.key)).toEqual([t.keys.unknown]);
    const both = await json<QueueJson>(`/queue?q=${encodeURIComponent('特色 补贴发放')}`);
    expect(both.discrepancies.map((d) => d.key)).toEqual([t.keys.unknown]);
    const code = await json<QueueJson>('/queue?q=0001');
    expect(code.discrepancies.map((d) => d.key)).toEqual([t.keys.missingPermit]);
    expect((await json<QueueJson>(`/queue?q=${encodeURIComponent('不存在的事项')}`)).total).toBe(0);
    // LIKE wildcards are literal
    expect((await json<QueueJson>('/queue?q=%25')).total).toBe(0);
  });

  test('pagination', async () => {
    const first = await json<QueueJson>('/queue?per=4');
    const second = await json<QueueJson>('/queue?per=4&page=2');
    expect(first.discrepancies).toHaveLength(4);
    expect(second.discrepancies).toHaveLength(2);
    expect(new Set([...first.discrepancies, ...second.discrepancies].map((d) => d.key)).size).toBe(6);
    const { text } = await get('/queue?per=4');
    expect(text).toContain('href="/queue?per=4&amp;page=2"');
    expect((await json<QueueJson>('/queue?per=4&page=9')).discrepancies).toHaveLength(0);
  });

  test.each([
    'page=-1', 'page=0', 'page=abc', 'page=1.5', 'per=0', 'per=100000', 'kind=bogus', 'rule=level-bogus', 'status=bogus',
    'scope=all', 'type=bogus', 'field=a%20b', 'region=42', 'region=abcdef', 'format=xml', `q=${'长'.repeat(101)}`,
  ])('400 for %s', async (query) => {
    const { res, text } = await get(`/queue?${query}`);
    expect(res.status).toBe(400);
    expect(text).toContain('请求参数无效');
    // what is wrong, in Chinese: no English sentence inside the Chinese page
    expect(text).toMatch(/请求参数无效：参数 (page|per|kind|rule|status|scope|type|field|region|format|q) (应为|超过)/);
    const api = await t.app.request(`/queue?${query}`, { headers: { ...admin, Accept: 'application/json' } });
    expect(api.status).toBe(400);
    expect(((await api.json()) as { error: { status: number } }).error.status).toBe(400);
  });

  test('404 for an unknown region', async () => {
    expect((await get('/queue?region=999999')).res.status).toBe(404);
  });

  test('CSV twin: BOM, quoting, formula injection neutralised', async () => {
    await t.store.db.insert(discrepancies).values({
      key: '420106/002000101000#/consultPhone', region: '420106', catalogCode: CODE_PENSION, against: '420100', path: '/consultPhone',
      field: 'consultPhone', kind: 'review', rule: 'level-review', ours: '=HYPERLINK("http://evil.example","点我")', theirs: '027-1, "2"',
      fingerprint: 'f'.repeat(16), since: 'x',
    });
    await recordSync(t.store);
    try {
      const res = await t.app.request('/queue?region=420106&format=csv', { headers: admin });
      expect(res.status).toBe(200);
      const text = await rawText(res);
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const [header, row] = text.slice(1).split('\r\n');
      expect(header!.split(',').slice(0, 3)).toEqual(['key', 'region', 'regionName']);
      expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
      expect(row).toContain('"027-1, ""2"""');
    } finally {
      await t.store.db.delete(discrepancies).where(sql`key = '420106/002000101000#/consultPhone'`);
      await recordSync(t.store);
    }
  });

  test('an item named <script> renders as text', async () => {
    const { text } = await get('/queue');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).not.toContain(XSS_NAME);
    const reflected = await get(`/queue?q=${encodeURIComponent('"><script>alert(2)</script>')}`);
    expect(reflected.text).not.toContain('<script>alert(2)');
    expect(reflected.text).toContain('&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
  });
});

describe('item page', () => {
  test('shows the item beside its parent and the province, with findings, discrepancies and versions', async () => {
    const { res, text } = await get(`/items/420102/${CODE_PENSION}`);
    expect(res.status).toBe(200);
    expect(text).toContain('本级：江岸区');
    expect(text).toContain('上级：武汉市');
    expect(text).toContain('省级通用目录：湖北省');
    expect(text).toContain('且缴费满一年'); // highlighted insertion
    expect(text).toMatch(/<ins>[^<]*且缴费满一年/);
    expect(text).toContain('到办事现场次数 (2) 多于上级 (1)'); // the finding
    expect(text).toContain('认领养老保险转移'); // a version message
    expect(text).toContain('data-key="420102/002000101000#/conditions"');
  });

  test('diff between two versions', async () => {
    const body = await json<{ versions: { id: number }[] }>(`/items/420102/${CODE_PENSION}`);
    const [newer, older] = body.versions;
    const { res, text } = await get(`/items/420102/${CODE_PENSION}?from=${older!.id}&to=${newer!.id}`);
    expect(res.status).toBe(200);
    expect(text).toContain('id="version-diff"');
    expect(text).toMatch(/<ins>[^<]*且缴费满一年/);
    const api = await json<{ versionDiff: { changes: { path: string }[] } }>(`/items/420102/${CODE_PENSION}?from=${older!.id}&to=${newer!.id}`);
    expect(api.versionDiff.changes.map((c) => c.path).sort()).toEqual(['/conditions', '/visits']);
    expect((await get(`/items/420102/${CODE_PENSION}?from=${older!.id}`)).res.status).toBe(400);
    expect((await get(`/items/420102/${CODE_PENSION}?from=${older!.id}&to=99999`)).res.status).toBe(404);
    expect((await get(`/items/420102/${CODE_PENSION}?from=-1&to=1`)).res.status).toBe(400);
  });

  test('an unclaimed baseline item shows the province side and says so', async () => {
    const { res, text } = await get(`/items/420102/${CODE_PERMIT}`);
    expect(res.status).toBe(200);
    expect(text).toContain('本区划尚未认领该事项');
    expect(text).toContain('建设工程规划许可证核发');
  });

  test('an item outside the baseline', async () => {
    expect((await get(`/items/429004/${CODE_LOCAL}`)).res.status).toBe(200);
  });

  test('escapes values from YAML', async () => {
    const { text } = await get(`/items/420100/${CODE_XSS}`);
    expect(text).not.toContain(XSS_NAME);
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  test.each([`/items/420102/999999999999`, `/items/999999/${CODE_PENSION}`, `/items/4201/${CODE_PENSION}`, '/items/420102/abc', '/no/such/page'])(
    '404 for %s',
    async (url) => {
      const { res } = await get(url);
      expect(res.status).toBe(404);
    },
  );
});

describe('coverage', () => {
  test('baseline items × regions', async () => {
    const { res, text } = await get('/coverage');
    expect(res.status).toBe(200);
    expect(text).toContain('建设工程规划许可证核发');
    const children = await json<{ regions: { code: string }[] }>('/coverage');
    expect(children.regions.map((r) => r.code)).toEqual(['420100', '420500', '429004']);
    const body = await json<{ regions: { code: string }[]; items: { catalogCode: string; regions: Record<string, string> }[] }>('/coverage?all=1');
    expect(body.regions.map((r) => r.code)).toEqual(['420100', '420102', '420106', '420500', '420502', '429004']);
    const pension = body.items.find((i) => i.catalogCode === CODE_PENSION)!;
    expect(pension.regions).toMatchObject({ '420102': 'claimed', '420500': 'missing' });
    const xss = body.items.find((i) => i.catalogCode === CODE_XSS)!;
    expect(xss.regions['420102']).toBe('n/a'); // useLevel has no 县级
  });

  test('a subtree, gaps only, search, CSV', async () => {
    const body = await json<{ regions: { code: string }[]; items: { catalogCode: string }[] }>('/coverage?region=420100&gaps=1');
    expect(body.regions.map((r) => r.code)).toEqual(['420100', '420102', '420106']);
    expect(body.items.map((i) => i.catalogCode)).toEqual([CODE_PERMIT]);
    const searched = await json<{ items: { catalogCode: string }[] }>(`/coverage?q=${encodeURIComponent('养老')}`);
    expect(searched.items.map((i) => i.catalogCode)).toEqual([CODE_PENSION]);
    const csv = await rawText(await t.app.request('/coverage?all=1&format=csv', { headers: admin }));
    expect(csv.split('\r\n')[0]).toBe('\uFEFFcatalogCode,name,type,420100 武汉市,420102 江岸区,420106 武昌区,420500 宜昌市,420502 西陵区,429004 仙桃市');
    expect((await get('/coverage?gaps=2')).res.status).toBe(400);
    expect((await get('/coverage?region=123456')).res.status).toBe(404);
  });
});

describe('audit log', () => {
  test('lists entries, filters and twins', async () => {
    const { res, text } = await get('/audit');
    expect(res.status).toBe(200);
    expect(text).toContain('新增用户');
    const body = await json<{ total: number; entries: { action: string; target: string }[] }>('/audit?action=user');
    expect(body.entries.every((e) => e.action.startsWith('user.'))).toBe(true);
    expect(body.total).toBe(4);
    const byRegion = await json<{ entries: { target: string }[] }>('/audit?region=420100');
    expect(byRegion.entries.map((e) => e.target).sort()).toEqual(['jiangan', 'wuchang', 'wuhan']);
    const csv = await rawText(await t.app.request('/audit?format=csv', { headers: admin }));
    expect(csv.startsWith('\uFEFFid,at,actor,action,region,target,detail\r\n')).toBe(true);
    expect((await get('/audit?action=DROP%20TABLE')).res.status).toBe(400);
    expect((await get('/audit?page=0')).res.status).toBe(400);
  });
});

describe('language', () => {
  test('?lang=en switches to English and is remembered', async () => {
    const res = await t.app.request('/queue?lang=en', { headers: admin });
    const text = await res.text();
    expect(text).toContain('<html lang="en">');
    expect(text).toContain('Review queue');
    expect(res.headers.getSetCookie().join(';')).toContain('tb_lang=en');
    const again = await get('/', { Cookie: `${t.sessions.admin.cookie}; tb_lang=en` });
    expect(again.text).toContain('Overview');
    // the switch link keeps the page and its filters
    expect(text).toContain('href="/queue?lang=zh"');
    expect((await get('/?lang=fr')).text).toContain('<html lang="zh-CN">');
  });
});

describe('security headers', () => {
  test('every response carries CSP without inline scripts, frame and sniffing protection', async () => {
    for (const url of ['/', '/queue', '/login', '/static/app.css', '/nope']) {
      const res = await t.app.request(url, { headers: admin });
      const csp = res.headers.get('Content-Security-Policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('X-Frame-Options')).toBe('DENY');
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('Referrer-Policy')).toBe('same-origin');
    }
  });

  test('pages have no inline script or style', async () => {
    for (const url of ['/', '/queue', `/items/420102/${CODE_PENSION}`, '/coverage', '/audit']) {
      const { text } = await get(url);
      expect(text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(text).not.toMatch(/<style|\sstyle=/);
      expect(text).not.toMatch(/\son[a-z]+=/);
    }
  });
});
