// A catalog from a source: settings, the region tree with its region.yaml files checked, and item files
// parsed on demand (memoised), so a run over a few files reads only what their results depend on.
import { createLocator, pointerOf, type Locate } from './locate.js';
import { layoutCatalog, type Layout } from './layout.js';
import { fileProblem, readFile } from './read-file.js';
import { CONFIG_FILE, DEFAULT_SETTINGS, parseSettings, type Settings } from './config.js';
import { LEVEL_CODE_LENGTH, LEVELS, type CatalogSource, type Finding, type Level, type Message, type ParsedFile, type Region } from './types.js';
import { decode, SYMLINK_PROBLEM } from './decode.js';
import { parseDecisions, type Decision } from './decisions.js';
import { schemaProblems } from '../rules/schema.js';
import { regionSchema } from '../schema/item.js';
import { regionSchemaErrors } from '../schema/validate.js';
import { TongbiaoError } from '../errors.js';
import { itemFromV1, v1Pointer } from './v1.js';

export interface Catalog extends Layout {
  source: CatalogSource;
  settings: Settings;
  /** region.yaml files by region code (absent when missing) */
  regionFiles: Map<string, ParsedFile>;
  /** each region's decisions.yaml entries (spec §6) by discrepancy key; valid entries only */
  decisionsOf: Map<string, Map<string, Decision>>;
  /** layout, region.yaml and decisions.yaml findings, unlocated ones at line 1 */
  regionFindings: Array<Finding | { file: ParsedFile; rule: string; path: string; message: Message }>;
  /** Read and parse item files; a symlinked item ends as a file-read problem without being read. */
  read(paths: readonly string[]): Promise<Map<string, ParsedFile>>;
  /** As read, memoised: for callers that come back to the same files. */
  parse(paths: readonly string[]): Promise<Map<string, ParsedFile>>;
}

export async function loadCatalog(source: CatalogSource): Promise<Catalog> {
  const settings = await readSettings(source);
  const layout = layoutCatalog(source.entries);
  // An item file's region is its directory's directory: `<region dirs…>/<code>/items/<file>`.
  const regionOf = (path: string) => path.split('/').at(-3) ?? '';
  const blobs = source.revision ? new Map(source.entries.map((e) => [e.path, e.blob])) : undefined;
  const candidates = new Set([...layout.regions.values()].map((r) => r.file));
  const regionPaths = source.entries.filter((e) => e.type === 'file' && candidates.has(e.path)).map((e) => e.path);
  const regionBytes = await source.read(regionPaths);
  const regionFiles = new Map<string, ParsedFile>();
  const regionFindings: Catalog['regionFindings'] = layout.problems.map((p) => fileProblem(p.rule, p.file, p.region, p.message));
  // The catalog as a whole is the top region's; tongbiao.yaml sits beside it.
  if (settings.formatVersion === 1) regionFindings.unshift(fileProblem('format-version', CONFIG_FILE, layout.top?.code ?? '', FORMAT_V1));
  for (const region of layout.regions.values()) {
    const bytes = regionBytes.get(region.file);
    if (!bytes) continue;
    const file = readFile(region.file, region.code, bytes, blobs?.get(region.file));
    regionFiles.set(region.code, file);
    regionFindings.push(...file.problems);
    if (file.data !== undefined) {
      for (const problem of checkRegion(region, file.data, layout)) regionFindings.push({ file, rule: 'region', ...problem });
    }
  }

  const decisionsOf = await readDecisions(source, layout, regionFindings);

  const read = async (paths: readonly string[]) => {
    const out = new Map<string, ParsedFile>();
    const toRead: string[] = [];
    for (const path of paths) {
      if (layout.links.has(path)) {
        out.set(path, { file: path, region: regionOf(path), id: '', problems: [fileProblem('file-read', path, regionOf(path), SYMLINK_PROBLEM)] });
      } else {
        toRead.push(path);
      }
    }
    const bytes = toRead.length ? await source.read(toRead) : new Map<string, Uint8Array>();
    for (const path of toRead) out.set(path, readItem(readFile(path, regionOf(path), bytes.get(path) ?? new Uint8Array(), blobs?.get(path)), settings));
    return out;
  };
  const parsed = new Map<string, ParsedFile>();
  return {
    ...layout,
    source,
    settings,
    regionFiles,
    decisionsOf,
    regionFindings,
    read,
    async parse(paths) {
      for (const [path, file] of await read(paths.filter((p) => !parsed.has(p)))) parsed.set(path, file);
      return new Map(paths.map((p) => [p, parsed.get(p)!]));
    },
  };
}

/** Every region's decisions.yaml (small files, read on every run): its valid entries, and a finding per problem. */
async function readDecisions(source: CatalogSource, layout: Layout, findings: Catalog['regionFindings']): Promise<Catalog['decisionsOf']> {
  const out: Catalog['decisionsOf'] = new Map();
  const paths = [...layout.decisions.values()].filter((path) => !layout.links.has(path));
  const bytes = paths.length > 0 ? await source.read(paths) : new Map<string, Uint8Array>();
  for (const [region, path] of layout.decisions) {
    const problem = (message: Message) => findings.push({ ...fileProblem('decisions-file', path, region, message), severity: 'error' });
    if (layout.links.has(path)) {
      problem(SYMLINK_PROBLEM);
      continue;
    }
    const decoded = decode(bytes.get(path) ?? new Uint8Array());
    if ('problem' in decoded) {
      problem(decoded.problem);
      continue;
    }
    const parsed = parseDecisions(decoded.text, region);
    const file: ParsedFile = { file: path, region, id: '', text: decoded.text, problems: [] };
    for (const p of parsed.problems) findings.push({ file, rule: 'decisions-file', path: p.path, message: p.message });
    out.set(region, parsed.decisions);
  }
  return out;
}

