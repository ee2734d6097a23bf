// The validate pipeline over a loaded catalog: file rules, region rules and cross-level rules, then the
// catalog's severity overrides. Pure apart from the catalog's own (memoised) reading.
import { createLocator, type Locate } from '../catalog/locate.js';
import type { Catalog } from '../catalog/load.js';
import { severityOf } from '../catalog/config.js';
import type { Finding, Item, Message, ParsedFile, Region } from '../catalog/types.js';
import { filesOnly, lineageOf, missingItems, type RegionItems } from '../levels/compare-region.js';
import { compareItem } from '../levels/compare-item.js';
import { discrepancyFindings } from '../levels/findings.js';
import { resolveFieldClasses } from '../levels/field-classes.js';
import type { Discrepancy } from '../levels/types.js';
import { ITEM_RULES } from '../rules/registry.js';

export interface CheckOptions {
  /** report only on these catalog-relative files (item files, region.yaml files, region directories); default: all */
  only?: ReadonlySet<string>;
}

export interface CheckResult {
  findings: Finding[];
  discrepancies: Discrepancy[];
  /** how many files were checked and reported on */
  files: number;
}

const ITEM_CODE = /^\d{12}$/;

export async function checkCatalog(catalog: Catalog, options: CheckOptions = {}): Promise<CheckResult> {
  const { only } = options;
  const inScope = (file: string) => only === undefined || only.has(file);
  const locators = new Map<ParsedFile, Locate>();
  const locate = (file: ParsedFile, path: string) => {
    let locator = locators.get(file);
    if (!locator) locators.set(file, (locator = createLocator(file.text)));
    return locator(path);
  };
  const finding = (file: ParsedFile, rule: string, path: string, message: Message, catalogCode?: string): Finding => {
    const severity = ITEM_RULES.find((r) => r.id === rule)?.severity ?? 'error';
    const out: Finding = { rule, severity, file: file.file, ...locate(file, path), path, region: file.region, message };
    if (catalogCode !== undefined) out.catalogCode = catalogCode;
    return out;
  };

  const findings: Finding[] = [];
  for (const entry of catalog.regionFindings) {
    if ('file' in entry && typeof entry.file !== 'string') {
      if (inScope(entry.file.file)) findings.push({ ...finding(entry.file, entry.rule, entry.path, entry.message), severity: 'error' });
    } else if (inScope((entry as Finding).file)) {
      findings.push(entry as Finding);
    }
  }

  // Which item files are reported on, and which regions' region.yaml (for level-missing).
  const scopedItems: Array<{ region: Region; code: string; path: string }> = [];
  for (const [regionCode, items] of catalog.items) {
    const region = catalog.regions.get(regionCode)!;
    for (const [code, path] of items) if (inScope(path)) scopedItems.push({ region, code, path });
  }
  const scopedRegions = [...catalog.regions.values()].filter((r) => inScope(r.file) && catalog.regionFiles.has(r.code));

  // Parse what the reported files depend on: themselves, the same code in their ancestors, and the
  // baseline's items when a region's missing items are reported.
  const needed = new Set(scopedItems.map((s) => s.path));
  for (const { region, code } of scopedItems) {
    for (const ancestor of ancestorsOf(catalog, region)) {
      const path = catalog.items.get(ancestor.code)?.get(code);
      if (path) needed.add(path);
    }
  }
  if (catalog.top && scopedRegions.some((r) => r !== catalog.top)) {
    for (const path of catalog.items.get(catalog.top.code)?.values() ?? []) needed.add(path);
  }
  const parsed = await catalog.parse([...needed]);
  const itemOf = (path: string | undefined): Item | undefined => {
    const data = path === undefined ? undefined : parsed.get(path)?.data;
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Item) : undefined;
  };

  // File rules.
  const rules = ITEM_RULES.filter((r) => severityOf(catalog.settings, r.id, r.severity) !== undefined);
  for (const { region, code, path } of scopedItems) {
    const file = parsed.get(path)!;
    findings.push(...file.problems.map((p) => (ITEM_CODE.test(code) ? { ...p, catalogCode: code } : p)));
    const item = itemOf(path);
    if (!item) continue;
    const catalogCode = typeof item.catalogCode === 'string' ? item.catalogCode : ITEM_CODE.test(code) ? code : undefined;
    const fileName = path.slice(path.lastIndexOf('/') + 1);
    for (const rule of rules) {
      for (const problem of rule.check({ file, item, region, fileName })) {
        findings.push(finding(file, rule.id, problem.path, problem.message, catalogCode));
      }
    }
  }

  // Cross-level rules: each region's items against their ancestors'.
  const classes = resolveFieldClasses(catalog.settings.fields);
  const regionItems = (region: Region, codes: Iterable<string>): RegionItems => {
    const items = new Map<string, Item>();
    for (const code of codes) {
      const item = itemOf(catalog.items.get(region.code)?.get(code));
      if (item) items.set(code, item);
    }
    return { code: region.code, level: region.level, items };
  };
  const discrepancies: Discrepancy[] = [];
  for (const { region, code, path } of scopedItems) {
    if (region === catalog.top || !catalog.top) continue;
    const ours = itemOf(path);
    if (!ours) continue;
    const ancestors = ancestorsOf(catalog, region).map((a) => regionItems(a, [code]));
    const { parent, baseline } = lineageOf(code, ancestors);
    discrepancies.push(
      ...compareItem({
        region: region.code, catalogCode: code, ours,
        parent: parent?.item, parentRegion: parent?.region,
        baseline: baseline?.item, baselineRegion: catalog.top.code, classes,
      }),
    );
  }
  // Claimed means "has a file", whether or not the file parses: a broken file is not a missing item.
  // Only the baseline's items need their data (useLevel); above the region, a file is enough to
  // say where a claim would copy from.
  const withFiles = (region: Region) => filesOnly(region.code, region.level, catalog.items.get(region.code)?.keys() ?? []);
  for (const region of scopedRegions) {
    if (region === catalog.top || !catalog.top) continue;
    const ancestors = ancestorsOf(catalog, region);
    const baselineCodes = [...(catalog.items.get(catalog.top.code)?.keys() ?? [])];
    discrepancies.push(...missingItems({ region: withFiles(region), ancestors: ancestors.map((a) => (a === catalog.top ? regionItems(a, baselineCodes) : withFiles(a))) }));
  }
  const fileOf = (region: string, code: string) => catalog.items.get(region)?.get(code);
  findings.push(
    ...discrepancyFindings(discrepancies, {
      fileOf: (d) => parsed.get(fileOf(d.region, d.catalogCode) ?? ''),
      regionFile: (code) => catalog.regions.get(code)?.file ?? code,
      locate,
      itemsOf: (d) => ({ ours: itemOf(fileOf(d.region, d.catalogCode)), theirs: itemOf(fileOf(d.against, d.catalogCode)) }),
    }),
  );

  return { findings: applySeverities(findings, catalog), discrepancies, files: scopedItems.length + scopedRegions.length };
}

/** Nearest first, the top region last. */
export function ancestorsOf(catalog: Catalog, region: Region): Region[] {
  const out: Region[] = [];
  for (let code = region.parent; code !== undefined; code = catalog.regions.get(code)?.parent) {
    const ancestor = catalog.regions.get(code);
    if (!ancestor) break;
    out.push(ancestor);
  }
  return out;
}

function applySeverities(findings: Finding[], catalog: Catalog): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const severity = severityOf(catalog.settings, f.rule, f.severity);
    if (severity !== undefined) out.push(severity === f.severity ? f : { ...f, severity });
  }
  return out;
}
