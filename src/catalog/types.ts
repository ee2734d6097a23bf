// The shapes every stage of the pipeline agrees on. Pure data: no I/O here.

/** 行政层级 of a region, top down (spec §1). */
export const LEVELS = ['省级', '市级', '县级', '乡镇级', '村级'] as const;
export type Level = (typeof LEVELS)[number];

/** The level digit used in 实施编码 (taskCode): 省级 2, 市级 3, 县级 4, 乡镇级 5, 村级 6. */
export const LEVEL_DIGIT: Record<Level, string> = { 省级: '2', 市级: '3', 县级: '4', 乡镇级: '5', 村级: '6' };

/**
 * How long a region code of each level is: GB/T 2260 codes (6 digits) for 省级, 市级 and 县级; a township's
 * code is its county's 6 digits + 3, a village's its township's 9 + 3 (the statistical codes below GB/T 2260).
 */
export const LEVEL_CODE_LENGTH: Record<Level, number> = { 省级: 6, 市级: 6, 县级: 6, 乡镇级: 9, 村级: 12 };

/** A region directory's name: a region code of any level. The one test of "is this a region code". */
export const REGION_CODE = /^(?:\d{6}|\d{9}|\d{12})$/;

/** One path in a catalog as listed by a source (working tree or git revision). */
export interface CatalogEntry {
  /** posix path relative to the catalog root, e.g. `420000/items/002000101000.yaml` */
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'other';
  /** git blob id: from the commit read, or from the index for a working-tree file git finds unchanged */
  blob?: string;
}

/** Where a catalog comes from. Listing is eager (cheap); reading is batched (expensive). */
export interface CatalogSource {
  /** absolute path of the catalog root on disk, used to print file paths relative to the cwd */
  root: string;
  /** commit id when the catalog is read from a git revision */
  revision?: string;
  entries: CatalogEntry[];
  /** Read the raw bytes of the given files (never follows links). */
  read(paths: string[]): Promise<Map<string, Uint8Array>>;
  /**
   * For working-tree files: size, mtime, ctime and inode, like git's index. While it is unchanged a cache
   * may trust the blob id it recorded for the path without reading the file. Asked only by a cache.
   */
  stamp?(path: string): string | undefined;
}

/** A region directory (行政区划), as laid out on disk. `info` is undefined when region.yaml is missing or invalid. */
export interface Region {
  /** the directory's name: a 6-digit GB/T 2260 code, or a 9-digit township / 12-digit village code */
  code: string;
  /** catalog-relative directory, e.g. `420000/420100` */
  dir: string;
  /** parent region's code; undefined for the top region */
  parent?: string;
  /** codes of child regions, in code order */
  children: string[];
  /** catalog-relative path of region.yaml (which may not exist) */
  file: string;
  name?: string;
  level?: Level;
  /** catalogCodes this region establishes under its own local regulations (region.yaml `localItems`, spec §3 level-local) */
  localItems?: readonly string[];
}

export type Severity = 'error' | 'warning' | 'info';

/** A message in both UI languages; Chinese is the default. */
export interface Message {
  zh: string;
  en: string;
}

export type Lang = keyof Message;

/** One problem found in the catalog (spec §3–§4). */
export interface Finding {
  rule: string;
  severity: Severity;
  /** catalog-relative posix path (reporters turn it into a cwd-relative one) */
  file: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
  /** JSON Pointer into the document */
  path: string;
  /** code of the region directory the file belongs to */
  region: string;
  catalogCode?: string;
  message: Message;
  /** a cross-level finding's discrepancy key and fingerprint (spec §3) */
  key?: string;
  fingerprint?: string;
  /** the region's decisions.yaml entry for `key`, when it has one (spec §4) */
  decision?: FindingDecision;
}

/** A decision from decisions.yaml as a finding carries it; `current` is false when its fingerprint is outdated. */
export interface FindingDecision {
  decision: 'accepted' | 'fix-requested';
  reason?: string;
  by: string;
  at: string;
  current: boolean;
}

/** A parsed YAML file: the decoded text (for locations) and its plain data. */
export interface ParsedFile {
  file: string;
  region: string;
  /** git blob id or content hash of the raw bytes */
  id: string;
  /** decoded text, undefined when the file could not be read as text */
  text?: string;
  /** the parsed document as plain data; undefined when reading or parsing failed. A v1 item: its v2 reading (spec §8) */
  data?: unknown;
  /**
   * A v1 item file that the v1→v2 mapping changed: the data as the file wrote it. Pointers into `data` are
   * located in the file through the mapping's position map (`locatorOf` in load.ts).
   */
  written?: unknown;
  /** file-read / yaml-syntax findings, already located */
  problems: Finding[];
}

/** An item (事项) as plain data. The schema guarantees the shape only for files without schema findings. */
export type Item = Record<string, unknown>;
