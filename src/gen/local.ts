// A region's own side of its items: who implements them (department names and valid credit codes made
// with the region's code), where (service centre and department halls) and how to call (area codes).
import { LEVEL_DIGIT } from '../catalog/types.js';
import { CREDIT_CODE_ALPHABET, creditCheckChar, makeCreditCode } from '../codes/uscc.js';
import { DEPTS, HOURS, ROADS, type Dept } from './departments.js';
import type { GenItem } from './item.js';
import { chineseNumber, hash32, Random } from './random.js';
import type { GenRegion } from './regions.js';
import type { FormatVersion, LocalElements } from './render.js';

/** Percent of public institutions (授权组织) still using a code registered before GB 32100 whose check character fails. */
const LEGACY_PERCENT = 2;
const LEGACY_REASON = '2016 年前登记的在用代码，经登记管理部门核实';

interface Office {
  name: string;
  creditCode: string;
}

interface DeptLocal {
  dept: Office;
  center?: Office;
  places: Array<{ address: string; hours: string }>;
  consultPhone: string;
  /** 进驻政务服务大厅 */
  inHall: boolean;
  /** 联办机构 of the department's items that have one */
  jointDept: string;
}

const DEPT_BY_KEY = new Map(DEPTS.map((d) => [d.key, d]));

/** The local elements of every department in one region, made on first use. */
export class RegionLocals {
  private readonly depts = new Map<string, DeptLocal>();
  private readonly centre: string;
  private readonly rng: Random;
  /** the region keeps its own codes beside the national ones (地方基本编码 / 地方实施编码) */
  private readonly localCodes: boolean;

  constructor(private readonly seed: string, readonly region: GenRegion, private readonly version: FormatVersion = 2) {
    this.rng = new Random(seed, 'local', region.code);
    const r = this.rng;
    this.localCodes = r.chance(0.2);
    this.centre = region.level === '省级'
      ? '武汉市洪山区欢乐大道1号湖北省政务服务中心'
      : `${region.addressPrefix}${r.pick(ROADS)}${r.int(1, 399)}号${region.name}政务服务中心`;
  }

  private deptLocal(dept: Dept): DeptLocal {
    let local = this.depts.get(dept.key);
    if (local) return local;
    const r = new Random(this.seed, 'dept', this.region.code, dept.key);
    const { region } = this;
    // A township's one office does everything: 江岸区后湖街道办事处, 仙桃市郑场镇人民政府.
    const own = region.level === '省级' ? dept.prov : region.level === '市级' ? dept.city
      : region.level === '乡镇级' ? (region.name.endsWith('街道') ? '办事处' : '人民政府') : (dept.county ?? dept.city);
    // A county's departments carry their city's name too: 武汉市江岸区市场监督管理局.
    const parent = region.parent;
    const prefix = region.level === '县级' && parent?.level === '市级' ? parent.name : region.level === '乡镇级' && parent ? parent.name : '';
    const name = `${prefix}${region.name}${own}`;
    const window = `${this.centre}${chineseNumber(r.int(1, 4))}楼${own.replace(/(局|厅|委员会|办公室)$/, '')}窗口`;
    const places = [{ address: window, hours: r.pick(HOURS) }];
    if (r.chance(0.3)) {
      places.push({ address: `${region.addressPrefix}${r.pick(ROADS)}${r.int(1, 499)}号${name}办事大厅`, hours: r.pick(HOURS) });
    }
    local = {
      dept: { name, creditCode: creditCode(r, '11', region.code.slice(0, 6)) },
      places,
      consultPhone: phone(r, region),
      inHall: r.chance(0.85),
      jointDept: `${prefix}${region.name}${region.level === '乡镇级' ? '便民服务中心' : region.level === '省级' ? '财政厅' : '财政局'}`,
    };
    if (dept.center) {
      let code = creditCode(r, '12', region.code.slice(0, 6));
      if (this.isLegacy(dept)) code = legacyCode(code);
      local.center = { name: name.slice(0, -own.length) + dept.center, creditCode: code };
    }
    this.depts.set(dept.key, local);
    return local;
  }

