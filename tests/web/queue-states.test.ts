// A queue filtered to decided or outdated discrepancies pages through the (memoized) list of reviewed keys; with
// other filters it asks SQLite. Both must give what filtering the whole queue by state and region gives.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { discrepancies } from '../../src/store/schema.js';
import { form, recordSync, testApp } from './seed.js';

let t: Awaited<ReturnType<typeof testApp>>;
type Row = { key: string; region: string; kind: string; status: string };
const LINEAGE: Record<string, string> = {
  '420000': '420000',
  '420100': '420000/420100',
  '420102': '420000/420100/420102',
  '420500': '420000/420500',
  '420502': '420000/420500/420502',
  '429004': '420000/429004',
};

beforeAll(async () => {
  t = await testApp();
  const admin = t.sessions.admin;
  // four decisions in four regions, then a sync changes two of those discrepancies: two decided, two outdated
  for (const key of [t.keys.conditions, t.keys.visits, t.keys.xss, t.keys.lockedName]) {
    const fingerprint = t.discrepancies.find((d) => d.key === key)!.fingerprint;
    const res = await t.app.request('/decide', form({ _csrf: admin.csrf, key, fingerprint, decision: 'accepted', reason: '本地规定' }, { Cookie: admin.cookie }));
    expect(res.status).toBe(303);
  }
  for (const key of [t.keys.visits, t.keys.lockedName]) {
    await t.store.db.update(discrepancies).set({ fingerprint: `changed-${key.length}` }).where(eq(discrepancies.key, key));
  }
  await recordSync(t.store);
});
afterAll(() => t.cleanup());

async function rows(query: string): Promise<{ total: number; discrepancies: Row[] }> {
  const res = await t.app.request(`/queue?${query}&format=json`, { headers: { Cookie: t.sessions.admin.cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as { total: number; discrepancies: Row[] };
}

test('decided and outdated pages, by region, subtree or self, one row a page, agree with the whole queue', async () => {
  const all = (await rows('per=500')).discrepancies;
  expect(all.filter((r) => r.status === 'decided').map((r) => r.key).sort()).toEqual([t.keys.conditions, t.keys.xss].sort());
  expect(all.filter((r) => r.status === 'outdated').map((r) => r.key).sort()).toEqual([t.keys.visits, t.keys.lockedName].sort());
  const regions: [string | undefined, 'subtree' | 'self'][] = [[undefined, 'subtree'], ['420000', 'subtree'], ['420000', 'self'], ['420100', 'subtree'], ['420100', 'self'], ['420102', 'subtree'], ['420500', 'subtree'], ['429004', 'subtree']];
  for (const status of ['decided', 'outdated']) {
    for (const [region, scope] of regions) {
      const lineage = region ? LINEAGE[region]! : '';
      const wanted = all
        .filter((r) => r.status === status)
        .filter((r) => {
          if (!region) return true;
          if (scope === 'self') return r.region === region;
          const own = LINEAGE[r.region]!;
          return own === lineage || own.startsWith(`${lineage}/`);
        })
        .map((r) => r.key);
      const filter = `status=${status}${region ? `&region=${region}` : ''}${scope === 'self' ? '&scope=self' : ''}`;
      const whole = await rows(filter);
      expect(whole.discrepancies.map((r) => r.key), filter).toEqual(wanted);
      expect(whole.total, filter).toBe(wanted.length);
      for (let page = 1; page <= wanted.length + 1; page++) {
        const one = await rows(`${filter}&per=1&page=${page}`);
        expect(one.discrepancies.map((r) => r.key), `${filter} page ${page}`).toEqual(wanted.slice(page - 1, page));
      }
      // another filter besides the region goes through SQL: the same rows of that kind
      const ofKind = await rows(`${filter}&kind=looser`);
      expect(ofKind.discrepancies.map((r) => r.key), `${filter}&kind=looser`).toEqual(
        wanted.filter((key) => all.find((r) => r.key === key)!.kind === 'looser'),
      );
    }
  }
});
