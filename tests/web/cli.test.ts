// The built CLI as a real process: tongbiao user …, serve and start (npm test builds first).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { openStore } from '../../src/store/db.js';
import { findUser, verifyPassword } from '../../src/store/users.js';
import { runCli, startServing, stop } from '../helpers/cli.js';
import { makeGitCatalog } from '../helpers/git-repo.js';
import { seed, tempStore, type TempStore } from './seed.js';
import { readTree } from '../helpers/files.js';

let temp: TempStore;
let db: string;

beforeAll(async () => {
  temp = await tempStore();
  await seed(temp.store);
  temp.store.close();
  db = 'file:' + join(temp.dir, 'test.db');
});
afterAll(() => temp.cleanup());

describe('tongbiao user', () => {
  test('add (password from stdin), list, passwd, disable', async () => {
    const add = runCli(['user', 'add', 'xiling', '--region', '420502', '--role', 'reviewer', '--db', db], { input: 'a long password\n' });
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('added xiling (reviewer, region 420502)');
    const list = runCli(['user', 'list', '--format', 'json', '--db', db]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).users).toEqual([expect.objectContaining({ name: 'xiling', region: '420502', role: 'reviewer', disabled: false })]);
    expect(list.stdout).not.toContain('scrypt');
    expect(runCli(['user', 'list', '--db', db]).stdout).toBe('xiling\t420502\treviewer\n');
    expect(runCli(['user', 'passwd', 'xiling', '--db', db], { input: 'another password\n' }).code).toBe(0);
    const store = await openStore(db);
    try {
      const user = await findUser(store.db, 'xiling');
      expect(user!.passwordHash.startsWith('scrypt$')).toBe(true);
      expect(await verifyPassword('another password', user!.passwordHash)).toBe(true);
      expect(await verifyPassword('a long password', user!.passwordHash)).toBe(false);
    } finally {
      store.close();
    }
    expect(runCli(['user', 'disable', 'xiling', '--db', db]).code).toBe(0);
    expect(runCli(['user', 'list', '--db', db]).stdout).toBe('xiling\t420502\treviewer\tdisabled\n');
  });

  test.each([
    [['user', 'add', 'x1', '--region', '999999', '--role', 'reviewer'], 'unknown region'],
    [['user', 'add', 'x2', '--region', '420102', '--role', 'boss'], '--role must be one of'],
    [['user', 'add', 'x3', '--region', '420102'], 'needs --role'],
    [['user', 'add', 'x4', '--role', 'reviewer'], 'needs --region'],
    [['user', 'add', 'bad name', '--region', '420102', '--role', 'reviewer'], 'invalid user name'],
    [['user', 'frobnicate'], 'user needs one of'],
    [['user', 'passwd', 'nobody'], "no user 'nobody'"],
    [['user', 'disable'], 'needs a user name'],
  ])('%j fails with exit 2', (args, message) => {
    const result = runCli([...args, '--db', db], { input: 'a long password\n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  test('a short password or none is refused', () => {
    expect(runCli(['user', 'add', 'y1', '--region', '420102', '--role', 'reviewer', '--db', db], { input: 'short\n' }).stderr).toContain('at least 8');
    expect(runCli(['user', 'add', 'y2', '--region', '420102', '--role', 'reviewer', '--db', db], { input: '' }).stderr).toContain('no password');
  });
});

describe('tongbiao serve', () => {
  test('serves the UI until stopped', async () => {
    const { child, url } = await startServing(['serve', '--port', '0', '--db', db]);
    try {
      expect((await fetch(url + 'healthz')).status).toBe(200);
      const page = await fetch(url);
      expect(page.status).toBe(401);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });

  test('bad options exit 2', () => {
    expect(runCli(['serve', '--port', 'abc', '--db', db]).code).toBe(2);
    expect(runCli(['serve', '--port', '70000', '--db', db]).code).toBe(2);
    expect(runCli(['serve', '--bogus']).code).toBe(2);
  });
});


describe('tongbiao start', () => {
  test('syncs the catalog, creates the first account once, serves; the printed login works', async () => {
    const repo = makeGitCatalog({ files: Object.fromEntries(readTree(join(PACKAGE_ROOT, 'catalog-yaml'))), commit: 'demo catalog' });
    const startDb = 'file:' + join(repo.top, 'start.db');
    try {
      const first = await startServing(['start', '--catalog', repo.catalog, '--db', startDb, '--port', '0']);
      let password: string;
      try {
        expect(first.output()).toMatch(/synced [0-9a-f]{12}/);
        password = /log in as admin with password (\S+)/.exec(first.output())![1]!;
        const form = await fetch(first.url + 'login');
        const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
        const cookie = form.headers.getSetCookie()[0]!.split(';')[0]!;
        const login = await fetch(first.url + 'login', {
          method: 'POST',
          redirect: 'manual',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
          body: new URLSearchParams({ name: 'admin', password, _csrf: token }).toString(),
        });
        expect(login.status).toBe(303);
        const session = login.headers.getSetCookie().find((c) => c.startsWith('tb_session='))!.split(';')[0]!;
        const dashboard = await fetch(first.url, { headers: { Cookie: session } });
        expect(dashboard.status).toBe(200);
        expect(await dashboard.text()).toContain('江岸区');
      } finally {
        expect(await stop(first.child)).toBe(0);
      }
      // a second start finds the account and prints no password
      const second = await startServing(['start', '--catalog', repo.catalog, '--db', startDb, '--port', '0']);
      try {
        expect(second.output()).toContain('already up to date');
        expect(second.output()).not.toContain('password');
      } finally {
        await stop(second.child);
      }
    } finally {
      repo.cleanup();
    }
  });
});
