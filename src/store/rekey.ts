// Re-keying a database synced before discrepancy keys became identity paths (spec §3 "Keys and
// fingerprints"): its discrepancies are keyed by index path (`…#/materials/1`), and so are the
// reviews people made on them. Migration 0008 marks such a database; the next sync then
//   1. before writing (read phase): reads every stored discrepancy whose path crosses a list, with the
//      stored bodies of the two items it compared (the bodies its indexes were made on), and works out its
//      identity key (levels/identity-path.ts) and the fingerprint it has under that key;
//   2. reports every file again (a full sync, so no discrepancy keeps an old key) and, in its one write
//      transaction, moves each review to the new key: a review made on the fingerprint the discrepancy had
//      gets the new fingerprint (a decision that was current stays current), any other keeps its own (an
//      outdated decision stays outdated); then removes the mark.
// A discrepancy whose indexes no longer fit the stored bodies keeps its key, and its reviews turn resolved
// as they would have for any other vanished key.
import type { Client, InStatement } from '@libsql/client';
import { discrepancyFingerprint, discrepancyKey } from '../levels/discrepancy.js';
import { identityPathOf } from '../levels/identity-path.js';
import { pairInStatements } from './sql.js';

/** The mark migration 0008 leaves on a database whose keys are index paths. */
const MARK = { name: 'discrepancy-keys', value: 'index-path' } as const;

export interface NewKey {
  key: string;
  /** the fingerprint the discrepancy had under its old key */
  oldFingerprint: string;
  /** the fingerprint the same discrepancy has under the new key */
  fingerprint: string;
}

/** Old key → new key of every stored discrepancy whose key changes. */
export type Rekey = ReadonlyMap<string, NewKey>;

/** Undefined when the database's keys are identity paths already (the usual case: one small query). */
export async function planRekey(client: Pick<Client, 'execute'>): Promise<Rekey | undefined> {
  const mark = await client.execute({ sql: 'SELECT 1 FROM store_meta WHERE name = ? AND value = ?', args: [MARK.name, MARK.value] });
  if (mark.rows.length === 0) return undefined;
  // Only a path with an index can cross an identity list; every other key is the same in both schemes.
  const rows = (
    await client.execute(`SELECT key, region, catalog_code, against, path, ours, theirs, fingerprint FROM discrepancies WHERE path GLOB '*/[0-9]*'`)
  ).rows;
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
    const [region, catalogCode, path] = [String(row.region), String(row.catalog_code), String(row.path)];
    const ours = row.ours === null ? undefined : (JSON.parse(String(row.ours)) as unknown);
    const theirs = row.theirs === null ? undefined : (JSON.parse(String(row.theirs)) as unknown);
    const identityPath = identityPathOf(path, bodies.get(`${region}/${catalogCode}`), bodies.get(`${String(row.against)}/${catalogCode}`), ours === undefined);
    if (identityPath === undefined) continue;
    const key = discrepancyKey(region, catalogCode, identityPath);
    if (key === String(row.key)) continue;
    out.set(String(row.key), { key, oldFingerprint: String(row.fingerprint), fingerprint: discrepancyFingerprint(key, path, ours, theirs) });
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
 * The statements that move the reviews to the new keys and remove the mark, for the sync's write
 * transaction. By key, so a review made between the read and the write moves too.
 */
export function rekeyStatements(rekey: Rekey): InStatement[] {
  const moves = [...rekey].map(([old, next]) => ({
    sql: 'UPDATE reviews SET key = ?, fingerprint = CASE WHEN fingerprint = ? THEN ? ELSE fingerprint END WHERE key = ?',
    args: [next.key, next.oldFingerprint, next.fingerprint, old],
  }));
  return [...moves, { sql: 'DELETE FROM store_meta WHERE name = ?', args: [MARK.name] }];
}
