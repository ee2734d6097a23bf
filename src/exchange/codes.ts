// The national item exchange tables' coded columns (exchange.md §2): which column carries which code set, the
// code of each label and back, and where each table comes from. Labels and codes are the schema's code sets
// (src/schema/codes.ts, the one place that decides them); this module adds the columns, the yes/no flags the
// schema has no set for, and the sources.
//
// Sources. Tables marked `inferred` are read from provincial integrations of the national platform (the exchange
// tables as provinces publish and consume them), not from the text of a standard; the others follow
// GB/T 39046-2020 / GB/T 39554.2-2020 and the national platform's interface description as quoted by provinces.
import { CODE_SETS, type CodeSet, type CodeSetName } from '../schema/codes.js';

export interface CodeTable {
  /** the element (key path in the item) whose labels the table codes */
  element: string;
  /** the national column(s) */
  column: string;
  /** label → code */
  codes: Readonly<Record<string, string>>;
  /** where the codes come from */
  source: string;
  inferred: boolean;
}

const STANDARD = 'GB/T 39046-2020 / GB/T 39554.2-2020, national item exchange tables';
const PROVINCIAL = 'inferred from provincial integrations of the national item exchange';

/** A code set of the schema (its labels and codes) under the national column that carries it. */
const fromSchema = (name: CodeSetName, column: string, element: string = name): CodeTable => {
  const set: CodeSet = CODE_SETS[name];
  // A label without a national code (移动端办理) is a local extension: it travels in x_tongbiao.
  const codes = Object.fromEntries(Object.entries(set.codes).filter(([, code]) => code !== ''));
  const inferred = set.inferred === true;
  return { element, column, codes, source: inferred ? PROVINCIAL : STANDARD, inferred };
};

/** The national tables write yes/no flags as 1 / 0 (inferred: provincial data). */
const yesNo = (element: string, column: string): CodeTable => ({ element, column, codes: { true: '1', false: '0' }, source: PROVINCIAL, inferred: true });

export const CODE_TABLES = {
  status: fromSchema('status', 'task_state'),
  useLevel: fromSchema('useLevel', 'use_level'),
  powerSource: fromSchema('powerSource', 'power_source'),
  deptNature: fromSchema('dept.nature', 'dept_type'),
  serviceObjects: fromSchema('serviceObjects', 'server_type'),
  caseType: fromSchema('caseType', 'project_type'),
  limitUnit: fromSchema('unit', 'anticipate_type / promise_type', 'statutoryLimit.unit'),
  charged: yesNo('fee.charged', 'is_fee'),
  handlingForms: fromSchema('handlingForms', 'handle_type'),
  onlineDepth: fromSchema('onlineDepth', 'online_handle_depth'),
  handleArea: fromSchema('handleArea', 'handle_area'),
  flags: yesNo('inHall / express / payOnline / appointment', 'is_entry_center / is_express / is_pay_online / is_schedule'),
  resultType: fromSchema('result.type', 'result_type'),
  necessity: fromSchema('materials.necessity', 'is_need'),
  materialType: fromSchema('materials.type', 'material_type'),
  materialFormat: fromSchema('materials.format', 'material_format'),
  materialSource: fromSchema('materials.source', 'source_type'),
} as const;

export type CodeTableName = keyof typeof CODE_TABLES;

/** The code of a label; undefined when the table has none (a local extension or a wrong label). */
export function codeOf(name: CodeTableName, label: string | boolean): string | undefined {
  return (CODE_TABLES[name].codes as Record<string, string>)[String(label)];
}

const reverse = new Map<CodeTableName, Map<string, string>>();

/** The label of a code; undefined when the table has none. */
export function labelOf(name: CodeTableName, code: string): string | undefined {
  let back = reverse.get(name);
  if (!back) reverse.set(name, (back = new Map(Object.entries(CODE_TABLES[name].codes).map(([label, c]) => [c, label]))));
  return back.get(code.trim());
}

/** Comma-separated codes of a set, in the set's order; undefined when a label has no code. */
export function codesOf(name: CodeTableName, labels: readonly unknown[]): string | undefined {
  const codes = labels.map((l) => (typeof l === 'string' ? codeOf(name, l) : undefined));
  return codes.every((c) => c !== undefined) ? codes.join(',') : undefined;
}

/** The labels of comma-separated codes; undefined when a code is unknown. */
export function labelsOf(name: CodeTableName, codes: string): string[] | undefined {
  const labels = codes.split(/[,，]/).filter((c) => c.trim() !== '').map((c) => labelOf(name, c));
  return labels.every((l) => l !== undefined) ? (labels as string[]) : undefined;
}

const COLUMN_TABLES = new Map<string, CodeTable>(
  Object.values(CODE_TABLES).flatMap((t) => t.column.split(' / ').map((column) => [column, t] as const)),
);

/** The coded fields of a record whose value (or one of whose comma-separated values) no table knows. */
export function unknownCodes(record: Readonly<Record<string, unknown>>): Array<{ field: string; code: string; known: string[] }> {
  const out: Array<{ field: string; code: string; known: string[] }> = [];
  for (const [field, value] of Object.entries(record)) {
    const table = COLUMN_TABLES.get(field);
    if (!table || value === undefined || value === null || value === '') continue;
    const known = Object.values(table.codes);
    for (const code of String(value).split(/[,，]/).map((c) => c.trim())) {
      if (!known.includes(code)) out.push({ field, code, known: Object.entries(table.codes).map(([label, c]) => `${c} ${label}`) });
    }
  }
  return out;
}
