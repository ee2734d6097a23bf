import { describe, expect, it } from 'vitest';
import { escapeXmlAttr, escapeXmlText, renderJunit } from '../../src/report/junit.js';
import { context, findings, nasty, phone, timeLimit } from './fixtures.js';
import { parseXml } from './xml.js';

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
  const out = renderJunit(findings, context());
  const root = parseXml(out);
  const suite = root.children[0]!;

  it('is well-formed XML with one testsuite named "tongbiao validate"', () => {
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(out.endsWith('</testsuites>\n')).toBe(true);
    expect(root.name).toBe('testsuites');
    expect(root.children).toHaveLength(1);
    expect(suite.name).toBe('testsuite');
    expect(suite.attrs.name).toBe('tongbiao validate');
  });

  it('counts every file checked as a test, and the files with errors as failures', () => {
    // 2 files with an error (420102's item has two), 2 with only a warning or an info.
    expect(suite.attrs).toMatchObject({ tests: '1204', failures: '2', errors: '0', skipped: '0' });
    expect(root.attrs).toMatchObject({ tests: '1204', failures: '2' });
  });

  it('has one testcase per file with findings, named by the displayed path, in file order', () => {
    expect(suite.children.map((c) => c.name)).toEqual(Array(4).fill('testcase'));
    expect(suite.children.map((c) => c.attrs.name)).toEqual([
      'catalog-yaml/420000/420100/420102/items/002000101000.yaml',
      'catalog-yaml/420000/420100/region.yaml',
      'catalog-yaml/420000/items/002000101000.yaml',
      'catalog-yaml/420000/items/a,b 100%.yaml',
    ]);
    for (const c of suite.children) expect(c.attrs.classname).toBe(c.attrs.name);
  });

  it('gives a failure per error finding, of type rule, with the message escaped and round-tripping', () => {
    const [item, region, baseline, bad] = suite.children as [typeof suite, typeof suite, typeof suite, typeof suite];
    expect(item.children.map((c) => [c.name, c.attrs.type])).toEqual([
      ['failure', 'todo'],
      ['failure', 'time-limit'],
    ]);
    expect(item.children[1]!.attrs.message).toBe(timeLimit.message.zh);
    expect(item.children[1]!.text).toBe(
      `catalog-yaml/420000/420100/420102/items/002000101000.yaml:17:9: error time-limit: ${timeLimit.message.zh}`,
    );
    const failure = bad.children[0]!;
    expect(failure.attrs.message).toBe(nasty.message.zh); // <script>, &, %, newline and quote all survive
    expect(failure.text).toContain('<script>alert("x")</script> & 100%');
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;');
    expect(out).toContain('&#10;'); // the newline in the message attribute
    // warnings and infos do not fail: they are output lines
    expect(region.children.map((c) => c.name)).toEqual(['system-out']);
    expect(region.children[0]!.text).toBe('catalog-yaml/420000/420100/region.yaml:1:1: info level-missing: 武汉市未认领事项 002000101000');
    expect(baseline.children.map((c) => c.name)).toEqual(['system-out']);
    expect(baseline.children[0]!.text).toContain(': warning phone: 咨询电话 “027-123” 不是有效号码');
  });

  it('fails warnings too when failOn is warning', () => {
    const suite = parseXml(renderJunit([timeLimit, phone], context({ failOn: 'warning' }))).children[0]!;
    expect(suite.attrs.failures).toBe('2');
    expect(suite.children.map((c) => c.children.map((x) => `${x.name}:${x.attrs.type}`))).toEqual([
      ['failure:time-limit'],
      ['failure:phone'],
    ]);
  });

  it('strips characters illegal in XML from messages and file names', () => {
    const evil = { ...nasty, file: 'x\x01y.yaml', message: { zh: 'bell\x07 esc\x1b[31m', en: '' } };
    const suite = parseXml(renderJunit([evil], context())).children[0]!;
    expect(suite.children[0]!.attrs.name).toBe('catalog-yaml/xy.yaml');
    expect(suite.children[0]!.children[0]!.attrs.message).toBe('bell esc[31m');
  });

  it('is an empty suite counting the passing files when there is no finding', () => {
    const suite = parseXml(renderJunit([], context({ summary: { files: 9, errors: 0, warnings: 0, infos: 0 } }))).children[0]!;
    expect(suite.attrs).toMatchObject({ tests: '9', failures: '0' });
    expect(suite.children).toEqual([]);
  });
});
