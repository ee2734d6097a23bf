import { describe, expect, it } from 'vitest';
import { layoutCatalog } from '../../src/catalog/layout.js';
import type { CatalogEntry } from '../../src/catalog/types.js';

const file = (path: string): CatalogEntry => ({ path, type: 'file' });
const dir = (path: string): CatalogEntry => ({ path, type: 'dir' });

describe('layoutCatalog', () => {
  it('builds the region tree, items by code, and strays', () => {
    const layout = layoutCatalog([
      file('tongbiao.yaml'), dir('schema'), file('schema/item.schema.json'),
      dir('420000'), file('420000/region.yaml'), dir('420000/items'), file('420000/items/002000101000.yaml'),
      file('420000/items/002000102000.yml'), file('420000/notes.txt'), dir('420000/docs'), file('420000/docs/a.md'),
      dir('420000/420100'), file('420000/420100/region.yaml'), dir('420000/420100/items'),
      dir('420000/429004'), dir('420000/429004/items'), file('420000/429004/items/002000101000.yaml'),
      { path: '420000/420100/items/002000101000.yaml', type: 'symlink' },
    ]);
    expect(layout.top?.code).toBe('420000');
    expect(layout.regions.get('420000')!.children).toEqual(['420100', '429004']);
    expect(layout.regions.get('420100')!.parent).toBe('420000');
    expect([...layout.items.get('420000')!.keys()]).toEqual(['002000101000']);
    expect(layout.links).toEqual(new Set(['420000/420100/items/002000101000.yaml']));
    const problems = layout.problems.map((p) => `${p.rule} ${p.file}`);
    expect(problems).toContain('stray-file 420000/items/002000102000.yml');
    expect(problems).toContain('stray-file 420000/notes.txt');
    expect(problems).toContain('stray-file 420000/docs/a.md');
    expect(problems).toContain('region 420000/429004');
    // Files beside tongbiao.yaml are outside every region directory.
    expect(problems.some((p) => p.includes('schema'))).toBe(false);
    expect(layout.problems.find((p) => p.file.endsWith('.yml'))!.message.zh).toContain('.yaml');
  });

  it('reports a second top region', () => {
    const layout = layoutCatalog([dir('420000'), file('420000/region.yaml'), dir('430000'), file('430000/region.yaml')]);
    expect(layout.problems.map((p) => `${p.rule} ${p.file}`)).toEqual(['region 430000']);
  });

  it('takes files/ at the root, decisions.yaml and township and village directories as part of the layout', () => {
    const layout = layoutCatalog([
      file('tongbiao.yaml'), dir('files'), dir('files/forms'), file('files/forms/申请表.docx'), { path: 'files/link.pdf', type: 'symlink' },
      dir('420000'), file('420000/region.yaml'), file('420000/decisions.yaml'),
      dir('420000/420100'), file('420000/420100/region.yaml'),
      dir('420000/420100/420102'), file('420000/420100/420102/region.yaml'),
      dir('420000/420100/420102/420102001'), file('420000/420100/420102/420102001/region.yaml'),
      dir('420000/420100/420102/420102001/items'), file('420000/420100/420102/420102001/items/002000101000.yaml'),
      dir('420000/420100/420102/420102001/420102001001'), file('420000/420100/420102/420102001/420102001001/region.yaml'),
      dir('420000/files'), file('420000/files/a.pdf'),
    ]);
    expect(layout.problems.map((p) => `${p.rule} ${p.file}`)).toEqual(['stray-file 420000/files/a.pdf']);
    expect([...layout.files]).toEqual([['files/forms', 'dir'], ['files/forms/申请表.docx', 'file'], ['files/link.pdf', 'symlink']]);
    expect(layout.decisions.get('420000')).toBe('420000/decisions.yaml');
    expect(layout.regions.get('420102')!.children).toEqual(['420102001']);
    expect(layout.regions.get('420102001')!.children).toEqual(['420102001001']);
    expect([...layout.items.get('420102001')!.keys()]).toEqual(['002000101000']);
  });
});
