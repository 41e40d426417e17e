import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import amqplib, { type ChannelModel, type ConfirmChannel } from 'amqplib';
import type mysql from 'mysql2/promise';
import { loadConfig } from '@crm/config';
import { CALL_RECORDED_V1, names, OPERATION_RECORDED_V1 } from '@crm/contracts';
import { buildCallEvent, callFingerprint, newCallEventId, sealEvent, withBrokerUser } from '@crm/messaging';
import { EventMac } from '@crm/security';
import { RawClient } from '../support/raw-client.js';
import { Stack } from '../support/stack.js';
import { until } from '../support/until.js';

/**
 * Issue 8, findings 2 and 3, reproduced as the report describes them against the real broker and
 * database: calls hidden by reusing a message id, a true redelivery stored once, and audit rows
 * forged by publishing to `<ns>.events` (or straight into the audit queues) as the guest user or as
 * a partner's least-privilege broker user.
 */
const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const DISPATCH = 'service.workorder.dispatch.v1';
const WITHDRAW = 'service.workorder.withdraw.v1';
const QUERY = 'service.workorder.query.v1';

let stack: Stack;
let client: RawClient;
let audit: mysql.Connection;
let token: string;
let amqp: ChannelModel;
const eoms = { caller: `EOMS_${randomBytes(3).toString('hex')}`, password: '' };

async function rows<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
  const [r] = await audit.query(sql, params);
  return r as T[];
}

async function api(path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${stack.url('audit')}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

/** Until the audit queues are empty and nothing is unacked: everything published so far is settled. */
async function settled(): Promise<void> {
  const ch = await amqp.createChannel();
  try {
    for (const q of [names.auditCallQueue(stack.ns), names.auditOperationQueue(stack.ns)]) {
      await until(
        `${q} drained`,
        () => ch.checkQueue(q),
        (s) => s.messageCount === 0,
        30_000,
      );
    }
  } finally {
    await ch.close();
  }
  await new Promise((r) => setTimeout(r, 500)); // the last batch's commit (20 ms window) and its alert flush (1 s)
}

function oneWay(data: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify({ pattern: QUERY, data: { caller: eoms.caller, password: eoms.password, ...data } }));
}

beforeAll(async () => {
  // Ten refused calls of one unknown caller below must each reach the call log as 4002, not trip the
  // caller lockout (5 by default; test/e2e/lockout.e2e-spec.ts covers it).
  stack = await Stack.start({ apps: ['auth', 'service', 'audit'], env: { LOG_LEVEL: 'warn', CALLER_MAX_FAILURES: '20' } });
  eoms.password = await stack.createCaller(eoms.caller, ['service.workorder.*']);
  client = await RawClient.connect(AMQP_URL);
  audit = await stack.db('audit');
  token = await stack.adminToken();
  amqp = await amqplib.connect(AMQP_URL);
}, 120_000);

afterAll(async () => {
  await client?.close();
  await audit?.end();
  await amqp?.close().catch(() => undefined);
  await stack?.stop();
}, 60_000);

