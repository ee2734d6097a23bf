import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { openStore, type Store } from '../../src/store/db.js';
import { MARK_END, MARK_START, searchItems } from '../../src/store/search.js';
import { syncCatalog } from '../../src/store/sync.js';
import { catalogCodeFor, itemData, itemPath, makeGitCatalog, smallCatalog, SMALL_REGIONS, type TempGitCatalog } from '../helpers/git-repo.js';
import { BACKENDS, type Database } from './backends.js';

const [PROVINCE, CITY, COUNTY] = SMALL_REGIONS as [typeof SMALL_REGIONS[0], typeof SMALL_REGIONS[0], typeof SMALL_REGIONS[0]];

describe.each(BACKENDS)('searchItems on $name', (backend) => {
  let db: Database;
  let store: Store;
  let repo: TempGitCatalog;

  beforeAll(async () => {
    db = await backend.start();
    store = await openStore(db.url);
    repo = makeGitCatalog({ files: smallCatalog(2) });
    const special = (region: typeof PROVINCE, level: '省级' | '市级' | '县级') =>
      stringify(
        itemData({
          catalogCode: catalogCodeFor(3),
          region: region.code,
          level,
          name: '城镇职工基本养老保险关系转移接续',
          set: {
            conditions: '参保人员跨省流动就业，100%_按规定转移',
            materials: [{ name: '户口簿', necessity: '必要', form: '原件', medium: '纸质', copies: 1, source: '申请人自备' }],
          },
        }),
      );
    repo.write(itemPath(PROVINCE, catalogCodeFor(3)), special(PROVINCE, '省级'));
    repo.write(itemPath(CITY, catalogCodeFor(3)), special(CITY, '市级'));
    repo.commit('init');
    await syncCatalog(store, { catalogDir: repo.catalog });
  });
  afterAll(async () => {
    store.close();
    await db.stop();
    repo.cleanup();
  });

  it('finds Chinese text of three or more characters with the trigram index, marking the match', async () => {
    const hits = await searchItems(store.db, '养老保险');
    expect(hits.map((h) => h.region)).toEqual(['420000', '420100']);
    expect(hits[0]).toMatchObject({ catalogCode: catalogCodeFor(3), regionName: '湖北省', name: '城镇职工基本养老保险关系转移接续' });
    expect(hits[0]!.snippet).toContain(`${MARK_START}养老保险${MARK_END}`);
  });

  it('searches material names and conditions too', async () => {
    expect((await searchItems(store.db, '户口簿')).length).toBe(2);
    expect((await searchItems(store.db, '跨省流动')).length).toBe(2);
  });

  it('handles one- and two-character queries with LIKE', async () => {
    const two = await searchItems(store.db, '养老');
    expect(two.map((h) => h.region)).toEqual(['420000', '420100']);
    expect(two[0]!.snippet).toBe(`城镇职工基本${MARK_START}养老${MARK_END}保险关系转移接续`);
    expect((await searchItems(store.db, '簿')).length).toBe(2);
    // every default item's name has 测试 in it: 3 × 4 regions… minus the two special ones
    expect((await searchItems(store.db, '测试', { limit: 200 })).length).toBe(2 * 4);
  });

  it('combines long and short terms, narrows by region, limits and pages', async () => {
    expect((await searchItems(store.db, '转移接续 户口')).length).toBe(2);
    expect((await searchItems(store.db, '养老保险', { regionPrefix: '4201' })).map((h) => h.region)).toEqual(['420100']);
    expect((await searchItems(store.db, '测试', { under: CITY.code, limit: 200 })).map((h) => h.region).sort()).toEqual(
      ['420100', '420100', '420102', '420102'],
    );
    expect((await searchItems(store.db, '测试', { under: COUNTY.code, limit: 200 })).length).toBe(2);
    const page1 = await searchItems(store.db, '测试', { limit: 3 });
    const page2 = await searchItems(store.db, '测试', { limit: 3, offset: 3 });
    expect(page1).toHaveLength(3);
    expect(new Set([...page1, ...page2].map((h) => h.region + h.catalogCode)).size).toBe(6);
  });

  it('treats quotes, operators and LIKE wildcards as plain text', async () => {
    expect(await searchItems(store.db, '"OR" NEAR(')).toEqual([]);
    expect(await searchItems(store.db, '%')).toHaveLength(2);
    expect(await searchItems(store.db, '0%_')).toHaveLength(2);
    expect(await searchItems(store.db, '_')).toHaveLength(2);
    expect(await searchItems(store.db, '   ')).toEqual([]);
  });

  it('leaves removed items out', async () => {
    repo.remove(itemPath(CITY, catalogCodeFor(3)));
    repo.commit('remove');
    await syncCatalog(store, { catalogDir: repo.catalog });
    expect((await searchItems(store.db, '养老保险')).map((h) => h.region)).toEqual(['420000']);
  });
});
