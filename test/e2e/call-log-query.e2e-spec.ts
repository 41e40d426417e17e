import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { RawClient } from '../support/raw-client.js';
import { Stack } from '../support/stack.js';
import { until } from '../support/until.js';

/**
 * What the operator console asks of the audit API (issue 14), against the real apps: wildcard
 * searches safe against SQL wildcards, the internal-traffic filter, whitelisted sorts with their
 * own cursors, the histogram, hiding the operator's own reads in the operation log, and an
 * alert's title that follows its details.
 */

jest.setTimeout(300_000);

const PING = 'service.system.ping.v1';
const INTERNAL = /^crm-(auth|marketing|sales|service|audit)$/;
let stack: Stack;
let client: RawClient;
let token: string;
let adminId: string;
let start: string;

async function api(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${stack.url('audit')}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, body: await res.json() };
}

/** Every item of a list query, following nextCursor. */
async function all(path: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const r = await api(`${path}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(r.status).toBe(200);
    items.push(...r.body.items);
    cursor = r.body.nextCursor;
  } while (cursor);
  return items;
}

const q = (params: Record<string, string>) => new URLSearchParams({ from: start, ...params }).toString();

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'service', 'audit'], env: { CALLER_MAX_FAILURES: '100' } });
  client = await RawClient.connect();
  start = new Date(Date.now() - 1000).toISOString();
  const pw = await stack.createCaller('QUERY-PARTNER', [PING]);
  const ping = async (requestId: string) => {
    // 5030 (a dependency slow to answer on a loaded machine) says "retry later": a client does.
    let reply = await client.call(stack.queue('service'), PING, { caller: 'QUERY-PARTNER', password: pw, requestId });
    for (let retry = 0; retry < 3 && reply.err?.code === 5030; retry++)
      reply = await client.call(stack.queue('service'), PING, { caller: 'QUERY-PARTNER', password: pw, requestId });
    expect(reply).toMatchObject({ response: { code: 0 } });
  };
  for (let i = 0; i < 12; i++) await ping(`q-batch-${i}`);
  await ping('q%pct-1');
  await ping('q%pct-2');
  await ping('q_under-1');
  for (let i = 0; i < 5; i++)
    expect((await client.call(stack.queue('service'), PING, { caller: 'QUERY-INTRUDER', password: `guess-${i}` })).err?.code).toBe(4002);
  token = await stack.adminToken();
  adminId = (await stack.adminCredentials()).employeeId;
  await until(
    'the calls stored and the alert raised',
    async () => ({
      partner: (await api(`/audit/calls?${q({ caller: 'QUERY-PARTNER' })}`)).body.items.length,
      intruder: (await api(`/audit/calls?${q({ caller: 'QUERY-INTRUDER' })}`)).body.items.length,
      alerts: (await api('/audit/alerts?rule=auth-failures')).body.items.length,
    }),
    (v) => v.partner === 15 && v.intruder === 5 && v.alerts === 1,
    30_000,
  );
}, 480_000);

afterAll(async () => {
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('wildcard searches on pattern, caller and request ID', () => {
  it('finds by prefix with *, and still matches exactly without one', async () => {
    const byPrefix = await all(`/audit/calls?${q({ pattern: 'service.system.*', caller: 'QUERY-PARTNER' })}`);
    expect(byPrefix).toHaveLength(15);
    expect((await api(`/audit/calls?${q({ pattern: 'service.system' })}`)).body.items).toEqual([]);
    expect(await all(`/audit/calls?${q({ caller: 'QUERY-PARTNER' })}`)).toHaveLength(15);
    expect(await all(`/audit/calls?${q({ caller: 'QUERY-*' })}`)).toHaveLength(20);
    expect(await all(`/audit/calls?${q({ caller: '*INTRUDER' })}`)).toHaveLength(5);
    const batch1 = await all(`/audit/calls?${q({ requestId: 'q-batch-1*' })}`);
    expect(batch1.map((c) => c.requestId).sort()).toEqual(['q-batch-1', 'q-batch-10', 'q-batch-11']);
  });

  it("matches the value's own % and _ literally (no SQL wildcard gets through)", async () => {
    const percent = await all(`/audit/calls?${q({ requestId: 'q%*' })}`);
    expect(percent.map((c) => c.requestId).sort()).toEqual(['q%pct-1', 'q%pct-2']);
    expect((await all(`/audit/calls?${q({ requestId: 'q_*' })}`)).map((c) => c.requestId)).toEqual(['q_under-1']);
    expect((await api(`/audit/calls?${q({ pattern: 'service_system.*' })}`)).body.items).toEqual([]);
    expect((await api(`/audit/calls?${q({ pattern: '%' })}`)).body.items).toEqual([]);
  });
});

describe('internal traffic', () => {
  it('internal=false hides the apps’ own callers (credential and session checks), internal=true shows only them', async () => {
    const to = new Date().toISOString();
    const external = await all(`/audit/calls?${q({ to, internal: 'false', limit: '1000' })}`);
    const internal = await all(`/audit/calls?${q({ to, internal: 'true', limit: '1000' })}`);
    expect(external.length).toBeGreaterThanOrEqual(20);
    expect(external.filter((c) => INTERNAL.test(c.caller ?? ''))).toEqual([]);
    expect(internal.length).toBeGreaterThan(0);
    expect(internal.every((c) => INTERNAL.test(c.caller))).toBe(true);
    // Both halves make the whole (once everything before `to` is stored).
    await until(
      'the halves to add up',
      async () => [
        (await all(`/audit/calls?${q({ to, limit: '1000' })}`)).length,
        (await all(`/audit/calls?${q({ to, internal: 'false', limit: '1000' })}`)).length +
          (await all(`/audit/calls?${q({ to, internal: 'true', limit: '1000' })}`)).length,
      ],
      ([whole, sum]) => whole === sum,
    );
    expect((await api('/audit/calls?internal=maybe')).body).toMatchObject({
      code: 4220,
      details: [expect.objectContaining({ field: 'internal' })],
    });
  });
});

describe('sorted pages', () => {
  it('pages through a sort on durationMs with cursors of that order, every row once', async () => {
    const rows = await all(`/audit/calls?${q({ caller: 'QUERY-PARTNER', sort: 'durationMs', order: 'desc', limit: '4' })}`);
    expect(rows).toHaveLength(15);
    expect(new Set(rows.map((r) => r.id)).size).toBe(15);
    for (let i = 1; i < rows.length; i++) expect(rows[i].durationMs).toBeLessThanOrEqual(rows[i - 1].durationMs);
    const asc = await all(`/audit/calls?${q({ caller: 'QUERY-PARTNER', sort: 'durationMs', order: 'asc', limit: '6' })}`);
    // Ties fall back to insertion order both ways, so ascending is exactly descending reversed.
    expect(asc.map((r) => r.id)).toEqual([...rows].reverse().map((r) => r.id));
  });

  it('sorts text columns, and refuses a cursor of another order or a column off the whitelist', async () => {
    const byCaller = await all(`/audit/calls?${q({ caller: 'QUERY-*', sort: 'caller', order: 'asc', limit: '7' })}`);
    expect(byCaller.map((c) => c.caller)).toEqual([...Array(5).fill('QUERY-INTRUDER'), ...Array(15).fill('QUERY-PARTNER')]);
    const first = await api(`/audit/calls?${q({ sort: 'code', limit: '1' })}`);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const mixed = await api(`/audit/calls?${q({ limit: '1' })}&cursor=${first.body.nextCursor}`);
    expect(mixed.body).toMatchObject({ code: 4220, details: [{ field: 'cursor', reasons: [expect.any(String)] }] });
    expect((await api('/audit/calls?sort=message')).body).toMatchObject({
      code: 4220,
      details: [expect.objectContaining({ field: 'sort' })],
    });
  });
});

describe('GET /audit/calls/histogram', () => {
  it('counts calls and failures per bucket, every bucket of the range, with the list’s filters', async () => {
    const to = new Date().toISOString();
    const r = await api(`/audit/calls/histogram?${q({ to, caller: 'QUERY-*', buckets: '30' })}`);
    expect(r.status).toBe(200);
    const h = r.body;
    expect(h).toMatchObject({ from: start, to, bucketSeconds: expect.any(Number), total: { calls: 20, errors: 5 } });
    expect(h.buckets.length).toBeLessThanOrEqual(31);
    for (let i = 1; i < h.buckets.length; i++)
      expect(Date.parse(h.buckets[i].at) - Date.parse(h.buckets[i - 1].at)).toBe(h.bucketSeconds * 1000);
    expect(Date.parse(h.buckets[0].at)).toBeLessThanOrEqual(Date.parse(start));
    expect(Date.parse(h.buckets.at(-1).at)).toBeLessThan(Date.parse(to));
    expect(h.buckets.reduce((n: number, b: any) => n + b.calls, 0)).toBe(20);
    const intruder = await api(`/audit/calls/histogram?${q({ to, caller: 'QUERY-INTRUDER' })}`);
    expect(intruder.body.total).toEqual({ calls: 5, errors: 5 });
    const external = await api(`/audit/calls/histogram?${q({ to, internal: 'false', buckets: '240' })}`);
    const listed = await all(`/audit/calls?${q({ to, internal: 'false', limit: '1000' })}`);
    expect(external.body.total.calls).toBe(listed.length);
  });

  it('defaults to the last 24 hours, refuses bad bucket counts, and is recorded as the operator’s query', async () => {
    const r = await api('/audit/calls/histogram');
    expect(r.status).toBe(200);
    expect(Date.parse(r.body.to) - Date.parse(r.body.from)).toBe(86_400_000);
    expect(r.body.bucketSeconds).toBe(1800);
    expect((await api('/audit/calls/histogram?buckets=0')).body).toMatchObject({ code: 4220 });
    expect((await api('/audit/calls/histogram?buckets=241')).body).toMatchObject({ code: 4220 });
    await until(
      'the histogram query in the operation log',
      async () => (await api(`/audit/operations?entity=call-log&action=query&employee=${adminId}&limit=1000`)).body.items as any[],
      (items) => items.some((o) => o.changes.some((c: any) => c.field === 'aggregate' && c.new === 'histogram')),
    );
  });
});

describe('the operation log without the operator’s own reads', () => {
  it('ownReads=false hides this operator’s queries and views, not their other actions', async () => {
    const [alert] = (await api('/audit/alerts?rule=auth-failures')).body.items;
    const call = (await api(`/audit/calls?${q({ caller: 'QUERY-PARTNER', limit: '1' })}`)).body.items[0];
    expect((await api(`/audit/calls/${call.id}`)).status).toBe(200);
    expect((await api(`/audit/alerts/${alert.id}/ack`, { method: 'POST', body: { note: 'seen' } })).status).toBe(200);
    const mine = async (ownReads?: string) =>
      all(`/audit/operations?${new URLSearchParams({ employee: adminId, limit: '1000', ...(ownReads ? { ownReads } : {}) })}`);
    const everything = await until(
      'the view and the acknowledgement recorded',
      () => mine(),
      (items) => items.some((o) => o.action === 'view') && items.some((o) => o.action === 'acknowledge'),
    );
    expect(everything.some((o) => o.action === 'query')).toBe(true);
    const withoutReads = await mine('false');
    expect(withoutReads.filter((o) => o.action === 'query' || o.action === 'view')).toEqual([]);
    expect(withoutReads.map((o) => o.action)).toContain('acknowledge');
    expect((await mine('true')).length).toBeGreaterThanOrEqual(everything.length);
  });
});

describe('alert title', () => {
  it('quotes the same count as its details after another failure joins the open alert', async () => {
    for (let i = 0; i < 5; i++)
      expect((await client.call(stack.queue('service'), PING, { caller: 'TITLE-INTRUDER', password: `guess-${i}` })).err?.code).toBe(4002);
    const subject = async () =>
      ((await api('/audit/alerts?rule=auth-failures&status=open')).body.items as any[]).find((a) => a.subject === 'TITLE-INTRUDER');
    const raised = await until('the alert', subject, (a) => !!a, 30_000);
    expect(raised.title).toMatch(/^5 failed authentications/);
    expect((await client.call(stack.queue('service'), PING, { caller: 'TITLE-INTRUDER', password: 'guess-6' })).err?.code).toBe(4002);
    const grown = await until('the sixth failure absorbed', subject, (a) => a.occurrences === 2, 30_000);
    expect(grown.details.failures).toBe(6);
    expect(grown.title).toMatch(/^6 failed authentications by caller TITLE-INTRUDER/);
  });
});
