import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import amqplib, { type Channel, type ChannelModel } from 'amqplib';
import mysql from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { loadConfig } from '@crm/config';
import {
  CrmError,
  EOMS_REPLY_V1,
  EOMS_STAGE_REPLY_V1,
  ErrorCode,
  names,
  WORKORDER_ACCEPTED_V1,
  WORKORDER_COMPLETED_V1,
  WORKORDER_DISPATCHED_V1,
  WORKORDER_IN_PROGRESS_V1,
  WORKORDER_URGED_V1,
  WORKORDER_WITHDRAWN_V1,
  type DispatchWorkorderDto,
} from '@crm/contracts';
import { topologyNames } from '@crm/messaging';
import { dropDatabase } from '@crm/persistence';
import { OutboundCredentialStore, systemContext } from '@crm/security';
import { loadServiceConfig, OutboxMerge1764400100000, ServiceModule, WorkorderService } from '../../apps/service/src/testing.js';
import { until } from '../support/until.js';

/**
 * The service app's work-order logic and its outbox (`@crm/outbox`) against the real MariaDB and RabbitMQ, in
 * process and without the wire front (the raw-AMQP contract test covers guard, validation and
 * replies): idempotent dispatch under races, the state machine with history, redelivery dedupe,
 * status events, and stage/final replies to a fake EOMS that can fail on demand. Two app contexts
 * on one database stand for two replicas.
 */
const ns = `t_svc_${randomBytes(4).toString('hex')}`;
const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const databaseUrl = process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';
const env: NodeJS.ProcessEnv = {
  ...process.env,
  CRM_NAMESPACE: ns,
  CRM_MASTER_KEY: `k1:${randomBytes(32).toString('base64')}`,
  AMQP_URL: amqpUrl,
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'warn',
  EOMS_QUEUE: `${ns}.eoms`,
  // A silent EOMS should cost the tests seconds, not the default ten.
  OUTBOUND_TIMEOUT_MS: '1500',
};
const CRM_AT_EOMS = { caller: 'CRM', password: `pw-${randomBytes(12).toString('hex')}` };
const EVENTS_QUEUE = `${ns}.test.workorder-events`;

interface EomsArrival {
  pattern: string;
  requestId: string;
  caller: string;
  password: string;
  payload: Record<string, any>;
  persistent: boolean;
  answered: number | null;
}
interface SeenEvent {
  routingKey: string;
  data: Record<string, any>;
}

let replicaA: INestApplicationContext;
let replicaB: INestApplicationContext | null = null;
let workorders: WorkorderService;
let conn: ChannelModel;
let ch: Channel;
let db: mysql.Connection;
const eomsInbox: EomsArrival[] = [];
const events: SeenEvent[] = [];
/** How the fake EOMS answers a call: an error code, 0 for OK, or null to stay silent. */
let eomsAnswer: (a: EomsArrival) => number | null = () => 0;

async function bootReplica(): Promise<INestApplicationContext> {
  const config = loadConfig(env);
  return NestFactory.createApplicationContext(ServiceModule.register(config, loadServiceConfig(env, config)), { logger: ['error'] });
}

let seq = 0;
function dispatchDto(o: Partial<DispatchWorkorderDto> = {}): DispatchWorkorderDto {
  seq += 1;
  return {
    orderNo: `EOMS-${ns}-${seq}`,
    type: 'fault',
    title: 'No dial tone',
    description: 'Customer reports no dial tone since 08:00',
    priority: 'high',
    customer: { accountNo: 'ACC-1001', name: 'Li Lei', phone: '+86 138 0000 0000' },
    deadline: '2026-12-01T12:00:00.000Z',
    dispatchedAt: '2026-11-23T08:00:00.000Z',
    ...o,
  };
}

const eoms = systemContext('EOMS');
const staff = systemContext('FRONTEND');

async function rows<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
  const [r] = await db.query(sql, params);
  return r as T[];
}

async function rejection(p: Promise<unknown>): Promise<CrmError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CrmError);
  return e as CrmError;
}

