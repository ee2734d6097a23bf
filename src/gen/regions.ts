// The region tree of a generated catalog: 湖北省 with its real cities and counties (GB/T 2260 codes and
// names), padded with made-up ones when more are asked for than Hubei has, plus the 省直辖 county-level units.
import type { Level } from '../catalog/types.js';

export interface GenRegion {
  code: string;
  name: string;
  level: Level;
  /** catalog-relative directory, e.g. `420000/420100/420102` */
  dir: string;
  parent?: GenRegion;
  /** telephone area code, e.g. `027` */
  areaCode: string;
  /** digits of a local number after the area code (Wuhan 8, elsewhere 7) */
  localDigits: number;
  /** the prefix of a street address: `武汉市江岸区` */
  addressPrefix: string;
  children: GenRegion[];
}

interface CitySeed {
  code: string;
  name: string;
  areaCode: string;
  counties: Array<readonly [string, string]>;
}

export const PROVINCE = { code: '420000', name: '湖北省', areaCode: '027', address: '武汉市洪山区' } as const;

/** Hubei's 13 prefecture-level divisions and their county-level units (GB/T 2260). */
const CITIES: CitySeed[] = [
  { code: '420100', name: '武汉市', areaCode: '027', counties: [
    ['420102', '江岸区'], ['420103', '江汉区'], ['420104', '硚口区'], ['420105', '汉阳区'], ['420106', '武昌区'],
    ['420107', '青山区'], ['420111', '洪山区'], ['420112', '东西湖区'], ['420113', '汉南区'], ['420114', '蔡甸区'],
    ['420115', '江夏区'], ['420116', '黄陂区'], ['420117', '新洲区']] },
  { code: '420200', name: '黄石市', areaCode: '0714', counties: [
    ['420202', '黄石港区'], ['420203', '西塞山区'], ['420204', '下陆区'], ['420205', '铁山区'], ['420222', '阳新县'],
    ['420281', '大冶市']] },
  { code: '420300', name: '十堰市', areaCode: '0719', counties: [
    ['420302', '茅箭区'], ['420303', '张湾区'], ['420304', '郧阳区'], ['420322', '郧西县'], ['420323', '竹山县'],
    ['420324', '竹溪县'], ['420325', '房县'], ['420381', '丹江口市']] },
  { code: '420500', name: '宜昌市', areaCode: '0717', counties: [
    ['420502', '西陵区'], ['420503', '伍家岗区'], ['420504', '点军区'], ['420505', '猇亭区'], ['420506', '夷陵区'],
    ['420525', '远安县'], ['420526', '兴山县'], ['420527', '秭归县'], ['420528', '长阳土家族自治县'],
    ['420529', '五峰土家族自治县'], ['420581', '宜都市'], ['420582', '当阳市'], ['420583', '枝江市']] },
  { code: '420600', name: '襄阳市', areaCode: '0710', counties: [
    ['420602', '襄城区'], ['420606', '樊城区'], ['420607', '襄州区'], ['420624', '南漳县'], ['420625', '谷城县'],
    ['420626', '保康县'], ['420682', '老河口市'], ['420683', '枣阳市'], ['420684', '宜城市']] },
  { code: '420700', name: '鄂州市', areaCode: '0711', counties: [['420702', '梁子湖区'], ['420703', '华容区'], ['420704', '鄂城区']] },
  { code: '420800', name: '荆门市', areaCode: '0724', counties: [
    ['420802', '东宝区'], ['420804', '掇刀区'], ['420822', '沙洋县'], ['420881', '钟祥市'], ['420882', '京山市']] },
  { code: '420900', name: '孝感市', areaCode: '0712', counties: [
    ['420902', '孝南区'], ['420921', '孝昌县'], ['420922', '大悟县'], ['420923', '云梦县'], ['420981', '应城市'],
    ['420982', '安陆市'], ['420984', '汉川市']] },
  { code: '421000', name: '荆州市', areaCode: '0716', counties: [
    ['421002', '沙市区'], ['421003', '荆州区'], ['421022', '公安县'], ['421024', '江陵县'], ['421081', '石首市'],
    ['421083', '洪湖市'], ['421087', '松滋市'], ['421088', '监利市']] },
  { code: '421100', name: '黄冈市', areaCode: '0713', counties: [
    ['421102', '黄州区'], ['421121', '团风县'], ['421122', '红安县'], ['421123', '罗田县'], ['421124', '英山县'],
    ['421125', '浠水县'], ['421126', '蕲春县'], ['421127', '黄梅县'], ['421181', '麻城市'], ['421182', '武穴市']] },
  { code: '421200', name: '咸宁市', areaCode: '0715', counties: [
    ['421202', '咸安区'], ['421221', '嘉鱼县'], ['421222', '通城县'], ['421223', '崇阳县'], ['421224', '通山县'],
    ['421281', '赤壁市']] },
  { code: '421300', name: '随州市', areaCode: '0722', counties: [['421303', '曾都区'], ['421321', '随县'], ['421381', '广水市']] },
  { code: '422800', name: '恩施土家族苗族自治州', areaCode: '0718', counties: [
    ['422801', '恩施市'], ['422802', '利川市'], ['422822', '建始县'], ['422823', '巴东县'], ['422825', '宣恩县'],
    ['422826', '咸丰县'], ['422827', '来凤县'], ['422828', '鹤峰县']] },
];

