import { FILES_DIR } from '../catalog/layout.js';
import { pointerOf } from '../catalog/locate.js';
import type { CatalogEntry, Message } from '../catalog/types.js';
import type { ItemRule, Problem } from './types.js';
import { isRecord, isTodo } from './util.js';

/** The members of a material that refer to a file (空白表格, 示例样表). */
export const MATERIAL_FILE_REFS = ['blankForm', 'example'] as const;

/** The top-level elements that can hold a file reference (where forEachFileRef looks). */
export const FILE_REF_ELEMENTS: readonly string[] = ['materials', 'handlingItems', 'resultSample'];

/**
 * Every file reference of an item with where it is: the materials' (the item's and its handling items') and
 * resultSample. The one walk over them: this rule checks them, the web UI links them and serves only these.
 */
export function forEachFileRef(item: Record<string, unknown>, visit: (value: unknown, at: (string | number)[]) => void): void {
  const materials = (list: unknown, at: (string | number)[]) => {
    if (!Array.isArray(list)) return;
    list.forEach((material, i) => {
      if (isRecord(material)) for (const key of MATERIAL_FILE_REFS) if (material[key] !== undefined) visit(material[key], [...at, 'materials', i, key]);
    });
  };
  materials(item.materials, []);
  if (Array.isArray(item.handlingItems)) {
    item.handlingItems.forEach((handling, i) => {
      if (isRecord(handling)) materials(handling.materials, ['handlingItems', i]);
    });
  }
  if (item.resultSample !== undefined) visit(item.resultSample, ['resultSample']);
}

/** Whether a file reference is a usable https:// URL: a host, and no white space anywhere. The UI links only these. */
export function isHttpsUrl(ref: string): boolean {
  return /^https:\/\/[^\s/]+/.test(ref) && !/\s/.test(ref);
}

/**
 * A file reference (blankForm, example, resultSample) is an https:// URL, or names an existing regular file under
 * `files/` at the catalog root, so a reviewer can open it from the UI. A path is checked against the catalog's
 * listing, in which links are never followed: a link, or anything behind one, is not there.
 */
export const fileRef: ItemRule = {
  id: 'file-ref',
  severity: 'error',
  description: { zh: '文件引用既不是 https:// 网址，也不是 files/ 中的文件', en: 'a file reference is neither an https:// URL nor a file under files/' },
  check({ item, files }) {
    const problems: Problem[] = [];
    forEachFileRef(item, (value, at) => {
      if (typeof value !== 'string' || isTodo(value)) return;
      const message = explain(value, files);
      if (message) problems.push({ path: pointerOf(at), message });
    });
    return problems;
  },
};

/** What is wrong with a reference, or undefined when it is a usable one. */
function explain(ref: string, files: ReadonlyMap<string, CatalogEntry['type']>): Message | undefined {
  const head = { zh: `文件引用“${ref}”`, en: `file reference '${ref}'` };
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
    if (isHttpsUrl(ref)) return undefined;
    return { zh: `${head.zh}不是有效的 https:// 网址（只接受 https）`, en: `${head.en} is not a valid https:// URL (only https is accepted)` };
  }
  const segments = ref.split('/');
  if (segments[0] !== FILES_DIR || segments.length < 2) {
    return { zh: `${head.zh}应为 https:// 网址，或以 ${FILES_DIR}/ 开头、相对于目录根的路径`, en: `${head.en} must be an https:// URL or a path from the catalog root starting with ${FILES_DIR}/` };
  }
  if (ref.includes('\\') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    return { zh: `${head.zh}不能含 .、..、空段或反斜杠`, en: `${head.en} must not contain '.', '..', empty segments or backslashes` };
  }
  const type = files.get(ref);
  if (type === 'file') return undefined;
  if (type === 'symlink') return { zh: `${head.zh}是符号链接，不会被跟随；请放入文件本身`, en: `${head.en} is a symbolic link, which is never followed; put the file itself there` };
  if (type !== undefined) return { zh: `${head.zh}不是普通文件`, en: `${head.en} is not a regular file` };
  return { zh: `${head.zh}在 ${FILES_DIR}/ 中不存在`, en: `${head.en} does not exist under ${FILES_DIR}/` };
}