const eventsOf = (orderNo: string) => events.filter((e) => e.data.orderNo === orderNo);
/** Rows still in the outbox (sent rows are deleted). */
const unsent = (ids: string[]) => rows<{ id: string }>('SELECT id FROM outbox_message WHERE id IN (?)', [ids]);
/** Exactly `n` events of this pattern for the order, also after a moment for a duplicate to land. */
async function exactly(orderNo: string, pattern: string, n: number): Promise<void> {
  await until(
    `${n} ${pattern}`,
    () => eventsOf(orderNo).filter((e) => e.routingKey === pattern),
    (e) => e.length >= n,
  );
  await new Promise((r) => setTimeout(r, 500));
  expect(eventsOf(orderNo).filter((e) => e.routingKey === pattern)).toHaveLength(n);
}
const callsOf = (orderNo: string) => eomsInbox.filter((a) => a.payload.orderNo === orderNo);

beforeAll(async () => {
  replicaA = await bootReplica();
  workorders = replicaA.get(WorkorderService);
  conn = await amqplib.connect(amqpUrl);
  ch = await conn.createChannel();
  await ch.assertQueue(EVENTS_QUEUE, { durable: false, exclusive: true });
  await ch.bindQueue(EVENTS_QUEUE, names.eventsExchange(ns), 'service.workorder.#');
  await ch.consume(
    EVENTS_QUEUE,
    (m) => {
      if (!m) return;
      const body = JSON.parse(m.content.toString());
      events.push({ routingKey: m.fields.routingKey, data: body.data });
    },
    { noAck: true },
  );
  await ch.assertQueue(env.EOMS_QUEUE!, { durable: true });
  await ch.consume(env.EOMS_QUEUE!, (m) => {
    if (!m) return;
    const body = JSON.parse(m.content.toString());
    const arrival: EomsArrival = {
      pattern: body.pattern,
      requestId: body.data.requestId,
      caller: body.data.caller,
      password: body.data.password,
      payload: body.data.payload,
      persistent: m.properties.deliveryMode === 2,
      answered: null,
    };
    arrival.answered = eomsAnswer(arrival);
    eomsInbox.push(arrival);
    ch.ack(m);
    if (arrival.answered === null) return;
    const reply =
      arrival.answered === 0
        ? { response: { code: 0, message: 'OK', data: { received: true } }, isDisposed: true }
        : { err: { code: arrival.answered, message: 'fake EOMS says no' }, isDisposed: true };
    ch.sendToQueue(m.properties.replyTo, Buffer.from(JSON.stringify(reply)), { correlationId: m.properties.correlationId });
  });
  db = await mysql.createConnection({ uri: `${databaseUrl}/${names.database(ns, 'service')}`, timezone: 'Z' });
}, 60_000);

afterAll(async () => {
  await replicaB?.close();
  await replicaA?.close();
  await db?.end();
  if (ch) {
    const { queues, exchanges } = topologyNames(ns);
    for (const q of [...queues, env.EOMS_QUEUE!, EVENTS_QUEUE]) await ch.deleteQueue(q).catch(() => undefined);
    for (const x of exchanges) await ch.deleteExchange(x).catch(() => undefined);
    await ch.close().catch(() => undefined);
  }
  await conn?.close().catch(() => undefined);
  await dropDatabase({ databaseUrl, database: names.database(ns, 'service') });
}, 60_000);

