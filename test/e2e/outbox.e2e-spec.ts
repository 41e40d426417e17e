import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { CrmError, ErrorCode, type EventPattern } from '@crm/contracts';
import {
  DIRECT_MAX_ROWS,
  OUTBOX_ENTITIES,
  OUTBOX_MIGRATIONS,
  OutboxMessageEntity,
  OutboxRelay,
  OutboxWriter,
  type CallOutcome,
  type OutboundCalls,
  type OutboxEvent,
  type OutboxOptions,
} from '@crm/outbox';
import { dataSourceOptions, dropDatabase, ensureDatabase } from '@crm/persistence';
import { extractTraceContext, ROOT_CONTEXT, SpanKind, startSpan, traceHeadersOf, withTraceContext } from '@crm/tracing';
import { until } from '../support/until.js';

/**
 * The shared transactional outbox (`@crm/outbox`) against the real MariaDB: rows exist only for
 * committed transactions, the commit kick sends them at once, failures are retried with backoff,
 * relays working the same table (replicas) send every row exactly once between them, a stream's
 * rows leave in order across competing relays, and calls are retried until answered, their reply
 * handler running in the transaction that deletes the row.
 */

jest.setTimeout(60_000);

const target = {
  databaseUrl: process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306',
  database: `t_${randomBytes(5).toString('hex')}_outbox`,
};
let ds: DataSource;
const writer = new OutboxWriter();

/**
 * The relay does not care what a row says: these rows use test patterns and shapes outside
 * `EventPayloads`, so they bypass `OutboxWriter.add`'s pattern → payload check.
 */
function addRow(m: EntityManager, pattern: string, data: Record<string, unknown>, options?: OutboxOptions): Promise<string> {
  return writer.add(m, pattern as EventPattern, data as never, options);
}

interface Published {
  pattern: string;
  data: Record<string, unknown>;
  meta: { eventId?: string; caller?: string | null; employeeId?: string | null };
  /** The trace active when the relay handed the row over (the real publisher sends the event as a leg of it). */
  traceparent: string | null;
}

/** Stands in for the confirmed EventPublisher; `failures` makes the next N publishes fail, `fail` chosen ones. */
class FakePublisher {
  readonly published: Published[] = [];
  failures = 0;
  fail: (data: Record<string, unknown>) => boolean = () => false;
  delayMs = 0;
  async publishStored(pattern: string, data: object, meta: Published['meta'] = {}): Promise<string> {
    const traceparent = traceHeadersOf()?.traceparent ?? null;
    await new Promise((r) => (this.delayMs ? setTimeout(r, Math.random() * this.delayMs) : setImmediate(r)));
    if (this.fail(data as Record<string, unknown>)) throw new Error('broker unavailable');
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('broker unavailable');
    }
    this.published.push({ pattern, data: data as Record<string, unknown>, meta, traceparent });
    return meta.eventId ?? '';
  }
}

async function rows(): Promise<OutboxMessageEntity[]> {
  return ds.getRepository(OutboxMessageEntity).find();
}

beforeAll(async () => {
  await ensureDatabase(target);
  ds = new DataSource(dataSourceOptions(target, OUTBOX_ENTITIES, OUTBOX_MIGRATIONS, 8));
  await ds.initialize();
  await ds.runMigrations();
  await ds.query('CREATE TABLE reply_seen (request_id CHAR(36) NOT NULL PRIMARY KEY, outcome VARCHAR(20) NOT NULL)');
});

afterAll(async () => {
  await ds?.destroy();
  await dropDatabase(target);
});

