// The queue's and coverage page's search: item names through the FTS5 trigram index, 1–2 character terms with
// LIKE, all-digit text as a code prefix; FTS syntax and LIKE wildcards in the text are taken literally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { openStore, type Store } from '../../../src/store/db.js';
import { matchingCodes } from '../../../src/store/read/search.js';
import { syncCatalog } from '../../../src/sync/sync.js';
import { catalogCodeFor, itemData, itemPath, makeGitCatalog, smallCatalog, SMALL_REGIONS, type TempGitCatalog } from '../../helpers/git-repo.js';
import { BACKENDS, type Database } from '../../helpers/backends.js';

const [PROVINCE, CITY] = SMALL_REGIONS as [typeof SMALL_REGIONS[0], typeof SMALL_REGIONS[0]];

describe.each(BACKENDS)('matchingCodes on $name', (backend) => {
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

  const C3 = catalogCodeFor(3);

  it('finds Chinese names by terms of three or more characters (trigram) and of one or two (LIKE)', async () => {
    expect(await matchingCodes(store.db, '养老保险')).toEqual([C3]);
    expect(await matchingCodes(store.db, '养老')).toEqual([C3]);
    expect(await matchingCodes(store.db, '转移接续 养老')).toEqual([C3]);
    // names only: 户口簿 is a material, not a name
    expect(await matchingCodes(store.db, '转移接续 户口')).toEqual([]);
    expect(await matchingCodes(store.db, '测试')).toEqual([catalogCodeFor(1), catalogCodeFor(2)]);
  });

  it('reads all-digit text as a code prefix', async () => {
    expect(await matchingCodes(store.db, C3)).toEqual([C3]);
    expect((await matchingCodes(store.db, C3.slice(0, 4))).length).toBe(3);
  });

  it('takes FTS syntax and LIKE wildcards literally, and finds nothing for blank text', async () => {
    expect(await matchingCodes(store.db, '"OR" NEAR(')).toEqual([]);
    expect(await matchingCodes(store.db, '%')).toEqual([]);
    expect(await matchingCodes(store.db, '_')).toEqual([]);
    expect(await matchingCodes(store.db, '   ')).toEqual([]);
  });

  it('still finds an item the province keeps when a region removed it', async () => {
    repo.remove(itemPath(CITY, C3));
    repo.commit('remove');
    await syncCatalog(store, { catalogDir: repo.catalog });
    expect(await matchingCodes(store.db, '养老保险')).toEqual([C3]);
  });
});
