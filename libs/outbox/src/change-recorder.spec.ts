import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ACCOUNT_CREATED_V1,
  ACCOUNT_UPDATED_V1,
  OPERATION_RECORDED_V1,
  WORKORDER_ACCEPTED_V1,
  type AccountUpdatedData,
} from '@crm/contracts';
import { ChangeRecorder, type Change } from './change-recorder.js';
import type { OutboxOptions, OutboxWriter } from './outbox-writer.js';

interface Written {
  manager: EntityManager;
  pattern: string;
  data: Record<string, unknown>;
  options: OutboxOptions;
}

function setup() {
  const written: Written[] = [];
  const batches: number[] = [];
  const outbox = {
    add: async (manager: EntityManager, pattern: string, data: Record<string, unknown>, options: OutboxOptions = {}) => {
      written.push({ manager, pattern, data, options });
      return options.id ?? 'generated';
    },
    addMany: async (manager: EntityManager, rows: { pattern: string; data: Record<string, unknown>; options?: OutboxOptions }[]) => {
      batches.push(rows.length);
      for (const r of rows) written.push({ manager, pattern: r.pattern, data: r.data, options: r.options ?? {} });
      return rows.map((r) => r.options?.id ?? 'generated');
    },
  } as unknown as OutboxWriter;
  const own = { own: true } as unknown as EntityManager;
  const transactions: number[] = [];
  const dataSource = {
    transaction: async <T>(run: (m: EntityManager) => Promise<T>) => (transactions.push(1), run(own)),
  } as unknown as DataSource;
  return { written, batches, own, transactions, recorder: new ChangeRecorder('sales', outbox, dataSource) };
}

const tx = { tx: true } as unknown as EntityManager;

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

