import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { decisionsYaml, parseDecisions, type Decision } from '../../src/catalog/decisions.js';

const accepted: Decision = {
  key: '420106/000100104000#/promisedLimit', fingerprint: '3aced29b54a3d87d', decision: 'accepted',
  reason: '依据《武汉市优化营商环境条例》第二十条延长', by: 'jiangan', at: '2026-12-06T10:15:00+08:00',
};
const fix: Decision = {
  key: '420106/000100104000#/materials/@学历证书/type', fingerprint: '0123456789abcdef', decision: 'fix-requested',
  by: 'jiangan', at: '2026-12-06T10:16:00+08:00', patch: '--- a/x.yaml\n+++ b/x.yaml\n@@ -1 +1 @@\n-a\n+b\n',
};

describe('decisions.yaml', () => {
  it('writes entries sorted by key, required strings quoted, and reads them back unchanged', () => {
    const text = decisionsYaml([accepted, fix]);
    const data = parse(text) as Decision[];
    expect(data.map((d) => d.key)).toEqual([fix.key, accepted.key]);
    expect(text).toContain('fingerprint: "3aced29b54a3d87d"');
    expect(text).toContain('at: "2026-12-06T10:15:00+08:00"');
    const read = parseDecisions(text, '420106');
    expect(read.problems).toEqual([]);
    expect(read.decisions.get(accepted.key)).toEqual(accepted);
    expect(read.decisions.get(fix.key)).toEqual(fix);
  });

  it('keeps one entry per key (the last given) and the comments of an existing file', () => {
    const first = decisionsYaml([accepted]).replace('- key:', '# 经区政府常务会议研究\n- key:');
    const newer = { ...accepted, reason: '新的理由' };
    const text = decisionsYaml([fix, accepted, newer], first);
    expect(text).toContain('# 经区政府常务会议研究');
    expect((parse(text) as Decision[]).filter((d) => d.key === accepted.key)).toEqual([newer]);
  });

  it('an empty list is written as []', () => {
    expect(decisionsYaml([])).toBe('[]\n');
    expect(parseDecisions('[]\n', '420106')).toEqual({ decisions: new Map(), problems: [] });
  });

  const problems = (text: string) => parseDecisions(text, '420106').problems.map((p) => [p.path, p.message.en]);

  it('names every problem at its entry', () => {
    expect(problems('a: 1\n')).toEqual([['', 'decisions.yaml must be a list of decision entries']]);
    expect(problems('- [\n')[0]![0]).toBe('');
    expect(problems('- 3\n')[0]![0]).toBe('/0');
    const entry = (extra: Record<string, unknown>) =>
      decisionsYaml([]).replace('[]\n', '') + `- ${JSON.stringify({ ...accepted, ...extra })}\n`;
    expect(problems(entry({ colour: 'red' }))).toEqual([['/0/colour', "unknown key 'colour' (known: key, fingerprint, decision, reason, by, at, patch)"]]);
    expect(problems(entry({ decision: 'rejected' }))[0]).toEqual(['/0/decision', 'decision must be accepted or fix-requested']);
    expect(problems(entry({ reason: undefined }))[0]).toEqual(['/0', "an accepted decision needs a 'reason'"]);
    expect(problems(entry({ at: '2026-12-06 10:15' }))[0]![0]).toBe('/0/at');
    expect(problems(entry({ at: '2026-12-06T10:15:00' }))[0]![0]).toBe('/0/at');
    expect(problems(entry({ key: '420102/000100104000#/name' }))[0]![1]).toContain('not a discrepancy key of this region (420106)');
    expect(problems(entry({ fingerprint: 12345 }))[0]).toEqual(['/0/fingerprint', "'fingerprint' must be a non-empty string (quote it)"]);
    expect(problems(entry({ patch: 'x' }))[0]).toEqual(['/0/patch', "'patch' may only accompany fix-requested"]);
    const twice = decisionsYaml([accepted]) + decisionsYaml([accepted]);
    expect(problems(twice)).toEqual([['/1/key', `key '${accepted.key}' appears twice: one entry per key`]]);
    const unsorted = decisionsYaml([accepted]) + decisionsYaml([fix]);
    expect(problems(unsorted)[0]![1]).toContain('must be sorted by key');
  });

  it('an entry with a problem is left out, the valid ones are kept', () => {
    const text = decisionsYaml([fix]) + `- ${JSON.stringify({ ...accepted, decision: 'maybe' })}\n`;
    expect([...parseDecisions(text, '420106').decisions.keys()]).toEqual([fix.key]);
  });
});
