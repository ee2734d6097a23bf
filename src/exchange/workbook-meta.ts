// The two sheets of the workbook that are not about items (exchange.md §1): 区划 (the region tree the
// workbook's items sit in, with region.yaml's elements under the region schema's titles) and 说明 (what the
// workbook holds, the tool version and the catalog revision it was exported from).
import type { Catalog } from '../catalog/load.js';
import type { Region } from '../catalog/types.js';
import { cellOf, type Cell } from './cells.js';
import { regionElements, type Element } from './elements.js';
import { REGION_CODE } from './sheets.js';

export const REGION_SHEET = '区划';
export const ABOUT_SHEET = '说明';
export const PARENT_CODE = '上级区划代码';

/** region.yaml's elements other than its code, whose column is the key column 区划代码 (read from the schema once). */
export function regionColumns(): readonly Element[] {
  return (columns ??= regionElements().filter((e) => e.key !== 'code'));
}
let columns: Element[] | undefined;

export function regionHeaders(): string[] {
  return [REGION_CODE, ...regionColumns().map((e) => e.title), PARENT_CODE];
}

/** A region as the 区划 sheet shows it: its region.yaml data and its parent. */
export interface ExportRegion {
  code: string;
  parent?: string;
  data: Record<string, unknown>;
}

export function regionRow(region: ExportRegion): Cell[] {
  return [region.code, ...regionColumns().map((e) => cellOf(e, region.data[e.key])), region.parent ?? ''];
}

/** A catalog's region as exported. */
export function exportRegion(catalog: Catalog, region: Region): ExportRegion {
  const data = catalog.regionFiles.get(region.code)?.data;
  const info = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  return { code: region.code, ...(region.parent !== undefined ? { parent: region.parent } : {}), data: info };
}

export interface ExportInfo {
  version: string;
  /** commit id, or undefined for a working tree */
  revision?: string;
  formatVersion: number;
  /** e.g. `420100 及其下级区划` */
  scope: string;
  items?: number;
}

export function aboutRows(info: ExportInfo): Cell[][] {
  return [
    ['内容', `同标（tongbiao）政务服务事项实施清单：事项 ${info.items ?? 0} 个。每个工作表第一行为表头（要素的中文名称），事项以“区划代码 + 基本编码”识别。`],
    ['导出范围', info.scope],
    ['工具版本', `tongbiao ${info.version}`],
    ['目录版本', info.revision ?? '工作区（含未提交的修改）'],
    ['格式版本', info.formatVersion],
    ['导出时间', new Date().toISOString()],
    ['导入', '修改后可用 tongbiao import 文件.xlsx 导入：可调整列的顺序、增加空行，不要改动表头和工作表名称。'],
  ];
}
