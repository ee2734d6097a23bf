// itemYaml builds the nodes it hands to the `yaml` package itself instead of `new Document(item)` (createNode),
// which is what made rendering most of a province import's time. The text must not change: every item of the demo
// catalog and of a generated catalog, and items with the awkward values a workbook may bring (text that needs
// quotes, several lines, numbers, booleans, null, empty lists, a Date), are rendered both ways and compared.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, isMap, isScalar, isSeq, parse, type Node } from 'yaml';
import type { Item } from '../../src/catalog/types.js';
import { generateCatalog } from '../../src/gen/index.js';
import { itemElements, itemYaml, itemYamlOfElements, styleItemNode } from '../../src/levels/item-yaml.js';
import { DEMO, removeTempDirs, tempDir } from './helpers.js';

/** itemYaml as it was written before: yaml's createNode makes the nodes, then the same layout is applied. */
function throughCreateNode(item: Item, modeline?: string): string {
  const doc = new Document(item);
  const root = doc.contents;
  if (isMap(root)) {
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as Node | null;
      if (key === 'taskCode' && isScalar(pair.key)) pair.key.spaceBefore = true;
      if (value) styleItemNode(value, [key]);
      if (isSeq(value)) value.items.forEach((entry, index) => styleItemNode(entry as Node, [key, index]));
    }
  }
  const body = doc
    .toString({ lineWidth: 0, flowCollectionPadding: true })
    .replace(/^((?:useLevel|serviceObjects|handlingForms|onlineDepth|jointDepts): )\[ (.*) \]$/gm, '$1[$2]');
  return modeline === undefined ? body : `${modeline}\n${body}`;
}

function yamlFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.yaml') && entry.name !== 'tongbiao.yaml') out.push(path);
    }
  };
  walk(root);
  return out;
}

function expectSameText(files: string[]): void {
  expect(files.length).toBeGreaterThan(100);
  for (const file of files) {
    const data = parse(readFileSync(file, 'utf8')) as Item;
    expect(itemYaml(data, '# yaml-language-server: $schema=../../schema/item.schema.json'), file).toBe(
      throughCreateNode(data, '# yaml-language-server: $schema=../../schema/item.schema.json'),
    );
  }
}

let generated: string;
beforeAll(() => {
  generated = tempDir('item-yaml');
  generateCatalog(generated, { cities: 1, countiesPerCity: 2, items: 150, seed: 'item-yaml' });
});
afterAll(removeTempDirs);