describe('dispatch', () => {
  it('creates the order, its first history row and a dispatched event with the caller', async () => {
    const dto = dispatchDto();
    const reply = await workorders.dispatch(dto, eoms);
    expect(reply).toEqual({ workOrderId: expect.stringMatching(/^[0-9a-f-]{36}$/), orderNo: dto.orderNo, status: 'dispatched' });
    const [order] = await rows('SELECT * FROM work_order WHERE order_no = ?', [dto.orderNo]);
    expect(order).toMatchObject({
      id: reply.workOrderId,
      status: 'dispatched',
      urge_count: 0,
      customer_phone: dto.customer.phone,
      content_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const history = await rows('SELECT action, from_status, to_status, `by` FROM work_order_history WHERE work_order_id = ?', [
      reply.workOrderId,
    ]);
    expect(history).toEqual([{ action: 'dispatch', from_status: null, to_status: 'dispatched', by: 'EOMS' }]);
    const [event] = await until(
      'dispatched event',
      () => eventsOf(dto.orderNo),
      (e) => e.length === 1,
    );
    expect(event.routingKey).toBe(WORKORDER_DISPATCHED_V1);
    expect(event.data).toMatchObject({
      workOrderId: reply.workOrderId,
      orderNo: dto.orderNo,
      action: 'dispatch',
      status: 'dispatched',
      fromStatus: null,
      type: 'fault',
      priority: 'high',
      deadline: dto.deadline,
      caller: 'EOMS',
      eventId: expect.any(String),
    });
    expect(JSON.stringify(event.data)).not.toContain(dto.customer.phone);
    expect(Number.isNaN(Date.parse(event.data.occurredAt))).toBe(false);
  });

  it('the same content again is a safe retry: the original reply, nothing written twice', async () => {
    const dto = dispatchDto();
    const first = await workorders.dispatch(dto, eoms);
    await workorders.accept(dto.orderNo, null, staff);
    // Same instants written in another offset are the same content.
    const again = await workorders.dispatch({ ...dto, deadline: '2026-12-01T20:00:00+08:00' }, eoms);
    // The original reply (SPEC §2.4), although the order has moved on: a retry sees what the first call saw.
    expect(again).toEqual(first);
    expect(await rows('SELECT id FROM work_order WHERE order_no = ?', [dto.orderNo])).toHaveLength(1);
    expect(
      await rows("SELECT id FROM work_order_history WHERE work_order_id = ? AND action = 'dispatch'", [first.workOrderId]),
    ).toHaveLength(1);
    await exactly(dto.orderNo, WORKORDER_DISPATCHED_V1, 1);
  });

  it('the same orderNo with different content is 4090 naming the orderNo, and changes nothing', async () => {
    const dto = dispatchDto();
    await workorders.dispatch(dto, eoms);
    const e = await rejection(workorders.dispatch({ ...dto, priority: 'urgent' }, eoms));
    expect(e.code).toBe(ErrorCode.Conflict);
    expect(e.message).toContain(dto.orderNo);
    const [order] = await rows('SELECT priority FROM work_order WHERE order_no = ?', [dto.orderNo]);
    expect(order.priority).toBe('high');
  });

  it('twenty identical dispatches racing each other make one order, and all get its reply', async () => {
    const dto = dispatchDto();
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => workorders.dispatch({ ...dto, customer: { ...dto.customer } }, eoms)),
    );
    expect(new Set(replies.map((r) => r.workOrderId)).size).toBe(1);
    expect(replies.every((r) => r.status === 'dispatched' && r.orderNo === dto.orderNo)).toBe(true);
    expect(await rows('SELECT id FROM work_order WHERE order_no = ?', [dto.orderNo])).toHaveLength(1);
    expect(await rows('SELECT id FROM work_order_history WHERE work_order_id = ?', [replies[0].workOrderId])).toHaveLength(1);
    await exactly(dto.orderNo, WORKORDER_DISPATCHED_V1, 1);
  });

  it('racing dispatches with different content: one wins, the others are 4090', async () => {
    const dto = dispatchDto();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => workorders.dispatch({ ...dto, title: `variant ${i}` }, eoms)),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(refused.map((r) => (r.reason as CrmError).code)).toEqual(Array(7).fill(ErrorCode.Conflict));
    expect(await rows('SELECT id FROM work_order WHERE order_no = ?', [dto.orderNo])).toHaveLength(1);
  });
});

