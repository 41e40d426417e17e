import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ACCOUNT_UPDATED_V1,
  OPERATION_RECORDED_V1,
  SERVICE_CASE_SLA_BREACHED_V1,
  SERVICE_CASE_SLA_WARNING_V1,
  type AccountUpdatedData,
  type CaseSlaEventData,
  type EventPattern,
} from '@crm/contracts';
import { extractTraceContext, SpanKind, startSpan, withTraceContext } from '@crm/tracing';
import { ChangeRecorder, type Change } from './change-recorder.js';
import { OUTBOX_INSERT_ROWS, OUTBOX_PENDING, OutboxWriter, storedJson, type OutboxEvent } from './outbox-writer.js';

/** A transaction's manager that records each statement; `rows()` reads the outbox rows back out of the INSERTs. */
function fakeManager(active = true) {
  const statements: Array<{ sql: string; params: unknown[] }> = [];
  const data: Record<string, unknown> = {};
  const manager = {
    queryRunner: { isTransactionActive: active, data },
    query: (sql: string, params: unknown[]) => (statements.push({ sql, params }), Promise.resolve({ affectedRows: 1 })),
  } as unknown as EntityManager;
  const rows = () =>
    statements.flatMap(({ sql, params }) => {
      expect(sql).toMatch(
        /^INSERT INTO outbox_message \(id, kind, stream, target, pattern, data, meta, created_at, attempts, next_attempt_at\) VALUES /,
      );
      const width = 9;
      expect(sql.match(/\(\?, \?, \?, \?, \?, \?, \?, \?, 0, \?\)/g)).toHaveLength(params.length / width);
      return Array.from({ length: params.length / width }, (_, i) => params.slice(i * width, (i + 1) * width));
    });
  return { manager, statements, data, rows };
}

/** Rows with generated ids and times replaced by their order of first appearance, so two runs compare equal. */
function normalised(rows: unknown[][]): unknown {
  const ids = new Map<string, string>();
  const text = JSON.stringify(rows).replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g,
    (v) => (/Z$/.test(v) ? 'TIME' : (ids.get(v) ?? ids.set(v, `id${ids.size}`).get(v)!)),
  );
  return JSON.parse(text);
}

const sla = (caseId: string): CaseSlaEventData => ({
  caseId,
  caseNo: `CS-${caseId}`,
  target: 'response',
  dueAt: '2026-11-30T05:00:03.000Z',
  thresholdAt: '2026-11-30T05:00:03.000Z',
  priority: 'urgent',
  category: 'complaint',
  accountId: null,
  slaPolicyId: 'p1',
});

