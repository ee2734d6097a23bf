// Decisions in git reach the review UI: a sync reads each region's decisions.yaml, stores what git holds, and
// brings each entry newer than the database's own verdict in as a review marked as coming from git.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionsYaml } from '../../src/catalog/decisions.js';
import { openStore, type Store } from '../../src/store/db.js';
import { addUser, createSession } from '../../src/store/users.js';
import { createApp } from '../../src/web/app.js';
import { readTree } from '../helpers/files.js';
import { makeGitCatalog, type TempGitCatalog } from '../helpers/git-repo.js';
import { runCli } from '../helpers/cli.js';

const DEMO = join(import.meta.dirname, '..', '..', 'catalog-yaml');
const COUNTY = '420000/420100/420106';
const ITEM = `${COUNTY}/items/000100105000.yaml`;

let repo: TempGitCatalog;
let db: string;
let finding: { key: string; fingerprint: string };
beforeAll(() => {
  // the demo without its own decisions.yaml (西陵区's), so that every decision here is this test's
  repo = makeGitCatalog({ files: Object.fromEntries([...readTree(DEMO)].filter(([path]) => !path.endsWith('/decisions.yaml'))), commit: 'demo' });
  db = 'file:' + join(repo.top, '..', `${repo.top.split('/').at(-1)}.db`);
  const item = join(repo.catalog, ITEM);
  writeFileSync(item, readFileSync(item, 'utf8').replace(/promisedLimit: \{ days: \d+/, 'promisedLimit: { days: 12'));
  repo.commit('longer');
  finding = JSON.parse(runCli(['validate', '--catalog', repo.catalog, '--format', 'json']).stdout).findings.find((f: { rule: string; region: string }) => f.rule === 'level-looser' && f.region === '420106');
});
afterAll(() => repo.cleanup());

const states = async (store: Store) => (await store.client.execute(`SELECT key, state, decision, author FROM review_states`)).rows.map((r) => ({ ...r }));
const sources = async (store: Store) => (await store.client.execute(`SELECT decision, author, source FROM reviews ORDER BY id`)).rows.map((r) => ({ ...r }));

describe('sync brings decisions.yaml into the review database', () => {
  it('an accepted entry shows as decided, from git; syncing again adds nothing; an older git entry never overrides a newer UI verdict', async () => {
    repo.write(`${COUNTY}/decisions.yaml`, decisionsYaml([{ ...finding, decision: 'accepted', reason: '区政府同意', by: 'wuchang', at: '2026-12-06T10:15:00+08:00' }]));
    repo.commit('decisions');
    expect(runCli(['sync', '--catalog', repo.catalog, '--db', db]).code).toBe(0);
    const store = await openStore(db);
    try {
      expect(await states(store)).toEqual([{ key: finding.key, state: 'decided', decision: 'accepted', author: 'wuchang' }]);
      expect(await sources(store)).toEqual([{ decision: 'accepted', author: 'wuchang', source: 'git' }]);
      expect((await store.client.execute('SELECT count(*) AS n FROM git_decisions')).rows[0]!.n).toBe(1);

      // the item page marks it as coming from git
      const admin = await addUser(store.db, { name: 'admin', region: '420000', role: 'admin', password: 'correct horse battery' }, 'test');
      const session = await createSession(store.db, admin.id);
      const html = await (await createApp({ store }).request('/items/420106/000100105000', { headers: { Cookie: `tb_session=${session.token}` } })).text();
      expect(html).toContain('来自 git（decisions.yaml）');
      expect(html).toContain('区政府同意');

      // a newer decision in the UI: reopened now
      await store.client.execute({ sql: `INSERT INTO reviews (key, fingerprint, region, catalog_code, path, decision, reason, author) VALUES (?, ?, '420106', '000100105000', '/promisedLimit', 'reopened', '', 'wuhan')`, args: [finding.key, finding.fingerprint] });
    } finally {
      store.close();
    }
    repo.write('README.md', 'another commit\n');
    repo.commit('unrelated');
    expect(runCli(['sync', '--catalog', repo.catalog, '--db', db]).code).toBe(0);
    const again = await openStore(db);
    try {
      expect((await sources(again)).map((r) => r.source)).toEqual(['git', 'ui']);
      expect((await states(again))[0]).toMatchObject({ state: 'open', decision: 'reopened' });

      // the dashboard counts the reopened decision as not yet in git, and offers the region's file without it
      const admin = await addUser(again.db, { name: 'officer', region: '420000', role: 'admin', password: 'correct horse battery' }, 'test');
      const cookie = `tb_session=${(await createSession(again.db, admin.id)).token}`;
      const app = createApp({ store: again });
      const dashboard = await (await app.request('/?format=json', { headers: { Cookie: cookie } })).json();
      expect(dashboard.regions.find((r: { code: string }) => r.code === '420106').notInGit).toBe(1);
      expect(dashboard.regions.find((r: { code: string }) => r.code === '420102').notInGit).toBe(0);
      const file = await app.request('/regions/420106/decisions.yaml', { headers: { Cookie: cookie } });
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toContain('420106-decisions.yaml');
      expect(await file.text()).toBe('[]\n');
      expect((await app.request('/regions/420106/decisions.yaml')).status).not.toBe(200);
      expect((await app.request('/regions/999999/decisions.yaml', { headers: { Cookie: cookie } })).status).toBe(404);
    } finally {
      again.close();
    }
  });
});
