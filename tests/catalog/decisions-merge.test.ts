// Two branches that each add decisions to one region's decisions.yaml merge with plain `git merge` and no
// conflict in the common case: entries are sorted by key, one per key, so additions land in different places.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decisionsYaml, parseDecisions, type Decision } from '../../src/catalog/decisions.js';
import { makeGitCatalog, type TempGitCatalog } from '../helpers/git-repo.js';

const FILE = '420000/420100/420102/decisions.yaml';
const decision = (code: string): Decision => ({
  key: `420102/${code}#/promisedLimit`, fingerprint: code.slice(-4).padStart(16, '0'), decision: 'accepted',
  reason: `理由 ${code}`, by: 'jiangan', at: '2026-12-06T10:15:00+08:00',
});
const [a, b, c, d, e] = ['000100101000', '000100102000', '000100103000', '000100104000', '000100105000'].map(decision);

let repo: TempGitCatalog;
beforeEach(() => {
  repo = makeGitCatalog({ files: { [FILE]: decisionsYaml([a!, c!, e!]) }, commit: 'three decisions' });
  repo.git('branch', '-M', 'main');
});
afterEach(() => repo.cleanup());

describe('decisions.yaml under git merge', () => {
  it('additions on two branches merge cleanly into one sorted file holding both', () => {
    const base = repo.git('show', `HEAD:${FILE}`);
    repo.git('checkout', '-q', '-b', 'jiangan');
    repo.write(FILE, decisionsYaml([...parseDecisions(base, '420102').decisions.values(), b!], base));
    repo.commit('jiangan accepts b');
    repo.git('checkout', '-q', 'main');
    repo.write(FILE, decisionsYaml([...parseDecisions(base, '420102').decisions.values(), d!], base));
    repo.commit('wuhan accepts d');
    repo.git('merge', '-q', '--no-edit', 'jiangan');
    const merged = repo.git('show', `HEAD:${FILE}`) + '\n';
    const parsed = parseDecisions(merged, '420102');
    expect(parsed.problems).toEqual([]);
    expect([...parsed.decisions.keys()]).toEqual([a, b, c, d, e].map((x) => x!.key));
    expect(merged).toBe(decisionsYaml([a!, b!, c!, d!, e!]));
  });
});
