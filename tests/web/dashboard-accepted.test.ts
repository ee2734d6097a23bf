// The dashboard's 错误 column on a real sync of the demo catalog, whose four errors are each accepted in their
// region's decisions.yaml (tests/helpers/demo.ts): validate exits 0 on them, so the dashboard shows them as
// accepted beside the errors still to mend, not as red ones; a web decision that reopens one makes it red again.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO, removeTempDirs, v2Copy } from '../exchange/helpers.js';
import { DEMO_ACCEPTED_ERRORS } from '../helpers/demo.js';
import { syncedApp } from './seed.js';

type Region = { code: string; errors: number; acceptedErrors: number };
let synced: Awaited<ReturnType<typeof syncedApp>>;
let cookie: string;
let app: Awaited<ReturnType<typeof syncedApp>>['app'];
beforeAll(async () => {
  synced = await syncedApp(v2Copy(DEMO), { name: 'admin', region: '420000', role: 'admin' });
  ({ app, cookie } = synced);
}, 180_000);
afterAll(() => {
  synced.cleanup();
  removeTempDirs();
});

const regions = async (): Promise<Region[]> =>
  ((await (await app.request('/?format=json', { headers: { Cookie: cookie } })).json()) as { regions: Region[] }).regions;

describe('dashboard: accepted errors', () => {
  test('each region counts its accepted errors apart; none of the demo\'s errors is red', async () => {
    const byRegion = new Map<string, number>();
    for (const [, region] of DEMO_ACCEPTED_ERRORS) byRegion.set(region, (byRegion.get(region) ?? 0) + 1);
    const rows = await regions();
    for (const [code, n] of byRegion) expect(rows.find((r) => r.code === code), code).toMatchObject({ errors: n, acceptedErrors: n });
    expect(rows.filter((r) => r.errors !== r.acceptedErrors)).toEqual([]);

    const res = await app.request('/', { headers: { Cookie: cookie } });
    const html = await res.text();
    expect(html).not.toContain('class="err-count"');
    expect(html).toContain('另 2 已接受'); // 西陵区
    const csv = await (await app.request('/?format=csv', { headers: { Cookie: cookie } })).text();
    expect(csv.split('\r\n')[0]).toContain(',errors,acceptedErrors,warnings,');
  });

  test('reopening one in the review UI makes it an error to mend again', async () => {
    const [rule, region, catalogCode] = DEMO_ACCEPTED_ERRORS[3];
    const queue = (await (await app.request(`/queue?region=${region}&scope=self&rule=${rule}&format=json`, { headers: { Cookie: cookie } })).json()) as { discrepancies: Array<{ key: string; catalogCode: string }> };
    const key = queue.discrepancies.find((d) => d.catalogCode === catalogCode)!.key;
    const page = await (await app.request(`/decide?key=${encodeURIComponent(key)}`, { headers: { Cookie: cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const fingerprint = /name="fingerprint" value="([^"]+)"/.exec(page)![1]!;
    const posted = await app.request('/decide', {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, key, fingerprint, decision: 'reopened', reason: 'recheck' }).toString(),
    });
    expect(posted.status).toBeLessThan(400);
    expect((await regions()).find((r) => r.code === region)).toMatchObject({ errors: 1, acceptedErrors: 0 });
    expect(await (await app.request('/', { headers: { Cookie: cookie } })).text()).toContain('<span class="err-count">1</span>');
  });
});
