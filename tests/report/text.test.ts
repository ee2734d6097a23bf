import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/catalog/types.js';
import { oneLine, renderText, summaryLine } from '../../src/report/text.js';
import { context, findings, missing, nasty, phone, timeLimit } from './fixtures.js';

describe('renderText', () => {
  it('prints file:line:column: severity rule: message sorted by file, line, column, then the zh summary', () => {
    expect(renderText(findings, context())).toBe(
      [
        'catalog-yaml/420000/420100/420102/items/002000101000.yaml:5:11: error todo: 受理条件仍是 TODO',
        'catalog-yaml/420000/420100/420102/items/002000101000.yaml:17:9: error time-limit: 承诺办结时限 (50 工作日) 超过法定办结时限 (45 工作日)',
        'catalog-yaml/420000/420100/region.yaml:1:1: info level-missing: 武汉市未认领事项 002000101000',
        'catalog-yaml/420000/items/002000101000.yaml:30:15: warning phone: 咨询电话 “027-123” 不是有效号码',
        'catalog-yaml/420000/items/a,b 100%.yaml:3:7: error schema: 名称含有 <script>alert("x")</script> & 100% 非法 第二行',
        '检查了 1204 个文件：3 个错误，1 个警告，1 条提示',
        '',
      ].join('\n'),
    );
  });

  it('prints English messages and summary with lang en, keeping the severity words', () => {
    const out = renderText([phone, timeLimit], context({ lang: 'en', summary: { files: 1204, errors: 3, warnings: 12, infos: 40 } }));
    expect(out).toBe(
      [
        'catalog-yaml/420000/420100/420102/items/002000101000.yaml:17:9: error time-limit: promised limit (50 working days) exceeds the statutory limit (45 working days)',
        'catalog-yaml/420000/items/002000101000.yaml:30:15: warning phone: consultPhone "027-123" is not a valid number',
        '1204 files checked: 3 errors, 12 warnings, 40 infos',
        '',
      ].join('\n'),
    );
  });

  it('sorts by line and column numerically within a file', () => {
    const at = (line: number, column: number): Finding => ({ ...timeLimit, line, column });
    const out = renderText([at(10, 2), at(9, 30), at(10, 1), at(100, 1)], context());
    expect(out.split('\n').slice(0, 4).map((l) => l.split(': ')[0]!.replace(/^.*\.yaml:/, ''))).toEqual([
      '9:30', '10:1', '10:2', '100:1',
    ]);
  });

  it('prints only the summary when there is no finding', () => {
    const clean = { files: 12, errors: 0, warnings: 0, infos: 0 };
    expect(renderText([], context({ summary: clean }))).toBe('检查了 12 个文件：0 个错误，0 个警告，0 条提示\n');
    expect(renderText([], context({ summary: clean, lang: 'en' }))).toBe('12 files checked: 0 errors, 0 warnings, 0 infos\n');
  });

  it('has no escape codes when colour is off', () => {
    expect(renderText(findings, context({ color: false }))).not.toContain('\x1b');
  });

  it('colours the severity red, yellow or blue and dims the rule when colour is on', () => {
    const out = renderText([timeLimit, phone, missing], context({ color: true }));
    expect(out).toContain('002000101000.yaml:17:9: \x1b[31merror\x1b[39m \x1b[2mtime-limit\x1b[22m: 承诺办结时限');
    expect(out).toContain(':30:15: \x1b[33mwarning\x1b[39m \x1b[2mphone\x1b[22m: ');
    expect(out).toContain(':1:1: \x1b[34minfo\x1b[39m \x1b[2mlevel-missing\x1b[22m: ');
    expect(out).toContain('检查了 1204 个文件：\x1b[31m3 个错误\x1b[39m，\x1b[33m1 个警告\x1b[39m，\x1b[34m1 条提示\x1b[39m');
  });

  it('prints the code frame under each finding that has one', () => {
    const frames: Record<string, string> = { 'time-limit': '> 17 |   days: 50\n     |         ^\n' };
    const out = renderText([timeLimit, phone], context({ codeFrame: (f) => frames[f.rule] }));
    expect(out.split('\n')).toEqual([
      'catalog-yaml/420000/420100/420102/items/002000101000.yaml:17:9: error time-limit: 承诺办结时限 (50 工作日) 超过法定办结时限 (45 工作日)',
      '> 17 |   days: 50',
      '     |         ^',
      '',
      'catalog-yaml/420000/items/002000101000.yaml:30:15: warning phone: 咨询电话 “027-123” 不是有效号码',
      '检查了 1204 个文件：3 个错误，1 个警告，1 条提示',
      '',
    ]);
  });

  it('keeps one finding per line and sends no control characters to the terminal', () => {
    const evil: Finding = { ...nasty, file: 'a\nb.yaml', message: { zh: '红\x1b[31m色\r\n  下一行\t制表 \u202e反转', en: '' } };
    const out = renderText([evil], context());
    expect(out.split('\n')).toHaveLength(3);
    expect(out).toContain('catalog-yaml/a b.yaml:3:7: error schema: 红\\x1b[31m色 下一行 制表 \\u202e反转\n');
  });
});

describe('summaryLine', () => {
  it('uses singular English words for one', () => {
    expect(summaryLine({ files: 1, errors: 1, warnings: 1, infos: 1 }, 'en')).toBe('1 file checked: 1 error, 1 warning, 1 info');
  });

  it('does not colour zero counts', () => {
    expect(summaryLine({ files: 5, errors: 0, warnings: 2, infos: 0 }, 'en', true)).toBe(
      '5 files checked: 0 errors, \x1b[33m2 warnings\x1b[39m, 0 infos',
    );
  });
});

describe('oneLine', () => {
  it('joins a run of line breaks into one space and makes control characters visible', () => {
    expect(oneLine('a \n\n  b\r\nc\u2028d')).toBe('a b c d');
    expect(oneLine('\x00\x07\x9b')).toBe('\\x00\\x07\\x9b');
    expect(oneLine('普通文本 plain')).toBe('普通文本 plain');
  });
});