describe('urge, withdraw, query and the state machine', () => {
  it('urging an open order counts, records and announces it; a closed order cannot be urged', async () => {
    const dto = dispatchDto();
    const { workOrderId } = await workorders.dispatch(dto, eoms);
    expect(await workorders.urge(dto.orderNo, 'customer called again', eoms)).toEqual({
      workOrderId,
      orderNo: dto.orderNo,
      status: 'dispatched',
    });
    await workorders.urge(dto.orderNo, null, eoms);
    const [order] = await rows('SELECT urge_count, status FROM work_order WHERE id = ?', [workOrderId]);
    expect(order).toEqual({ urge_count: 2, status: 'dispatched' });
    const urged = await until(
      'two urged events',
      () => eventsOf(dto.orderNo).filter((e) => e.routingKey === WORKORDER_URGED_V1),
      (e) => e.length === 2,
    );
    expect(urged.map((e) => e.data.urgeCount).sort()).toEqual([1, 2]);

    await workorders.withdraw(dto.orderNo, 'duplicate ticket', eoms);
    expect((await rejection(workorders.urge(dto.orderNo, null, eoms))).code).toBe(ErrorCode.Conflict);
    const [after] = await rows('SELECT urge_count FROM work_order WHERE id = ?', [workOrderId]);
    expect(after.urge_count).toBe(2);
  });

  it('withdraw: an open order is withdrawn once; again, or after completion, is 4090', async () => {
    const a = dispatchDto();
    await workorders.dispatch(a, eoms);
    await workorders.accept(a.orderNo, null, staff);
    expect((await workorders.withdraw(a.orderNo, 'customer cancelled', eoms)).status).toBe('withdrawn');
    const second = await rejection(workorders.withdraw(a.orderNo, 'customer cancelled', eoms));
    expect(second.code).toBe(ErrorCode.Conflict);
    expect(second.message).toContain('withdrawn');
    await until(
      'withdrawn event',
      () => eventsOf(a.orderNo).filter((e) => e.routingKey === WORKORDER_WITHDRAWN_V1),
      (e) => e.length === 1,
    );

    const b = dispatchDto();
    await workorders.dispatch(b, eoms);
    await workorders.accept(b.orderNo, null, staff);
    await workorders.complete(b.orderNo, 'fixed', staff);
    expect((await rejection(workorders.withdraw(b.orderNo, 'too late', eoms))).code).toBe(ErrorCode.Conflict);
  });

  it('illegal transitions are 4090 and leave no trace', async () => {
    const dto = dispatchDto();
    const { workOrderId } = await workorders.dispatch(dto, eoms);
    expect((await rejection(workorders.complete(dto.orderNo, 'done', staff))).code).toBe(ErrorCode.Conflict);
    expect((await rejection(workorders.progress(dto.orderNo, 'on site', staff))).code).toBe(ErrorCode.Conflict);
    await workorders.accept(dto.orderNo, null, staff);
    expect((await rejection(workorders.accept(dto.orderNo, null, staff))).code).toBe(ErrorCode.Conflict);
    expect(await rows('SELECT id FROM work_order_history WHERE work_order_id = ?', [workOrderId])).toHaveLength(2);
  });

  it('actions on an unknown orderNo are 4040', async () => {
    const attempts = [
      () => workorders.query('NOPE-404'),
      () => workorders.urge('NOPE-404', null, eoms),
      () => workorders.withdraw('NOPE-404', 'x', eoms),
      () => workorders.accept('NOPE-404', null, staff),
    ];
    for (const attempt of attempts) expect((await rejection(attempt())).code).toBe(ErrorCode.NotFound);
  });

  it('query returns the order and its whole history, oldest first', async () => {
    const dto = dispatchDto({ deadline: '2026-12-01T20:00:00+08:00' });
    const { workOrderId } = await workorders.dispatch(dto, eoms);
    await workorders.urge(dto.orderNo, 'hurry', eoms);
    await workorders.accept(dto.orderNo, 'on it', staff);
    await workorders.progress(dto.orderNo, 'technician on site', staff);
    const view = await workorders.query(dto.orderNo);
    expect(view).toMatchObject({
      workOrderId,
      orderNo: dto.orderNo,
      type: 'fault',
      priority: 'high',
      status: 'in_progress',
      urgeCount: 1,
      customer: dto.customer,
      deadline: '2026-12-01T12:00:00.000Z',
      dispatchedAt: dto.dispatchedAt,
    });
    expect(view.history.map((h) => [h.action, h.fromStatus, h.toStatus, h.by, h.note])).toEqual([
      ['dispatch', null, 'dispatched', 'EOMS', null],
      ['urge', 'dispatched', 'dispatched', 'EOMS', 'hurry'],
      ['accept', 'dispatched', 'accepted', 'FRONTEND', 'on it'],
      ['progress', 'accepted', 'in_progress', 'FRONTEND', 'technician on site'],
    ]);
  });
});

