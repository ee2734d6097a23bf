// `serve --commit-decisions BRANCH`: each review decision also becomes a commit on a branch of the catalog's
// repository, so decisions reach git without an officer running `decisions export`. Written with git plumbing
// only — blobs, a tree built in a private index file, commit-tree, and a compare-and-swap update-ref — so no
// working tree or checked-out index is touched and two servers can share a branch: whoever loses the race
// rebuilds on the new tip. Decisions are queued (the POST never waits for git), written at most every few
// seconds, and a failed write is retried on the next round; the decision itself is safe in the database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DECISIONS_FILE, decisionsYaml, mergeDecisions, parseDecisions, type Verdict } from '../catalog/decisions.js';
import { openRepo, runGit, type GitRepo } from '../catalog/git.js';

/** A verdict to commit, with where its region lives in the catalog (`420000/420100/420106`). */
export interface DecisionToCommit {
  verdict: Verdict;
  region: string;
  regionDir: string;
}

export interface DecisionCommitterOptions {
  /** the catalog folder (inside its repository) */
  catalogDir: string;
  branch: string;
  /** how long decisions gather before they are written (default 3 s) */
  intervalMs?: number;
  /** told of a failed round (the decisions stay queued and are tried again) */
  onError?: (error: Error) => void;
  /** told of each commit made */
  onCommit?: (commit: string, count: number) => void;
}

export interface DecisionCommitter {
  /** Queue a decision; returns at once. */
  add(decision: DecisionToCommit): void;
  /** Write what is queued now (what the timer does); resolves when that round is over. */
  flush(): Promise<void>;
  /** Write what is queued and stop. */
  close(): Promise<void>;
}

const MAX_ATTEMPTS = 5;

export async function decisionCommitter(options: DecisionCommitterOptions): Promise<DecisionCommitter> {
  const repo = await openRepo(options.catalogDir);
  const ref = `refs/heads/${options.branch}`;
  const check = await runGit(['check-ref-format', ref], repo.top);
  if (check.code !== 0) throw new Error(`--commit-decisions: '${options.branch}' is not a valid branch name`);
  let queue: DecisionToCommit[] = [];
  let running: Promise<void> = Promise.resolve();
  const round = async () => {
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    try {
      const commit = await commitBatch(repo, ref, batch);
      options.onCommit?.(commit, batch.length);
    } catch (error) {
      queue = [...batch, ...queue]; // never lost: tried again next round, in the same order
      options.onError?.(error as Error);
    }
  };
  const flush = () => (running = running.then(round));
  const timer = setInterval(() => void flush(), options.intervalMs ?? 3000);
  timer.unref();
  return {
    add(decision) {
      queue.push(decision);
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}

/** One commit per decision (author = the reviewer), chained on the branch tip, then one compare-and-swap. */
async function commitBatch(repo: GitRepo, ref: string, batch: readonly DecisionToCommit[]): Promise<string> {
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const tip = await revParse(repo, ref);
    const base = tip ?? (await revParse(repo, 'HEAD'));
    if (base === undefined) throw new Error('the catalog repository has no commit to put decisions on');
    let parent = base;
    const index = mkdtempSync(join(tmpdir(), 'tongbiao-decisions-index-'));
    try {
      const env = { GIT_INDEX_FILE: join(index, 'index') };
      await git(repo, ['read-tree', parent], env);
      for (const { verdict, region, regionDir } of batch) {
        const path = `${repo.prefix}${regionDir}/${DECISIONS_FILE}`;
        const existing = await show(repo, `${parent}:${path}`);
        const inGit = existing === undefined ? new Map() : parseDecisions(existing, region).decisions;
        const text = decisionsYaml(mergeDecisions(inGit, [verdict]), existing);
        if (text === existing) continue;
        const blob = (await git(repo, ['hash-object', '-w', '--stdin'], {}, text)).trim();
        await git(repo, ['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`], env);
        const tree = (await git(repo, ['write-tree'], env)).trim();
        const by = verdict.decision === 'reopened' ? 'tongbiao' : verdict.by;
        const what = verdict.decision === 'reopened' ? 'reopen' : verdict.decision === 'accepted' ? 'accept' : 'request a fix for';
        parent = (await git(repo, ['commit-tree', tree, '-p', parent, '-m', `decisions: ${by} ${what} ${verdict.key}`], {
          GIT_AUTHOR_NAME: by,
          GIT_AUTHOR_EMAIL: `${by}@tongbiao.invalid`,
          GIT_AUTHOR_DATE: verdict.at,
          GIT_COMMITTER_NAME: 'tongbiao',
          GIT_COMMITTER_EMAIL: 'tongbiao@tongbiao.invalid',
        })).trim();
      }
    } finally {
      rmSync(index, { recursive: true, force: true });
    }
    if (parent === base && tip !== undefined) return parent; // every decision was there already
    // Compare and swap: the branch moves only if it is still where we started (or still absent).
    const update = await runGit(['update-ref', '-m', 'tongbiao: review decisions', ref, parent, tip ?? '0'.repeat(40)], repo.top);
    if (update.code === 0) return parent;
    lastError = new Error(`update-ref ${ref}: ${update.stderr.trim()}`);
  }
  throw lastError ?? new Error(`could not update ${ref}`);
}

async function git(repo: GitRepo, args: string[], env: NodeJS.ProcessEnv = {}, input?: string): Promise<string> {
  const result = await runGit(args, repo.top, input, env);
  if (result.code !== 0) throw new Error(`git ${args[0]}: ${result.stderr.trim()}`);
  return result.stdout.toString('utf8');
}

async function revParse(repo: GitRepo, rev: string): Promise<string | undefined> {
  const result = await runGit(['rev-parse', '--verify', '-q', `${rev}^{commit}`], repo.top);
  return result.code === 0 ? result.stdout.toString('utf8').trim() : undefined;
}

async function show(repo: GitRepo, spec: string): Promise<string | undefined> {
  const result = await runGit(['cat-file', 'blob', spec], repo.top);
  return result.code === 0 ? result.stdout.toString('utf8') : undefined;
}
