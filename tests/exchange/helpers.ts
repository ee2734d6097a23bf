// Shared by the exchange tests: temporary folders, the built CLI's export and import, and a catalog read back as
// parsed data per file (what "the same data for every item" compares: YAML data, key order ignored).
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readWorkbook } from '../../src/exchange/workbook-import.js';
import { runCli, type CliResult } from '../helpers/cli.js';

export const DEMO = join(import.meta.dirname, '..', '..', 'catalog-yaml');

import { tempDir } from '../gen/helpers.js';
export { removeTempDirs, tempDir } from '../gen/helpers.js';

/**
 * A copy of a catalog in format v2 (migrated when it is v1): export always writes v2 items, so a v1 catalog's
 * round trip compares with what `tongbiao migrate` makes of it.
 */
export function v2Copy(catalog: string): string {
  const copy = join(tempDir('v2'), 'catalog');
  cpSync(catalog, copy, { recursive: true });
  if (/^formatVersion:\s*1\s*$/m.test(readFileSync(join(copy, 'tongbiao.yaml'), 'utf8'))) {
    const result = runCli(['migrate', '--catalog', copy]);
    if (result.code !== 0) throw new Error(`migrate failed: ${result.stderr}`);
  }
  return copy;
}

/** Sorted keys at every level: two values with the same data give the same JSON. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** Every region.yaml and item file of a catalog (not tongbiao.yaml, schema/, files/) → its data as canonical JSON. */
export function catalogData(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (rel !== '' || /^\d+$/.test(entry.name)) walk(path);
      } else if (rel !== '' && entry.name.endsWith('.yaml') && entry.name !== 'decisions.yaml') {
        out.set(path, JSON.stringify(canonical(parse(readFileSync(join(root, path), 'utf8')))));
      }
    }
  };
  walk('');
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The paths whose data differ between two catalogs (and paths only one has). */
export function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((p) => a.get(p) !== b.get(p)).sort();
}

export function exportCatalog(catalog: string, file: string, ...args: string[]): CliResult {
  return runCli(['export', '--catalog', catalog, '-o', file, ...args]);
}

export interface ImportJson {
  file: string;
  written: boolean;
  regions: { created: string[]; changed: string[]; unchanged: number };
  items: { created: string[]; changed: string[]; unchanged: number };
  leftOut: string[];
  problems: Array<{ at: string; severity: 'error' | 'warning'; message: { zh: string; en: string }; item?: string }>;
}

export function importJson(file: string, catalog: string, ...args: string[]): CliResult & { report: ImportJson } {
  const result = runCli(['import', file, '--catalog', catalog, '--format', 'json', ...args]);
  let report: ImportJson;
  try {
    report = JSON.parse(result.stdout) as ImportJson;
  } catch {
    throw new Error(`import printed no JSON (exit ${result.code}): ${result.stderr}${result.stdout}`);
  }
  return { ...result, report };
}

/** A workbook read whole by the importer's reader: its items (put together as they are consumed), regions and problems. */
export async function readAll(file: string) {
  const input = await readWorkbook(file);
  const items = [];
  for await (const item of input.items) items.push(item);
  return { ...input, items };
}

export type Row = Record<string, unknown>;
/** Our exchange JSON export, parsed. */
export interface Exchange {
  x_tongbiao: { regions: Row[] };
  tables: Record<string, Row[]>;
}

/** An exchange export in the flattened form many provincial systems give: one object per item, its child records nested. */
export function flattened(grouped: Exchange): Row[] {
  const tables = structuredClone(grouped.tables);
  const byTask = (table: string) => {
    const out = new Map<unknown, Row[]>();
    for (const r of tables[table] ?? []) out.set(r.task_guid, [...(out.get(r.task_guid) ?? []), r]);
    return out;
  };
  const extend = byTask('task_extend');
  const materials = byTask('task_material');
  const handles = byTask('task_handle_item');
  const fees = byTask('task_fee_project');
  return (tables.task_basic ?? []).map((b) => ({
    ...extend.get(b.task_guid)?.[0],
    ...b,
    materials: materials.get(b.task_guid) ?? [],
    handle_items: handles.get(b.task_guid) ?? [],
    fee_projects: fees.get(b.task_guid) ?? [],
  }));
}
