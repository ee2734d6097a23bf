// The "request fix" patch (要求整改): the edit that makes one discrepancy conform, as a unified diff of the item
// file as synced — read from the catalog's git repository by its blob id, so the patch applies with `git apply`
// to a clone of the synced revision. Available only when the server knows the catalog (serve --catalog, start),
// whose repository the app opens once (Site.catalogRepo).
import { runGit, type GitRepo } from '../catalog/git.js';
import { fixPatch, isFixable } from '../levels/fix.js';
import type { Discrepancy, DiscrepancyKind } from '../levels/types.js';
import type { Db } from '../store/db.js';
import { itemSource } from '../store/decisions.js';
import type { QueueRow } from '../store/read/discrepancy-rows.js';

/** Whether the row's discrepancy has a fix to offer (levels/fix.ts `isFixable` decides): the UI links a patch only then. */
export function hasFix(row: QueueRow): boolean {
  const discrepancy = asDiscrepancy(row);
  return discrepancy !== undefined && isFixable(discrepancy);
}

/**
 * The fix of the row's discrepancy as a patch of its item file in the catalog's repository `git`, or undefined when
 * it has none (not fixable, the item or its blob gone).
 */
export async function fixPatchOf(git: GitRepo, db: Db, row: QueueRow): Promise<string | undefined> {
  const discrepancy = asDiscrepancy(row);
  if (!discrepancy || !isFixable(discrepancy)) return undefined;
  const source = await itemSource(db, row.region, row.catalogCode);
  if (!source) return undefined;
  const blob = await runGit(['cat-file', 'blob', source.blob], git.top);
  if (blob.code !== 0) return undefined;
  return fixPatch(blob.stdout.toString('utf8'), [discrepancy], `${git.prefix}${source.file}`);
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
