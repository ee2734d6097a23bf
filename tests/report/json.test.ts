import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.js';
import { context, findings, timeLimit } from './fixtures.js';

describe('renderJson', () => {
  it('prints the spec §4 object, sorted, with messages in the context language', () => {
    const out = renderJson(findings, context());
    expect(out.endsWith('}\n')).toBe(true);
    expect(JSON.parse(out)).toEqual({
      findings: [
        {
          rule: 'todo', severity: 'error', file: 'catalog-yaml/420000/420100/420102/items/002000101000.yaml',
          line: 5, column: 11, path: '/conditions', region: '420102', catalogCode: '002000101000',
          message: '受理条件仍是 TODO',
        },
        {
          rule: 'time-limit', severity: 'error', file: 'catalog-yaml/420000/420100/420102/items/002000101000.yaml',
          line: 17, column: 9, path: '/promisedLimit/days', region: '420102', catalogCode: '002000101000',
          message: '承诺办结时限 (50 工作日) 超过法定办结时限 (45 工作日)',
        },
        {
          rule: 'level-missing', severity: 'info', file: 'catalog-yaml/420000/420100/region.yaml',
          line: 1, column: 1, path: '', region: '420100', catalogCode: '002000101000',
          message: '武汉市未认领事项 002000101000',
        },
        {
          rule: 'phone', severity: 'warning', file: 'catalog-yaml/420000/items/002000101000.yaml',
          line: 30, column: 15, path: '/consultPhone', region: '420000', catalogCode: '002000101000',
          message: '咨询电话 “027-123” 不是有效号码',
        },
        {
          rule: 'schema', severity: 'error', file: 'catalog-yaml/420000/items/a,b 100%.yaml',
          line: 3, column: 7, path: '/name', region: '420000',
          message: '名称含有 <script>alert("x")</script> & 100% 非法\n第二行',
        },
      ],
      summary: { files: 1204, errors: 3, warnings: 1, infos: 1 },
    });
  });

  it('keeps the spec key order and omits an undefined catalogCode', () => {
    const parsed = JSON.parse(renderJson(findings, context()));
    expect(Object.keys(parsed)).toEqual(['findings', 'summary']);
    expect(Object.keys(parsed.findings[0])).toEqual([
      'rule', 'severity', 'file', 'line', 'column', 'path', 'region', 'catalogCode', 'message',
    ]);
    const schema = parsed.findings.find((f: { rule: string }) => f.rule === 'schema');
    expect(Object.keys(schema)).toEqual(['rule', 'severity', 'file', 'line', 'column', 'path', 'region', 'message']);
    expect(Object.keys(parsed.summary)).toEqual(['files', 'errors', 'warnings', 'infos']);
  });

  it('is pretty-printed with two spaces and a final newline', () => {
    const out = renderJson([timeLimit], context({ summary: { files: 1, errors: 1, warnings: 0, infos: 0 } }));
    expect(out).toBe(
      [
        '{',
        '  "findings": [',
        '    {',
        '      "rule": "time-limit",',
        '      "severity": "error",',
        '      "file": "catalog-yaml/420000/420100/420102/items/002000101000.yaml",',
        '      "line": 17,',
        '      "column": 9,',
        '      "path": "/promisedLimit/days",',
        '      "region": "420102",',
        '      "catalogCode": "002000101000",',
        '      "message": "承诺办结时限 (50 工作日) 超过法定办结时限 (45 工作日)"',
        '    }',
        '  ],',
        '  "summary": {',
        '    "files": 1,',
        '    "errors": 1,',
        '    "warnings": 0,',
        '    "infos": 0',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('uses English messages with lang en, and an empty list when clean', () => {
    expect(JSON.parse(renderJson([timeLimit], context({ lang: 'en' }))).findings[0].message).toBe(
      'promised limit (50 working days) exceeds the statutory limit (45 working days)',
    );
    const clean = { files: 7, errors: 0, warnings: 0, infos: 0 };
    expect(JSON.parse(renderJson([], context({ summary: clean })))).toEqual({ findings: [], summary: clean });
  });
});