  /** v2 only: v1 had no creditCodeExceptions to list such a code in. */
  private isLegacy(dept: Dept): boolean {
    return this.version === 2 && this.region.level !== '省级' && hash32(`legacy${this.region.code}${dept.key}`) % 100 < LEGACY_PERCENT;
  }

  /** The legacy codes of this region's public institutions, as tongbiao.yaml's creditCodeExceptions lists them. */
  legacyCreditCodes(): Array<{ code: string; reason: string }> {
    return DEPTS.filter((d) => d.center && this.isLegacy(d)).map((d) => ({ code: this.deptLocal(d).center!.creditCode, reason: LEGACY_REASON }));
  }

  /** The local elements of `item` in this region. */
  elements(item: GenItem): LocalElements {
    const dept = DEPT_BY_KEY.get(item.dept)!;
    const local = this.deptLocal(dept);
    const office = item.implementer !== '法定机关' && local.center ? local.center : local.dept;
    const out: LocalElements = {
      deptName: office.name,
      creditCode: office.creditCode,
      nature: office === local.dept ? '法定机关' : item.implementer,
      taskCode: office.creditCode + LEVEL_DIGIT[this.region.level] + item.catalogCode,
      inHall: local.inHall,
      places: local.places,
      consultPhone: local.consultPhone,
      complaintPhone: '12345',
    };
    if (out.nature === '受委托组织') out.entrustedBy = local.dept.name;
    if (this.localCodes) {
      out.localCatalogCode = `${this.region.code.slice(0, 6)}${item.catalogCode.slice(2)}`;
      out.localTaskCode = `${out.localCatalogCode}${LEVEL_DIGIT[this.region.level]}`;
    }
    if (item.type !== '公共服务') out.powerSource = powerSource(item, this.region);
    // 联办 and the portal addresses: cheap hashes of the item, so a region's choice does not shift its stream.
    const h = hash32(this.region.code + item.catalogCode);
    if (h % 100 < 3) out.jointDepts = [local.jointDept];
    if (item.handlingForms.includes('网上办理')) out.onlineUrl = `https://zwfw.hubei.gov.cn/webview/bszn/bsznpage.html?code=${out.taskCode}`;
    if (item.handlingForms.includes('移动端办理')) out.mobileUrl = `https://ehb.hubei.gov.cn/bs/${out.taskCode}`;
    return out;
  }
}

/** 权力来源: most items are exercised by law at their own level; some county permits were handed down (上级下放). */
function powerSource(item: GenItem, region: GenRegion): string {
  if (region.level === '县级' && item.type === '行政许可' && hash32('power' + item.catalogCode) % 100 < 8) return '上级下放';
  if (region.level === '乡镇级') return item.type === '行政许可' ? '上级委托' : '上级下放';
  return '法定本级行使';
}

/** A valid GB 32100 code for a government body (11) or public institution (12) registered in `region`. */
function creditCode(r: Random, prefix: '11' | '12', region: string): string {
  const body = r.chance(0.4) ? 'MB' + r.digits(6) : '0' + r.digits(7);
  return makeCreditCode(prefix, region, body);
}

/** `code` with a GB 32100 check character that fails, as on codes issued before the standard. */
function legacyCode(code: string): string {
  const valid = creditCheckChar(code.slice(0, 17));
  return code.slice(0, 17) + CREDIT_CODE_ALPHABET[(CREDIT_CODE_ALPHABET.indexOf(valid) + 7) % CREDIT_CODE_ALPHABET.length];
}

/** A landline in the region's area code; now and then with an extension or a second line. */
function phone(r: Random, region: GenRegion): string {
  const number = () => `${region.areaCode}-${r.int(2, 8)}${r.digits(region.localDigits - 1)}`;
  const first = number();
  if (r.chance(0.1)) return `${first}转${r.int(800, 8999)}`;
  if (r.chance(0.1)) return `${first}、${number()}`;
  return first;
}