describe('finding 2: a call is never hidden behind another call id', () => {
  it('a withdraw sent with the id of an earlier dispatch appears as its own row', async () => {
    const id = randomUUID();
    const orderNo = `EOMS-${stack.ns}-1`;
    const dispatch = await client.call(
      stack.queue('service'),
      DISPATCH,
      {
        ...eoms,
        payload: {
          orderNo,
          type: 'fault',
          title: 'No dial tone',
          description: 'since 08:00',
          priority: 'high',
          customer: { accountNo: 'ACC-1', name: 'Li Lei', phone: '+86 138 0000 0000' },
          deadline: '2026-12-01T12:00:00.000Z',
          dispatchedAt: '2026-11-23T08:00:00.000Z',
        },
      },
      { id },
    );
    expect(dispatch.response?.code).toBe(0);
    const withdraw = await client.call(
      stack.queue('service'),
      WITHDRAW,
      { ...eoms, payload: { orderNo, reason: 'customer cancelled' } },
      { id },
    );
    expect(withdraw.response?.code).toBe(0);
    const found = await until(
      'two rows under one id',
      () => rows('SELECT pattern, code FROM call_log WHERE request_id = ? ORDER BY seq', [id]),
      (r) => r.length >= 2,
    );
    await settled();
    expect(await rows('SELECT pattern, code FROM call_log WHERE request_id = ? ORDER BY seq', [id])).toEqual([
      { pattern: DISPATCH, code: 0 },
      { pattern: WITHDRAW, code: 0 },
    ]);
    expect(found).toHaveLength(2);
  });

  it('ten failed calls by an unknown caller sharing one id leave ten rows', async () => {
    const ghost = `GHOST_${randomBytes(3).toString('hex')}`;
    const id = randomUUID();
    for (let i = 0; i < 10; i++) {
      const r = await client.call(
        stack.queue('service'),
        QUERY,
        { caller: ghost, password: `wrong-${i}`, payload: { orderNo: 'X-1' } },
        { id },
      );
      expect(r.err?.code).toBe(4002);
    }
    await until(
      'ten rows',
      () => rows('SELECT id FROM call_log WHERE caller = ?', [ghost]),
      (r) => r.length >= 10,
    );
    await settled();
    const stored = await rows<{ id: string; code: number; request_id: string }>(
      'SELECT id, code, request_id FROM call_log WHERE caller = ?',
      [ghost],
    );
    expect(stored).toHaveLength(10);
    expect(new Set(stored.map((r) => r.id)).size).toBe(10);
    expect(stored.every((r) => r.code === 4002 && r.request_id === id)).toBe(true);
  });

  it('one-way calls with a fixed AMQP message_id (and the very same body) leave one row each', async () => {
    const requestId = `oneway-${randomBytes(4).toString('hex')}`;
    const body = oneWay({ requestId, payload: { orderNo: 'NO-SUCH-ORDER' } });
    for (let i = 0; i < 5; i++)
      client.ch.sendToQueue(stack.queue('service'), body, {
        persistent: true,
        contentType: 'application/json',
        messageId: 'fixed-message-id',
      });
    await until(
      'five rows',
      () => rows('SELECT id FROM call_log WHERE request_id = ?', [requestId]),
      (r) => r.length >= 5,
    );
    await settled();
    expect(await rows('SELECT code FROM call_log WHERE request_id = ?', [requestId])).toEqual(Array(5).fill({ code: 4040 }));
  });

  it('a true redelivery is stored once: after a crash that followed the confirm, and after one that preceded it', async () => {
    // The service app is down; the test takes each message first, as the app would, and "crashes"
    // (closes its channel without ack) so that the broker redelivers it to the real app, flagged.
    await stack.killApp('service', 'SIGTERM');
    const tag = randomBytes(4).toString('hex');
    const afterConfirm = { requestId: `redelivered-a-${tag}`, messageId: `m-a-${tag}` };
    const beforeConfirm = { requestId: `redelivered-b-${tag}`, messageId: `m-b-${tag}` };
    const ch: ConfirmChannel = await amqp.createConfirmChannel();
    let firstEventId = '';
    try {
      for (const m of [afterConfirm, beforeConfirm]) {
        ch.sendToQueue(stack.queue('service'), oneWay({ requestId: m.requestId, payload: { orderNo: 'NO-SUCH-ORDER' } }), {
          persistent: true,
          messageId: m.messageId,
        });
      }
      await ch.waitForConfirms();
      for (let i = 0; i < 2; i++) {
        const msg = await until(
          'the message',
          () => ch.get(stack.queue('service'), { noAck: false }),
          (g) => g !== false,
        );
        if (msg === false) throw new Error('unreachable');
        expect(msg.fields.redelivered).toBe(false);
        if (msg.properties.messageId !== afterConfirm.messageId) continue;
        // The first processing's call event, built and sealed by the apps' own code, confirmed by the broker.
        const config = loadConfig(stack.env);
        const event = buildCallEvent({
          id: newCallEventId(),
          direction: 'inbound',
          service: 'service',
          caller: eoms.caller,
          callee: 'service',
          pattern: QUERY,
          requestId: afterConfirm.requestId,
          actor: null,
          code: 4040,
          message: 'work order not found',
          durationMs: 1,
          source: null,
          redelivered: false,
          fingerprint: callFingerprint('service', 'inbound', afterConfirm.messageId, msg.content),
        });
        firstEventId = event.id;
        ch.publish(
          names.eventsExchange(stack.ns),
          CALL_RECORDED_V1,
          Buffer.from(
            JSON.stringify({
              pattern: CALL_RECORDED_V1,
              data: new EventMac(config.namespace, config.masterKeys).seal(CALL_RECORDED_V1, event),
            }),
          ),
          {
            persistent: true,
          },
        );
        await ch.waitForConfirms();
      }
    } finally {
      await ch.close(); // the "crash": both messages go back to the queue, marked redelivered
    }
    await stack.startApp('service');
    const seen = (requestId: string) => rows<{ id: string }>('SELECT id FROM call_log WHERE request_id = ?', [requestId]);
    await until(
      'the redelivered call recorded',
      () => seen(beforeConfirm.requestId),
      (r) => r.length >= 1,
      30_000,
    );
    await settled();
    await new Promise((r) => setTimeout(r, 1000));
    // The app processed both again (redelivered): the first one's event was already stored, so its
    // second event is not; the second one had no event yet, so its redelivered event is the record.
    expect(await seen(afterConfirm.requestId)).toEqual([{ id: firstEventId }]);
    expect(await seen(beforeConfirm.requestId)).toHaveLength(1);
    expect((await api('/audit/integrity/verify?log=calls')).body).toMatchObject({ ok: true });
  }, 90_000);
});