describe('a redelivered call applies once', () => {
  it('the same request key urges once and answers the current state; another key urges again', async () => {
    const dto = dispatchDto();
    const { workOrderId } = await workorders.dispatch(dto, eoms);
    const key = `EOMS|${randomUUID()}`;
    const first = await workorders.urge(dto.orderNo, 'again', systemContext('EOMS', key));
    const redelivered = await workorders.urge(dto.orderNo, 'again', systemContext('EOMS', key));
    expect(redelivered).toEqual(first);
    expect((await rows('SELECT urge_count FROM work_order WHERE id = ?', [workOrderId]))[0].urge_count).toBe(1);
    await workorders.urge(dto.orderNo, 'and again', systemContext('EOMS', `EOMS|${randomUUID()}`));
    expect((await rows('SELECT urge_count FROM work_order WHERE id = ?', [workOrderId]))[0].urge_count).toBe(2);
    await until(
      'urged events',
      () => eventsOf(dto.orderNo).filter((e) => e.routingKey === WORKORDER_URGED_V1),
      (e) => e.length === 2,
    );
  });

  it('a redelivered transition answers instead of failing as an illegal second transition', async () => {
    const dto = dispatchDto();
    await workorders.dispatch(dto, eoms);
    const key = `FRONTEND|${randomUUID()}`;
    await workorders.accept(dto.orderNo, null, systemContext('FRONTEND', key));
    expect(await workorders.accept(dto.orderNo, null, systemContext('FRONTEND', key))).toMatchObject({ status: 'accepted' });
    expect(
      await rows(
        "SELECT h.id FROM work_order_history h JOIN work_order o ON o.id = h.work_order_id WHERE o.order_no = ? AND h.action = 'accept'",
        [dto.orderNo],
      ),
    ).toHaveLength(1);
  });

  it('a requestId reused for another order or another action is a new call, not a redelivery', async () => {
    const key = `EOMS|${'r'.repeat(128)}|${randomUUID()}`;
    const a = dispatchDto();
    const b = dispatchDto();
    await workorders.dispatch(a, systemContext('EOMS', key));
    await workorders.dispatch(b, systemContext('EOMS', key));
    await workorders.urge(a.orderNo, null, systemContext('EOMS', key));
    await workorders.urge(b.orderNo, null, systemContext('EOMS', key));
    await workorders.withdraw(a.orderNo, 'cancelled', systemContext('EOMS', key));
    expect(
      await rows('SELECT order_no, urge_count, status FROM work_order WHERE order_no IN (?, ?) ORDER BY order_no', [a.orderNo, b.orderNo]),
    ).toEqual(
      [
        { order_no: a.orderNo, urge_count: 1, status: 'withdrawn' },
        { order_no: b.orderNo, urge_count: 1, status: 'dispatched' },
      ].sort((x, y) => x.order_no.localeCompare(y.order_no)),
    );
  });
});