describe('ChangeRecorder', () => {
  it("writes the diffed entry, with the injected app name and the actor, and the event, with the caller's manager", async () => {
    const { written, recorder, transactions } = setup();
    const entry = await recorder.record(
      tx,
      { caller: 'FRONTEND', employeeId: 'E100001', requestId: 'rq-1' },
      {
        entity: 'account',
        entityId: 'c-1',
        action: 'update',
        before: { name: 'Li', segment: 'consumer', phone: '138' },
        after: { name: 'Lei', segment: 'consumer', phone: '138' },
        event: { pattern: ACCOUNT_UPDATED_V1, data: updated, stream: 'account:c-1' },
      },
    );
    expect(entry).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      at: expect.any(String),
      service: 'sales',
      actorType: 'employee',
      actor: 'E100001',
      entity: 'account',
      entityId: 'c-1',
      action: 'update',
      changes: [{ field: 'name', old: 'Li', new: 'Lei' }],
      requestId: 'rq-1',
    });
    expect(transactions).toHaveLength(0);
    expect(written.map((w) => [w.manager, w.pattern])).toEqual([
      [tx, OPERATION_RECORDED_V1],
      [tx, 'sales.account.updated.v1'],
    ]);
    // The entry's id is its event id, so a re-send is stored once.
    expect(written[0]).toMatchObject({ data: { ...entry }, options: { id: entry.id, caller: 'FRONTEND', employeeId: 'E100001' } });
    expect(written[1]).toMatchObject({ data: updated, options: { caller: 'FRONTEND', employeeId: 'E100001', stream: 'account:c-1' } });
  });

  it('writes each change of several calls (entry, then event) and the further events in one INSERT, in order', async () => {
    const { written, batches, recorder } = setup();
    const change = (id: string): Change => ({
      entity: 'account',
      entityId: id,
      action: 'update',
      before: { name: 'Li' },
      after: { name: 'Lei' },
      event: { pattern: ACCOUNT_UPDATED_V1, data: { ...updated, accountId: id } },
    });
    const more = { pattern: ACCOUNT_CREATED_V1, data: { accountId: 'c-9' }, options: { caller: 'FRONTEND' } } as never;
    const entries = await recorder.recordEach(
      tx,
      [
        { context: { caller: 'FRONTEND', employeeId: 'E100001' }, change: change('c-1') },
        { context: { caller: 'EOMS', employeeId: null }, change: change('c-2') },
      ],
      [more],
    );
    expect(batches).toEqual([5]);
    expect(written.map((w) => [w.manager, w.pattern, w.data.accountId ?? w.data.entityId])).toEqual([
      [tx, OPERATION_RECORDED_V1, 'c-1'],
      [tx, 'sales.account.updated.v1', 'c-1'],
      [tx, OPERATION_RECORDED_V1, 'c-2'],
      [tx, 'sales.account.updated.v1', 'c-2'],
      [tx, 'sales.account.created.v1', 'c-9'],
    ]);
    expect(entries.map((e) => [e.actor, e.actorType])).toEqual([
      ['E100001', 'employee'],
      ['EOMS', 'caller'],
    ]);
  });

  it('masks secrets (by name and by the mask list) and never writes their values', async () => {
    const { written, recorder } = setup();
    const entry = await recorder.record(
      tx,
      { caller: 'cli', employeeId: null },
      {
        entity: 'caller',
        entityId: 'EOMS',
        action: 'rotate',
        before: { passwordHash: '$argon2id$old-hash', clientSecret: null, phone: '13800008000', state: 'active' },
        after: { passwordHash: '$argon2id$new-hash', clientSecret: 's3cr3t-value', phone: '13900009000', state: 'active' },
        mask: ['phone'],
      },
    );
    expect(entry.changes).toEqual([
      { field: 'passwordHash', old: '***', new: '***' },
      { field: 'clientSecret', old: null, new: '***' },
      { field: 'phone', old: '***', new: '***' },
    ]);
    expect(entry).toMatchObject({ actorType: 'caller', actor: 'cli', requestId: null });
    expect(JSON.stringify(written)).not.toMatch(/hash\$|s3cr3t|1380000|1390000/);
    expect(written).toHaveLength(1);
  });

  it('lists every field of a created record, and runs in a transaction of its own without a manager', async () => {
    const { written, recorder, transactions, own } = setup();
    const entry = await recorder.record(
      null,
      { caller: null, employeeId: 'E100002' },
      { entity: 'employee', entityId: 'E100002', action: 'two-factor-enable', before: null, after: { twoFactor: true } },
    );
    expect(entry.changes).toEqual([{ field: 'twoFactor', old: null, new: true }]);
    expect(transactions).toHaveLength(1);
    expect(written[0].manager).toBe(own);
  });

  it('refuses a change without an actor', async () => {
    const { written, recorder } = setup();
    await expect(
      recorder.record(
        tx,
        { caller: null, employeeId: null },
        { entity: 'account', entityId: 'c-1', action: 'create', before: null, after: { name: 'x' } },
      ),
    ).rejects.toThrow('needs an actor');
    expect(written).toHaveLength(0);
  });

  // Type-level: `npm run typecheck` fails if any line below compiles without its error.
  it("accepts an event only with its pattern's payload (EventPayloads)", async () => {
    const { written, recorder } = setup();
    const change = { entity: 'account', entityId: 'c-1', action: 'update', before: null, after: null } as const;
    const ctx = { caller: 'FRONTEND', employeeId: 'E100001' };
    const workorderShape = {
      workOrderId: 'w-1',
      orderNo: 'O-1',
      action: 'accept',
      status: 'accepted',
      fromStatus: 'dispatched',
      urgeCount: 0,
    } as const;
    // @ts-expect-error a work-order event's shape under an account pattern
    await recorder.record(tx, ctx, { ...change, event: { pattern: ACCOUNT_CREATED_V1, data: workorderShape } });
    // @ts-expect-error the updated event without its changedFields
    await recorder.record(tx, ctx, { ...change, event: { pattern: ACCOUNT_UPDATED_V1, data: { ...updated, changedFields: undefined } } });
    // @ts-expect-error a pattern outside the map
    await recorder.record(tx, ctx, { ...change, event: { pattern: 'sales.account.renamed.v1', data: updated } });
    // @ts-expect-error an account's shape under a work-order pattern
    await recorder.record(tx, ctx, { ...change, event: { pattern: WORKORDER_ACCEPTED_V1, data: updated } });
    // The check is the compiler's: at run time the recorder writes what it is given, as before.
    expect(written.filter((w) => w.pattern !== OPERATION_RECORDED_V1).map((w) => w.pattern)).toEqual([
      ACCOUNT_CREATED_V1,
      ACCOUNT_UPDATED_V1,
      'sales.account.renamed.v1',
      WORKORDER_ACCEPTED_V1,
    ]);
  });

  it('types OutboxWriter.add the same way', async () => {
    const patterns: string[] = [];
    const outbox = { add: async (_m: EntityManager, pattern: string) => (patterns.push(pattern), 'id') } as unknown as OutboxWriter;
    await outbox.add(tx, ACCOUNT_UPDATED_V1, updated);
    // @ts-expect-error only `changedFields`: not an updated account
    await outbox.add(tx, ACCOUNT_UPDATED_V1, { changedFields: ['name'] });
    // @ts-expect-error a pattern outside the map
    await outbox.add(tx, 'test.thing.happened.v1', { n: 1 });
    expect(patterns).toEqual([ACCOUNT_UPDATED_V1, ACCOUNT_UPDATED_V1, 'test.thing.happened.v1']);
  });
});