describe('OutboxWriter.addMany', () => {
  it('writes the same rows as one add per event, in order, with one statement, and wakes the relay', async () => {
    const events: OutboxEvent[] = [
      { pattern: SERVICE_CASE_SLA_WARNING_V1, data: sla('c1'), options: { caller: 'system:x', employeeId: null, stream: 's-1' } },
      { pattern: SERVICE_CASE_SLA_BREACHED_V1, data: sla('c1'), options: { id: '11111111-1111-4111-8111-111111111111', stream: 's-1' } },
      { pattern: SERVICE_CASE_SLA_BREACHED_V1, data: sla('c2') },
    ];
    const single = fakeManager();
    const writer = new OutboxWriter();
    const singleIds: string[] = [];
    for (const e of events) singleIds.push(await writer.add(single.manager, e.pattern, e.data as never, e.options));
    const batch = fakeManager();
    const ids = await writer.addMany(batch.manager, events);

    expect(single.statements).toHaveLength(3);
    expect(batch.statements).toHaveLength(1);
    expect(normalised(batch.rows())).toEqual(normalised(single.rows()));
    expect(batch.rows().map((r) => r[0])).toEqual(ids);
    expect(ids[1]).toBe('11111111-1111-4111-8111-111111111111');
    // Stream keys in the order given: the database numbers the VALUES rows in that order.
    expect(batch.rows().map((r) => [r[2], (JSON.parse(r[5] as string) as { caseId: string }).caseId, r[4]])).toEqual([
      ['s-1', 'c1', SERVICE_CASE_SLA_WARNING_V1],
      ['s-1', 'c1', SERVICE_CASE_SLA_BREACHED_V1],
      [null, 'c2', SERVICE_CASE_SLA_BREACHED_V1],
    ]);
    expect(batch.data[OUTBOX_PENDING]).toBe(true);
  });

  it('splits a large batch into chunks that keep the order, and writes nothing for an empty one', async () => {
    const n = OUTBOX_INSERT_ROWS * 2 + 5;
    const events: OutboxEvent[] = Array.from({ length: n }, (_, i) => ({
      pattern: SERVICE_CASE_SLA_BREACHED_V1,
      data: sla(`c${i}`),
      options: { stream: 'one' },
    }));
    const { manager, statements, rows } = fakeManager();
    await new OutboxWriter().addMany(manager, events);
    expect(statements.map((s) => s.params.length / 9)).toEqual([OUTBOX_INSERT_ROWS, OUTBOX_INSERT_ROWS, 5]);
    expect(rows().map((r) => (JSON.parse(r[5] as string) as { caseId: string }).caseId)).toEqual(
      events.map((e) => (e.data as CaseSlaEventData).caseId),
    );

    const empty = fakeManager();
    expect(await new OutboxWriter().addMany(empty.manager, [])).toEqual([]);
    expect(empty.statements).toHaveLength(0);
    expect(empty.data[OUTBOX_PENDING]).toBeUndefined();
  });

  it('closes a chunk early when its JSON grows past the size limit', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const events = Array.from({ length: 9 }, (_, i) => ({
      pattern: 'test.big.v1' as EventPattern,
      data: { i, big } as never,
    })) as OutboxEvent[];
    const { manager, statements } = fakeManager();
    await new OutboxWriter().addMany(manager, events);
    expect(statements.map((s) => s.params.length / 9)).toEqual([3, 3, 3]);
  });

  it('refuses to write outside a transaction', async () => {
    const { manager, statements } = fakeManager(false);
    await expect(new OutboxWriter().addMany(manager, [{ pattern: SERVICE_CASE_SLA_BREACHED_V1, data: sla('c1') }])).rejects.toThrow(
      'open transaction',
    );
    expect(statements).toHaveLength(0);
  });
});

const updated: AccountUpdatedData = {
  accountId: 'c-1',
  accountNo: 'ACC-1',
  name: 'Lei',
  industryCode: null,
  regionCode: null,
  segment: 'consumer',
  parentId: null,
  ownerId: 'E100001',
  territoryId: null,
  version: 2,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-02T00:00:00.000Z',
  changedFields: ['name'],
};

describe('OutboxWriter trace context', () => {
  it("stores the active span's trace context in the row's meta, so the relay continues it after a restart", async () => {
    const span = startSpan(
      'service.workorder.dispatch.v1',
      SpanKind.SERVER,
      extractTraceContext({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'vendor=abc' }),
    );
    const traced = fakeManager();
    const writer = new OutboxWriter();
    await withTraceContext(span.context, async () => {
      await writer.add(traced.manager, SERVICE_CASE_SLA_WARNING_V1, sla('c1'), { caller: 'EOMS' });
      await writer.addMany(traced.manager, [{ pattern: SERVICE_CASE_SLA_BREACHED_V1, data: sla('c1') }]);
      await writer.call(traced.manager, 'eoms', 'eoms.workorder.stage-reply.v1', { orderNo: 'W1' });
    });
    const metas = traced.rows().map((r) => JSON.parse(r[6] as string) as Record<string, unknown>);
    expect(metas).toEqual([
      { caller: 'EOMS', employeeId: null, ...span.headers() },
      { caller: null, employeeId: null, ...span.headers() },
      { caller: null, employeeId: null, ...span.headers() },
    ]);
    expect(metas[0]).toMatchObject({ traceparent: `00-4bf92f3577b34da6a3ce929d0e0e4736-${span.spanId}-01`, tracestate: 'vendor=abc' });

    // Outside any trace (a scheduler's job) the meta is as before.
    const untraced = fakeManager();
    await writer.add(untraced.manager, SERVICE_CASE_SLA_WARNING_V1, sla('c2'));
    expect(JSON.parse(untraced.rows()[0]![6] as string)).toEqual({ caller: null, employeeId: null });
  });
});

