// Issue 10 §1 end to end on the demo catalog: git repository → sync → the queue's JSON twin. A renamed material
// is two discrepancies with two keys, both in the queue; moving a material keeps an accepted decision decided.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { openStore, type Store } from '../../src/store/db.js';
import { decide } from '../../src/store/reviews.js';
import { syncCatalog } from '../../src/sync/sync.js';
import { addUser, createSession } from '../../src/store/users.js';
import { createApp } from '../../src/web/app.js';
import { readTree } from '../helpers/files.js';
import { makeGitCatalog, type TempGitCatalog } from '../helpers/git-repo.js';

const FILE = '420000/420100/420106/items/000100104000.yaml';
const CODE = '000100104000';

type QueueJson = { total: number; discrepancies: Array<{ key: string; path: string; kind: string; status: string; fingerprint: string }> };

let dir: string;
let store: Store;
let repo: TempGitCatalog;
let cookie: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tongbiao-queue-keys-'));
  store = await openStore('file:' + join(dir, 'test.db'));
  repo = makeGitCatalog({ files: Object.fromEntries(readTree(join(PACKAGE_ROOT, 'catalog-yaml'))), commit: 'demo catalog' });
  await syncCatalog(store, { catalogDir: repo.catalog });
  const user = await addUser(store.db, { name: 'admin', password: 'correct horse battery', region: '420000', role: 'admin' }, 'test');
  cookie = `tb_session=${(await createSession(store.db, user.id)).token}`;
});
afterAll(() => {
  store.close();
  repo.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** The item's discrepancies in the queue's JSON twin (a fresh app, as after a restart). */
async function queue(): Promise<QueueJson['discrepancies']> {
  const res = await createApp({ store }).request('/queue?region=420106&scope=self&per=200', { headers: { Cookie: cookie, Accept: 'application/json' } });
  expect(res.status).toBe(200);
  return ((await res.json()) as QueueJson).discrepancies.filter((d) => d.key.startsWith(`420106/${CODE}#`));
}

/** Edits the file with the yaml Document API, commits and syncs. */
async function editAndSync(edit: (doc: ReturnType<typeof parseDocument>) => void): Promise<void> {
  const doc = parseDocument(readTree(repo.catalog).get(FILE)!);
  edit(doc);
  repo.write(FILE, doc.toString());
  repo.commit('edit');
  await syncCatalog(store, { catalogDir: repo.catalog });
}

describe('keys by identity through sync and the queue', () => {
  it('a renamed material reaches the queue as a looser and a tightened discrepancy, each with its own key', async () => {
    let name = '';
    await editAndSync((doc) => {
      name = String(doc.getIn(['materials', 1, 'name']));
      doc.setIn(['materials', 1, 'name'], `${name}（学位）`);
    });
    const rows = (await queue()).filter((d) => d.path === '/materials/1');
    expect(rows.map((d) => [d.kind, d.key]).sort()).toEqual([
      ['looser', `420106/${CODE}#/materials/@${name}（学位）`],
      ['tightened', `420106/${CODE}#/materials/@${name}`],
    ]);
  });

  it('an accepted difference inside a material stays decided when the material moves to the top', async () => {
    await editAndSync((doc) => doc.setIn(['materials', 2, 'source'], '其他（经核实）'));
    const target = (await queue()).find((d) => d.path === '/materials/2/source')!;
    expect(target.key).toMatch(new RegExp(`^420106/${CODE}#/materials/@[^/]+/source$`));
    const decided = await decide(store.db, { key: target.key, fingerprint: target.fingerprint, decision: 'accepted', reason: '本区核实', actor: 'admin' });
    expect(decided.ok).toBe(true);
    const before = await queue();
    await editAndSync((doc) => {
      const list = doc.getIn(['materials']) as { items: unknown[] };
      list.items.unshift(...list.items.splice(2, 1));
    });
    const after = await queue();
    expect(after.find((d) => d.key === target.key)).toMatchObject({ path: '/materials/0/source', status: 'decided', fingerprint: target.fingerprint });
    expect(after.map((d) => [d.key, d.fingerprint, d.status]).sort()).toEqual(before.map((d) => [d.key, d.fingerprint, d.status]).sort());
  });
});
