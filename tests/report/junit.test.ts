import { describe, expect, it } from 'vitest';
import { CLEAN_CASE, escapeXmlAttr, escapeXmlText, renderJunit } from '../../src/report/junit.js';
import { context, findings, missing, nasty, phone, timeLimit, todo } from './fixtures.js';
import { gitlabView, xmllintJunit } from './validators.js';
import { parseXml, type XmlElement } from './xml.js';

/** Every test case, with its suite. */
function cases(root: XmlElement): Array<{ suite: XmlElement; testcase: XmlElement }> {
  return root.children.flatMap((suite) => suite.children.map((testcase) => ({ suite, testcase })));
}


describe('XML escaping', () => {
  it('escapes the five markup characters', () => {
    expect(escapeXmlText(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
  });

  it('drops characters XML 1.0 forbids, keeps tab, newline and astral characters', () => {
    expect(escapeXmlText('a\x00b\x08c\x1bd\uFFFEe\uFFFFf\uD800g\th\ni𠀀')).toBe('abcdefg\th\ni𠀀');
  });

  it('writes tab and line breaks in attributes as character references', () => {
    expect(escapeXmlAttr('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
  });

  it('the test reader rejects what is not well-formed', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow();
    expect(() => parseXml('<a>x < y</a>')).toThrow();
    expect(() => parseXml('<a>x & y</a>')).toThrow();
    expect(() => parseXml('<a t="<"/>')).toThrow();
    expect(() => parseXml('<a>\x01</a>')).toThrow();
    expect(() => parseXml('<a/><b/>')).toThrow();
    expect(parseXml('<a t="&lt;&#10;">&amp;<b/></a>')).toEqual({
      name: 'a', attrs: { t: '<\n' }, text: '&', children: [{ name: 'b', attrs: {}, children: [], text: '' }],
    });
  });
});

describe('renderJunit', () => {
  const ctx = context({ files: ['420000/420100/420102/items/002000101000.yaml', '420000/items/002000101000.yaml', '420000/region.yaml', '420000/items/002000102000.yaml'] });
  const out = renderJunit(findings, ctx);
  const root = parseXml(out);

  it('is valid against Jenkins\' junit-10.xsd (xmllint)', () => {
    const lint = xmllintJunit(out);
    expect(lint.output).toMatch(/validates/);
    expect(lint.valid).toBe(true);
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  });

  it('has one testsuite per file, named by the displayed path, in file order', () => {
    expect(root.name).toBe('testsuites');
    expect(root.children.map((s) => s.attrs.name)).toEqual([
      'catalog-yaml/420000/420100/420102/items/002000101000.yaml',
      'catalog-yaml/420000/420100/region.yaml',
      'catalog-yaml/420000/items/002000101000.yaml',
      'catalog-yaml/420000/items/002000102000.yaml',
      'catalog-yaml/420000/items/a,b 100%.yaml',
      'catalog-yaml/420000/region.yaml',
    ]);
    for (const suite of root.children) expect(suite.attrs.file).toBe(suite.attrs.name);
  });

  it('makes each finding one test case `rule @ line:col`, classname the file; errors and warnings fail once each, infos pass', () => {
    const view = gitlabView(root).filter((c) => c.name !== CLEAN_CASE);
    expect(view.map((c) => [c.name, c.failed])).toEqual([
      ['todo @ 5:11', true],
      ['time-limit @ 17:9', true],
      ['level-missing @ 1:1', false],
      ['phone @ 30:15', true],
      ['schema @ 3:7', true],
    ]);
    for (const { testcase, suite } of cases(root)) {
      expect(testcase.attrs.classname).toBe(suite.attrs.name);
      expect(testcase.children.filter((c) => c.name === 'failure').length).toBeLessThanOrEqual(1);
    }
    const info = cases(root).find(({ testcase }) => testcase.attrs.name === 'level-missing @ 1:1')!.testcase;
    expect(info.children.map((c) => [c.name, c.text])).toEqual([['system-out', 'catalog-yaml/420000/420100/region.yaml:1:1: info level-missing: 武汉市未认领事项 002000101000']]);
  });

  it('counts tests and failures as the findings are counted (plus one passing case per clean file)', () => {
    expect(root.attrs).toMatchObject({ tests: '7', failures: '4', errors: '0' });
    const [item] = root.children;
    expect(item!.attrs).toMatchObject({ tests: '2', failures: '2', errors: '0', skipped: '0' });
    const clean = gitlabView(root).filter((c) => c.name === CLEAN_CASE);
    expect(clean).toEqual([
      { name: CLEAN_CASE, classname: 'catalog-yaml/420000/items/002000102000.yaml', failed: false },
      { name: CLEAN_CASE, classname: 'catalog-yaml/420000/region.yaml', failed: false },
    ]);
  });

  it('a GitLab-style reader (first failure per test case) sees every error and warning', () => {
    const seen = gitlabView(root).filter((c) => c.failed).map((c) => c.message);
    const failing = [todo, timeLimit, phone, nasty];
    expect(seen).toHaveLength(failing.length);
    for (const f of failing) expect(seen.some((m) => m!.includes(`:${f.line}:${f.column}: ${f.severity} ${f.rule}: ${f.message.zh}`))).toBe(true);
  });

  it('escapes messages so they round-trip, markup and all', () => {
    const failure = cases(root).find(({ testcase }) => testcase.attrs.name === 'schema @ 3:7')!.testcase.children[0]!;
    expect(failure.attrs).toMatchObject({ type: 'schema', message: nasty.message.zh });
    expect(failure.text).toContain('<script>alert("x")</script> & 100%');
    expect(out).not.toContain('<script>');
    expect(out).toContain('&#10;');
  });

  it('fails infos too with --fail-on info; an accepted finding passes as an info does', () => {
    const all = parseXml(renderJunit([missing, timeLimit], context({ failOn: 'info' })));
    expect(gitlabView(all).map((c) => c.failed)).toEqual([true, true]);
    const accepted = { ...timeLimit, decision: { decision: 'accepted' as const, reason: 'ok', by: 'a', at: '2026-12-06T10:15:00+08:00', current: true } };
    expect(gitlabView(parseXml(renderJunit([accepted], context()))).map((c) => c.failed)).toEqual([false]);
  });

  it('strips characters illegal in XML from messages and file names', () => {
    const evil = { ...nasty, file: 'x\x01y.yaml', message: { zh: 'bell\x07 esc\x1b[31m', en: '' } };
    const xml = renderJunit([evil], context());
    const suite = parseXml(xml).children[0]!;
    expect(suite.attrs.name).toBe('catalog-yaml/xy.yaml');
    expect(suite.children[0]!.children[0]!.attrs.message).toBe('bell esc[31m');
    expect(xmllintJunit(xml).valid).toBe(true);
  });

  it('a clean run is one passing case per file checked, and valid', () => {
    const xml = renderJunit([], context({ files: ['a.yaml', 'b.yaml'], summary: { files: 2, errors: 0, warnings: 0, infos: 0, accepted: 0 } }));
    const clean = parseXml(xml);
    expect(clean.attrs).toMatchObject({ tests: '2', failures: '0' });
    expect(gitlabView(clean).map((c) => c.classname)).toEqual(['catalog-yaml/a.yaml', 'catalog-yaml/b.yaml']);
    expect(xmllintJunit(xml).valid).toBe(true);
  });
});
