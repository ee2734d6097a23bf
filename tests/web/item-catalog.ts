// A small format v2 catalog for the item page, file and search tests, as a real git repository synced by the real
// CLI and served over real HTTP: 湖北省 → 武汉市 → 江岸区 → 大智街道 (乡镇级) → 大智社区 (村级), the fixture's v2
// item (handling items, file references, lifecycle) at every level, with files/ holding a blank form, a result
// sample, an HTML page (served only as an attachment) and a symbolic link out of files/ (never served).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { LEVEL_DIGIT, type Level } from '../../src/catalog/types.js';
import { makeCreditCode } from '../../src/codes/uscc.js';
import { openStore, type Store } from '../../src/store/db.js';
import { addUser, createSession } from '../../src/store/users.js';
import { listen, type Listening } from '../../src/web/server.js';
import { runCli } from '../helpers/cli.js';
import { makeGitCatalog, regionYaml, type TempGitCatalog } from '../helpers/git-repo.js';
import { FIXTURES } from '../helpers/item.js';

export const CODE = '002000101000';
export const SUSPENDED = '002000102000';
export const FORM = 'files/forms/养老保险关系转移申请表.docx';
export const SAMPLE = 'files/samples/参保缴费凭证.pdf';

const REGIONS: { code: string; name: string; level: Level; dir: string }[] = [
  { code: '420000', name: '湖北省', level: '省级', dir: '420000' },
  { code: '420100', name: '武汉市', level: '市级', dir: '420000/420100' },
  { code: '420102', name: '江岸区', level: '县级', dir: '420000/420100/420102' },
  { code: '420102001', name: '大智街道', level: '乡镇级', dir: '420000/420100/420102/420102001' },
  { code: '420102001001', name: '大智社区', level: '村级', dir: '420000/420100/420102/420102001/420102001001' },
];

/** The fixture's v2 item as a region holds it: its own department and codes, then `set` (undefined deletes). */
export function regionItem(region: (typeof REGIONS)[number], catalogCode: string, set: Record<string, unknown> = {}): Record<string, unknown> {
  const item = parse(readFileSync(join(FIXTURES, 'items', 'valid-county.yaml'), 'utf8')) as Record<string, unknown>;
  const creditCode = makeCreditCode('11', region.code.slice(0, 6), 'MB' + region.code.slice(-3) + '001');
  Object.assign(item, {
    catalogCode,
    taskCode: creditCode + LEVEL_DIGIT[region.level] + catalogCode,
    dept: { name: `${region.name}人力资源和社会保障局`, creditCode, nature: '法定机关' },
    useLevel: ['省级', '市级', '县级', '乡镇级', '村级'],
  });
  for (const [key, value] of Object.entries(set)) {
    if (value === undefined) delete item[key];
    else item[key] = value;
  }
  return item;
}

export interface ItemServer {
  repo: TempGitCatalog;
  store: Store;
  server: Listening;
  /** the server's address, ending in / */
  url: string;
  /** a reviewer of 武汉市's session cookie */
  cookie: string;
  close(): Promise<void>;
}

/**
 * The catalog synced and served. The county 江岸区 gives its handling item 02 an extra material (a review
 * discrepancy inside a handling item) and a longer promised limit on 01; the township claims the item with a result
 * sample that is a link out of files/; 002000102000 is 暂停 at the province and in 江岸区.
 */
export async function startItemServer(options: { catalogDir?: boolean } = {}): Promise<ItemServer> {
  const [province, city, county, township, village] = REGIONS as [typeof REGIONS[number], typeof REGIONS[number], typeof REGIONS[number], typeof REGIONS[number], typeof REGIONS[number]];
  const files: Record<string, string> = { 'tongbiao.yaml': 'formatVersion: 2\n' };
  for (const region of REGIONS) files[`${region.dir}/region.yaml`] = regionYaml(region.code, region.name, region.level);
  const put = (region: typeof province, code: string, set: Record<string, unknown> = {}) => {
    files[`${region.dir}/items/${code}.yaml`] = stringify(regionItem(region, code, set));
  };
  const base = regionItem(province, CODE);
  const handling = base.handlingItems as Record<string, unknown>[];
  put(province, CODE);
  put(city, CODE);
  put(county, CODE, {
    handlingItems: [
      { ...handling[0], promisedLimit: { days: 12, unit: '工作日' } },
      { ...handling[1], materials: [...(handling[1]!.materials as unknown[]), { name: '<b>授权委托书</b>', necessity: '非必要', type: '原件', format: '纸质' }] },
    ],
  });
  put(township, CODE, { resultSample: 'files/escape.pdf' });
  put(village, CODE, { conditions: '社区居民在本社区办理，须携带户口簿' });
  const suspended = { name: '城镇职工基本养老保险待遇领取资格认证', status: '暂停', conditions: '领取基本养老金的退休人员每年认证一次' };
  put(province, SUSPENDED, suspended);
  put(city, SUSPENDED, suspended);
  put(county, SUSPENDED, suspended);
  files[FORM] = 'blank form bytes';
  files[SAMPLE] = '%PDF-1.4 sample';
  files['files/page.html'] = '<script>alert(1)</script>';
  const repo = makeGitCatalog({ files });
  repo.symlink('files/escape.pdf', '../tongbiao.yaml');
  repo.commit('v2 catalog with files');
  const dbUrl = 'file:' + join(repo.top, 'items.db');
  const synced = runCli(['sync', '--catalog', repo.catalog, '--db', dbUrl]);
  if (synced.code !== 0) throw new Error(`tongbiao sync failed (${synced.code}): ${synced.stderr}`);
  const store = await openStore(dbUrl);
  const user = await addUser(store.db, { name: 'wuhan', password: 'item test password', region: '420100', role: 'reviewer' }, 'test');
  const session = await createSession(store.db, user.id);
  const server = await listen({ store, port: 0, host: '127.0.0.1', version: 'test', ...(options.catalogDir === false ? {} : { catalogDir: repo.catalog }) });
  return {
    repo,
    store,
    server,
    url: server.url,
    cookie: `tb_session=${session.token}`,
    async close() {
      await server.close();
      store.close();
      repo.cleanup();
    },
  };
}
