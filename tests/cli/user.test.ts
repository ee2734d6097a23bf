// An account's whole life on the command line (the built CLI as a real process over a real database file):
// re-enabled, moved to another role and region, deleted; each change audited and ending the account's
// sessions; decisions outlive a deleted account; the last enabled admin cannot be locked out.
import { join } from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { auditLog, sessions } from '../../src/store/schema.js';
import { addUser, createSession, findUser } from '../../src/store/users.js';
import { runCli } from '../helpers/cli.js';
import { seed, tempStore, type TempStore } from '../web/seed.js';

let temp: TempStore;
let db: string;

beforeAll(async () => {
  temp = await tempStore();
  await seed(temp.store);
  await addUser(temp.store.db, { name: 'boss', password: 'a long password', region: '420000', role: 'admin' }, 'test');
  temp.store.close();
  db = 'file:' + join(temp.dir, 'test.db');
});
afterAll(() => temp.cleanup());

const cli = (...args: string[]) => runCli(['user', ...args, '--db', db], { input: 'a long password\n' });

async function withStore<T>(use: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const store = await openStore(db);
  try {
    return await use(store);
  } finally {
    store.close();
  }
}

const lastAudit = () => withStore(async (s) => (await s.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]!);
const sessionCount = (name: string) =>
  withStore(async (s) => {
    const user = await findUser(s.db, name);
    return (await s.db.select().from(sessions).where(eq(sessions.userId, user!.id))).length;
  });
const startSession = (name: string) => withStore(async (s) => createSession(s.db, (await findUser(s.db, name))!.id));

describe('tongbiao user enable / set / delete', () => {
  test('disable, then enable again', async () => {
    expect(cli('add', 'hankou', '--region', '420102', '--role', 'reviewer').code).toBe(0);
    expect(cli('disable', 'hankou').code).toBe(0);
    const enabled = cli('enable', 'hankou');
    expect(enabled.code, enabled.stderr).toBe(0);
    expect(enabled.stdout).toBe('enabled hankou\n');
    expect(cli('list').stdout).toContain('hankou\t420102\treviewer\n');
    expect(await lastAudit()).toMatchObject({ action: 'user.enable', target: 'hankou', region: '420102' });
    const again = cli('enable', 'hankou');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('not disabled');
  });

  test('set moves role and region, ends sessions, audits before and after', async () => {
    await startSession('hankou');
    expect(await sessionCount('hankou')).toBe(1);
    const moved = cli('set', 'hankou', '--role', 'officer', '--region', '420100');
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toBe('hankou is now officer, region 420100; its sessions ended\n');
    expect(await sessionCount('hankou')).toBe(0);
    expect(await lastAudit()).toMatchObject({
      action: 'user.change',
      target: 'hankou',
      region: '420100',
      detail: { from: { role: 'reviewer', region: '420102' }, to: { role: 'officer', region: '420100' } },
    });
    expect(cli('set', 'hankou', '--region', '420106').code).toBe(0);
    expect(cli('list').stdout).toContain('hankou\t420106\tofficer\n');
  });

  test.each([
    [['set', 'hankou'], 'needs --role and/or --region'],
    [['set', 'hankou', '--role', 'boss'], '--role must be one of'],
    [['set', 'hankou', '--region', '999999'], 'unknown region'],
    [['set', 'hankou', '--role', 'officer'], 'already officer of 420106'],
    [['set', 'nobody', '--role', 'admin'], "no user 'nobody'"],
    [['enable', 'nobody'], "no user 'nobody'"],
    [['delete', 'nobody'], "no user 'nobody'"],
    [['delete'], 'needs a user name'],
  ])('%j fails with exit 2', (args, message) => {
    const result = cli(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  test('delete ends sessions and removes the account; its audit entries stay', async () => {
    await startSession('hankou');
    const deleted = cli('delete', 'hankou');
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(cli('list').stdout).not.toContain('hankou');
    expect(await withStore(async (s) => findUser(s.db, 'hankou'))).toBeUndefined();
    expect(await lastAudit()).toMatchObject({ action: 'user.delete', target: 'hankou', detail: { role: 'officer' } });
    const trail = await withStore(async (s) => s.db.select().from(auditLog).where(eq(auditLog.target, 'hankou')));
    expect(trail.map((e) => e.action)).toEqual(['user.add', 'user.disable', 'user.enable', 'user.change', 'user.change', 'user.delete']);
  });

  test('the last enabled admin cannot be disabled, demoted or deleted; with a second admin it can', () => {
    for (const args of [['disable', 'boss'], ['set', 'boss', '--role', 'officer'], ['delete', 'boss']]) {
      const result = cli(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain("'boss' is the last enabled admin");
    }
    expect(cli('add', 'boss2', '--region', '420000', '--role', 'admin').code).toBe(0);
    expect(cli('set', 'boss', '--role', 'officer').code).toBe(0);
    expect(cli('list').stdout).toContain('boss\t420000\tofficer\n');
  });

  test('--help lists every action', () => {
    const help = runCli(['user', '--help']);
    expect(help.code).toBe(0);
    for (const action of ['add', 'list', 'passwd', 'disable', 'enable', 'set', 'delete']) expect(help.stdout).toContain(`tongbiao user ${action}`);
  });
});
