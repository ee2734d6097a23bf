// Re-keying a database whose stored discrepancy keys the current comparison no longer gives, so that the
// reviews people made on them stay on the same discrepancies. Two upgrades, each marked in store_meta by
// the migration that brought it:
//   - `discrepancy-keys` = `index-path` (migration 0008): synced before keys became identity paths (spec §3
//     "Keys and fingerprints"): keys by index path (`…#/materials/1`);
//   - `discrepancy-items` = `as-written` (migration 0011): synced before a v1 catalog was compared in its v2
//     reading (spec §8): keys and values in v1 terms (`…#/materials/@X/form`, a free-text handleArea), now
//     `…/type` and 全县 (levels/v1-discrepancy.ts, from the stored bodies, which are the v1 files' data).
// The next sync then
//   1. before writing (read phase): reads every stored discrepancy an upgrade can change, with the stored
//      bodies of the two items it compared (the bodies it was made on), and works out its key and the
//      fingerprint it has under that key;
//   2. reports every file again (a full sync, so no discrepancy keeps an old key) and, in its one write
//      transaction, moves each review to the new key: a review made on the fingerprint the discrepancy had
//      gets the new fingerprint (a decision that was current stays current), any other keeps its own (an
//      outdated decision stays outdated); then removes the marks.
// A discrepancy whose indexes no longer fit the stored bodies keeps its key, and its reviews turn resolved
// as they would have for any other vanished key.
import type { Client, InStatement } from '@libsql/client';
import { discrepancyFingerprint, discrepancyKey } from '../levels/discrepancy.js';
import { identityPathOf } from '../levels/identity-path.js';
import { v2Discrepancy } from '../levels/v1-discrepancy.js';
import { V1_ELEMENTS } from '../catalog/v1.js';
import { pairInStatements } from './sql.js';

/** The marks migrations 0008 and 0011 leave (see the top). */
const INDEX_PATHS = { name: 'discrepancy-keys', value: 'index-path' } as const;
const AS_WRITTEN = { name: 'discrepancy-items', value: 'as-written' } as const;
const MARKS = [INDEX_PATHS, AS_WRITTEN];

export interface NewKey {
  key: string;
  /** the fingerprint the discrepancy had under its old key */
  oldFingerprint: string;
  /** the fingerprint the same discrepancy has under the new key */
  fingerprint: string;
}

/** Old key → new key of every stored discrepancy whose key changes. */
export type Rekey = ReadonlyMap<string, NewKey>;

/** Undefined when the database's keys are current already (the usual case: one small query). */
export async function planRekey(client: Pick<Client, 'execute'>): Promise<Rekey | undefined> {
  const marks = await client.execute('SELECT name, value FROM store_meta');
  const has = (mark: { name: string; value: string }) => marks.rows.some((r) => r.name === mark.name && r.value === mark.value);
  const [indexPaths, asWritten] = [has(INDEX_PATHS), has(AS_WRITTEN)];
  if (!indexPaths && !asWritten) return undefined;
  // Only a path with an index can cross an identity list, and only the elements the v1 mapping changes can
  // change in the v2 reading; every other key and fingerprint is the same in both.
  const where = [
    ...(indexPaths ? [`path GLOB '*/[0-9]*'`] : []),
    ...(asWritten ? V1_ELEMENTS.map((element) => `path = '/${element}' OR path GLOB '/${element}/*'`) : []),
  ].join(' OR ');
  const rows = (await client.execute(`SELECT key, region, catalog_code, against, path, ours, theirs, fingerprint FROM discrepancies WHERE ${where}`)).rows;
  const wanted = new Map<string, readonly [string, string]>();
  for (const row of rows) {
    for (const region of [row.region, row.against]) wanted.set(`${String(region)}/${String(row.catalog_code)}`, [String(region), String(row.catalog_code)]);
  }
  const bodies = new Map<string, unknown>();
  for (const statement of pairInStatements('SELECT region, catalog_code, body FROM items WHERE (region, catalog_code) IN (?)', [...wanted.values()])) {
    for (const row of (await client.execute(statement)).rows) {
      bodies.set(`${String(row.region)}/${String(row.catalog_code)}`, row.body === null ? undefined : JSON.parse(String(row.body)));
    }
  }
  const out = new Map<string, NewKey>();
  for (const row of rows) {
    const [region, catalogCode] = [String(row.region), String(row.catalog_code)];
    let path = String(row.path);
    let ours = row.ours === null ? undefined : (JSON.parse(String(row.ours)) as unknown);
    let theirs = row.theirs === null ? undefined : (JSON.parse(String(row.theirs)) as unknown);
    const oursBody = bodies.get(`${region}/${catalogCode}`);
    const theirsBody = bodies.get(`${String(row.against)}/${catalogCode}`);
    let key: string | undefined;
    if (asWritten) {
      const next = v2Discrepancy({ region, catalogCode, path, ...(ours === undefined ? {} : { ours }) }, oursBody, theirsBody);
      if (next) ({ path, ours, theirs, key } = next);
    }
    if (key === undefined) {
      const identityPath = identityPathOf(path, oursBody, theirsBody, ours === undefined);
      if (identityPath === undefined) continue;
      key = discrepancyKey(region, catalogCode, identityPath);
    }
    const fingerprint = discrepancyFingerprint(key, path, ours, theirs);
    if (key === String(row.key) && fingerprint === String(row.fingerprint)) continue;
    out.set(String(row.key), { key, oldFingerprint: String(row.fingerprint), fingerprint });
  }
  return out;
}

/** The stored discrepancies (key → fingerprint and since) as they are under the new keys. */
export function rekeyStored<T extends { fingerprint: string }>(stored: Map<string, T>, rekey: Rekey | undefined): Map<string, T> {
  if (rekey === undefined) return stored;
  const out = new Map<string, T>();
  for (const [key, value] of stored) {
    const next = rekey.get(key);
    out.set(next?.key ?? key, next === undefined ? value : { ...value, fingerprint: next.fingerprint });
  }
  return out;
}

/**
 * The statements that move the reviews to the new keys and remove the marks, for the sync's write
 * transaction. By key, so a review made between the read and the write moves too.
 */
export function rekeyStatements(rekey: Rekey): InStatement[] {
  const moves = [...rekey].map(([old, next]) => ({
    sql: 'UPDATE reviews SET key = ?, fingerprint = CASE WHEN fingerprint = ? THEN ? ELSE fingerprint END WHERE key = ?',
    args: [next.key, next.oldFingerprint, next.fingerprint, old],
  }));
  return [...moves, ...MARKS.map((mark) => ({ sql: 'DELETE FROM store_meta WHERE name = ?', args: [mark.name] }))];
}