describe('OutboxWriter', () => {
  it('writes nothing for a rolled-back transaction, and refuses to write outside one', async () => {
    await expect(
      ds.transaction(async (m) => {
        await addRow(m, 'test.thing.happened.v1', { n: 1 });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await rows()).toHaveLength(0);
    await expect(addRow(ds.manager, 'test.thing.happened.v1', {})).rejects.toThrow('open transaction');
  });
});

describe('OutboxRelay', () => {
  it('sends right after the commit (not at the next poll) and deletes the row', async () => {
    const events = new FakePublisher();
    const relay = new OutboxRelay(ds, events, { pollMs: 60_000 });
    relay.start();
    try {
      const t0 = Date.now();
      let id = '';
      await ds.transaction(async (m) => {
        id = await addRow(m, 'test.thing.happened.v1', { n: 2 }, { employeeId: 'E100001' });
      });
      await until(
        'the publish',
        () => events.published.length,
        (n) => n === 1,
        5_000,
      );
      expect(Date.now() - t0).toBeLessThan(5_000);
      expect(events.published[0]).toEqual({
        pattern: 'test.thing.happened.v1',
        data: { n: 2 },
        meta: expect.objectContaining({ eventId: id, employeeId: 'E100001', caller: null }),
        traceparent: null,
      });
      await until('the row deleted', rows, (r) => r.length === 0, 5_000);
    } finally {
      await relay.stop();
    }
  });

  it('a second drain sends while the first waits for the broker: one slow confirm does not hold up later commits', async () => {
    const events = new FakePublisher();
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const publish = events.publishStored.bind(events);
    // The first row's confirm hangs until released, as a broker under a flow-control pause would.
    events.publishStored = async (pattern, data, meta) => {
      if ((data as { n?: number }).n === 1) await held;
      return publish(pattern, data, meta);
    };
    const relay = new OutboxRelay(ds, events, { pollMs: 60_000 });
    relay.start();
    try {
      await ds.transaction((m) => addRow(m, 'test.thing.happened.v1', { n: 1 }));
      await new Promise((r) => setTimeout(r, 200)); // the first drain is now waiting on its confirm
      await ds.transaction((m) => addRow(m, 'test.thing.happened.v1', { n: 2 }));
      await until(
        'the later row sent while the first is held',
        () => events.published.map((p) => p.data.n),
        (ns) => ns.includes(2),
        5_000,
      );
      expect(events.published.map((p) => p.data.n)).toEqual([2]);
      release();
      await until('both rows sent and deleted', rows, (r) => r.length === 0, 5_000);
      expect(events.published.map((p) => p.data.n).sort()).toEqual([1, 2]);
    } finally {
      release();
      await relay.stop();
    }
  });

  it('retries a failed publish with backoff until it succeeds', async () => {
    const events = new FakePublisher();
    events.failures = 2;
    const relay = new OutboxRelay(ds, events, { pollMs: 100 });
    relay.start();
    try {
      await ds.transaction(async (m) => {
        await addRow(m, 'audit.operation.recorded.v1', { entity: 'caller' }, { id: '6b7a2c1e-0000-4000-8000-000000000001', caller: 'cli' });
      });
      const failed = await until('the first failure recorded', rows, (r) => r.length === 1 && r[0].attempts >= 1, 5_000);
      expect(failed[0].lastError).toContain('broker unavailable');
      expect(failed[0].nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
      await until(
        'the publish after two failures',
        () => events.published.length,
        (n) => n === 1,
        15_000,
      );
      expect(events.published[0].meta).toMatchObject({ eventId: '6b7a2c1e-0000-4000-8000-000000000001', caller: 'cli', employeeId: null });
      expect(events.published[0].pattern).toBe('audit.operation.recorded.v1');
      await until('the row deleted', rows, (r) => r.length === 0, 5_000);
    } finally {
      await relay.stop();
    }
  });

  it('a claim whose sends partly fail deletes the sent rows and pushes only the failed one into the future', async () => {
    const events = new FakePublisher();
    events.fail = (data) => data.n === 2;
    const relay = new OutboxRelay(ds, events, { pollMs: 60_000 });
    try {
      // One transaction, so one claim holds all three rows.
      await ds.transaction(async (m) => {
        for (const n of [1, 2, 3]) await addRow(m, 'test.thing.happened.v1', { n });
      });
      relay.start();
      const left = await until('the sent rows deleted', rows, (r) => r.length === 1 && r[0].attempts === 1, 5_000);
      expect(left[0]).toMatchObject({ data: { n: 2 }, lastError: 'broker unavailable' });
      expect(left[0].nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
      expect(events.published.map((p) => p.data.n).sort()).toEqual([1, 3]);
      events.fail = () => false;
      await ds.getRepository(OutboxMessageEntity).update({ id: left[0].id }, { nextAttemptAt: new Date() });
      await relay.drain();
      expect(await rows()).toEqual([]);
      expect(events.published.map((p) => p.data.n).sort()).toEqual([1, 2, 3]);
    } finally {
      await relay.stop();
    }
  });

  it('relays on several replicas send every row once between them', async () => {
    const shared = new FakePublisher();
    const replicas = [
      new OutboxRelay(ds, shared, { pollMs: 50, batch: 7 }),
      new OutboxRelay(ds, shared, { pollMs: 50, batch: 7 }),
      new OutboxRelay(ds, shared, { pollMs: 50, batch: 7 }),
    ];
    // Rows written before the relays start: only the pollers (competing claims) can send them.
    for (let i = 0; i < 60; i++) {
      await ds.transaction(async (m) => {
        await addRow(m, 'test.thing.happened.v1', { i });
      });
    }
    for (const r of replicas) r.start();
    try {
      await until(
        'all 60 published',
        () => shared.published.length,
        (n) => n >= 60,
        20_000,
      );
      await until('the table drained', rows, (r) => r.length === 0, 5_000);
      const seen = shared.published.map((p) => p.meta.eventId);
      expect(new Set(seen).size).toBe(60);
      expect(seen).toHaveLength(60);
    } finally {
      await Promise.all(replicas.map((r) => r.stop()));
    }
  });

  it('a delete that InnoDB picks as a deadlock victim runs the claim again before anything is sent: the row goes out once', async () => {
    const events = new FakePublisher();
    // One drain: with two, rows the table still holds could be split between two deletes.
    const relay = new OutboxRelay(ds, events, { pollMs: 60_000, drains: 1 });
    const query = ds.query.bind(ds);
    let deletes = 0;
    // A transaction's statements come here with its query runner: passed on, they stay in it.
    ds.query = (async (sql: string, params?: unknown[], runner?: QueryRunner) => {
      if (sql.startsWith('DELETE FROM outbox_message') && deletes++ === 0) {
        throw Object.assign(new Error('Deadlock found when trying to get lock'), { driverError: { code: 'ER_LOCK_DEADLOCK' } });
      }
      return query(sql, params, runner);
    }) as typeof ds.query;
    relay.start();
    try {
      await ds.transaction((m) => addRow(m, 'test.thing.happened.v1', { n: 3 }));
      await until('the row deleted', rows, (r) => r.length === 0, 5_000);
      expect(deletes).toBe(2);
      expect(events.published).toHaveLength(1);
    } finally {
      ds.query = query;
      await relay.stop();
    }
  });
});

describe('ordered streams', () => {
  it('two relays competing: each stream leaves in order, one at a time, although sends fail and retry', async () => {
    const shared = new FakePublisher();
    shared.delayMs = 5;
    // Every third row fails once: its stream must wait for its retry.
    const failedOnce = new Set<string>();
    shared.fail = (d) => {
      const key = `${String(d.stream)}:${String(d.i)}`;
      if (Number(d.i) % 3 !== 1 || failedOnce.has(key)) return false;
      failedOnce.add(key);
      return true;
    };
    const relays = [0, 1].map(() => new OutboxRelay(ds, shared, { pollMs: 30, batch: 4, maxBackoffMs: 100 }));
    for (const r of relays) r.start();
    try {
      const streams = ['s-a', 's-b', 's-c'];
      // Interleaved writes from concurrent transactions, each stream's writes in order.
      await Promise.all(
        streams.map(async (stream) => {
          for (let i = 0; i < 12; i++) await ds.transaction((m) => addRow(m, 'test.stream.v1', { stream, i }, { stream }));
        }),
      );
      await until(
        'all 36 published',
        () => shared.published.length,
        (n) => n >= 36,
        30_000,
      );
      await until('the table drained', rows, (r) => r.length === 0, 5_000);
      for (const stream of streams) {
        expect(shared.published.filter((p) => p.data.stream === stream).map((p) => p.data.i)).toEqual([...Array(12).keys()]);
      }
      expect(failedOnce.size).toBe(12);
    } finally {
      await Promise.all(relays.map((r) => r.stop()));
    }
  });

  it('a row waits while an older row of its stream is unsent; rows of other streams do not', async () => {
    const events = new FakePublisher();
    events.fail = (d) => d.stream === 'blocked' && d.i === 0;
    const relay = new OutboxRelay(ds, events, { pollMs: 50, maxBackoffMs: 100 });
    relay.start();
    try {
      await ds.transaction(async (m) => {
        await addRow(m, 'test.stream.v1', { stream: 'blocked', i: 0 }, { stream: 'blocked' });
        await addRow(m, 'test.stream.v1', { stream: 'blocked', i: 1 }, { stream: 'blocked' });
        await addRow(m, 'test.stream.v1', { stream: 'free', i: 0 }, { stream: 'free' });
        await addRow(m, 'test.stream.v1', { i: 9 });
      });
      await until(
        'the free rows published',
        () => events.published.length,
        (n) => n === 2,
        5_000,
      );
      await new Promise((r) => setTimeout(r, 600));
      expect(events.published.map((p) => p.data)).toEqual(expect.arrayContaining([{ stream: 'free', i: 0 }, { i: 9 }]));
      expect(events.published.some((p) => p.data.stream === 'blocked')).toBe(false);
      const waiting = await rows();
      expect(waiting.map((r) => r.data.i).sort()).toEqual([0, 1]);
      expect(waiting.find((r) => r.data.i === 0)!.attempts).toBeGreaterThanOrEqual(2);
      expect(waiting.find((r) => r.data.i === 1)!.attempts).toBe(0);
      events.fail = () => false;
      await until(
        'the blocked stream sent',
        () => events.published.filter((p) => p.data.stream === 'blocked').map((p) => p.data.i),
        (i) => i.length === 2,
        5_000,
      );
      expect(events.published.filter((p) => p.data.stream === 'blocked').map((p) => p.data.i)).toEqual([0, 1]);
    } finally {
      await relay.stop();
    }
  });
});

describe('the batch path (addMany)', () => {
  it('writes a batch with one INSERT per chunk, numbered in order, and the commit hook sends each stream in order', async () => {
    const events = new FakePublisher();
    events.delayMs = 5;
    const relays = [0, 1].map(() => new OutboxRelay(ds, events, { pollMs: 60_000, batch: 7 }));
    for (const r of relays) r.start();
    const statements: string[] = [];
    try {
      // Test patterns outside `EventPayloads`, as in `addRow`.
      const batch = Array.from({ length: 60 }, (_, i) => ({
        pattern: 'test.batch.v1',
        data: { stream: `b-${i % 3}`, i },
        options: { stream: `b-${i % 3}`, caller: 'system:test' },
      })) as unknown as OutboxEvent[];
      let seqs: Array<{ id: string; seq: string }> = [];
      await ds.transaction(async (m) => {
        const query = m.query.bind(m);
        m.query = ((sql: string, p?: unknown[]) => (statements.push(sql), query(sql, p))) as typeof m.query;
        const ids = await writer.addMany(m, batch);
        seqs = await m.query('SELECT id, seq FROM outbox_message WHERE id IN (?)', [ids]);
        // The database numbers the VALUES rows in the order given.
        const order = new Map(ids.map((id, i) => [id, i]));
        const bySeq = [...seqs].sort((a, b) => Number(a.seq) - Number(b.seq)).map((r) => order.get(r.id));
        expect(bySeq).toEqual([...Array(60).keys()]);
      });
      expect(statements.filter((q) => q.startsWith('INSERT INTO outbox_message'))).toHaveLength(1);
      // pollMs 60 s: only the commit hook can have sent them.
      await until(
        'all 60 published',
        () => events.published.length,
        (n) => n >= 60,
        15_000,
      );
      for (const stream of ['b-0', 'b-1', 'b-2'])
        expect(events.published.filter((p) => p.data.stream === stream).map((p) => p.data.i)).toEqual(
          [...Array(20).keys()].map((k) => k * 3 + Number(stream.slice(2))),
        );
      expect(events.published[0]!.meta).toMatchObject({ caller: 'system:test', employeeId: null });
      await until('the table drained', rows, (r) => r.length === 0, 5_000);
    } finally {
      await Promise.all(relays.map((r) => r.stop()));
    }
  });
});

describe('outbound calls', () => {
  interface Sent {
    callee: string;
    queue: string;
    pattern: string;
    requestId?: string;
    attempt?: number;
    credentials: { caller: string; password: string };
    payload: unknown;
  }

  function fakeCalls(answer: (req: Sent) => unknown): OutboundCalls & { sent: Sent[] } {
    const sent: Sent[] = [];
    return {
      sent,
      client: {
        call: async <T>(req: Sent): Promise<T> => {
          sent.push(req);
          await new Promise((r) => setImmediate(r));
          return answer(req) as T;
        },
      } as OutboundCalls['client'],
      credentials: { get: async (target: string) => ({ caller: `crm-at-${target}`, password: 'pw' }) },
      queueOf: (target) => `q.${target}`,
      timeoutMs: 1000,
    };
  }

  it('retries a failed call with the same requestId, gives up on a definitive refusal, keeps the stream order, and applies each reply once in the delete transaction', async () => {
    let unavailable = 2;
    const calls = fakeCalls((req) => {
      const p = req.payload as { n: number };
      if (p.n === 1 && unavailable-- > 0) throw new CrmError(ErrorCode.Unavailable, 'target did not answer');
      if (p.n === 2) throw new CrmError(ErrorCode.Conflict, 'already closed');
      return { received: p.n };
    });
    const relay = new OutboxRelay(ds, new FakePublisher(), { pollMs: 50, maxBackoffMs: 100 }, calls);
    const outcomes: Array<{ n: unknown; outcome: CallOutcome }> = [];
    relay.onReply('test.reply.v1', async (m, outcome, call) => {
      outcomes.push({ n: call.payload.n, outcome });
      await m.query('INSERT INTO reply_seen (request_id, outcome) VALUES (?, ?)', [
        call.id,
        outcome.ok ? 'ok' : String(outcome.refusal.code),
      ]);
    });
    relay.start();
    try {
      const ids: string[] = [];
      await ds.transaction(async (m) => {
        for (const n of [1, 2, 3]) ids.push(await writer.call(m, 'eoms', 'test.reply.v1', { n }, { stream: 'order-1' }));
      });
      await until(
        'three replies handled',
        () => outcomes.length,
        (n) => n === 3,
        10_000,
      );
      await until('the table drained', rows, (r) => r.length === 0, 5_000);
      const order = calls.sent.map((c) => (c.payload as { n: number }).n);
      expect(order).toEqual([1, 1, 1, 2, 3]);
      expect(calls.sent.filter((c) => (c.payload as { n: number }).n === 1).map((c) => [c.requestId, c.attempt])).toEqual([
        [ids[0], 1],
        [ids[0], 2],
        [ids[0], 3],
      ]);
      expect(calls.sent[0]).toMatchObject({
        callee: 'eoms',
        queue: 'q.eoms',
        pattern: 'test.reply.v1',
        credentials: { caller: 'crm-at-eoms', password: 'pw' },
      });
      expect(outcomes.map((o) => [o.n, o.outcome.ok])).toEqual([
        [1, true],
        [2, false],
        [3, true],
      ]);
      expect(outcomes[0].outcome).toEqual({ ok: true, reply: { received: 1 } });
      const seen: Array<{ request_id: string; outcome: string }> = await ds.query(
        'SELECT request_id, outcome FROM reply_seen WHERE request_id IN (?)',
        [ids],
      );
      expect(Object.fromEntries(seen.map((r) => [r.request_id, r.outcome]))).toEqual({
        [ids[0]]: 'ok',
        [ids[1]]: String(ErrorCode.Conflict),
        [ids[2]]: 'ok',
      });
    } finally {
      await relay.stop();
    }
  });

  it('a failing reply handler rolls back with the delete: the call is asked again until its answer is applied', async () => {
    const calls = fakeCalls(() => ({ fine: true }));
    const relay = new OutboxRelay(ds, new FakePublisher(), { pollMs: 50, maxBackoffMs: 100 }, calls);
    let failures = 1;
    relay.onReply('test.reply-handler.v1', async (m, _outcome, call) => {
      await m.query('INSERT INTO reply_seen (request_id, outcome) VALUES (?, ?)', [call.id, 'ok']);
      if (failures-- > 0) throw new Error('handler bug');
    });
    relay.start();
    try {
      const id = await ds.transaction((m) => writer.call(m, 'eoms', 'test.reply-handler.v1', { n: 1 }));
      await until('the row deleted', rows, (r) => r.length === 0, 10_000);
      expect(calls.sent.map((c) => c.attempt)).toEqual([1, 2]);
      expect(await ds.query('SELECT outcome FROM reply_seen WHERE request_id = ?', [id])).toEqual([{ outcome: 'ok' }]);
    } finally {
      await relay.stop();
    }
  });

  it("sends each row in the trace it was written in, from its meta: a new relay (after a restart) continues it, and a row written outside any trace never joins the draining caller's", async () => {
    const trace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const call = startSpan(
      'service.workorder.dispatch.v1',
      SpanKind.SERVER,
      extractTraceContext({ traceparent: `00-${trace}-00f067aa0ba902b7-01` }),
    );
    // Written while no relay runs (the process that wrote them is gone by the time they are sent).
    const [eventId, callId] = await withTraceContext(call.context, () =>
      ds.transaction(async (m) => [
        await addRow(m, 'test.traced.v1', { n: 1 }),
        await writer.call(m, 'eoms', 'test.traced-call.v1', { n: 2 }),
      ]),
    );
    const untracedId = await withTraceContext(ROOT_CONTEXT, () => ds.transaction((m) => addRow(m, 'test.untraced.v1', { n: 3 })));
    const traceparents = new Map<string, string | null>();
    const calls = fakeCalls(() => ({ ok: true }));
    const client = calls.client.call.bind(calls.client);
    calls.client = {
      call: (req) => (traceparents.set(req.requestId!, traceHeadersOf()?.traceparent ?? null), client(req)),
    } as OutboundCalls['client'];
    const events = new FakePublisher();
    const relay = new OutboxRelay(ds, events, { pollMs: 60_000 }, calls);
    // Drained from inside another trace (a commit hook fires in the committing call's context).
    const other = startSpan('sales.account.create.v1', SpanKind.SERVER, ROOT_CONTEXT);
    try {
      await withTraceContext(other.context, () => relay.drain());
      await until('the call answered', rows, (r) => r.length === 0, 10_000);
    } finally {
      await relay.stop();
    }
    for (const e of events.published) traceparents.set(e.meta.eventId!, e.traceparent);
    expect(traceparents.get(eventId)).toBe(call.headers().traceparent);
    expect(traceparents.get(callId)).toBe(call.headers().traceparent);
    expect(traceparents.has(untracedId)).toBe(true);
    expect(traceparents.get(untracedId)).toBeNull();
  });

  it('a relay without outbound calls (the CLI) leaves call rows alone', async () => {
    const relay = new OutboxRelay(ds, new FakePublisher(), { pollMs: 60_000 });
    const id = await ds.transaction((m) => writer.call(m, 'eoms', 'test.reply.v1', { n: 1 }));
    try {
      expect(await relay.drain()).toBe(0);
      const [row] = await rows();
      expect(row).toMatchObject({ id, kind: 'call', target: 'eoms', attempts: 0, lastError: null });
    } finally {
      await ds.query('DELETE FROM outbox_message WHERE id = ?', [id]);
    }
  });
});

describe('publishing straight after the commit (direct)', () => {
  /** Counts the relay's claim transactions: the direct path must not need one. */
  function claimsOf(relay: OutboxRelay): { count: number } {
    const seen = { count: 0 };
    const claim = (relay as unknown as { claim: (m: EntityManager) => Promise<OutboxMessageEntity[]> }).claim.bind(relay);
    Object.assign(relay, {
      claim: (m: EntityManager) => {
        seen.count++;
        return claim(m);
      },
    });
    return seen;
  }

  it('sends a committed transaction’s events without a claim and deletes them; stream rows and rolled-back savepoints keep their rules', async () => {
    const events = new FakePublisher();
    const relay = new OutboxRelay(ds, events, { pollMs: 60_000, direct: true });
    const claims = claimsOf(relay);
    relay.start();
    try {
      await until(
        'the start-up drain',
        () => claims.count,
        (n) => n >= 1,
        5_000,
      );
      const before = claims.count;
      let ids: string[] = [];
      await ds.transaction(async (m) => {
        ids = await writer.addMany(m, [
          { pattern: 'test.a.v1', data: { n: 1 }, options: { caller: 'EOMS' } } as unknown as OutboxEvent,
          { pattern: 'test.b.v1', data: { n: 2 } } as unknown as OutboxEvent,
        ]);
        // A nested transaction (savepoint) that fails: its row never existed, so it is never sent.
        await m
          .transaction(async (inner) => {
            await addRow(inner, 'test.never.v1', { n: 99 });
            throw new Error('inner rule failed');
          })
          .catch(() => undefined);
        // Leased to this relay until the commit: a claim meanwhile passes them by.
        const [{ due }] = await m.query('SELECT COUNT(*) AS due FROM outbox_message WHERE next_attempt_at <= NOW(3)');
        expect(Number(due)).toBe(0);
      });
      await until('both rows sent and deleted', rows, (r) => r.length === 0, 5_000);
      expect(events.published.map((p) => p.data.n).sort()).toEqual([1, 2]);
      expect(events.published.find((p) => p.data.n === 1)!.meta).toMatchObject({ eventId: ids[0], caller: 'EOMS' });
      expect(claims.count).toBe(before);

      // A burst larger than DIRECT_MAX_ROWS: the rest takes the claim path, and every row goes out once.
      await ds.transaction((m) =>
        writer.addMany(
          m,
          Array.from({ length: DIRECT_MAX_ROWS + 20 }, (_, i) => ({ pattern: 'test.burst.v1', data: { i } }) as unknown as OutboxEvent),
        ),
      );
      await until('the burst sent and deleted', rows, (r) => r.length === 0, 10_000);
      const burst = events.published.filter((p) => p.pattern === 'test.burst.v1').map((p) => p.data.i as number);
      expect(burst.sort((a, b) => a - b)).toEqual(Array.from({ length: DIRECT_MAX_ROWS + 20 }, (_, i) => i));
      expect(claims.count).toBeGreaterThan(before);
      events.published.splice(0, events.published.length, ...events.published.filter((p) => p.pattern !== 'test.burst.v1'));
      const afterBurst = claims.count;

      // A stream row still goes through a claim (order across replicas needs it).
      await ds.transaction((m) => addRow(m, 'test.c.v1', { n: 3 }, { stream: 'case:1' }));
      await until(
        'the stream row sent',
        () => events.published.length,
        (n) => n === 3,
        5_000,
      );
      expect(claims.count).toBeGreaterThan(afterBurst);
      expect(events.published.map((p) => p.data.n)).not.toContain(99);
    } finally {
      await relay.stop();
    }
  });

  it('a failed publish goes to the claim path (attempts, backoff); a row left by a dead process is claimed when its lease ends', async () => {
    const events = new FakePublisher();
    events.failures = 1;
    const relay = new OutboxRelay(ds, events, { pollMs: 100, direct: true });
    relay.start();
    try {
      await ds.transaction((m) => addRow(m, 'test.d.v1', { n: 4 }));
      await until(
        'sent after one failure',
        () => events.published.length,
        (n) => n === 1,
        10_000,
      );
      await until('deleted', rows, (r) => r.length === 0, 5_000);
      expect(events.published[0]!.data).toEqual({ n: 4 });
    } finally {
      await relay.stop();
    }

    // The writer leased the row to a relay that stops before its commit is seen (a process dying).
    const dying = new OutboxRelay(ds, new FakePublisher(), { pollMs: 60_000, direct: true });
    dying.start();
    const leased = await ds.transaction(async (m) => {
      const id = await addRow(m, 'test.e.v1', { n: 5 });
      await dying.stop();
      return id;
    });
    const [row] = await rows();
    expect(row).toMatchObject({ id: leased, attempts: 0 });
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 3_000);
    const other = new FakePublisher();
    const survivor = new OutboxRelay(ds, other, { pollMs: 200 });
    survivor.start();
    try {
      await until(
        'claimed after the lease',
        () => other.published.length,
        (n) => n === 1,
        10_000,
      );
      expect(other.published[0]!.meta.eventId).toBe(leased);
      await until('deleted', rows, (r) => r.length === 0, 5_000);
    } finally {
      await survivor.stop();
    }
  });
});
