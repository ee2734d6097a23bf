// The region tree as the spec lays it out (§1), from a flat listing. Pure: no reading of contents.
import { DECISIONS_FILE } from './decisions.js';
import { REGION_CODE, type CatalogEntry, type Message, type Region } from './types.js';

export const REGION_FILE = 'region.yaml';
/** The folder at the catalog root that file references point into (spec §2); it may hold anything. */
export const FILES_DIR = 'files';

export interface LayoutProblem {
  rule: 'region' | 'stray-file';
  /** catalog-relative file (or region directory) the problem is about */
  file: string;
  region: string;
  message: Message;
}

export interface Layout {
  regions: Map<string, Region>;
  /** the top region, when the catalog has one */
  top?: Region;
  /** region code → catalogCode (the file name's stem) → catalog-relative path of the item file */
  items: Map<string, Map<string, string>>;
  /** region code → catalog-relative path of its decisions.yaml (spec §6), when it has one */
  decisions: Map<string, string>;
  /** item and decisions.yaml paths that are symbolic links: reported, never read */
  links: Set<string>;
  /** everything under `files/` at the catalog root, by catalog-relative path (what file references may name) */
  files: Map<string, CatalogEntry['type']>;
  problems: LayoutProblem[];
}

export function layoutCatalog(entries: readonly CatalogEntry[]): Layout {
  const childrenOf = new Map<string, CatalogEntry[]>();
  for (const entry of entries) {
    const slash = entry.path.lastIndexOf('/');
    const parent = slash < 0 ? '' : entry.path.slice(0, slash);
    let list = childrenOf.get(parent);
    if (!list) childrenOf.set(parent, (list = []));
    list.push(entry);
  }
  const layout: Layout = { regions: new Map(), items: new Map(), decisions: new Map(), links: new Set(), files: new Map(), problems: [] };
  for (const entry of entries) {
    if (entry.path.startsWith(`${FILES_DIR}/`)) layout.files.set(entry.path, entry.type);
  }
  const base = (path: string) => path.slice(path.lastIndexOf('/') + 1);

  /** Every file below a directory that is not part of the layout is a stray (its directory is not reported). */
  const strays = (dir: string, region: string) => {
    for (const entry of childrenOf.get(dir) ?? []) {
      if (entry.type === 'dir') strays(entry.path, region);
      else layout.problems.push({ rule: 'stray-file', file: entry.path, region, message: strayMessage(entry.path) });
    }
  };

  const visit = (dir: string, parent: Region | undefined) => {
    const code = base(dir);
    const twin = layout.regions.get(code);
    if (twin) {
      // A code names one region: a second directory with it is refused, not visited (it would make the tree a loop).
      layout.problems.push({
        rule: 'region', file: dir, region: code,
        message: { zh: `区划代码 ${code} 重复，已用于 ${twin.dir}`, en: `region code ${code} is used twice; ${twin.dir} already has it` },
      });
      return;
    }
    const region: Region = { code, dir, parent: parent?.code, children: [], file: `${dir}/${REGION_FILE}` };
    layout.regions.set(code, region);
    parent?.children.push(code);
    const items = new Map<string, string>();
    layout.items.set(code, items);
    const regionFile = childrenOf.get(dir)?.find((e) => e.path === region.file);
    if (regionFile?.type !== 'file') {
      layout.problems.push({
        rule: 'region', file: dir, region: code,
        message: regionFile
          ? { zh: `${REGION_FILE} 不是普通文件（符号链接不会被读取）`, en: `${REGION_FILE} is not a regular file (links are never followed)` }
          : { zh: `区划目录缺少 ${REGION_FILE}`, en: `the region directory has no ${REGION_FILE}` },
      });
    }
    for (const entry of (childrenOf.get(dir) ?? []).sort((a, b) => (a.path < b.path ? -1 : 1))) {
      const name = base(entry.path);
      if (entry.path === region.file && entry.type === 'file') continue;
      if (name === DECISIONS_FILE && entry.type !== 'dir') {
        layout.decisions.set(code, entry.path);
        if (entry.type !== 'file') layout.links.add(entry.path);
        continue;
      }
      if (name === 'items' && entry.type === 'dir') {
        for (const file of childrenOf.get(entry.path) ?? []) {
          const fileName = base(file.path);
          if (fileName.endsWith('.yaml') && (file.type === 'file' || file.type === 'symlink')) {
            items.set(fileName.slice(0, -'.yaml'.length), file.path);
            if (file.type === 'symlink') layout.links.add(file.path);
          } else if (file.type === 'dir') strays(file.path, code);
          else layout.problems.push({ rule: 'stray-file', file: file.path, region: code, message: strayMessage(file.path) });
        }
      } else if (REGION_CODE.test(name) && entry.type === 'dir') {
        visit(entry.path, region);
      } else if (entry.type === 'dir') {
        strays(entry.path, code);
      } else {
        layout.problems.push({ rule: 'stray-file', file: entry.path, region: code, message: strayMessage(entry.path) });
      }
    }
    region.children.sort();
  };

  const tops = (childrenOf.get('') ?? []).filter((e) => e.type === 'dir' && REGION_CODE.test(e.path)).sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const [index, entry] of tops.entries()) {
    visit(entry.path, undefined);
    if (index > 0) {
      layout.problems.push({
        rule: 'region', file: entry.path, region: entry.path,
        message: {
          zh: `目录中只能有一个省级区划目录，已有 ${tops[0]!.path}`,
          en: `a catalog has exactly one top region directory; ${tops[0]!.path} is already one`,
        },
      });
    }
  }
  if (tops[0]) layout.top = layout.regions.get(tops[0].path);
  return layout;
}

function strayMessage(path: string): Message {
  const hint = path.endsWith('.yml')
    ? { zh: '（事项文件扩展名应为 .yaml）', en: ' (item files end in .yaml)' }
    : { zh: '', en: '' };
  return {
    zh: `不属于目录结构的文件，既不是 region.yaml、decisions.yaml、下级区划目录，也不是 items/*.yaml${hint.zh}`,
    en: `not part of the catalog layout: neither region.yaml, decisions.yaml, a child region directory nor items/*.yaml${hint.en}`,
  };
}
