// The workbook layout and the national code tables are derived from the schema (one source of truth): headers
// are its titles and unique per sheet, every code-table label is in the schema's code set of its element, and a
// value survives cell → value for every kind.
import { describe, expect, it } from 'vitest';
import { CODE_TABLES, codeOf, labelOf, labelsOf, unknownCodes } from '../../src/exchange/codes.js';
import { elementAt, itemElements } from '../../src/exchange/elements.js';
import { cellOf, valueOf } from '../../src/exchange/cells.js';
import { headersOf, itemLayout, ITEM_SHEET } from '../../src/exchange/sheets.js';
import { itemSchema, SCHEMA_VERSION } from '../../src/schema/item.js';

describe('workbook layout from the schema', () => {
  const layout = itemLayout();
  const elements = itemElements();

  it('every header is unique in its sheet, and item-sheet headers are schema titles', () => {
    for (const sheet of [layout.item, ...layout.lists]) {
      const headers = headersOf(layout, sheet);
      expect(new Set(headers).size, sheet.name).toBe(headers.length);
    }
    const titles = JSON.stringify(itemSchema);
    for (const column of layout.item.columns) expect(titles).toContain(`"${column.element.title}"`);
    expect(layout.item.name).toBe(ITEM_SHEET);
    expect(headersOf(layout, layout.item).slice(0, 2)).toEqual(['区划代码', '基本编码']);
  });

  it('has a sheet per list element, titled as the schema titles it', () => {
    const lists = elements.filter((e) => e.kind === 'list').map((e) => e.title);
    for (const title of lists) expect(layout.lists.map((s) => s.name)).toContain(title);
    expect(layout.lists.map((s) => s.name)).toEqual(expect.arrayContaining(['设定依据', '申请材料', '办理流程', '办理地点']));
  });

  it('reads the statutory limit as an object that may be the literal 无', () => {
    const limit = elementAt(elements, ['statutoryLimit'])!;
    expect(limit.kind).toBe('object');
    expect(limit.literals).toEqual(['无']);
    expect(limit.members!.map((m) => m.key)).toEqual(['days', 'unit']);
  });

  it('knows dates, codes and yes/no flags by their schema', () => {
    expect(elementAt(elements, ['effectiveDate'])!.kind).toBe('date');
    expect(elementAt(elements, ['catalogCode'])!.digits).toBe(12);
    expect(elementAt(elements, ['express'])!.kind).toBe('boolean');
    expect(elementAt(elements, ['result'])!.members!.map((m) => m.key)).toEqual(['type', 'name']);
  });
});

describe('national code tables', () => {
  it('every label is a value of the schema code set of its element (format v2; v1 sets only overlap)', () => {
    const elements = itemElements();
    let compared = 0;
    for (const table of Object.values(CODE_TABLES)) {
      for (const path of table.element.split(' / ')) {
        const element = elementAt(elements, path.split('.'));
        if (!element?.values) continue;
        compared++;
        const labels = Object.keys(table.codes);
        if (SCHEMA_VERSION >= 2) for (const label of labels) expect(element.values, `${table.column} ${label}`).toContain(label);
        else expect(labels.some((l) => element.values!.includes(l)), table.column).toBe(true);
      }
    }
    expect(compared).toBeGreaterThan(5);
  });

  it('codes and labels map both ways; unknown codes are found', () => {
    expect(codeOf('powerSource', '上级委托')).toBe('5');
    expect(labelOf('handleArea', '5')).toBe('全镇(乡、街道)');
    expect(labelsOf('useLevel', '3,4')).toEqual(['市级', '县级']);
    expect(unknownCodes({ material_type: '7', use_level: '2,9', task_name: 'x' }).map((u) => `${u.field}=${u.code}`)).toEqual(['material_type=7', 'use_level=9']);
  });
});

describe('cells', () => {
  const elements = itemElements();
  const at = (path: string) => elementAt(elements, path.split('.'))!;

  it('restores leading zeros of a code typed as a number, with a warning', () => {
    const result = valueOf(at('catalogCode'), 2000101000);
    expect(result).toMatchObject({ value: '002000101000', warning: { severity: 'warning' } });
  });

  it('refuses a label outside the code set, naming the set', () => {
    const result = valueOf(at('caseType'), '加急件');
    expect('problem' in result && result.problem.message.zh).toContain('不在代码集中');
  });

  it('writes booleans as 是/否 and sets joined with 、, and reads them back', () => {
    const charged = at('fee.charged');
    expect(cellOf(charged, false)).toBe('否');
    expect(valueOf(charged, '是')).toEqual({ value: true });
    expect(valueOf(charged, true)).toEqual({ value: true });
    const levels = at('useLevel');
    expect(cellOf(levels, ['市级', '县级'])).toBe('市级、县级');
    expect(valueOf(levels, '市级、县级')).toEqual({ value: ['市级', '县级'] });
  });

  it('quotes a set value that holds a separator, CSV-style, and reads it back as one value', () => {
    const joint = at('jointDepts');
    const values = ['市场监管局、税务局联合窗口', '市财政局', '"互联网+"办公室', 'a,b', ' 前后空格 ', '中间"引号"'];
    const cell = cellOf(joint, values);
    expect(cell).toBe('"市场监管局、税务局联合窗口"、市财政局、"""互联网+""办公室"、"a,b"、" 前后空格 "、中间"引号"');
    expect(valueOf(joint, cell)).toEqual({ value: values });
    // What people type keeps working: any of the usual separators, spaces around values.
    expect(valueOf(joint, '市财政局, 市税务局；市人社局\n市医保局')).toEqual({ value: ['市财政局', '市税务局', '市人社局', '市医保局'] });
    expect(valueOf(joint, '"没有结尾的引号、其余')).toEqual({ value: ['没有结尾的引号、其余'] });
  });

  it('reads a date a spreadsheet program stored as a serial number', () => {
    const date = { key: 'effectiveDate', title: '计划生效日期', kind: 'date' as const, required: false };
    expect(valueOf(date, 46023)).toEqual({ value: '2026-01-01' });
    expect(valueOf(date, '2026/1/1')).toEqual({ value: '2026-01-01' });
  });
});
