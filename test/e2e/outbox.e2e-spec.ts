import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { OutboxMessage1763881000000, OutboxMessageEntity, OutboxRelay, OutboxWriter } from '@crm/outbox';
import { dataSourceOptions, dropDatabase, ensureDatabase } from '@crm/persistence';
import { until } from '../support/until.js';

/**
 * The shared transactional outbox (`@crm/outbox`) against the real MariaDB: rows exist only for
 * committed transactions, the commit kick sends them at once, failures are retried with backoff,
 * and relays working the same table (replicas) send every row exactly once between them.
 */

jest.setTimeout(60_000);

const target = { databaseUrl: process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306', database: `t_${randomBytes(5).toString('hex')}_outbox` };
let ds: DataSource;
const writer = new OutboxWriter();

interface Published {
  pattern: string;
  data: Record<string, unknown>;
  meta: { eventId?: string; caller?: string | null; employeeId?: string | null };
}

/** Stands in for the confirmed EventPublisher; `failures` makes the next N publishes fail. */
class FakePublisher {
  readonly published: Published[] = [];
  failures = 0;
  async publish(pattern: string, data: object, meta: Published['meta'] = {}): Promise<string> {
    await new Promise((r) => setImmediate(r));
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('broker unavailable');
    }
    this.published.push({ pattern, data: data as Record<string, unknown>, meta });
    return meta.eventId ?? '';
  }
}

async function rows(): Promise<OutboxMessageEntity[]> {
  return ds.getRepository(OutboxMessageEntity).find();
}

beforeAll(async () => {
  await ensureDatabase(target);
  ds = new DataSource(dataSourceOptions(target, [OutboxMessageEntity], [OutboxMessage1763881000000], 8));
  await ds.initialize();
  await ds.runMigrations();
});

afterAll(async () => {
  await ds?.destroy();
  await dropDatabase(target);
});

describe('OutboxWriter', () => {
  it('writes nothing for a rolled-back transaction, and refuses to write outside one', async () => {
    await expect(
      ds.transaction(async (m) => {
        await writer.add(m, 'test.thing.happened.v1', { n: 1 });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await rows()).toHaveLength(0);
    await expect(writer.add(ds.manager, 'test.thing.happened.v1', {})).rejects.toThrow('open transaction');
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
        id = await writer.add(m, 'test.thing.happened.v1', { n: 2 }, { employeeId: 'E100001' });
      });
      await until('the publish', () => events.published.length, (n) => n === 1, 5_000);
      expect(Date.now() - t0).toBeLessThan(5_000);
      expect(events.published[0]).toEqual({ pattern: 'test.thing.happened.v1', data: { n: 2 }, meta: expect.objectContaining({ eventId: id, employeeId: 'E100001', caller: null }) });
      await until('the row deleted', rows, (r) => r.length === 0, 5_000);
    } finally {
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
        await writer.addOperation(m, { id: '6b7a2c1e-0000-4000-8000-000000000001', at: new Date().toISOString(), service: 'auth', actorType: 'caller', actor: 'cli', entity: 'caller', entityId: 'X', action: 'rotate', changes: [], requestId: null });
      });
      const failed = await until('the first failure recorded', rows, (r) => r.length === 1 && r[0].attempts >= 1, 5_000);
      expect(failed[0].lastError).toContain('broker unavailable');
      expect(failed[0].nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
      await until('the publish after two failures', () => events.published.length, (n) => n === 1, 15_000);
      expect(events.published[0].meta).toMatchObject({ eventId: '6b7a2c1e-0000-4000-8000-000000000001', caller: 'cli', employeeId: null });
      expect(events.published[0].pattern).toBe('audit.operation.recorded.v1');
      await until('the row deleted', rows, (r) => r.length === 0, 5_000);
    } finally {
      await relay.stop();
    }
  });

  it('relays on several replicas send every row once between them', async () => {
    const shared = new FakePublisher();
    const replicas = [new OutboxRelay(ds, shared, { pollMs: 50, batch: 7 }), new OutboxRelay(ds, shared, { pollMs: 50, batch: 7 }), new OutboxRelay(ds, shared, { pollMs: 50, batch: 7 })];
    // Rows written before the relays start: only the pollers (competing claims) can send them.
    for (let i = 0; i < 60; i++) {
      await ds.transaction(async (m) => {
        await writer.add(m, 'test.thing.happened.v1', { i });
      });
    }
    for (const r of replicas) r.start();
    try {
      await until('all 60 published', () => shared.published.length, (n) => n >= 60, 20_000);
      await until('the table drained', rows, (r) => r.length === 0, 5_000);
      const seen = shared.published.map((p) => p.meta.eventId);
      expect(new Set(seen).size).toBe(60);
      expect(seen).toHaveLength(60);
    } finally {
      await Promise.all(replicas.map((r) => r.stop()));
    }
  });
});
