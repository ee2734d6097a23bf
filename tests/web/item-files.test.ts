// GET /items/:region/:code/files/… over real HTTP: an item's file references served from the catalog's files/ at
// the synced revision — only what the item refers to, never through a link, never a path from the request used
// unchecked (traversal attempts sent byte for byte: a client would normalise them), with the download headers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { filesPath } from '../../src/web/catalog-files.js';
import { listen } from '../../src/web/server.js';
import { CODE, FORM, SAMPLE, startItemServer, type ItemServer } from './item-catalog.js';

let s: ItemServer;
let noCatalog: ItemServer;
beforeAll(async () => {
  [s, noCatalog] = await Promise.all([startItemServer(), startItemServer({ catalogDir: false })]);
});
afterAll(async () => {
  await s?.close();
  await noCatalog?.close();
});

/** GET `path` exactly as written (no URL normalisation), with the reviewer's session unless `cookie` is ''. */
function get(server: ItemServer, path: string, cookie = server.cookie): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(server.url, { path, headers: cookie ? { cookie } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');
const fileUrl = (region: string, ref: string) => `/items/${region}/${CODE}/${encodePath(ref)}`;

describe('item files: happy', () => {
  test('a blank form the item refers to downloads as an attachment with its type and UTF-8 name', async () => {
    const res = await get(s, fileUrl('420102', FORM));
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('blank form bytes');
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${'_'.repeat(11)}.docx"; filename*=UTF-8''${encodeURIComponent('养老保险关系转移申请表.docx')}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  test('a PDF result sample is shown in place (a safe inline type)', async () => {
    const res = await get(s, fileUrl('420102', SAMPLE));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(/^inline; /);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  test('the item page links each files/ reference to this route, and an https address as it is', async () => {
    const html = (await get(s, `/items/420102/${CODE}`)).body.toString();
    expect(html).toContain(`href="${fileUrl('420102', FORM)}"`);
    expect(html).toContain(`href="${fileUrl('420102', SAMPLE)}"`);
    // the parent's column links to the parent's item
    expect(html).toContain(`href="${fileUrl('420100', FORM)}"`);
    expect(html).toContain('href="https://zwfw.hubei.gov.cn/examples/养老保险关系转移申请表.pdf" rel="noopener noreferrer external"');
  });
});

describe('item files: error', () => {
  test('a file no item refers to, or one that does not exist, is the 404 page', async () => {
    for (const path of [fileUrl('420102', 'files/page.html'), fileUrl('420102', 'files/nothere.pdf'), fileUrl('420106', FORM), `/items/420102/002000999000/${encodePath(FORM)}`]) {
      const res = await get(s, path);
      expect(res.status, path).toBe(404);
      expect(res.headers['content-type'], path).toMatch(/^text\/html/);
      expect(res.body.toString(), path).toContain('找不到');
    }
  });

  test('a catalog whose repository cannot be opened is said so (503), and opened on a later request once it can be', async () => {
    // served before its folder is a repository (the server cannot know the synced revision's files yet)
    const dir = mkdtempSync(join(tmpdir(), 'tongbiao-later-repo-'));
    const later = await listen({ store: s.store, port: 0, host: '127.0.0.1', catalogDir: dir });
    const server = { ...s, url: later.url };
    try {
      for (let i = 0; i < 2; i++) {
        const res = await get(server, fileUrl('420102', FORM));
        expect(res.status).toBe(503);
        expect(res.body.toString()).toContain('服务器暂时无法读取目录的 git 仓库');
        expect(res.body.toString()).not.toContain(dir);
      }
      // the repository arrives (cloned into the folder): the next request uses it (patch-links.test.ts: patches too)
      execFileSync('git', ['clone', '-q', s.repo.top, dir]);
      const res = await get(server, fileUrl('420102', FORM));
      expect(res.status).toBe(200);
      expect(res.body.toString()).toBe('blank form bytes');
    } finally {
      await later.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a server without its catalog says it cannot serve files, and the page shows the reference as text', async () => {
    const res = await get(noCatalog, fileUrl('420102', FORM));
    expect(res.status).toBe(404);
    expect(res.body.toString()).toContain('服务器未配置目录');
    const html = (await get(noCatalog, `/items/420102/${CODE}`)).body.toString();
    expect(html).not.toContain('/files/forms/');
    expect(html).toContain(`<span class="code" title="服务器未配置目录（serve --catalog），无法提供文件。">${FORM}</span>`);
  });
});

describe('item files: security', () => {
  test('traversal attempts never leave files/: .., encoded slashes and backslashes, NUL, absolute paths', async () => {
    const attempts = [
      `/items/420102/${CODE}/files/../tongbiao.yaml`,
      `/items/420102/${CODE}/files/..%2ftongbiao.yaml`,
      `/items/420102/${CODE}/files/..%2Ftongbiao.yaml`,
      `/items/420102/${CODE}/files/forms/..%2f..%2ftongbiao.yaml`,
      `/items/420102/${CODE}/files/%2e%2e/tongbiao.yaml`,
      `/items/420102/${CODE}/files/%2e%2e%2ftongbiao.yaml`,
      `/items/420102/${CODE}/files/..%5ctongbiao.yaml`,
      `/items/420102/${CODE}/files/..%5c..%5c420000%5cregion.yaml`,
      `/items/420102/${CODE}/files/%252e%252e%252ftongbiao.yaml`,
      `/items/420102/${CODE}/files//etc/passwd`,
      `/items/420102/${CODE}/files/%2fetc%2fpasswd`,
      `/items/420102/${CODE}/files/forms/x.docx%00.pdf`,
      `/items/420102/${CODE}/files/%E0%A4%A`,
      `/items/420102/${CODE}/files/`,
    ];
    for (const path of attempts) {
      const res = await get(s, path);
      expect(res.status, path).toBe(404);
      expect(res.body.toString(), path).not.toContain('formatVersion');
    }
  });

  test('the path check itself: each segment decoded once, and refused when it could name anything outside files/', () => {
    expect(filesPath(['forms', encodeURIComponent('申请表.docx')])).toBe('files/forms/申请表.docx');
    expect(filesPath(['%252e%252e'])).toBe('files/%2e%2e'); // a file of that odd name, not a way up
    for (const segments of [['..'], ['.'], [''], ['..%2fx'], ['a%5cb'], ['%2e%2e'], ['x%00'], ['%0a'], ['%E0%A4%A'], []]) {
      expect(filesPath(segments), segments.join('/')).toBeUndefined();
    }
  });

  test('a symbolic link in files/ is never followed, even when an item refers to it', async () => {
    // 大智街道's resultSample is files/escape.pdf, a link to ../tongbiao.yaml
    const res = await get(s, fileUrl('420102001', 'files/escape.pdf'));
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('formatVersion');
  });

  test('an HTML file is never served as HTML, and only what an item refers to is served at all', async () => {
    // page.html is in files/ but no item refers to it
    expect((await get(s, fileUrl('420102', 'files/page.html'))).status).toBe(404);
  });

  test('reading a file needs what reading the item needs: a login', async () => {
    expect((await get(s, fileUrl('420102', FORM), '')).status).toBe(401);
    expect((await get(s, `/items/420102/${CODE}`, '')).status).toBe(401);
  });
});
