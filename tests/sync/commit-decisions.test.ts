// serve --commit-decisions on a real repository: decisions become commits on a branch through plumbing only (the
// working tree, index and HEAD untouched), authored by the reviewer; two servers racing for the branch both land;
// a failed write keeps the decisions and lands them on the next round.
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Decision } from '../../src/catalog/decisions.js';
import { decisionCommitter } from '../../src/sync/commit-decisions.js';
import { makeGitCatalog, type TempGitCatalog } from '../helpers/git-repo.js';

let repo: TempGitCatalog;
beforeEach(() => {
  repo = makeGitCatalog({ prefix: 'catalog', files: { 'tongbiao.yaml': 'formatVersion: 1\n', 'README.md': 'x\n' }, commit: 'catalog' });
});
afterEach(() => repo.cleanup());

const decision = (region: string, n: number, by = 'jiangan'): Decision => ({
  key: `${region}/00010010${n}000#/promisedLimit`, fingerprint: `${n}`.padStart(16, 'f'), decision: 'accepted',
  reason: `理由 ${n}`, by, at: `2026-12-06T10:${String(n).padStart(2, '0')}:00+08:00`,
});
const JIANGAN = { region: '420102', regionDir: '420000/420100/420102' };
const WUCHANG = { region: '420106', regionDir: '420000/420100/420106' };
const decisionsAt = (dir: string) => parse(repo.git('show', `decisions:catalog/${dir}/decisions.yaml`)) as Decision[];

describe('decisionCommitter', () => {
  it('commits through plumbing only, one commit per decision authored by its reviewer', async () => {
    const head = repo.head();
    const committer = await decisionCommitter({ catalogDir: repo.catalog, branch: 'decisions', intervalMs: 60_000 });
    committer.add({ verdict: decision('420102', 1), ...JIANGAN });
    committer.add({ verdict: decision('420102', 2, 'wuhan'), ...JIANGAN });
    await committer.close();
    expect(repo.git('log', '--format=%an|%s', 'decisions', '-2').split('\n')).toEqual([
      'wuhan|decisions: wuhan accept 420102/000100102000#/promisedLimit',
      'jiangan|decisions: jiangan accept 420102/000100101000#/promisedLimit',
    ]);
    expect(decisionsAt(JIANGAN.regionDir)).toEqual([decision('420102', 1), decision('420102', 2, 'wuhan')]);
    expect(repo.head()).toBe(head);
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(repo.git('rev-parse', '--abbrev-ref', 'HEAD')).not.toBe('decisions');
  });

  it('two servers racing for one branch both land every decision', async () => {
    const [a, b] = await Promise.all([0, 1].map(() => decisionCommitter({ catalogDir: repo.catalog, branch: 'decisions', intervalMs: 60_000 })));
    for (let n = 1; n <= 6; n++) {
      a!.add({ verdict: decision('420102', n), ...JIANGAN });
      b!.add({ verdict: decision('420106', n, 'wuchang'), ...WUCHANG });
    }
    await Promise.all([a!.flush(), b!.flush(), a!.flush(), b!.flush()]);
    await Promise.all([a!.close(), b!.close()]);
    expect(decisionsAt(JIANGAN.regionDir).map((d) => d.key)).toHaveLength(6);
    expect(decisionsAt(WUCHANG.regionDir).map((d) => d.key)).toHaveLength(6);
    expect(Number(repo.git('rev-list', '--count', 'decisions'))).toBe(1 + 12);
  });

  it('a failed write keeps the decisions and lands them on the next round; reopened takes one back', async () => {
    const errors: Error[] = [];
    const committer = await decisionCommitter({ catalogDir: repo.catalog, branch: 'decisions', intervalMs: 60_000, onError: (e) => errors.push(e) });
    committer.add({ verdict: decision('420102', 1), ...JIANGAN });
    await committer.flush();
    const lock = join(repo.top, '.git', 'refs', 'heads', 'decisions.lock');
    writeFileSync(lock, '');
    committer.add({ verdict: decision('420102', 2), ...JIANGAN });
    await committer.flush();
    expect(errors).toHaveLength(1);
    expect(decisionsAt(JIANGAN.regionDir)).toHaveLength(1);
    rmSync(lock);
    committer.add({ verdict: { key: decision('420102', 1).key, decision: 'reopened', at: '2026-12-06T11:00:00+08:00' }, ...JIANGAN });
    await committer.close();
    expect(decisionsAt(JIANGAN.regionDir)).toEqual([decision('420102', 2)]);
  });
});
