// One value ⇄ one spreadsheet cell, by the element's kind (exchange.md §1): code-set labels as written, sets
// joined with 、, booleans as 是/否, codes always text. Reading is forgiving where a person or a spreadsheet
// program may have changed the form but not the meaning (a code typed as a number, TRUE for 是, a date cell),
// and names every value it cannot take.
import type { Message } from '../catalog/types.js';
import type { Element } from './elements.js';

/** What a cell holds once read: a workbook library's rich values are reduced to these before they get here. */
export type Cell = string | number | boolean | Date | TypedCell | null;

/**
 * A number or boolean in a cell formatted as text (`@`). A spreadsheet program that guesses types (a CSV opened
 * in Calc or Excel) leaves its numbers in General cells, and those are taken as the text they were typed as; a
 * number kept in a text cell was put there as a number — by an export of a file whose text element holds one
 * (an unquoted `complaintPhone: 12345`) — and comes back as that number.
 */
export interface TypedCell {
  typed: number | boolean;
}

export function isTyped(cell: unknown): cell is TypedCell {
  return typeof cell === 'object' && cell !== null && 'typed' in cell;
}

export interface CellProblem {
  /** `sheet!cell` (xlsx) or `record field` (JSON) */
  at: string;
  severity: 'error' | 'warning';
  message: Message;
}

export type CellValue = { value: unknown; warning?: { severity: 'warning'; message: Message } } | { problem: { severity: 'error'; message: Message } };

export const SET_SEPARATOR = '、';
/** What people use between set values besides 、 */
const SET_SPLIT = /[、,，;；\n]/;
/** A set value that must be quoted to come back as one value: it holds a separator, starts with a quote or has spaces around it. */
const NEEDS_QUOTES = /[、,，;；\n]|^"|^\s|\s$/;
const YES = '是';
const NO = '否';

/** The cell an element's value is written as. */
export function cellOf(element: Element, value: unknown): Cell {
  if (value === undefined || value === null) return '';
  switch (element.kind) {
    case 'boolean':
      return value === true ? YES : value === false ? NO : String(value);
    case 'set':
      return Array.isArray(value) ? value.map((v) => quoteSetValue(String(v))).join(SET_SEPARATOR) : String(value);
    case 'integer':
    case 'number':
      return typeof value === 'number' ? value : String(value);
    default:
      if (typeof value === 'object') return JSON.stringify(value);
      // A number or boolean where text belongs (an unquoted `complaintPhone: 12345`) is invalid, yet it is what
      // the file says: it goes out as a cell of its own type (in the column's text format: a TypedCell when read)
      // so the import gives back the same value. Codes are always text cells.
      if ((typeof value === 'number' || typeof value === 'boolean') && element.digits === undefined) return value;
      return String(value);
  }
}

const fail = (zh: string, en: string): CellValue => ({ problem: { severity: 'error', message: { zh, en } } });