describe('stage and final replies to EOMS through the outbox', () => {
  it('without CRM credentials for EOMS the replies wait in the outbox, and leave once they are set', async () => {
    const dto = dispatchDto();
    await workorders.dispatch(dto, eoms);
    await workorders.accept(dto.orderNo, null, staff);
    await workorders.progress(dto.orderNo, 'waiting for parts', staff);
    const [waiting] = await until(
      'a failed attempt',
      () =>
        rows(
          "SELECT id, kind, target, stream, attempts, last_error FROM outbox_message WHERE pattern = ? AND JSON_VALUE(data, '$.orderNo') = ?",
          [EOMS_STAGE_REPLY_V1, dto.orderNo],
        ),
      (r) => r.length === 1 && r[0].attempts >= 1,
    );
    expect(waiting).toMatchObject({ kind: 'call', target: 'eoms', stream: `eoms:${dto.orderNo}` });
    expect(waiting.last_error).toContain('no outbound credentials');
    // Status events do not wait for EOMS.
    await until(
      'accepted and in-progress events',
      () => eventsOf(dto.orderNo).map((e) => e.routingKey),
      (k) => k.includes(WORKORDER_ACCEPTED_V1) && k.includes(WORKORDER_IN_PROGRESS_V1),
    );
    expect(callsOf(dto.orderNo)).toHaveLength(0);

    await replicaA.get(OutboundCredentialStore).set('eoms', CRM_AT_EOMS.caller, CRM_AT_EOMS.password);
    const [call] = await until(
      'the stage reply at EOMS',
      () => callsOf(dto.orderNo),
      (c) => c.length === 1,
      30_000,
    );
    expect(call).toMatchObject({ pattern: EOMS_STAGE_REPLY_V1, caller: 'CRM', password: CRM_AT_EOMS.password, persistent: true });
    expect(call.payload).toMatchObject({ orderNo: dto.orderNo, status: 'in_progress', note: 'waiting for parts' });
    // The outbox row id is the requestId EOMS sees, so EOMS can drop a duplicate.
    expect(call.requestId).toBe(waiting.id);
    await until(
      'deleted once answered',
      () => unsent([call.requestId]),
      (r) => r.length === 0,
    );
  }, 60_000);

  it('accept, progress, complete: EOMS gets the stage reply then the final reply; every status is announced', async () => {
    const dto = dispatchDto();
    const { workOrderId } = await workorders.dispatch(dto, eoms);
    await workorders.accept(dto.orderNo, null, staff);
    await workorders.progress(dto.orderNo, 'technician on site', staff);
    await workorders.complete(dto.orderNo, 'line card replaced', staff);
    const calls = await until(
      'both replies',
      () => callsOf(dto.orderNo),
      (c) => c.length === 2,
    );
    expect(calls.map((c) => c.pattern)).toEqual([EOMS_STAGE_REPLY_V1, EOMS_REPLY_V1]);
    expect(calls[1].payload).toMatchObject({
      orderNo: dto.orderNo,
      workOrderId,
      resolution: 'line card replaced',
      completedAt: expect.any(String),
    });
    expect(new Set(calls.map((c) => c.requestId)).size).toBe(2);
    await until(
      'both rows deleted once answered',
      () => unsent(calls.map((c) => c.requestId)),
      (r) => r.length === 0,
    );
    const keys = await until(
      'four status events',
      () => eventsOf(dto.orderNo).map((e) => e.routingKey),
      (k) => k.length >= 4,
    );
    expect([...keys].sort()).toEqual(
      [WORKORDER_ACCEPTED_V1, WORKORDER_COMPLETED_V1, WORKORDER_DISPATCHED_V1, WORKORDER_IN_PROGRESS_V1].sort(),
    );
    expect(eventsOf(dto.orderNo).find((e) => e.routingKey === WORKORDER_COMPLETED_V1)!.data).toMatchObject({
      workOrderId,
      action: 'complete',
      status: 'completed',
      fromStatus: 'in_progress',
      caller: 'FRONTEND',
    });
  });

  it('EOMS failing for a while: the reply is retried with the same requestId, and the final reply never overtakes the stage reply', async () => {
    const dto = dispatchDto();
    await workorders.dispatch(dto, eoms);
    await workorders.accept(dto.orderNo, null, staff);
    let refusals = 0;
    eomsAnswer = (a) =>
      a.payload.orderNo === dto.orderNo && a.pattern === EOMS_STAGE_REPLY_V1 && refusals++ < 2 ? ErrorCode.Unavailable : 0;
    try {
      await workorders.progress(dto.orderNo, 'waiting for parts', staff);
      await workorders.complete(dto.orderNo, 'done', staff);
      const delivered = (c: EomsArrival[], pattern: string) => c.some((x) => x.pattern === pattern && x.answered === 0);
      const calls = await until(
        'both replies accepted',
        () => callsOf(dto.orderNo),
        (c) => delivered(c, EOMS_STAGE_REPLY_V1) && delivered(c, EOMS_REPLY_V1),
        45_000,
      );
      const stage = calls.filter((c) => c.pattern === EOMS_STAGE_REPLY_V1);
      expect(stage.length).toBeGreaterThanOrEqual(3);
      expect(new Set(stage.map((c) => c.requestId)).size).toBe(1);
      const beforeFinal = calls
        .slice(
          0,
          calls.findIndex((c) => c.pattern === EOMS_REPLY_V1),
        )
        .map((c) => `${c.pattern} -> ${c.answered}`);
      expect(beforeFinal).toContain(`${EOMS_STAGE_REPLY_V1} -> 0`);
      expect(stage.map((c) => c.answered)).toEqual([ErrorCode.Unavailable, ErrorCode.Unavailable, 0]);
    } finally {
      eomsAnswer = () => 0;
    }
  }, 60_000);

  it('a reply EOMS refuses for good (4090) is not retried and does not hold up the next one', async () => {
    const dto = dispatchDto();
    await workorders.dispatch(dto, eoms);
    await workorders.accept(dto.orderNo, null, staff);
    eomsAnswer = (a) => (a.payload.orderNo === dto.orderNo && a.pattern === EOMS_STAGE_REPLY_V1 ? ErrorCode.Conflict : 0);
    try {
      await workorders.progress(dto.orderNo, 'on site', staff);
      await workorders.complete(dto.orderNo, 'done', staff);
      const calls = await until(
        'the final reply',
        () => callsOf(dto.orderNo),
        (c) => c.some((x) => x.pattern === EOMS_REPLY_V1 && x.answered === 0),
        30_000,
      );
      await new Promise((r) => setTimeout(r, 1500));
      expect(callsOf(dto.orderNo).map((c) => `${c.pattern} -> ${c.answered}`)).toEqual([
        `${EOMS_STAGE_REPLY_V1} -> ${ErrorCode.Conflict}`,
        `${EOMS_REPLY_V1} -> 0`,
      ]);
      expect(await unsent([calls[0].requestId, calls[1].requestId])).toEqual([]);
    } finally {
      eomsAnswer = () => 0;
    }
  }, 40_000);

  it('an unanswered call times out and is retried until EOMS answers', async () => {
    const dto = dispatchDto();
    await workorders.dispatch(dto, eoms);
    await workorders.accept(dto.orderNo, null, staff);
    let silent = 1;
    eomsAnswer = (a) => (a.payload.orderNo === dto.orderNo && silent-- > 0 ? null : 0);
    try {
      await workorders.progress(dto.orderNo, 'on site', staff);
      const calls = await until(
        'an answered retry',
        () => callsOf(dto.orderNo),
        (c) => c.some((x) => x.answered === 0),
        45_000,
      );
      expect(calls[0].answered).toBeNull();
      expect(new Set(calls.map((c) => c.requestId)).size).toBe(1);
      await until(
        'deleted once answered',
        () => unsent([calls[0].requestId]),
        (r) => r.length === 0,
      );
    } finally {
      eomsAnswer = () => 0;
    }
  }, 60_000);
});

