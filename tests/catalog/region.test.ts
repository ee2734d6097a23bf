import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { fsSource } from '../../src/catalog/source-fs.js';
import { checkCatalog } from '../../src/check/check.js';
import { makeGitCatalog, regionYaml, smallCatalog, type TempGitCatalog } from '../helpers/git-repo.js';

let repo: TempGitCatalog | undefined;
afterEach(() => repo?.cleanup());

async function regionFindings(files: Record<string, string>, remove: string[] = []) {
  repo = makeGitCatalog({ files: { ...smallCatalog(1), ...files } });
  for (const path of remove) repo.remove(path);
  const { findings } = await checkCatalog(await loadCatalog(fsSource(repo.catalog)));
  return findings.filter((f) => f.rule === 'region').map((f) => ({ file: f.file, path: f.path, line: f.line, en: f.message.en }));
}

describe('region rule', () => {
  it('is silent on a valid tree, including a 省直辖 county under the province', async () => {
    expect(await regionFindings({})).toEqual([]);
  });

  it('fires when region.yaml is missing, naming the region directory', async () => {
    expect(await regionFindings({}, ['420000/420100/region.yaml'])).toEqual([
      expect.objectContaining({ file: '420000/420100', line: 1, en: expect.stringContaining('no region.yaml') }),
    ]);
  });

  it('fires when the code differs from the directory name', async () => {
    expect(await regionFindings({ '420000/420100/region.yaml': regionYaml('420200', '黄石市', '市级') })).toEqual([
      expect.objectContaining({ file: '420000/420100/region.yaml', path: '/code', line: 1, en: expect.stringContaining('differs from the directory name') }),
    ]);
  });

  it('fires when a level is not allowed where the region sits', async () => {
    // A county directly under the province needs middle digits 90 or 01; 429004 has them, 421100 does not.
    const findings = await regionFindings({ '420000/421100/region.yaml': regionYaml('421100', '黄冈某县', '县级') });
    expect(findings).toEqual([expect.objectContaining({ file: '420000/421100/region.yaml', path: '/level', en: expect.stringContaining('expected: 市级') })]);
    const township = await regionFindings({ '420000/420100/420102/420102001/x': '', '420000/420100/420102/420103/region.yaml': regionYaml('420103', '乡镇', '县级') });
    expect(township.map((f) => f.path)).toContain('/level');
  });

  it('refuses a region code used twice instead of looping', async () => {
    const findings = await regionFindings({ '420000/420100/420102/420102/region.yaml': regionYaml('420102', '江岸区', '县级') });
    expect(findings).toEqual([expect.objectContaining({ file: '420000/420100/420102/420102', en: expect.stringContaining('used twice') })]);
  });

  it('fires when a code is not under its parent prefix', async () => {
    const findings = await regionFindings({ '420000/420100/420302/region.yaml': regionYaml('420302', '黄石港区', '县级') });
    expect(findings).toEqual([expect.objectContaining({ path: '/code', en: expect.stringContaining('first 4 digits must be 4201') })]);
  });

  it('fires on an invalid region.yaml, at the offending key', async () => {
    const findings = await regionFindings({ '420000/420100/region.yaml': 'code: "420100"\nname: 武汉市\nlevel: 地级\n' });
    expect(findings).toEqual([expect.objectContaining({ path: '/level', line: 3, en: expect.stringContaining('not in the code set') })]);
  });

  it('is silent on a township below a county and a village below the township', async () => {
    expect(await regionFindings({
      '420000/420100/420102/420102001/region.yaml': regionYaml('420102001', '大智街道', '乡镇级'),
      '420000/420100/420102/420102001/420102001001/region.yaml': regionYaml('420102001001', '大智社区', '村级'),
    })).toEqual([]);
  });

  it('fires when a township or village code has the wrong length or is not under its parent', async () => {
    const findings = await regionFindings({
      '420000/420100/420102/420102001/region.yaml': regionYaml('420102001', '大智街道', '乡镇级'),
      '420000/420100/420102/420102001/420103001002/region.yaml': regionYaml('420103001002', '别处社区', '村级'),
      '420000/420100/420102/420102001/420102001003/region.yaml': regionYaml('420102001003', '大智社区', '乡镇级'),
      '420000/420100/420102/420109/region.yaml': regionYaml('420109', '六位的街道', '乡镇级'),
    });
    expect(findings.map((f) => `${f.file} ${f.path} ${f.en}`)).toEqual([
      expect.stringMatching(/^420000\/420100\/420102\/420102001\/420102001003\/region.yaml \/level .*expected: 村级/),
      expect.stringMatching(/^420000\/420100\/420102\/420102001\/420103001002\/region.yaml \/code .*first 9 digits must be 420102001/),
      expect.stringMatching(/^420000\/420100\/420102\/420109\/region.yaml \/code .*a 乡镇级 region code has 9 digits/),
    ]);
  });

  it('reads localItems, and checks them as 12-digit codes', async () => {
    repo = makeGitCatalog({ files: { ...smallCatalog(1), '420000/420100/region.yaml': 'code: "420100"\nname: 武汉市\nlevel: 市级\nlocalItems: ["004200199000"]\n' } });
    const catalog = await loadCatalog(fsSource(repo.catalog));
    expect(catalog.regions.get('420100')!.localItems).toEqual(['004200199000']);
    repo.cleanup();
    expect(await regionFindings({ '420000/420100/region.yaml': 'code: "420100"\nname: 武汉市\nlevel: 市级\nlocalItems: [4200199000]\n' })).toEqual([
      expect.objectContaining({ path: '/localItems/0', line: 4 }),
    ]);
  });
});
