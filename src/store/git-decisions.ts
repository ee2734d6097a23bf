// Decisions that came through git (spec §6): a sync stores the synced revision's decisions.yaml entries, and
// each entry that is newer than what the review database knows of its key enters `reviews` as a verdict with
// source `git`, so the UI shows it (marked as coming from git) and its state (decided / outdated / resolved) is
// derived like any other. Runs inside the sync's write transaction; a sync never deletes a review.
import type { Transaction } from '@libsql/client';
import type { Decision } from '../catalog/decisions.js';
import { inStatements, insertStatements } from './sql.js';

const COLUMNS = ['key', 'region', 'fingerprint', 'decision', 'reason', 'by', 'at', 'patch'];

/** Replaces the stored git decisions with `decisionsOf` and brings new ones into the reviews; returns how many came in. */
export async function recordGitDecisions(tx: Transaction, decisionsOf: ReadonlyMap<string, ReadonlyMap<string, Decision>>): Promise<number> {
  const entries = [...decisionsOf.entries()].flatMap(([region, decisions]) => [...decisions.values()].map((d) => ({ region, ...d })));
  await tx.execute('DELETE FROM git_decisions');
  for (const statement of insertStatements('git_decisions', COLUMNS, entries.map((d) => [d.key, d.region, d.fingerprint, d.decision, d.reason ?? null, d.by, d.at, d.patch ?? null]))) {
    await tx.execute(statement);
  }
  if (entries.length === 0) return 0;

  // The database's latest verdict of each key, and where its discrepancy is now (for the review's path).
  const latest = new Map<string, { fingerprint: string; decision: string; reason: string; at: number }>();
  const paths = new Map<string, string>();
  const keys = entries.map((d) => d.key);
  const verdictSql = `SELECT r.key, r.fingerprint, r.decision, r.reason, r.created_at FROM reviews r WHERE r.key IN (?)
    AND r.id = (SELECT max(r2.id) FROM reviews r2 WHERE r2.key = r.key AND r2.decision IN ('accepted', 'fix-requested', 'reopened'))`;
  for (const statement of inStatements(verdictSql, keys)) {
    for (const row of (await tx.execute(statement)).rows) {
      latest.set(String(row.key), { fingerprint: String(row.fingerprint), decision: String(row.decision), reason: String(row.reason), at: Date.parse(String(row.created_at)) });
    }
  }
  for (const statement of inStatements('SELECT key, path FROM discrepancies WHERE key IN (?)', keys)) {
    for (const row of (await tx.execute(statement)).rows) paths.set(String(row.key), String(row.path));
  }

  const incoming = entries.filter((d) => {
    const known = latest.get(d.key);
    if (!known) return true;
    const same = known.decision === d.decision && known.fingerprint === d.fingerprint && known.reason === (d.reason ?? '');
    return !same && Date.parse(d.at) > known.at;
  });
  const rows = incoming.map((d) => [
    d.key, d.fingerprint, d.region, d.key.slice(d.key.indexOf('/') + 1, d.key.indexOf('#')), paths.get(d.key) ?? d.key.slice(d.key.indexOf('#') + 1),
    d.decision, d.reason ?? '', d.by, new Date(Date.parse(d.at)).toISOString(), 'git',
    // a fix request keeps its patch, which `decisions export` writes back
    d.decision === 'fix-requested' ? (d.patch ?? null) : null,
  ]);
  for (const statement of insertStatements('reviews', ['key', 'fingerprint', 'region', 'catalog_code', 'path', 'decision', 'reason', 'author', 'created_at', 'source', 'patch'], rows)) {
    await tx.execute(statement);
  }
  return incoming.length;
}
