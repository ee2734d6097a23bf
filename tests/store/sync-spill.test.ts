// A sync keeps item bodies in a spill file between reading and writing: the file must never outlive the
// sync (nor be visible on disk), and a sync that fails after writing every row must leave the previous state.
import { readdirSync, readlinkSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { openStore, type Store } from '../../src/store/db.js';
import { syncCatalog } from '../../src/store/sync.js';
import { catalogCodeFor, itemData, itemPath, itemYaml, makeGitCatalog, smallCatalog, SMALL_REGIONS, type TempGitCatalog } from '../helpers/git-repo.js';
import { BACKENDS, type Database } from './backends.js';

const [PROVINCE, , COUNTY, DIRECT] = SMALL_REGIONS as [typeof SMALL_REGIONS[0], typeof SMALL_REGIONS[0], typeof SMALL_REGIONS[0], typeof SMALL_REGIONS[0]];

/** Spill files this process has open (an unlinked file shows as "… (deleted)"). */
function openSpills(): string[] {
  const out: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.includes('tongbiao-sync-')) out.push(target);
    } catch {
      /* closed meanwhile (the fd of readdir itself) */
    }
  }
  return out;
}

describe.each(BACKENDS)('sync spill on $name', (backend) => {
  let db: Database;
  let store: Store;
  let repo: TempGitCatalog;

  beforeEach(async () => {
    db = await backend.start();
    store = await openStore(db.url);
    repo = makeGitCatalog({ prefix: 'catalog-yaml' });
  });
  afterEach(async () => {
    store.close();
    await db.stop();
    repo.cleanup();
  });

  const dump = async () => {
    const all = async (sql: string) => (await store.client.execute(sql)).rows.map((r) => ({ ...r }));
    return {
      runs: await all('SELECT id, revision, outcome, counts FROM sync_runs ORDER BY id'),
      items: await all('SELECT id, region, catalog_code, blob, revision, body, name, removed_at, errors, warnings FROM items ORDER BY region, catalog_code'),
      versions: await all('SELECT region, catalog_code, "commit", change, blob, body FROM item_versions ORDER BY id'),
      findings: await all('SELECT file, rule, path FROM findings ORDER BY file, rule, path'),
      discrepancies: await all('SELECT key, fingerprint, since FROM discrepancies ORDER BY key'),
      fts: await all('SELECT rowid, region, catalog_code, name, conditions, materials FROM items_fts ORDER BY rowid'),
      lock: await all('SELECT holder FROM sync_lock'),
    };
  };

  it.runIf(process.platform === 'linux')('a sync failing after writing every row keeps the previous state; its spill file is open only while it runs and never on disk', async () => {
    repo.writeAll(smallCatalog(3));
    repo.commit('init');
    await syncCatalog(store, { catalogDir: repo.catalog });
    expect(openSpills()).toEqual([]);
    const before = await dump();

    const C1 = catalogCodeFor(1);
    repo.write(itemPath(COUNTY, C1), stringify(itemData({ catalogCode: C1, region: COUNTY.code, level: '县级', set: { conditions: '本区户籍人员' } })));
    repo.write(itemPath(PROVINCE, catalogCodeFor(4)), itemYaml({ catalogCode: catalogCodeFor(4), region: PROVINCE.code, level: '省级' }));
    repo.remove(itemPath(DIRECT, catalogCodeFor(2)));
    repo.commit('编辑、新增、删除');

    const whileWriting: string[][] = [];
    await expect(
      syncCatalog(store, {
        catalogDir: repo.catalog,
        onProgress: (p) => {
          if (p.phase !== 'writing') return;
          whileWriting.push(openSpills());
          if (p.done === p.total) throw new Error('disk full');
        },
      }),
    ).rejects.toThrow(/nothing was written: disk full/);
    expect(whileWriting.length).toBeGreaterThan(1);
    for (const open of whileWriting) expect(open).toEqual([expect.stringMatching(/tongbiao-sync-\w+\/texts \(deleted\)$/)]);
    expect(openSpills()).toEqual([]);
    expect(await dump()).toEqual(before);

    const summary = await syncCatalog(store, { catalogDir: repo.catalog });
    expect(summary).toMatchObject({ outcome: 'ok', itemsAdded: 1, itemsChanged: 1, itemsRemoved: 1, versions: 3 });
    expect(openSpills()).toEqual([]);
    const edited = (await store.client.execute({ sql: 'SELECT body FROM items WHERE region = ? AND catalog_code = ?', args: [COUNTY.code, C1] })).rows[0]!;
    expect(JSON.parse(String(edited.body))).toMatchObject({ conditions: '本区户籍人员' });
    const search = await store.client.execute({ sql: 'SELECT conditions FROM items_fts WHERE region = ? AND catalog_code = ?', args: [COUNTY.code, C1] });
    expect(search.rows.map((r) => r.conditions)).toEqual(['本区户籍人员']);
  });
});
