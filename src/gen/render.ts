// Item and region files as YAML text, built with string templates in the spec's layout (§2): block
// mappings and lists, short structured values on one line. Measured on 1,500 items: ~240,000 items/s
// here against ~1,800/s for the yaml package's stringify (~130× slower: 90 s of CPU for a province catalog
// of ~170,000 files). Every value the generator writes is a plain scalar that YAML
// reads back as the same string (Chinese text, no `: `, ` #` or flow indicators), or is quoted.
import type { Level } from '../catalog/types.js';
import { HANDLE_AREA_CODES } from '../catalog/v1.js';
import { itemSchema, regionSchema } from '../schema/item.js';
import type { GenItem, Implementer, Material } from './item.js';

/** The region's own elements of an item (spec §3 local fields) and how to write them. */
export interface LocalElements {
  deptName: string;
  creditCode: string;
  nature: Implementer;
  entrustedBy?: string;
  taskCode: string;
  localCatalogCode?: string;
  localTaskCode?: string;
  powerSource?: string;
  jointDepts?: readonly string[];
  onlineUrl?: string;
  mobileUrl?: string;
  inHall: boolean;
  places: ReadonlyArray<{ address: string; hours: string }>;
  consultPhone: string;
  complaintPhone: string;
  /** write complaintPhone without quotes (an injected `schema` error) */
  complaintUnquoted?: boolean;
  /** a comment line written before a top-level key */
  comments?: Readonly<Record<string, string>>;
}

/** The catalog format a file is written in: v2, or v1 for the tests of `tongbiao migrate`. */
export type FormatVersion = 1 | 2;

const flowList = (values: readonly string[]) => `[${values.join(', ')}]`;

/** The first line of a file that points editors at the catalog's schema: `../` once per folder up to the root. */
export function modeline(depth: number, schema: 'item' | 'region'): string {
  return `# yaml-language-server: $schema=${'../'.repeat(depth)}schema/${schema}.schema.json\n`;
}

/** An item file in the spec's element order (§2); `head` (the modeline) is written first. */
export function renderItem(item: GenItem, local: LocalElements, head = '', version: FormatVersion = 2): string {
  const v2 = version === 2;
  const c = local.comments;
  const note = (key: string) => (c?.[key] === undefined ? '' : `# ${c[key]}\n`);
  const line = (key: string, value: string | number | boolean | undefined) => (value === undefined ? '' : `${key}: ${value}\n`);
  let s = `${head}catalogCode: "${item.catalogCode}"\nname: ${item.name}\ntype: ${item.type}\nbasis:\n`;
  for (const b of item.basis) s += `  - law: ${b.law}\n    article: ${b.article}\n`;
  s += `useLevel: ${flowList(item.useLevel)}\n`;
  if (v2) s += line('status', item.status) + line('version', item.version) + line('effectiveDate', item.effectiveDate) + line('cancelDate', item.cancelDate);
  s += `\ntaskCode: "${local.taskCode}"\n`;
  if (v2) {
    if (local.localCatalogCode !== undefined) s += `localCatalogCode: "${local.localCatalogCode}"\nlocalTaskCode: "${local.localTaskCode}"\n`;
    s += line('powerSource', local.powerSource);
  }
  s += `dept:\n  name: ${local.deptName}\n  creditCode: "${local.creditCode}"\n  nature: ${local.nature}\n`;
  if (local.entrustedBy !== undefined) s += `  entrustedBy: ${local.entrustedBy}\n`;
  if (v2 && local.jointDepts) s += `jointDepts: ${flowList(local.jointDepts)}\n`;
  s += `serviceObjects: ${flowList(item.serviceObjects)}\ncaseType: ${item.caseType}\n`;
  const st = item.statutoryLimit;
  s += st === '无' ? 'statutoryLimit: 无\n' : `statutoryLimit: { days: ${st.days}, unit: ${st.unit} }\n`;
  if (v2) s += line('statutoryLimitNote', item.statutoryLimitNote);
  s += `${note('promisedLimit')}promisedLimit: { days: ${item.promisedLimit.days}, unit: ${item.promisedLimit.unit} }\n`;
  if (v2) {
    s += line('promisedLimitNote', item.promisedLimitNote);
    if (item.specialProcedures) {
      s += 'specialProcedures:\n';
      for (const p of item.specialProcedures) s += `  - { name: ${p.name}, days: ${p.days}, unit: ${p.unit}, note: ${p.note} }\n`;
    }
  }
  s += `${note('visits')}visits: ${item.visits}\n`;
  if (item.visitsReason !== undefined) s += `visitsReason: ${item.visitsReason}\n`;
  s += `${note('conditions')}conditions: ${item.conditions}\n`;
  if (v2) s += line('quantityLimit', item.quantityLimit);
  s += `${note('materials')}materials:\n${materialLines(item.materials, '  ', version)}`;
  s += `${note('steps')}steps:\n`;
  for (const step of item.steps) s += `  - { name: ${step.name}, days: ${step.days} }\n`;
  if (v2 && item.intermediaries) {
    s += 'intermediaries:\n';
    for (const i of item.intermediaries) s += `  - { name: ${i.name}, basis: ${i.basis} }\n`;
  }
  const fee = item.fee;
  if (!fee.charged) s += 'fee: { charged: false }\n';
  else {
    s += `fee:\n  charged: true\n  basis: ${fee.basis}\n  items:\n`;
    for (const f of fee.items) s += `    - name: ${f.name}\n      standard: ${f.standard}\n`;
  }
  s += `handlingForms: ${flowList(item.handlingForms)}\n${note('onlineDepth')}`;
  if (v2) {
    s += `onlineDepth: ${flowList(item.onlineDepth)}\n`;
    s += line('onlineUrl', local.onlineUrl) + line('mobileUrl', local.mobileUrl);
    s += line('express', item.express) + line('payOnline', item.payOnline) + line('appointment', item.appointment) + line('inHall', local.inHall);
    s += line('handleArea', item.handleArea);
  } else {
    s += `onlineDepth: ${v1Depth(item.onlineDepth)}\n` + line('handleArea', v1HandleArea(item.handleArea));
  }
  s += 'places:\n';
  for (const p of local.places) s += `  - { address: ${p.address}, hours: ${p.hours} }\n`;
  s += `consultPhone: "${local.consultPhone}"\n`;
  s += local.complaintUnquoted ? `complaintPhone: ${local.complaintPhone}\n` : `complaintPhone: "${local.complaintPhone}"\n`;
  const result = item.result;
  if (v2) s += result.name === undefined ? `result: { type: ${result.type} }\n` : `result: { type: ${result.type}, name: ${result.name} }\n`;
  else if (result.type !== '无') s += `result: { type: ${result.type}, name: ${result.name} }\n`;
  if (v2) {
    s += line('resultSample', item.resultSample);
    if (item.handlingItems) {
      s += 'handlingItems:\n';
      for (const h of item.handlingItems) {
        s += `  - seq: "${h.seq}"\n    name: ${h.name}\n`;
        if (h.materials) s += `    materials:\n${materialLines(h.materials, '      ', version)}`;
      }
    }
  }
  return s;
}