describe('ChangeRecorder.recordMany', () => {
  const ds = {} as DataSource;
  const context = { caller: 'FRONTEND', employeeId: 'E100001', requestId: 'rq-1' };
  const changes: Change[] = [
    {
      entity: 'account',
      entityId: 'c-1',
      action: 'update',
      before: { name: 'Li', secretToken: 'a' },
      after: { name: 'Lei', secretToken: 'b' },
      event: { pattern: ACCOUNT_UPDATED_V1, data: updated, stream: 'account:c-1' },
    },
    { entity: 'account', entityId: 'c-2', action: 'touch', before: { n: 1 }, after: { n: 2 } },
    {
      entity: 'case',
      entityId: 'c1',
      action: 'sla-breach',
      before: { slaState: 'ok' },
      after: { slaState: 'breached' },
      event: { pattern: SERVICE_CASE_SLA_BREACHED_V1, data: sla('c1') },
    },
  ];

  it('writes the same rows as one record per change (entry, then its event), with one statement', async () => {
    const writer = new OutboxWriter();
    const recorder = new ChangeRecorder('sales', writer, ds);
    const single = fakeManager();
    for (const c of changes) await recorder.record(single.manager, context, c);
    const batch = fakeManager();
    const entries = await recorder.recordMany(batch.manager, context, changes);

    expect(single.statements).toHaveLength(5);
    expect(batch.statements).toHaveLength(1);
    expect(normalised(batch.rows())).toEqual(normalised(single.rows()));
    expect(batch.rows().map((r) => r[4])).toEqual([
      OPERATION_RECORDED_V1,
      ACCOUNT_UPDATED_V1,
      OPERATION_RECORDED_V1,
      OPERATION_RECORDED_V1,
      SERVICE_CASE_SLA_BREACHED_V1,
    ]);
    // Each entry's row id is its own id; the secret is masked; the event keeps its stream.
    expect(entries.map((e) => e.entityId)).toEqual(['c-1', 'c-2', 'c1']);
    expect([0, 2, 3].map((i) => batch.rows()[i]![0])).toEqual(entries.map((e) => e.id));
    expect(entries[0]!.changes).toEqual([
      { field: 'name', old: 'Li', new: 'Lei' },
      { field: 'secretToken', old: '***', new: '***' },
    ]);
    expect(batch.rows()[1]![2]).toBe('account:c-1');
    expect(JSON.parse(batch.rows()[1]![5] as string)).toEqual(updated);
  });

  it('checks every change before writing anything, and runs in a transaction of its own without a manager', async () => {
    const own = fakeManager();
    const transactions: number[] = [];
    const recorder = new ChangeRecorder('service', new OutboxWriter(), {
      transaction: <T>(run: (m: EntityManager) => Promise<T>) => (transactions.push(1), run(own.manager)),
    } as unknown as DataSource);
    await expect(recorder.recordMany(own.manager, { caller: null, employeeId: null }, changes)).rejects.toThrow('needs an actor');
    expect(own.statements).toHaveLength(0);
    await recorder.recordMany(null, { caller: 'system:sla-scheduler', employeeId: null }, changes);
    expect(transactions).toHaveLength(1);
    expect(own.rows()).toHaveLength(5);
  });
});

describe('storedJson', () => {
  it('turns a lone surrogate into U+FFFD, so the JSON column check accepts the row', () => {
    expect(storedJson({ caller: 'a\udfffb\ud800' })).toBe('{"caller":"a\\ufffdb\\ufffd"}');
    expect(JSON.parse(storedJson({ caller: 'a\udfff' })).caller).toBe('a\ufffd');
  });

  it('keeps surrogate pairs, and a literal backslash before "ud800"', () => {
    expect(storedJson({ s: '🙂', t: '\\ud800' })).toBe(JSON.stringify({ s: '🙂', t: '\\ud800' }));
    expect(JSON.parse(storedJson({ t: '\\\udfff' })).t).toBe('\\\ufffd');
  });
});
