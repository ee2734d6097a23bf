// People's decisions on discrepancies (审核): reading a key's decisions and recording a new one. What a
// decision does to the discrepancy's state is review-state.ts's rule.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from './db.js';
import { DECISIONS, VERDICTS, type Decision } from './review-state.js';
import type { ReviewRow } from './rows.js';
import { auditLog, discrepancies, reviews } from './schema.js';

/** A reviews row, its decision one of DECISIONS. */
export type Review = Omit<ReviewRow, 'decision'> & { decision: Decision };

export async function reviewsFor(db: Db, keys: string[]): Promise<Map<string, Review[]>> {
  const out = new Map<string, Review[]>();
  if (keys.length === 0) return out;
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .select()
      .from(reviews)
      .where(inArray(reviews.key, keys.slice(i, i + 500)))
      .orderBy(desc(reviews.id));
    for (const row of rows) {
      const list = out.get(row.key) ?? [];
      list.push(row as Review);
      out.set(row.key, list);
    }
  }
  return out;
}

export type DecideOutcome =
  | { ok: true; review: Review }
  | { ok: false; reason: 'not-found' | 'changed' | 'reason-required' | 'bad-decision' | 'not-decided' };

/**
 * Records a decision on the discrepancy `key` as seen with `fingerprint`. Fails with `changed` when the
 * discrepancy changed since the person looked (a sync ran in between), so nobody decides on stale content.
 * Access control is the caller's job (the web layer checks the region before calling).
 */
export async function decide(
  db: Db,
  input: { key: string; fingerprint: string; decision: string; reason: string; actor: string; patch?: string },
): Promise<DecideOutcome> {
  if (!(DECISIONS as readonly string[]).includes(input.decision)) return { ok: false, reason: 'bad-decision' };
  const decision = input.decision as Decision;
  const reason = input.reason.trim();
  if ((decision === 'accepted' || decision === 'comment' || decision === 'fix-requested') && reason === '') {
    return { ok: false, reason: 'reason-required' };
  }
  return db.transaction(async (tx) => {
    const [d] = await tx.select().from(discrepancies).where(eq(discrepancies.key, input.key));
    if (!d) return { ok: false, reason: 'not-found' } as const;
    if (d.fingerprint !== input.fingerprint) return { ok: false, reason: 'changed' } as const;
    if (decision === 'reopened') {
      const [last] = await tx
        .select({ decision: reviews.decision })
        .from(reviews)
        .where(and(eq(reviews.key, d.key), inArray(reviews.decision, [...VERDICTS])))
        .orderBy(desc(reviews.id))
        .limit(1);
      if (!last || last.decision === 'reopened') return { ok: false, reason: 'not-decided' } as const;
    }
    const [row] = await tx
      .insert(reviews)
      .values({
        key: d.key,
        fingerprint: d.fingerprint,
        region: d.region,
        catalogCode: d.catalogCode,
        path: d.path,
        decision,
        reason,
        ...(decision === 'fix-requested' && input.patch ? { patch: input.patch } : {}),
        author: input.actor,
      })
      .returning();
    await tx.insert(auditLog).values({
      actor: input.actor,
      action: `review.${decision}`,
      region: d.region,
      target: `${d.catalogCode}${d.path}`,
      detail: { key: d.key, fingerprint: d.fingerprint, kind: d.kind, reason },
    });
    return { ok: true, review: row as Review } as const;
  });
}
