// The "request fix" patch (要求整改): the edit that makes one discrepancy conform, as a unified diff of the item
// file as synced — read from the catalog's git repository by its blob id, so the patch applies with `git apply`
// to a clone of the synced revision. Available only when the server knows the catalog (serve --catalog, start).
import { openRepo, runGit, type GitRepo } from '../catalog/git.js';
import { fixPatch, isFixable } from '../levels/fix.js';
import type { Discrepancy, DiscrepancyKind } from '../levels/types.js';
import type { Db } from '../store/db.js';
import { itemSource } from '../store/decisions.js';
import type { QueueRow } from '../store/read/discrepancy-rows.js';

export type FixPatcher = (db: Db, row: QueueRow) => Promise<string | undefined>;

/** A patch maker over the catalog at `catalogDir`, or one that never has a patch when the server has no catalog. */
export function fixPatcher(catalogDir: string | undefined): FixPatcher {
  if (catalogDir === undefined) return async () => undefined;
  let repo: Promise<GitRepo | undefined> | undefined;
  return async (db, row) => {
    const discrepancy = asDiscrepancy(row);
    if (!discrepancy || !isFixable(discrepancy)) return undefined;
    repo ??= openRepo(catalogDir).catch(() => undefined);
    const [git, source] = await Promise.all([repo, itemSource(db, row.region, row.catalogCode)]);
    if (!git || !source) return undefined;
    const blob = await runGit(['cat-file', 'blob', source.blob], git.top);
    if (blob.code !== 0) return undefined;
    return fixPatch(blob.stdout.toString('utf8'), [discrepancy], `${git.prefix}${source.file}`);
  };
}

/** The queue row as the discrepancy it shows; a side the row has no value for (null) is absent. */
function asDiscrepancy(row: QueueRow): Discrepancy | undefined {
  if (row.kind === null || row.rule === null || row.fingerprint === null) return undefined;
  return {
    region: row.region, catalogCode: row.catalogCode, against: row.against, path: row.path, kind: row.kind as DiscrepancyKind,
    rule: row.rule, ...(row.ours === null ? {} : { ours: row.ours }), ...(row.theirs === null ? {} : { theirs: row.theirs }),
    key: row.key, fingerprint: row.fingerprint,
  };
}
