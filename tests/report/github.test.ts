import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, renderGithub } from '../../src/report/github.js';
import { context, findings, missing, nasty, phone, timeLimit } from './fixtures.js';

describe('GitHub workflow-command escaping', () => {
  it('escapes % CR LF in data, and also : , in properties', () => {
    expect(escapeData('100% a\r\nb: c, d')).toBe('100%25 a%0D%0Ab: c, d');
    expect(escapeProperty('100% a\r\nb: c, d')).toBe('100%25 a%0D%0Ab%3A c%2C d');
  });

  it('escapes % first, so an existing %0A is not decoded by the runner', () => {
    expect(escapeData('%0A')).toBe('%250A');
  });
});

describe('renderGithub', () => {
  it('prints one command per finding, by severity: error, warning, notice', () => {
    const lines = renderGithub([timeLimit, phone, missing], context()).split('\n');
    expect(lines).toEqual([
      '::error file=catalog-yaml/420000/420100/420102/items/002000101000.yaml,line=17,col=9,title=time-limit::承诺办结时限 (50 工作日) 超过法定办结时限 (45 工作日)',
      '::notice file=catalog-yaml/420000/420100/region.yaml,line=1,col=1,title=level-missing::武汉市未认领事项 002000101000',
      '::warning file=catalog-yaml/420000/items/002000101000.yaml,line=30,col=15,title=phone::咨询电话 “027-123” 不是有效号码',
      '',
    ]);
  });

  it('escapes the file name and the message', () => {
    expect(renderGithub([nasty], context({ lang: 'en' }))).toBe(
      '::error file=catalog-yaml/420000/items/a%2Cb 100%25.yaml,line=3,col=7,title=schema::' +
        'name contains <script>alert("x")</script> & 100%25 bad%0Asecond line\n',
    );
  });

  it('keeps every command on one line', () => {
    const out = renderGithub(findings, context());
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(findings.length);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^,:]*,line=\d+,col=\d+,title=[a-z-]+::/);
  });

  it('prints nothing when there is no finding', () => {
    expect(renderGithub([], context())).toBe('');
  });
});
