import type { Settings } from '../catalog/config.js';
import type { CatalogEntry, Item, Message, ParsedFile, Region, Severity } from '../catalog/types.js';

/** What a rule reports: where (JSON Pointer) and what. The runner adds rule, severity, file, line and column. */
export interface Problem {
  path: string;
  message: Message;
}

/** Everything an item rule may look at: one item file and its region. */
export interface ItemContext {
  file: ParsedFile;
  /** `file.data`, known to be a mapping; its shape is only guaranteed when the schema rule is silent */
  item: Item;
  region: Region;
  /** the file's base name, e.g. `002000101000.yaml` */
  fileName: string;
  /** the catalog's settings: format version, code sets, credit-code exceptions */
  settings: Settings;
  /** what lies under `files/` at the catalog root, by catalog-relative path (for file references) */
  files: ReadonlyMap<string, CatalogEntry['type']>;
}

/** What `tongbiao.yaml` and the reporters need to know of every rule, whatever stage runs it. */
export interface RuleInfo {
  id: string;
  severity: Severity;
  description: Message;
}

/** A rule that looks at one item file at a time (spec §3, file rules; plus use-level). */
export interface ItemRule extends RuleInfo {
  check(ctx: ItemContext): Problem[];
}
