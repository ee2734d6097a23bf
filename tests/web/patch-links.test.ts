// The "request fix" patch links over real HTTP, on a synced git catalog served with its catalog: a decision form
// links a patch only when its discrepancy has a fix (levels/fix.ts isFixable: a fixable kind AND a value on one
// side), and every link shown answers 200 with the diff; a review with a value on neither side gets none.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeDiscrepancy } from '../../src/levels/discrepancy.js';
import { discrepancies } from '../../src/store/schema.js';
import { listen } from '../../src/web/server.js';
import { CODE, startItemServer, type ItemServer } from './item-catalog.js';

let s: ItemServer;
let valueless: string;
beforeAll(async () => {
  s = await startItemServer();
  // a review whose sides hold no value (an element written as null on each side is stored as no value): the store
  // can hold it, and there is nothing to take from the parent
  const d = makeDiscrepancy({ region: '420102', catalogCode: CODE, against: '420100', path: '/conditions', kind: 'review' });
  const [since] = await s.store.db.all<{ revision: string }>(sql`SELECT revision FROM sync_runs ORDER BY id DESC LIMIT 1`);
  await s.store.db.insert(discrepancies).values({
    key: d.key, region: d.region, catalogCode: d.catalogCode, against: d.against, path: d.path, field: 'conditions',
    kind: d.kind, rule: d.rule, ours: null, theirs: null, fingerprint: d.fingerprint, since: since!.revision,
  });
  valueless = d.key;
});
afterAll(async () => {
  await s?.close();
});

const get = (path: string) => fetch(new URL(path, s.url), { headers: { Cookie: s.cookie }, redirect: 'manual' });
const unescape = (href: string) => href.replace(/&amp;/g, '&');

describe('patch links', () => {
  test('a review with a value on neither side has no patch link', async () => {
    const page = await get(`/decide?key=${encodeURIComponent(valueless)}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    // the form is there (the reviewer may decide), only the patch is not offered
    expect(html).toContain('name="decision"');
    expect(html).not.toContain('/decide/patch');
    expect((await get(`/decide/patch?key=${encodeURIComponent(valueless)}`)).status).toBe(404);
  });

  test('every patch link a decision form shows answers 200 with a diff of the item file', async () => {
    const keys = (await s.store.db.all<{ key: string }>(sql`SELECT key FROM discrepancies ORDER BY key`)).map((r) => r.key);
    expect(keys.length).toBeGreaterThan(2);
    const links: string[] = [];
    for (const key of keys) {
      const html = await (await get(`/decide?key=${encodeURIComponent(key)}`)).text();
      for (const [, href] of html.matchAll(/href="(\/decide\/patch\?[^"]+)"/g)) links.push(unescape(href!));
    }
    // the county's longer promised limit (looser) and the extra material (review) have fixes: a view and a download each
    expect(links.length).toBeGreaterThanOrEqual(4);
    for (const link of links) {
      const res = await get(link);
      expect(res.status, link).toBe(200);
      expect(res.headers.get('content-type'), link).toBe('text/x-diff; charset=utf-8');
      expect(await res.text(), link).toMatch(/^--- a\/.*\n\+\+\+ b\//m);
    }
  });

  test('while the repository cannot be opened, a fixable discrepancy says so (503), one with no fix still says it has none (404)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tongbiao-later-repo-'));
    const later = await listen({ store: s.store, port: 0, host: '127.0.0.1', catalogDir: dir });
    const at = (path: string) => fetch(new URL(path, later.url), { headers: { Cookie: s.cookie } });
    try {
      const [looser] = await s.store.db.all<{ key: string }>(sql`SELECT key FROM discrepancies WHERE kind = 'looser' ORDER BY key LIMIT 1`);
      const fixable = await at(`/decide/patch?key=${encodeURIComponent(looser!.key)}`);
      expect(fixable.status).toBe(503);
      expect(await fixable.text()).toContain('服务器暂时无法读取目录的 git 仓库');
      const none = await at(`/decide/patch?key=${encodeURIComponent(valueless)}`);
      expect(none.status).toBe(404);
      expect(await none.text()).toContain('无法为此差异生成整改补丁');
      execFileSync('git', ['clone', '-q', s.repo.top, dir]);
      expect((await at(`/decide/patch?key=${encodeURIComponent(looser!.key)}`)).status).toBe(200);
    } finally {
      await later.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