function materialLines(materials: readonly Material[], indent: string, version: FormatVersion): string {
  let s = '';
  const field = `${indent}  `;
  for (const m of materials) {
    if (version === 2) {
      s += `${indent}- name: ${m.name}\n${field}necessity: ${m.necessity}\n`;
      if (m.deferrable) s += `${field}deferrable: true\n`;
      s += `${field}type: ${m.type}\n${field}format: ${m.format}\n`;
      if (m.originals !== undefined) s += `${field}originals: ${m.originals}\n`;
      if (m.copies !== undefined) s += `${field}copies: ${m.copies}\n`;
      s += `${field}source: ${m.source}\n`;
      if (m.note !== undefined) s += `${field}note: ${m.note}\n`;
      if (m.blankForm !== undefined) s += `${field}blankForm: ${m.blankForm}\n`;
      if (m.example !== undefined) s += `${field}example: ${m.example}\n`;
    } else {
      // v1 had no 原件或复印件 nor 纸质和电子, one copies count, and 容缺 as a necessity.
      const form = m.type === '原件或复印件' ? '原件和复印件' : m.type;
      const medium = m.format === '纸质和电子' ? '纸质或电子' : m.format;
      s += `${indent}- name: ${m.name}\n${field}necessity: ${m.deferrable ? '容缺' : m.necessity}\n${field}form: ${form}\n${field}medium: ${medium}\n`;
      s += `${field}copies: ${m.originals ?? m.copies ?? 1}\n${field}source: ${m.source}\n`;
      if (m.note !== undefined) s += `${field}note: ${m.note}\n`;
    }
  }
  return s;
}

/** v1's 网上办理深度 level for a set of stages: 1 consult, 2 up to 预审, 3 up to 办理, 4 every stage (spec §8). */
function v1Depth(stages: readonly string[]): number {
  return stages.length <= 1 ? 1 : stages.length <= 3 ? 2 : stages.length <= 5 ? 3 : 4;
}

export function renderRegion(code: string, name: string, level: Level, head = '', localItems: readonly string[] = []): string {
  const local = localItems.length === 0 ? '' : `localItems: [${localItems.map((c) => `"${c}"`).join(', ')}]\n`;
  return `${head}code: "${code}"\nname: ${name}\nlevel: ${level}\n${local}`;
}

/** The schema files the modelines point at, as `tongbiao schema --out` writes them. */
export function schemaFiles(): Record<string, string> {
  return {
    'schema/item.schema.json': JSON.stringify(itemSchema, null, 2) + '\n',
    'schema/region.schema.json': JSON.stringify(regionSchema, null, 2) + '\n',
  };
}

export function tongbiaoYaml(version: FormatVersion, exceptions: ReadonlyArray<{ code: string; reason: string }> = []): string {
  let s = `# 同标（tongbiao）生成的合成目录，用于基准测试和演示；格式遵循同标目录格式规范 v${version}。\nformatVersion: ${version}\n`;
  if (exceptions.length > 0) {
    s += 'creditCodeExceptions:\n';
    for (const e of exceptions) s += `  - { code: "${e.code}", reason: ${e.reason} }\n`;
  }
  return s;
}

/**
 * A 通办范围 as v1 spelled it (全省 → 全省通办, the first v1 text spec §8 maps onto it): a v1 catalog carries the
 * same areas as its v2 twin, so the two read alike. (Writing each region's own 全区通办 made every county
 * narrower than its city in the v2 reading: a level-looser error on nearly every item of a v1 province.)
 */
function v1HandleArea(area: string | undefined): string | undefined {
  return area === undefined ? undefined : (Object.keys(HANDLE_AREA_CODES).find((text) => HANDLE_AREA_CODES[text] === area) ?? area);
}