describe('itemYaml writes what createNode would have', () => {
  it('for every file of the demo catalog', () => expectSameText(yamlFiles(DEMO)));

  it('for every file of a generated catalog', () => expectSameText(yamlFiles(generated)));

  it('for values that need quotes, several lines, numbers, booleans, null, empty lists and a Date', () => {
    const item = {
      catalogCode: '000101001000',
      name: 'a: b # c',
      type: '行政许可',
      useLevel: ['省级', '市级, 县级'],
      statutoryLimit: { days: 20, unit: '工作日' },
      promisedLimit: '无',
      conditions: '第一行\n第二行\n',
      visits: 0,
      fee: { charged: false },
      inHall: true,
      express: null,
      effectiveDate: new Date(Date.UTC(2024, 0, 2)),
      rate: 1.5,
      taskCode: '11420000MB0000000X4000101001000',
      basis: [],
      steps: [{ name: '受理', days: 1 }, { name: "'引号'", days: 0.5 }],
      materials: [{ name: '- 申请书', required: true, copies: { original: 1 } }],
      places: [{ address: '"楼"', hours: '' }],
      empty: {},
      skipped: undefined,
    } as unknown as Item;
    expect(itemYaml(item)).toBe(throughCreateNode(item));
    expect(itemYaml(item, '# m')).toBe(throughCreateNode(item, '# m'));
    // the shared key nodes carry nothing from one item into the next
    expect(itemYaml({ catalogCode: '1', taskCode: '2' } as Item)).toBe(throughCreateNode({ catalogCode: '1', taskCode: '2' } as Item));
  });

  it('again for an element written before (remembered), and never for a value that only looks the same', () => {
    const date = new Date(Date.UTC(2024, 0, 2));
    // each pair of values has the same JSON but is written differently
    const twins: Array<[unknown, unknown]> = [[date.toISOString(), date], [0, -0], [null, Number.NaN], [[null], [undefined]], [{}, new Map()]];
    for (const [first, second] of twins) {
      for (const value of [first, second, first]) {
        const item = { catalogCode: '000101001000', name: value, taskCode: '1142' } as unknown as Item;
        expect(itemYaml(item)).toBe(throughCreateNode(item));
      }
    }
    // a remembered element in another item, at another place
    const first = { catalogCode: '1', basis: [{ law: '《条例》', article: '第七条' }], useLevel: ['省级'], taskCode: '2' } as Item;
    const second = { name: 'x', useLevel: ['省级'], basis: [{ law: '《条例》', article: '第七条' }], taskCode: '3', catalogCode: '1' } as Item;
    for (const item of [first, second, first]) expect(itemYaml(item, '# m')).toBe(throughCreateNode(item, '# m'));
  });

  it('the same after the memory of written elements has turned over (older texts forgotten, recent ones kept)', () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ catalogCode: String(i), conditions: `${i}：${'条件'.repeat(50_000)}`, taskCode: 'x' }) as Item);
    for (const round of [0, 1]) for (const item of round === 0 ? items : [...items].reverse()) expect(itemYaml(item)).toBe(throughCreateNode(item));
  });

  it('with the blank line before taskCode decided by what comes before it (a block that keeps its final newlines)', () => {
    for (const conditions of ['第一行\n第二行\n\n', '第一行\n第二行\n', '一行']) {
      for (const item of [{ catalogCode: '1', conditions, taskCode: '2' }, { conditions, catalogCode: '1', taskCode: '2' }] as Item[]) {
        expect(itemYaml(item)).toBe(throughCreateNode(item));
        expect(itemYaml(item)).toBe(throughCreateNode(item));
      }
    }
  });
});

// The import's write pool hands each item to its workers as its elements' JSON texts (itemElements), and a worker
// writes it from them (itemYamlOfElements), parsing only the elements it has not written before.
describe('an item given as its elements writes the text itemYaml writes', () => {
  const throughElements = (item: Item, modeline?: string) => {
    const elements = itemElements(item);
    expect(elements).toBeDefined();
    return itemYamlOfElements(elements!, modeline);
  };

  it('for every file of the demo catalog and of a generated catalog, twice (written, then remembered)', () => {
    for (const file of [...yamlFiles(DEMO), ...yamlFiles(generated)]) {
      const data = parse(readFileSync(file, 'utf8')) as Item;
      // a decisions.yaml is a list: itemYaml writes it through one document
      if (Array.isArray(data)) {
        expect(itemElements(data)).toBeUndefined();
        continue;
      }
      const expected = throughCreateNode(data, '# m');
      expect(throughElements(data, '# m'), file).toBe(expected);
      expect(throughElements(data, '# m'), file).toBe(expected);
    }
  });

  it('for awkward values, an empty item, and the blank line before taskCode after a block that keeps its newlines', () => {
    const items = [
      { catalogCode: '000101001000', name: 'a: b # c', conditions: '第一行\n第二行\n', visits: 0, inHall: true, express: null, basis: [], empty: {}, taskCode: '11', skipped: undefined },
      { catalogCode: '1', conditions: '第一行\n第二行\n\n', taskCode: '2' },
      { conditions: '第一行\n第二行\n\n', catalogCode: '1', taskCode: '2' },
      { name: 'taskCode 不在此', note: 'a\\nb', taskCode: '3' },
      {},
    ] as unknown as Item[];
    for (const item of [...items, ...items]) expect(throughElements(item)).toBe(throughCreateNode(item));
  });

  it('is not made for a value JSON would not carry unchanged, nor for a key holding the separator', () => {
    expect(itemElements({ catalogCode: '1', effectiveDate: new Date(0) } as unknown as Item)).toBeUndefined();
    expect(itemElements({ catalogCode: '1', rate: -0 } as unknown as Item)).toBeUndefined();
    expect(itemElements({ catalogCode: '1', ['a\u0000b']: 'x' } as unknown as Item)).toBeUndefined();
  });
});
