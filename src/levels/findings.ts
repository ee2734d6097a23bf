// Discrepancies as validate findings (spec §3 cross-level rules): one finding each, at the
// county file's line for the path, `level-missing` at the region's region.yaml.
import type { Finding, ParsedFile } from '../catalog/types.js';
import { ruleInfo } from '../rules/registry.js';
import { discrepancyMessage, type MessageContext } from './messages.js';
import { parentPointer } from './pointer.js';
import type { Discrepancy } from './types.js';

export interface DiscrepancyFindingContext {
  /** our parsed item file (the discrepancy's region's); undefined when it has none */
  fileOf(d: Discrepancy): ParsedFile | undefined;
  /** catalog-relative path of a region's region.yaml */
  regionFile(region: string): string;
  /** line and column of a JSON Pointer in a parsed file (the catalog locator) */
  locate(file: ParsedFile, pointer: string): { line: number; column: number };
  /** the two items a discrepancy compares, to name list entries in messages */
  itemsOf(d: Discrepancy): MessageContext;
}

/**
 * Where in our file a discrepancy is shown. An entry only the other side has carries
 * *their* index (spec §3), which in our list may be another entry or none: point at
 * our list instead. `unknown` has no better place than the file's start.
 */
export function findingPointer(d: Discrepancy): string | undefined {
  if (d.kind === 'unknown') return undefined;
  if (d.ours === undefined && /\/\d+$/.test(d.path)) return parentPointer(d.path);
  return d.path;
}

export function discrepancyFinding(d: Discrepancy, ctx: DiscrepancyFindingContext): Finding {
  const item = d.kind === 'missing' ? undefined : ctx.fileOf(d);
  const pointer = findingPointer(d);
  const at = item === undefined || pointer === undefined ? { line: 1, column: 1 } : ctx.locate(item, pointer);
  return {
    rule: d.rule,
    severity: ruleInfo(d.rule).severity,
    file: item?.file ?? ctx.regionFile(d.region),
    line: at.line,
    column: at.column,
    path: d.path,
    region: d.region,
    catalogCode: d.catalogCode,
    message: discrepancyMessage(d, ctx.itemsOf(d)),
    key: d.key,
    fingerprint: d.fingerprint,
  };
}

/** Findings in the discrepancies' order; severities are the rule defaults (the caller applies tongbiao.yaml). */
export function discrepancyFindings(ds: readonly Discrepancy[], ctx: DiscrepancyFindingContext): Finding[] {
  return ds.map((d) => discrepancyFinding(d, ctx));
}
