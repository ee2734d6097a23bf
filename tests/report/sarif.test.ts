import { describe, expect, it } from 'vitest';
import { pathToUri, renderSarif, SARIF_SCHEMA } from '../../src/report/sarif.js';
import { context, findings, missing, nasty, phone, timeLimit } from './fixtures.js';

describe('renderSarif', () => {
  const describeRule = (rule: string) =>
    rule === 'time-limit' ? { zh: '承诺时限不得超过法定时限', en: 'promised limit within the statutory limit' } : undefined;
  const log = JSON.parse(renderSarif(findings, context({ describeRule, informationUri: 'https://example.org/tongbiao' })));
  const run = log.runs[0];

  it('is a SARIF 2.1.0 log with one run by tongbiao', () => {
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'tongbiao', version: '0.1.0', informationUri: 'https://example.org/tongbiao' });
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('lists the rules that appear, once each, with a description in the context language', () => {
    expect(run.tool.driver.rules).toEqual([
      { id: 'level-missing', shortDescription: { text: 'level-missing' } },
      { id: 'phone', shortDescription: { text: 'phone' } },
      { id: 'schema', shortDescription: { text: 'schema' } },
      { id: 'time-limit', shortDescription: { text: '承诺时限不得超过法定时限' } },
      { id: 'todo', shortDescription: { text: 'todo' } },
    ]);
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
  });

  it('maps severities to levels: error → error, warning → warning, info → note', () => {
    const level = (rule: string) => run.results.find((r: { ruleId: string }) => r.ruleId === rule).level;
    expect(level('time-limit')).toBe('error');
    expect(level('schema')).toBe('error');
    expect(level('phone')).toBe('warning');
    expect(level('level-missing')).toBe('note');
  });

  it('gives each result its message, location and properties', () => {
    expect(run.results).toHaveLength(findings.length);
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'time-limit');
    expect(result).toEqual({
      ruleId: 'time-limit',
      ruleIndex: 3,
      level: 'error',
      message: { text: timeLimit.message.zh },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'catalog-yaml/420000/420100/420102/items/002000101000.yaml' },
            region: { startLine: 17, startColumn: 9 },
          },
        },
      ],
      properties: { path: '/promisedLimit/days', region: '420102', catalogCode: '002000101000' },
    });
  });

  it('percent-encodes file URIs and keeps the message text as is', () => {
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'schema');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('catalog-yaml/420000/items/a%2Cb%20100%25.yaml');
    expect(result.message.text).toBe(nasty.message.zh);
    expect(result.properties).toEqual({ path: '/name', region: '420000' });
    expect(pathToUri('湖北/a#b?.yaml')).toBe('%E6%B9%96%E5%8C%97/a%23b%3F.yaml');
  });

  it('uses English with lang en, leaves informationUri out when not given, and has no results when clean', () => {
    const en = JSON.parse(renderSarif([phone, missing], context({ lang: 'en' }))).runs[0];
    expect(en.results.map((r: { message: { text: string } }) => r.message.text)).toEqual([missing.message.en, phone.message.en]);
    expect(en.tool.driver).not.toHaveProperty('informationUri');
    const clean = JSON.parse(renderSarif([], context())).runs[0];
    expect(clean.results).toEqual([]);
    expect(clean.tool.driver.rules).toEqual([]);
  });
});