describe('the outbox as a safety net', () => {
  it('rows left behind by a process that died before sending them are sent by the poller', async () => {
    const dto = dispatchDto();
    const { workOrderId } = await workorders.dispatch(dto, eoms);
    const id = randomUUID();
    const created = new Date(Date.now() - 60_000);
    await db.query(
      'INSERT INTO outbox_message (id, kind, stream, pattern, data, meta, created_at, attempts, next_attempt_at) VALUES (?, \'event\', ?, ?, ?, \'{"caller":"EOMS"}\', ?, 0, ?)',
      [
        id,
        `workorder:${dto.orderNo}`,
        WORKORDER_URGED_V1,
        JSON.stringify({ workOrderId, orderNo: dto.orderNo, status: 'dispatched', action: 'urge', urgeCount: 1 }),
        created,
        created,
      ],
    );
    const [e] = await until(
      'the orphan event',
      () => events.filter((x) => x.data.eventId === id),
      (x) => x.length === 1,
      30_000,
    );
    expect(e.routingKey).toBe(WORKORDER_URGED_V1);
    expect(e.data.caller).toBe('EOMS');
    await until(
      'deleted once sent',
      () => unsent([id]),
      (r) => r.length === 0,
    );
  }, 40_000);

  it('the migration onto the shared outbox moves unsent rows of the old table, in order, and they are sent', async () => {
    const dto = dispatchDto();
    const { workOrderId } = await workorders.dispatch(dto, eoms);
    await workorders.accept(dto.orderNo, null, staff);
    await workorders.progress(dto.orderNo, 'on site', staff);
    await until(
      'the stage reply answered',
      () => callsOf(dto.orderNo),
      (c) => c.length === 1,
    );
    // The old table as the previous release left it: a sent row, and unsent ones (an event, a reply held by an earlier one).
    await db.query(`CREATE TABLE outbox (
      id CHAR(36) NOT NULL PRIMARY KEY, seq BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, stream VARCHAR(100) NOT NULL, kind VARCHAR(16) NOT NULL,
      pattern VARCHAR(200) NOT NULL, payload JSON NOT NULL, caller VARCHAR(64) NULL, created_at DATETIME(3) NOT NULL, attempts INT NOT NULL DEFAULT 0,
      next_attempt_at DATETIME(3) NOT NULL, sent_at DATETIME(3) NULL, last_error VARCHAR(500) NULL, UNIQUE KEY uq_outbox_seq (seq)) ENGINE=InnoDB`);
    const [sent, event, stage, final] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const at = new Date(Date.now() - 60_000);
    const old = (id: string, kind: string, pattern: string, payload: object, sentAt: Date | null, attempts = 0) =>
      db.query(
        'INSERT INTO outbox (id, stream, kind, pattern, payload, caller, created_at, attempts, next_attempt_at, sent_at, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)',
        [id, `${kind}:${dto.orderNo}`, kind, pattern, JSON.stringify(payload), 'FRONTEND', at, attempts, at, sentAt],
      );
    await old(sent, 'event', WORKORDER_URGED_V1, { workOrderId, orderNo: dto.orderNo, action: 'urge' }, at);
    await old(
      event,
      'event',
      WORKORDER_URGED_V1,
      { workOrderId, orderNo: dto.orderNo, action: 'urge', urgeCount: 7, employeeId: 'E100123' },
      null,
    );
    await old(
      stage,
      'eoms-call',
      EOMS_STAGE_REPLY_V1,
      { orderNo: dto.orderNo, workOrderId, status: 'in_progress', note: 'migrated 1', at: at.toISOString() },
      null,
      3,
    );
    await old(
      final,
      'eoms-call',
      EOMS_REPLY_V1,
      { orderNo: dto.orderNo, workOrderId, resolution: 'migrated 2', completedAt: at.toISOString() },
      null,
    );
    const runner = replicaA.get(DataSource).createQueryRunner();
    try {
      await new OutboxMerge1764400100000().up(runner);
    } finally {
      await runner.release();
    }
    expect(
      await rows("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'outbox'"),
    ).toEqual([]);
    const calls = await until(
      'both migrated replies at EOMS',
      () => callsOf(dto.orderNo).filter((c) => /^migrated/.test(c.payload.note ?? c.payload.resolution)),
      (c) => c.length === 2,
      30_000,
    );
    // In their old order, with their ids as requestIds.
    expect(calls.map((c) => [c.pattern, c.requestId])).toEqual([
      [EOMS_STAGE_REPLY_V1, stage],
      [EOMS_REPLY_V1, final],
    ]);
    const [e] = await until(
      'the migrated event',
      () => events.filter((x) => x.data.eventId === event),
      (x) => x.length === 1,
      30_000,
    );
    expect(e.data).toMatchObject({ urgeCount: 7, caller: 'FRONTEND', employeeId: 'E100123' });
    await until(
      'all migrated rows sent and deleted',
      () => unsent([event, stage, final]),
      (r) => r.length === 0,
    );
    expect(events.some((x) => x.data.eventId === sent)).toBe(false);
  }, 60_000);

  it('two replicas on one database: every row is sent, none twice', async () => {
    replicaB = await bootReplica();
    const other = replicaB.get(WorkorderService);
    const dtos = Array.from({ length: 40 }, () => dispatchDto());
    await Promise.all(dtos.map((d, i) => (i % 2 ? other : workorders).dispatch(d, eoms)));
    await Promise.all(dtos.map((d, i) => (i % 2 ? workorders : other).accept(d.orderNo, null, staff)));
    await Promise.all(dtos.map((d, i) => (i % 2 ? other : workorders).progress(d.orderNo, 'on site', staff)));
    const mine = new Set(dtos.map((d) => d.orderNo));
    const received = await until(
      'all events and stage replies',
      () => ({
        events: events.filter((e) => mine.has(e.data.orderNo)).length,
        calls: eomsInbox.filter((c) => mine.has(c.payload.orderNo)).length,
      }),
      (n) => n.events >= 120 && n.calls >= 40,
      30_000,
    );
    // Let a duplicate that was going to happen land.
    await new Promise((r) => setTimeout(r, 7000));
    const eventIds = events.filter((e) => mine.has(e.data.orderNo)).map((e) => e.data.eventId);
    const callIds = eomsInbox.filter((c) => mine.has(c.payload.orderNo)).map((c) => c.requestId);
    expect(received).toEqual({ events: 120, calls: 40 });
    expect(new Set(eventIds).size).toBe(eventIds.length);
    expect(new Set(callIds).size).toBe(callIds.length);
    const [left] = await rows("SELECT COUNT(*) AS n FROM outbox_message WHERE JSON_VALUE(data, '$.orderNo') IN (?)", [[...mine]]);
    expect(Number(left.n)).toBe(0);
  }, 60_000);
});
