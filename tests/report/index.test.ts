import { describe, expect, it } from 'vitest';
import { FORMATS, isFormat, render, summarize } from '../../src/report/index.js';
import { renderGithub } from '../../src/report/github.js';
import { renderJson } from '../../src/report/json.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { context, findings } from './fixtures.js';

describe('render', () => {
  it('has the five formats of spec §4, text first (the default)', () => {
    expect(FORMATS).toEqual(['text', 'json', 'github', 'sarif', 'junit']);
    expect(isFormat('sarif')).toBe(true);
    expect(isFormat('xml')).toBe(false);
  });

  it('dispatches to each reporter', () => {
    const ctx = context();
    expect(render('text', findings, ctx)).toBe(renderText(findings, ctx));
    expect(render('json', findings, ctx)).toBe(renderJson(findings, ctx));
    expect(render('github', findings, ctx)).toBe(renderGithub(findings, ctx));
    expect(render('sarif', findings, ctx)).toBe(renderSarif(findings, ctx));
    expect(render('junit', findings, ctx)).toBe(renderJunit(findings, ctx));
  });

  it('ends every non-empty report with a newline and does not reorder the caller\'s array', () => {
    const before = [...findings];
    for (const format of FORMATS) expect(render(format, findings, context()).endsWith('\n')).toBe(true);
    expect(findings).toEqual(before);
  });
});

describe('summarize', () => {
  it('counts findings by severity', () => {
    expect(summarize(findings, 1204)).toEqual({ files: 1204, errors: 3, warnings: 1, infos: 1, accepted: 0 });
    expect(summarize([], 0)).toEqual({ files: 0, errors: 0, warnings: 0, infos: 0, accepted: 0 });
  });
});
