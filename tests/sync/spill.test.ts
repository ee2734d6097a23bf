// The spill file a sync keeps item bodies in between reading the catalog and writing the store.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Spill } from '../../src/sync/spill.js';

describe('Spill', () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'tongbiao-spill-test-'));
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it('gives back each text as appended, Chinese and empty ones included, in any order', () => {
    const spill = new Spill(parent);
    try {
      const first = spill.append(['{"name":"食品经营许可"}', '', '{"conditions":"本区户籍人员"}']);
      const second = spill.append(['x'.repeat(70_000) + '受理', '["教师资格认定",null,"",""]']);
      expect(first.map((r) => r.bytes)).toEqual([29, 0, 35]);
      expect(spill.read([...first, ...second])).toEqual([
        '{"name":"食品经营许可"}', '', '{"conditions":"本区户籍人员"}', 'x'.repeat(70_000) + '受理', '["教师资格认定",null,"",""]',
      ]);
      // out of order and repeated: each run of adjacent places is one read, the rest one read each
      expect(spill.read([second[1]!, first[0]!, first[0]!, first[2]!, second[0]!])).toEqual([
        '["教师资格认定",null,"",""]', '{"name":"食品经营许可"}', '{"name":"食品经营许可"}', '{"conditions":"本区户籍人员"}', 'x'.repeat(70_000) + '受理',
      ]);
      expect(spill.read([])).toEqual([]);
      // UTF-8 bytes are written as they are
      const bytes = spill.append([Buffer.from('{"type":"行政许可"}'), 'é']);
      expect(bytes.map((r) => r.bytes)).toEqual([23, 2]);
      expect(spill.read(bytes)).toEqual(['{"type":"行政许可"}', 'é']);
      // texts beyond the write buffer (1 MB) alone and together
      const big = ['办'.repeat(400_000), Buffer.from('件'.repeat(400_000)), ...Array.from({ length: 3000 }, (_, n) => `{"n":${n},"name":"事项${n}"}`)];
      const refs = spill.append(big);
      expect(refs[0]!.at).toBe(bytes[1]!.at + 2);
      expect(spill.read(refs)).toEqual(big.map((t) => t.toString()));
      expect(spill.read([refs[2999]!, refs[1]!, refs[0]!])).toEqual([big[2999], '件'.repeat(400_000), '办'.repeat(400_000)]);
    } finally {
      spill.close();
    }
  });

  it('leaves nothing on disk while open or after close, and cannot be used once closed', () => {
    const spill = new Spill(parent);
    const refs = spill.append(['{"name":"公共场所卫生许可"}']);
    // unlinked as soon as it was opened: a killed sync leaves nothing behind
    expect(readdirSync(parent)).toEqual([]);
    expect(spill.read(refs)).toEqual(['{"name":"公共场所卫生许可"}']);
    spill.close();
    spill.close();
    expect(readdirSync(parent)).toEqual([]);
    expect(() => spill.read(refs)).toThrow(/closed/);
    expect(() => spill.append(['x'])).toThrow(/closed/);
  });
});