/** 省直辖县级行政单位. */
const DIRECT: Array<readonly [string, string, string]> = [
  ['429004', '仙桃市', '0728'], ['429005', '潜江市', '0728'], ['429006', '天门市', '0728'], ['429021', '神农架林区', '0719'],
];

/** Name parts for made-up cities and counties. */
const PLACE_STEMS = [
  '青川', '云溪', '白河', '金川', '龙泉', '松岭', '清江', '丹霞', '石门', '玉泉', '长岗', '柳湾', '梅山', '桂林', '兰溪', '竹园',
  '凤凰', '鹿鸣', '银湖', '翠屏', '紫阳', '碧波', '雁塔', '望江', '临湖', '双河', '三峰', '五里', '安乐', '永宁', '广福', '太平',
  '新塘', '古城', '黄龙', '泰和', '昌平', '福山', '瑞金', '宁远', '嘉禾', '华阳', '盛安', '德兴', '汇川', '朝阳', '东湖', '西岭',
];
const AREA_CODES = ['0714', '0710', '0711', '0712', '0713', '0715', '0716', '0717', '0718', '0719', '0722', '0724', '0728'];

export const MAX_CITIES = 80;
export const MAX_COUNTIES_PER_CITY = 98;
export const MAX_TOWNSHIPS_PER_COUNTY = 40;

export interface RegionTreeOptions {
  cities: number;
  countiesPerCity: number;
  /** include 仙桃市, 潜江市, 天门市, 神农架林区 directly under the province */
  provinceDirect: boolean;
  /** 乡镇级 regions (街道 in a district, 镇 elsewhere) under each county (default 0) */
  townships?: number;
}

