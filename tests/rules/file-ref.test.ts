import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../src/catalog/types.js';
import { fileRef } from '../../src/rules/file-ref.js';
import { check, FILES, validItem, withItem } from '../helpers/item.js';

const material = (refs: Record<string, unknown>) => ({ name: '申请表', necessity: '必要', type: '原件', format: '纸质', ...refs });
const paths = (item: ReturnType<typeof withItem>, files?: ReadonlyMap<string, CatalogEntry['type']>) => check(fileRef, item, { files }).map((p) => p.path);

describe('file-ref', () => {
  it('is silent on https URLs and on regular files under files/', () => {
    expect(check(fileRef, validItem())).toEqual([]);
    expect(paths(withItem({ resultSample: 'https://example.gov.cn/样本.pdf' }))).toEqual([]);
  });

  it('fires on a path that does not exist, a folder, a link, and anything outside files/', () => {
    const files = new Map<string, CatalogEntry['type']>([...FILES, ['files/linked.pdf', 'symlink'], ['files/sub', 'dir']]);
    const cases: Array<[string, RegExp]> = [
      ['files/missing.pdf', /不存在/],
      ['files/sub', /不是普通文件/],
      ['files/linked.pdf', /符号链接/],
      ['files/forms/../samples/参保缴费凭证.pdf', /\.\./],
      ['files//forms/养老保险关系转移申请表.docx', /空段/],
      ['./files/samples/参保缴费凭证.pdf', /files\/ 开头/],
      ['/files/samples/参保缴费凭证.pdf', /files\/ 开头/],
      ['420000/items/002000101000.yaml', /files\/ 开头/],
      ['files', /files\/ 开头/],
      ['http://example.gov.cn/a.pdf', /https/],
      ['https://', /https/],
      ['https://example.gov.cn/a b.pdf', /https/],
      ['file:///etc/passwd', /https/],
    ];
    for (const [ref, message] of cases) {
      const problems = check(fileRef, withItem({ resultSample: ref }), { files });
      expect(problems.map((p) => p.path), ref).toEqual(['/resultSample']);
      expect(problems[0]!.message.zh, ref).toMatch(message);
    }
  });

  it('checks blank forms and examples of the item and of its handling items', () => {
    const bad = material({ blankForm: 'files/nope.docx', example: 'files/nope.pdf' });
    expect(paths(withItem({ materials: [material({}), bad], handlingItems: [{ seq: '01', name: 'a', materials: [bad] }] }))).toEqual([
      '/materials/1/blankForm', '/materials/1/example', '/handlingItems/0/materials/0/blankForm', '/handlingItems/0/materials/0/example',
    ]);
  });

  it('leaves non-strings to the schema and TODO to todo', () => {
    expect(paths(withItem({ resultSample: 1, materials: [material({ blankForm: 'TODO', example: null })], handlingItems: [null, { materials: 'x' }] }))).toEqual([]);
  });
});