/** The value a cell gives an element, or what is wrong with it. `title` names the element in messages. */
export function valueOf(element: Element, given: Cell, title = element.title): CellValue {
  const typed = isTyped(given);
  const cell = typed ? given.typed : given;
  const text = textOf(cell);
  switch (element.kind) {
    case 'boolean': {
      if (cell === true || text === YES || /^(true|y|yes|1)$/i.test(text)) return { value: true };
      if (cell === false || text === NO || /^(false|n|no|0)$/i.test(text)) return { value: false };
      return fail(`${title} "${text}" 应为“是”或“否”`, `${title} "${text}" must be 是 or 否`);
    }
    case 'integer':
    case 'number': {
      const n = typeof cell === 'number' ? cell : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(n) || (element.kind === 'integer' && !Number.isInteger(n))) {
        return fail(`${title} "${text}" 不是${element.kind === 'integer' ? '整数' : '数字'}`, `${title} "${text}" is not ${element.kind === 'integer' ? 'an integer' : 'a number'}`);
      }
      return { value: n };
    }
    case 'set': {
      const values = splitSet(text);
      const unknown = element.values ? values.filter((v) => !element.values!.includes(v)) : [];
      if (unknown.length > 0) return notInSet(title, unknown.join(SET_SEPARATOR), element.values!);
      return { value: values };
    }
    case 'choice':
      if (!element.values!.includes(text)) return notInSet(title, text, element.values!);
      return { value: text };
    case 'date': {
      if (cell instanceof Date) return { value: cell.toISOString().slice(0, 10) };
      // A spreadsheet program that took the text for a date stores its serial number (days since 1899-12-30).
      if (typeof cell === 'number') return { value: new Date(Date.UTC(1899, 11, 30) + Math.round(cell) * 86_400_000).toISOString().slice(0, 10) };
      const parts = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
      if (!parts) return fail(`${title} "${text}" 不是日期（YYYY-MM-DD）`, `${title} "${text}" is not a date (YYYY-MM-DD)`);
      return { value: `${parts[1]}-${parts[2]!.padStart(2, '0')}-${parts[3]!.padStart(2, '0')}` };
    }
    default: {
      if (typeof cell === 'number' && element.digits !== undefined) {
        // Excel drops leading zeros of a code typed as a number: 2000101000 is 002000101000.
        if (!Number.isInteger(cell) || cell < 0 || text.length > element.digits) {
          return fail(`${title} ${text} 不是 ${element.digits} 位代码`, `${title} ${text} is not a ${element.digits}-digit code`);
        }
        const code = text.padStart(element.digits, '0');
        if (code === text) return { value: code };
        return {
          value: code,
          warning: {
            severity: 'warning',
            message: { zh: `${title} 被存为数字 ${text}，已补回前导零：${code}`, en: `${title} was stored as the number ${text}; leading zeros restored: ${code}` },
          },
        };
      }
      if (typeof cell === 'number' && !Number.isSafeInteger(cell) && Number.isInteger(cell)) {
        return fail(`${title} 被存为数字 ${text}，超过 15 位的数字已丢失精度，请设为文本后重新填写`, `${title} was stored as the number ${text}, which loses digits beyond 15; make the cell text and type it again`);
      }
      // A number or boolean kept in a text cell where text belongs is taken as what it is (an export of a file
      // that holds one gives it back unchanged), and named: the element wants text, so validate will flag the item.
      if (typed && element.digits === undefined) {
        return {
          value: cell,
          warning: {
            severity: 'warning',
            message: {
              zh: `${title} 是${typeof cell === 'number' ? '数字' : '逻辑值'}单元格 ${text}，已按原值导入，但该要素应为文本：如是文本，请将单元格设为文本格式后重新填写`,
              en: `${title} is a ${typeof cell === 'number' ? 'number' : 'boolean'} cell ${text}, imported as it is, but the element is text: if it is text, make the cell text and type it again`,
            },
          },
        };
      }
      // Free text keeps its spaces: only what was typed around a code or a label is trimmed.
      return { value: typeof cell === 'string' ? cell : text };
    }
  }
}

/**
 * A set value as written in a cell: as it is, or — when it holds a separator (a 联办机构 such as
 * "市场监管局、税务局联合窗口"), starts with a quote or has spaces around it — in double quotes with its own
 * quotes doubled, as CSV and spreadsheet users know it: `"市场监管局、税务局联合窗口"、市财政局`.
 */
export function quoteSetValue(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A cell's set values: split at any separator outside double quotes, trimmed, empty ones dropped. */
export function splitSet(text: string): string[] {
  const values: string[] = [];
  let at = 0;
  while (at <= text.length) {
    while (at < text.length && /\s/.test(text[at]!) && text[at] !== '\n') at++;
    let value = '';
    if (text[at] === '"') {
      // A quoted value runs to the quote that is not doubled; what follows it up to the separator is kept too.
      for (at++; at < text.length; at++) {
        if (text[at] === '"') {
          if (text[at + 1] !== '"') break;
          at++;
        }
        value += text[at];
      }
      at++;
      const rest = nextSeparator(text, at);
      value += text.slice(at, rest).trimEnd();
      at = rest + 1;
      if (value !== '') values.push(value);
      continue;
    }
    const end = nextSeparator(text, at);
    value = text.slice(at, end).trim();
    if (value !== '') values.push(value);
    at = end + 1;
  }
  return values;
}

function nextSeparator(text: string, from: number): number {
  const found = text.slice(from).search(SET_SPLIT);
  return found < 0 ? text.length : from + found;
}

function notInSet(title: string, value: string, values: readonly string[]): CellValue {
  return fail(`${title} "${value}" 不在代码集中（可选：${values.join('、')}）`, `${title} "${value}" is not in the code set (one of: ${values.join(', ')})`);
}

/** A cell's text: numbers as plain decimal digits (no exponent), dates as YYYY-MM-DD, trimmed. */
export function textOf(given: Cell): string {
  const cell = isTyped(given) ? given.typed : given;
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isInteger(cell) && Math.abs(cell) < 1e21 ? BigInt(cell).toString() : String(cell);
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}