/** The province with its cities and counties, in code order at every level. */
export function regionTree(options: RegionTreeOptions): GenRegion {
  const { cities, countiesPerCity } = options;
  if (!Number.isInteger(cities) || cities < 0 || cities > MAX_CITIES) throw new RangeError(`cities must be 0–${MAX_CITIES}`);
  if (!Number.isInteger(countiesPerCity) || countiesPerCity < 0 || countiesPerCity > MAX_COUNTIES_PER_CITY) {
    throw new RangeError(`counties per city must be 0–${MAX_COUNTIES_PER_CITY}`);
  }
  const province: GenRegion = {
    code: PROVINCE.code, name: PROVINCE.name, level: '省级', dir: PROVINCE.code, areaCode: PROVINCE.areaCode, localDigits: 8,
    addressPrefix: PROVINCE.address, children: [],
  };
  const citySeeds = CITIES.slice(0, cities);
  // Made-up cities take the unused two-digit city numbers 14–89 (never 28, Enshi, nor 90, the 省直辖 block).
  for (let n = 14, i = 0; citySeeds.length < cities; n++) {
    if (n === 28) continue;
    const stem = PLACE_STEMS[i++ % PLACE_STEMS.length]!;
    citySeeds.push({ code: `42${n}00`, name: `${stem}市`, areaCode: AREA_CODES[n % AREA_CODES.length]!, counties: [] });
  }
  for (const seed of citySeeds) {
    const city: GenRegion = {
      code: seed.code, name: seed.name, level: '市级', dir: `${province.dir}/${seed.code}`, parent: province,
      areaCode: seed.areaCode, localDigits: seed.code === '420100' ? 8 : 7, addressPrefix: seed.name, children: [],
    };
    const counties = seed.counties.slice(0, countiesPerCity);
    const used = new Set(counties.map(([code]) => code));
    const usedNames = new Set(counties.map(([, name]) => name));
    const suffixes = ['区', '县', '市'];
    for (let n = 1, i = Number(seed.code.slice(2, 4)); counties.length < countiesPerCity; n++) {
      const code = seed.code.slice(0, 4) + String(n).padStart(2, '0');
      if (used.has(code)) continue;
      let name: string;
      do name = PLACE_STEMS[i++ % PLACE_STEMS.length]! + suffixes[n % 3]!;
      while (usedNames.has(name) || name === seed.name);
      usedNames.add(name);
      counties.push([code, name]);
    }
    counties.sort((a, b) => a[0].localeCompare(b[0]));
    for (const [code, name] of counties) {
      city.children.push({
        code, name, level: '县级', dir: `${city.dir}/${code}`, parent: city, areaCode: city.areaCode,
        localDigits: city.localDigits, addressPrefix: city.name + name, children: [],
      });
    }
    province.children.push(city);
  }
  if (options.provinceDirect) {
    for (const [code, name, areaCode] of DIRECT) {
      province.children.push({
        code, name, level: '县级', dir: `${province.dir}/${code}`, parent: province, areaCode, localDigits: 7,
        addressPrefix: name, children: [],
      });
    }
  }
  province.children.sort((a, b) => a.code.localeCompare(b.code));
  const townships = options.townships ?? 0;
  if (!Number.isInteger(townships) || townships < 0 || townships > MAX_TOWNSHIPS_PER_COUNTY) throw new RangeError(`townships per county must be 0–${MAX_TOWNSHIPS_PER_COUNTY}`);
  if (townships > 0) for (const county of allRegions(province).filter((r) => r.level === '县级')) addTownships(county, townships);
  return province;
}

/** A county's 乡镇级 regions: its code + 001, 002, …; 街道 in a district, 镇 elsewhere. */
function addTownships(county: GenRegion, count: number): void {
  const kind = county.name.endsWith('区') ? '街道' : '镇';
  for (let n = 1; n <= count; n++) {
    // 7 is coprime with the 64 stems, so a county's names are distinct.
    const name = PLACE_STEMS[(Number(county.code.slice(4)) + n * 7) % PLACE_STEMS.length]! + kind;
    county.children.push({
      code: county.code + String(n).padStart(3, '0'), name, level: '乡镇级', dir: `${county.dir}/${county.code}${String(n).padStart(3, '0')}`,
      parent: county, areaCode: county.areaCode, localDigits: county.localDigits, addressPrefix: county.addressPrefix + name, children: [],
    });
  }
}

/** Every region of the tree, parents before children, in code order. */
export function allRegions(top: GenRegion): GenRegion[] {
  const out: GenRegion[] = [];
  const walk = (r: GenRegion) => {
    out.push(r);
    for (const c of r.children) walk(c);
  };
  walk(top);
  return out;
}