describe('finding 3: audit accepts events only from the CRM apps', () => {
  const forgedCall = () =>
    buildCallEvent({
      id: newCallEventId(),
      at: new Date('2026-01-02T03:04:05.000Z'),
      direction: 'inbound',
      service: 'service',
      caller: 'EOMS',
      callee: 'service',
      pattern: DISPATCH,
      requestId: `forged-${randomBytes(3).toString('hex')}`,
      actor: null,
      code: 0,
      message: '=HYPERLINK("http://evil.example","x") <script>',
      durationMs: 1,
      source: null,
    });
  const forgedOperation = () => ({
    id: randomUUID(),
    at: '2026-01-02T03:04:05.000Z',
    service: 'auth',
    actorType: 'employee',
    actor: 'E100001',
    entity: 'employee',
    entityId: 'E100001',
    action: 'role.grant',
    changes: [{ field: 'roles', old: [], new: ['admin'] }],
    requestId: null,
    eventId: randomUUID(),
    occurredAt: '2026-01-02T03:04:05.000Z',
  });

  it('forged call and operation events published as guest (to <ns>.events and straight into the audit queues) are not stored, raise an alert, and the chain still verifies', async () => {
    const ch = await amqp.createConfirmChannel();
    const calls = [forgedCall(), forgedCall(), forgedCall(), forgedCall(), forgedCall()];
    const operations = [forgedOperation(), forgedOperation()];
    // An attacker who guesses the key id still cannot compute the MAC.
    const guessed = new EventMac(stack.ns, { current: { id: 'k1', key: randomBytes(32) }, previous: [] });
    const json = (pattern: string, data: object) => Buffer.from(JSON.stringify({ pattern, data }));
    ch.publish(names.eventsExchange(stack.ns), CALL_RECORDED_V1, json(CALL_RECORDED_V1, calls[0]), { persistent: true });
    ch.sendToQueue(names.auditCallQueue(stack.ns), json(CALL_RECORDED_V1, calls[1]), { persistent: true });
    ch.publish(names.eventsExchange(stack.ns), CALL_RECORDED_V1, json(CALL_RECORDED_V1, guessed.seal(CALL_RECORDED_V1, calls[2])), {
      persistent: true,
    });
    // Sealed over the bytes as the apps seal now: with a guessed key, and with the installation's key but changed after sealing.
    const guessedV2 = sealEvent(guessed, { pattern: CALL_RECORDED_V1, data: calls[3] });
    ch.publish(names.eventsExchange(stack.ns), CALL_RECORDED_V1, guessedV2.content, { persistent: true, headers: guessedV2.headers });
    const genuine = stack.eventMessage(CALL_RECORDED_V1, { ...calls[4], code: 4001 });
    const changed = Buffer.from(genuine.content.toString().replace('"code":4001', '"code":4000'));
    ch.publish(names.eventsExchange(stack.ns), CALL_RECORDED_V1, changed, { persistent: true, headers: genuine.headers });
    ch.publish(names.eventsExchange(stack.ns), OPERATION_RECORDED_V1, json(OPERATION_RECORDED_V1, operations[0]), { persistent: true });
    ch.sendToQueue(names.auditOperationQueue(stack.ns), json(OPERATION_RECORDED_V1, operations[1]), { persistent: true });
    await ch.waitForConfirms();
    await ch.close();

    const alerts = await until(
      'forged-event alerts for both logs',
      async () => ((await api('/audit/alerts?rule=forged-event')).body.items ?? []) as any[],
      (items) =>
        items.some((a) => a.subject === 'calls:unknown publisher' && a.occurrences >= 5) &&
        items.some((a) => a.subject === 'operations:unknown publisher' && a.occurrences >= 2),
      30_000,
    );
    await settled();
    expect(await rows('SELECT id FROM call_log WHERE id IN (?)', [calls.map((c) => c.id)])).toEqual([]);
    expect(await rows("SELECT id FROM call_log WHERE caller = 'EOMS' AND at = '2026-01-02 03:04:05.000'")).toEqual([]);
    expect(await rows('SELECT id FROM operation_log WHERE id IN (?)', [operations.map((o) => o.id)])).toEqual([]);
    const call = alerts.find((a) => a.subject === 'calls:unknown publisher');
    expect(call).toMatchObject({
      severity: 'critical',
      details: expect.objectContaining({ queue: 'calls', pattern: CALL_RECORDED_V1, service: 'service' }),
    });
    // Only the sanitised summary: no attacker text as sent.
    expect(JSON.stringify(alerts)).not.toMatch(/HYPERLINK|evil\.example|<script>|role\.grant/);
    const metrics = await (await fetch(`${stack.url('audit')}/metrics`)).text();
    expect(Number(/crm_audit_ingest_events_total\{result="forged"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(5);
    expect(Number(/crm_audit_operation_ingest_events_total\{result="forged"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
    // Dead-lettered, not lost: the operator can inspect them.
    const check = await amqp.createChannel();
    expect((await check.checkQueue(names.deadQueue(stack.ns, 'audit'))).messageCount).toBeGreaterThanOrEqual(7);
    await check.close();
    for (const log of ['calls', 'operations']) expect((await api(`/audit/integrity/verify?log=${log}`)).body).toMatchObject({ ok: true });
    // Genuine events still flow after the refusals.
    const after = await client.call(stack.queue('service'), QUERY, { ...eoms, payload: { orderNo: 'NOPE-1' } });
    expect(after.err?.code).toBe(4040);
  }, 60_000);

  it("a partner's broker user cannot publish to <ns>.events (ACCESS_REFUSED) nor read the CRM's queues, can still call, and its events pushed into the audit queue are refused", async () => {
    expect(stack.brokerUsers).not.toBeNull(); // npm test runs where rabbitmqctl is (root, CI)
    const created = await stack.cli(['broker', 'partner', 'eoms']);
    expect(created.code).toBe(0);
    expect(created.json).toMatchObject({ user: `${stack.ns}-partner-eoms`, password: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });
    const partnerUrl = withBrokerUser(AMQP_URL, created.json.user, created.json.password);

    // It works for what a partner does: calling the service and reading the reply.
    const partner = await RawClient.connect(partnerUrl);
    try {
      expect((await partner.call(stack.queue('service'), QUERY, { ...eoms, payload: { orderNo: 'NOPE-2' } })).err?.code).toBe(4040);
    } finally {
      await partner.close();
    }

    const conn = await amqplib.connect(partnerUrl);
    conn.on('error', () => undefined);
    try {
      const refused = async (attempt: (ch: ConfirmChannel) => Promise<unknown>): Promise<string> => {
        const ch = await conn.createConfirmChannel();
        const closed = new Promise<string>((resolve) => ch.on('error', (e: Error) => resolve(e.message)));
        await attempt(ch).catch(() => undefined);
        return closed;
      };
      expect(
        await refused(async (ch) => {
          ch.publish(
            names.eventsExchange(stack.ns),
            CALL_RECORDED_V1,
            Buffer.from(JSON.stringify({ pattern: CALL_RECORDED_V1, data: forgedCall() })),
            { persistent: true },
          );
          await ch.waitForConfirms();
        }),
      ).toMatch(/ACCESS_REFUSED/);
      expect(await refused((ch) => ch.consume(names.auditCallQueue(stack.ns), () => undefined))).toMatch(/ACCESS_REFUSED/);

      // What broker permissions cannot stop: the default exchange reaches every queue by name.
      // The broker accepts it; audit refuses it (untrusted publisher, and no MAC).
      const ch = await conn.createConfirmChannel();
      const event = forgedCall();
      ch.sendToQueue(names.auditCallQueue(stack.ns), Buffer.from(JSON.stringify({ pattern: CALL_RECORDED_V1, data: event })), {
        persistent: true,
        userId: created.json.user,
      });
      await ch.waitForConfirms();
      await ch.close();
      const alert = await until(
        'the partner forged-event alert',
        async () =>
          (((await api('/audit/alerts?rule=forged-event')).body.items ?? []) as any[]).find(
            (a) => a.subject === `calls:${created.json.user}`,
          ),
        (a) => a !== undefined,
        30_000,
      );
      expect(alert.details).toMatchObject({ publisher: created.json.user, reason: 'publisher not trusted' });
      await settled();
      expect(await rows('SELECT id FROM call_log WHERE id = ?', [event.id])).toEqual([]);
    } finally {
      await conn.close().catch(() => undefined);
    }
  }, 60_000);
});