const FORMAT_V1: Message = {
  zh: '目录为第 1 版格式（formatVersion: 1），各事项按 v1→v2 映射读取；运行 tongbiao migrate 升级到第 2 版',
  en: 'the catalog is format v1 (formatVersion: 1); its items are read through the v1→v2 mapping; run tongbiao migrate to upgrade it to v2',
};

/** An item file in format v2: a v1 catalog's items are read through the §8 mapping, keeping what was written. */
export function readItem(file: ParsedFile, settings: Settings): ParsedFile {
  if (settings.formatVersion !== 1 || file.data === undefined) return file;
  const data = itemFromV1(file.data);
  return data === file.data ? file : { ...file, data, written: file.data };
}

/** Where a pointer into a file's data is in its text: for a mapped v1 item, at the v1 node the value came from. */
export function locatorOf(file: ParsedFile): Locate {
  const locate = createLocator(file.text);
  if (file.written === undefined) return locate;
  const written = file.written;
  return (pointer) => locate(v1Pointer(written, pointer));
}

/** An item file's data as the file wrote it: for a v1 catalog, before the v1→v2 mapping. What claim copies, so a v1 catalog's new files are v1 too. */
export function asWritten(file: ParsedFile | undefined): unknown {
  return file?.written ?? file?.data;
}

async function readSettings(source: CatalogSource): Promise<Settings> {
  if (!source.entries.some((e) => e.path === CONFIG_FILE && e.type === 'file')) {
    throw new TongbiaoError(`${source.root}: not a catalog (no ${CONFIG_FILE})`);
  }
  const bytes = (await source.read([CONFIG_FILE])).get(CONFIG_FILE);
  const decoded = bytes ? decode(bytes) : { text: '' };
  if ('problem' in decoded) throw new TongbiaoError(`${CONFIG_FILE}: ${decoded.problem.en}`);
  return decoded.text.trim() === '' ? DEFAULT_SETTINGS : parseSettings(decoded.text, CONFIG_FILE);
}

/** region.yaml against its schema and its place in the tree (spec §1); fills in name, level and localItems when valid. */
function checkRegion(region: Region, data: unknown, layout: Layout): Array<{ path: string; message: Message }> {
  const problems = schemaProblems(regionSchemaErrors(data), data, regionSchema);
  if (problems.length > 0) return problems;
  const info = data as { code: string; name: string; level: Level; localItems?: string[] };
  region.name = info.name;
  region.level = info.level;
  if (info.localItems) region.localItems = info.localItems;
  const out: Array<{ path: string; message: Message }> = [];
  const at = (key: string, message: Message) => out.push({ path: pointerOf([key]), message });
  if (info.code !== region.code) {
    at('code', { zh: `代码 ${info.code} 与目录名 ${region.code} 不一致`, en: `code ${info.code} differs from the directory name ${region.code}` });
  }
  const parent = region.parent === undefined ? undefined : layout.regions.get(region.parent);
  const expected = allowedLevels(region.code, parent);
  if (!expected.includes(info.level)) {
    const where = parent ? { zh: `${parent.code} 的下级`, en: `under ${parent.code}` } : { zh: '顶层', en: 'at the top' };
    at('level', {
      zh: `层级“${info.level}”不能位于${where.zh}，应为：${expected.join('、') || '（此处不能有区划）'}`,
      en: `level ${info.level} is not allowed ${where.en}; expected: ${expected.join(', ') || '(no region may sit here)'}`,
    });
  } else if (region.code.length !== LEVEL_CODE_LENGTH[info.level]) {
    const length = LEVEL_CODE_LENGTH[info.level];
    at('code', {
      zh: `${info.level}区划代码应为 ${length} 位，${region.code} 为 ${region.code.length} 位`,
      en: `a ${info.level} region code has ${length} digits; ${region.code} has ${region.code.length}`,
    });
    return out;
  }
  if (parent) {
    const digits = prefixLength(parent);
    if (region.code.slice(0, digits) !== parent.code.slice(0, digits)) {
      at('code', {
        zh: `代码 ${region.code} 不在上级 ${parent.code} 的代码范围内（前 ${digits} 位应为 ${parent.code.slice(0, digits)}）`,
        en: `code ${region.code} is not under its parent ${parent.code} (its first ${digits} digits must be ${parent.code.slice(0, digits)})`,
      });
    }
  }
  return out;
}

/** How many leading digits a child's code shares with its parent's: a province's 2, a city's 4, a county's or township's whole code. */
function prefixLength(parent: Region): number {
  switch (parent.level) {
    case '市级': return 4;
    case '县级':
    case '乡镇级': return parent.code.length;
    default: return 2;
  }
}

/** Which levels a region may have where it sits (spec §1). */
function allowedLevels(code: string, parent: Region | undefined): Level[] {
  if (!parent) return ['省级'];
  if (parent.level === undefined) return [...LEVELS];
  if (parent.level === '省级') {
    const middle = code.slice(2, 4);
    return middle === '90' || middle === '01' ? ['市级', '县级'] : ['市级'];
  }
  const below = LEVELS[LEVELS.indexOf(parent.level) + 1];
  return below ? [below] : [];
}
