import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { claimItem, modelineFor, rebaseModeline } from '../../src/levels/claim.js';
import { itemYaml } from '../../src/levels/item-yaml.js';
import { baselineItem } from './items.js';

describe('claimItem', () => {
  const parent = baselineItem();
  const claimed = claimItem(parent);

  it('copies every element but the local ones, which become TODO', () => {
    expect(claimed.taskCode).toBe('TODO');
    // 实施主体性质 is compared with the parent's (review), so it starts as the parent's
    expect(claimed.dept).toEqual({ name: 'TODO', creditCode: 'TODO', nature: (parent.dept as { nature: string }).nature });
    expect(claimed.places).toEqual([{ address: 'TODO' }]);
    expect(claimed.consultPhone).toBe('TODO');
    expect(claimed.complaintPhone).toBe('TODO');
    for (const key of ['catalogCode', 'name', 'basis', 'useLevel', 'promisedLimit', 'materials', 'steps', 'fee', 'handleArea', 'result']) {
      expect(claimed[key]).toEqual(parent[key]);
    }
  });

  it('is a copy: editing it leaves the parent alone', () => {
    (claimed.materials as unknown[]).pop();
    expect(parent.materials).toHaveLength(3);
  });

  it('puts keys in the spec order, unknown keys last', () => {
    const shuffled = Object.fromEntries([['extra', 1], ...Object.entries(baselineItem()).reverse()]);
    expect(Object.keys(claimItem(shuffled)).slice(0, 6)).toEqual(['catalogCode', 'name', 'type', 'basis', 'useLevel', 'taskCode']);
    expect(Object.keys(claimItem(shuffled)).at(-1)).toBe('extra');
  });
});

describe('itemYaml', () => {
  const text = itemYaml(claimItem(baselineItem()), '# yaml-language-server: $schema=../../../schema/item.json');

  it('round-trips to the same data', () => {
    expect(parse(text)).toEqual(claimItem(baselineItem()));
  });

  it('follows the spec layout: modeline first, quoted codes, one-line limits, sets, steps and places', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('# yaml-language-server: $schema=../../../schema/item.json');
    expect(lines[1]).toBe('catalogCode: "002000101000"');
    expect(lines).toContain('useLevel: [省级, 市级, 县级]');
    expect(lines).toContain('promisedLimit: { days: 15, unit: 工作日 }');
    expect(lines).toContain('  - { name: 受理, days: 1 }');
    expect(lines).toContain('  - { address: TODO }');
    expect(lines).toContain('fee: { charged: false }');
    expect(lines).toContain('dept:');
    expect(lines).toContain('  - name: 居民身份证');
    // a blank line between the basic and the implementation elements
    expect(lines[lines.indexOf('taskCode: TODO') - 1]).toBe('');
  });

  it('writes a charged fee as a block, and never folds long text', () => {
    const item = baselineItem();
    item.fee = { charged: true, basis: '《收费办法》', items: [{ name: '工本费', standard: '10元' }] };
    item.conditions = '很长的受理条件'.repeat(40);
    const out = itemYaml(item);
    expect(out).toContain('fee:\n  charged: true\n');
    expect(out).toContain(`conditions: ${item.conditions}\n`);
    expect(parse(out)).toEqual(item);
  });
});

describe('rebaseModeline', () => {
  const line = '# yaml-language-server: $schema=../../../schema/item.schema.json';

  it('re-aims a relative schema path from the parent\'s file to ours', () => {
    expect(rebaseModeline(line, '420000/420100/items/a.yaml', '420000/420100/420102/items/a.yaml')).toBe(
      '# yaml-language-server: $schema=../../../../schema/item.schema.json',
    );
    expect(rebaseModeline('# yaml-language-server: $schema=../../schema/item.schema.json', '420000/items/a.yaml', '420000/429004/items/a.yaml')).toBe(
      '# yaml-language-server: $schema=../../../schema/item.schema.json',
    );
  });

  it('keeps URLs and absolute paths, and ignores other first lines', () => {
    const url = '# yaml-language-server: $schema=https://example.invalid/item.json';
    expect(rebaseModeline(url, 'a/items/x.yaml', 'a/b/items/x.yaml')).toBe(url);
    expect(rebaseModeline('catalogCode: "002000101000"', 'a/items/x.yaml', 'a/b/items/x.yaml')).toBeUndefined();
  });

  it('builds one for a catalog-relative schema file', () => {
    expect(modelineFor('schema/item.schema.json', '420000/420100/420102/items/x.yaml')).toBe(
      '# yaml-language-server: $schema=../../../../schema/item.schema.json',
    );
  });
});
