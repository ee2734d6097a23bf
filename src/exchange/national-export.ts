// A catalog (or part of it) → the national item exchange tables as one JSON document (exchange.md §2): records
// grouped by table, the region tree under the top-level x_tongbiao. The basic table is written while the items
// are read; the other tables' records wait in a spill file until their turn, so memory stays flat.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Catalog } from '../catalog/load.js';
import type { Region } from '../catalog/types.js';
import { Spill, type SpillRef } from '../sync/spill.js';
import { catalogItems, type Selection, type SkippedFile } from './catalog-items.js';
import { encodeItem, TABLES, X, type ItemRecords, type RegionInfo } from './national.js';
import { exportRegion, type ExportInfo } from './workbook-meta.js';

/** `format` of the document, so import knows what it reads. */
export const EXCHANGE_FORMAT = 'tongbiao-exchange';
const READ_BACK = 512;

export async function exportExchange(
  catalog: Catalog,
  selection: Selection,
  target: Writable | NodeJS.WritableStream,
  info: ExportInfo,
  skipped: SkippedFile[],
): Promise<{ items: number }> {
  const out = target as Writable;
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const spill = new Spill();
  const waiting = new Map<keyof ItemRecords, SpillRef[]>([['extend', []], ['materials', []], ['handleItems', []], ['feeProjects', []]]);
  const sync = { batch: info.revision?.slice(0, 12) ?? new Date().toISOString().slice(0, 10), time: new Date().toISOString() };
  let items = 0;
  try {
    const regions = selection.tree.map((r) => regionRecord(catalog, r));
    await write(`{"format":${JSON.stringify(EXCHANGE_FORMAT)},"generator":${JSON.stringify(`tongbiao ${info.version}`)},`);
    await write(`"revision":${JSON.stringify(info.revision ?? null)},"formatVersion":${info.formatVersion},"scope":${JSON.stringify(info.scope)},`);
    await write(`"${X}":{"regions":${JSON.stringify(regions)}},\n"tables":{"${TABLES.basic}":[`);
    for await (const { region, item } of catalogItems(catalog, selection.regions, skipped)) {
      const records = encodeItem(regionInfo(catalog, region), item, sync);
      await write(`${items === 0 ? '' : ','}\n${JSON.stringify(records.basic)}`);
      items++;
      for (const [table, refs] of waiting) {
        const value = records[table];
        const list = Array.isArray(value) ? value : [value];
        if (list.length > 0) refs.push(...spill.append(list.map((r) => JSON.stringify(r))));
      }
    }
    await write(']');
    for (const [table, refs] of waiting) {
      await write(`,\n"${TABLES[table]}":[`);
      for (let i = 0; i < refs.length; i += READ_BACK) {
        const texts = spill.read(refs.slice(i, i + READ_BACK));
        await write(texts.map((t, j) => `${i + j === 0 ? '' : ','}\n${t}`).join(''));
      }
      await write(']');
    }
    await write('}}\n');
    if (out !== (process.stdout as unknown)) out.end();
  } finally {
    spill.close();
  }
  return { items };
}

/** A region's record: its region.yaml data (as the 区划 sheet exports it) with its parent. */
function regionRecord(catalog: Catalog, region: Region): Record<string, unknown> {
  const { code, parent, data } = exportRegion(catalog, region);
  return { code, ...data, ...(parent !== undefined ? { parent } : {}) };
}

/** The region's own code, name and level, and the township / village it is or lies in. */
export function regionInfo(catalog: Catalog, region: Region): RegionInfo {
  const info: RegionInfo = { code: region.code };
  if (region.name !== undefined) info.name = region.name;
  if (region.level !== undefined) info.level = region.level;
  for (let r: Region | undefined = region; r; r = r.parent === undefined ? undefined : catalog.regions.get(r.parent)) {
    const named = { code: r.code, ...(r.name !== undefined ? { name: r.name } : {}) };
    if ((r.level as string) === '乡镇级' && !info.town) info.town = named;
    if ((r.level as string) === '村级' && !info.village) info.village = named;
  }
  return info;
}
