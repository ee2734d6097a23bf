import { describe, expect, it } from 'vitest';
import { findingFingerprint, FINGERPRINT_KEY, pathToUri, renderSarif, SARIF_SCHEMA, SRCROOT } from '../../src/report/sarif.js';
import { RULES } from '../../src/rules/registry.js';
import { context, findings, missing, nasty, phone, timeLimit } from './fixtures.js';
import { sarifMultitool, sarifSchemaErrors } from './validators.js';

const ctx = context({
  rules: RULES,
  docsUrl: 'https://git.example.gov.cn/tools/tongbiao/blob/main/docs/rules/',
  informationUri: 'https://git.example.gov.cn/tools/tongbiao',
  repoRoot: '/srv/repo',
  // the catalog is catalog-yaml/ in the repository; displayPath (cwd-relative) must not leak into the log
  displayPath: (file) => `../${file}`,
  repoPath: (file) => `catalog-yaml/${file}`,
});
const text = renderSarif(findings, ctx);
const log = JSON.parse(text);
const run = log.runs[0];
const result = (rule: string) => run.results.find((r: { ruleId: string }) => r.ruleId === rule);

describe('renderSarif', () => {
  it('is a SARIF 2.1.0 log that the OASIS schema and Microsoft\'s validator with GitHub\'s rules accept without error or warning', () => {
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.version).toBe('2.1.0');
    expect(sarifSchemaErrors(log)).toEqual([]);
    const report = sarifMultitool(text);
    expect(report.errors, report.output).toEqual([]);
    expect(report.warnings, report.output).toEqual([]);
  });

  it('describes the tool, the automation (GitHub\'s category) and the invocation', () => {
    expect(run.tool.driver).toMatchObject({
      name: 'tongbiao', fullName: expect.stringContaining('tongbiao'), version: '0.1.0', semanticVersion: '0.1.0', informationUri: 'https://git.example.gov.cn/tools/tongbiao',
    });
    expect(run.automationDetails).toEqual({ id: 'tongbiao/validate/' });
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('lists every rule of the registry with names, descriptions, help, helpUri and default level', () => {
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'time-limit');
    expect(rule).toMatchObject({
      id: 'time-limit',
      name: 'TimeLimitCheck',
      shortDescription: { text: RULES.find((r) => r.id === 'time-limit')!.description.zh },
      fullDescription: { text: expect.stringContaining('承诺办结时限不超过法定办结时限') },
      help: { text: expect.stringContaining('不通过的示例'), markdown: expect.stringContaining('```yaml') },
      helpUri: 'https://git.example.gov.cn/tools/tongbiao/blob/main/docs/rules/time-limit.md',
      defaultConfiguration: { level: 'error' },
    });
    expect(run.tool.driver.rules.find((r: { id: string }) => r.id === 'stray-file').defaultConfiguration).toEqual({ level: 'warning' });
    const en = JSON.parse(renderSarif([], { ...ctx, lang: 'en' })).runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'time-limit');
    expect(en.fullDescription.text).toMatch(/^promisedLimit is not longer than statutoryLimit/);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('maps severities to levels: error → error, warning → warning, info → note', () => {
    expect(result('time-limit').level).toBe('error');
    expect(result('phone').level).toBe('warning');
    expect(result('level-missing').level).toBe('note');
  });

  it('places each result relative to the repository root (SRCROOT), not to the current folder', () => {
    expect(run.originalUriBaseIds).toEqual({ [SRCROOT]: { uri: 'file:///srv/repo/' } });
    expect(result('time-limit').locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'catalog-yaml/420000/420100/420102/items/002000101000.yaml', uriBaseId: SRCROOT },
          region: { startLine: 17, startColumn: 9 },
        },
      },
    ]);
    expect(text).not.toContain('"../');
  });

  it('fingerprints a discrepancy by its own fingerprint, anything else by rule, file and path (not line)', () => {
    const keyed = { ...timeLimit, rule: 'level-looser', key: '420102/002000101000#/promisedLimit', fingerprint: '3aced29b54a3d87d' };
    const withKey = JSON.parse(renderSarif([keyed], ctx)).runs[0].results[0];
    expect(withKey.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: '3aced29b54a3d87d' });
    expect(withKey.properties.key).toBe(keyed.key);
    const moved = findingFingerprint({ ...timeLimit, line: 40, column: 3 }, 'catalog-yaml/x.yaml');
    expect(moved).toBe(findingFingerprint(timeLimit, 'catalog-yaml/x.yaml'));
    expect(findingFingerprint({ ...timeLimit, path: '/promisedLimit/unit' }, 'catalog-yaml/x.yaml')).not.toBe(moved);
    expect(findingFingerprint(timeLimit, 'catalog-yaml/y.yaml')).not.toBe(moved);
    expect(result('time-limit').partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}$/);
  });

  it('percent-encodes file URIs and keeps the message text and properties as they are', () => {
    expect(result('schema').locations[0].physicalLocation.artifactLocation.uri).toBe('catalog-yaml/420000/items/a%2Cb%20100%25.yaml');
    expect(result('schema').message.text).toBe(nasty.message.zh);
    expect(result('schema').properties).toEqual({ path: '/name', region: '420000' });
    expect(pathToUri('湖北/a#b?.yaml')).toBe('%E6%B9%96%E5%8C%97/a%23b%3F.yaml');
  });

  it('without the registry lists the rules that appear; a clean run has no results and stays valid', () => {
    const bare = JSON.parse(renderSarif([phone, missing], context({ lang: 'en' }))).runs[0];
    expect(bare.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['level-missing', 'phone']);
    expect(bare.results.map((r: { message: { text: string } }) => r.message.text)).toEqual([missing.message.en, phone.message.en]);
    expect(bare.tool.driver).not.toHaveProperty('informationUri');
    const clean = renderSarif([], ctx);
    expect(JSON.parse(clean).runs[0].results).toEqual([]);
    expect(sarifSchemaErrors(JSON.parse(clean))).toEqual([]);
  });
});
