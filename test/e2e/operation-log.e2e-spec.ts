import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { loadConfig } from '@crm/config';
import { ACCESS_TOKEN_ISSUER, accessTokenKey } from '@crm/security';
import { RawClient, type RawReply } from '../support/raw-client.js';
import { Stack, waitFor } from '../support/stack.js';
import { faultOrder } from '../support/eoms-orders.js';

/**
 * The operation log end to end (SPEC §4.2): work-order changes made over raw AMQP leave operation
 * events in the service's outbox, the relay publishes them, audit stores them, and operators read
 * them at `GET /audit/operations`.
 */

jest.setTimeout(60_000);

let stack: Stack;
let client: RawClient;
let token: string;
let eomsPassword: string;
let agentPassword: string;
const orderNo = `OPLOG-${Date.now()}`;
let workOrderId: string;
const requestIds: Record<string, string> = {};

let agentId: string;

async function call(caller: string, password: string, pattern: string, payload: unknown, actor?: string): Promise<RawReply> {
  const requestId = `rq-${randomUUID()}`;
  requestIds[pattern] = requestId;
  const reply = await client.call(stack.queue('service'), pattern, { caller, password, requestId, payload, ...(actor ? { actor } : {}) });
  expect(reply.err).toBeUndefined();
  return reply;
}

async function get(query: string, bearer: string | null = token): Promise<{ status: number; body: any }> {
  const res = await fetch(`${stack.url('audit')}/audit/operations${query}`, {
    headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
  });
  return { status: res.status, body: await res.json() };
}

function forged(perms: string[]): string {
  return new JwtService({}).sign(
    { sub: 'E199999', perms, sv: 1 },
    { secret: accessTokenKey(loadConfig(stack.env)), algorithm: 'HS256', expiresIn: 300, issuer: ACCESS_TOKEN_ISSUER },
  );
}

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'service', 'audit'] });
  client = await RawClient.connect();
  eomsPassword = await stack.createCaller('EOMS', ['service.workorder.dispatch.v1']);
  agentPassword = await stack.createCaller('FIELD-APP', ['service.workorder.accept.v1']);
  token = await stack.adminToken();
}, 120_000);

afterAll(async () => {
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('work-order changes in the operation log', () => {
  it('dispatch and accept are recorded under the orderNo with status old → new and who acted (caller, or the employee behind it)', async () => {
    const agent = await stack.employee(['service-agent']);
    agentId = agent.employeeId;
    const dispatched = await call('EOMS', eomsPassword, 'service.workorder.dispatch.v1', faultOrder(orderNo));
    workOrderId = dispatched.response!.data.workOrderId;
    await call('FIELD-APP', agentPassword, 'service.workorder.accept.v1', { orderNo }, agent.token);

    const items = await waitFor(async () => {
      const r = await get(`?entity=workorder&entityId=${orderNo}`);
      return r.status === 200 && r.body.items.length >= 2 ? (r.body.items as any[]) : null;
    });
    expect(items).toHaveLength(2);
    // Newest first.
    expect(items[0]).toEqual({
      id: expect.any(String),
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
      service: 'service',
      actorType: 'employee',
      actor: agent.employeeId,
      entity: 'workorder',
      entityId: orderNo,
      action: 'accept',
      changes: [{ field: 'status', old: 'dispatched', new: 'accepted' }],
      requestId: requestIds['service.workorder.accept.v1'],
    });
    expect(items[1]).toMatchObject({
      actor: 'EOMS',
      action: 'dispatch',
      changes: [
        { field: 'status', old: null, new: 'dispatched' },
        { field: 'urgeCount', old: null, new: 0 },
      ],
      requestId: requestIds['service.workorder.dispatch.v1'],
    });
    // One meaning for entityId: the order number EOMS and every work-order call use, not our internal id.
    expect((await get(`?entity=workorder&entityId=${workOrderId}`)).body.items).toEqual([]);
  });

  it('a redelivered change is stored once (the outbox row id is the event id)', async () => {
    const items = (await get(`?entity=workorder&entityId=${orderNo}`)).body.items as any[];
    expect(items).toHaveLength(2);
    const db = await stack.db('service');
    try {
      // The relay sends a row again (as after a crash between the broker's confirm and the delete): still two entries.
      const { id, at, service, actorType, actor, entity, entityId, action, changes, requestId } = items[0];
      await db.query(
        "INSERT INTO outbox_message (id, kind, pattern, data, meta, created_at, attempts, next_attempt_at) VALUES (?, 'event', 'audit.operation.recorded.v1', ?, '{}', ?, 0, ?)",
        [id, JSON.stringify({ id, at, service, actorType, actor, entity, entityId, action, changes, requestId }), new Date(0), new Date(0)],
      );
      await waitFor(async () => {
        const [r] = await db.query<any[]>('SELECT id FROM outbox_message WHERE id = ?', [id]);
        return r.length === 0;
      });
    } finally {
      await db.end();
    }
    const audit = await stack.db('audit');
    try {
      // Give the ingest a moment to have stored a duplicate, if it were going to.
      await new Promise((r) => setTimeout(r, 500));
      const [n] = await audit.query<any[]>('SELECT COUNT(*) AS n FROM operation_log WHERE entity_id = ?', [orderNo]);
      expect(Number(n[0].n)).toBe(2);
    } finally {
      await audit.end();
    }
  });

  it('filters by employee (actor), action, time range, and pages with the cursor', async () => {
    const byActor = await get(`?employee=${agentId}&entityId=${orderNo}&entity=workorder`);
    expect(byActor.body.items.map((i: any) => i.action)).toEqual(['accept']);
    const byAction = await get(`?action=dispatch&entity=workorder&entityId=${orderNo}`);
    expect(byAction.body.items.map((i: any) => i.actor)).toEqual(['EOMS']);
    const future = await get(`?entity=workorder&entityId=${orderNo}&from=2099-01-01T00:00:00Z`);
    expect(future.body.items).toEqual([]);

    const first = await get(`?entity=workorder&entityId=${orderNo}&limit=1`);
    expect(first.body.items.map((i: any) => i.action)).toEqual(['accept']);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await get(`?entity=workorder&entityId=${orderNo}&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items.map((i: any) => i.action)).toEqual(['dispatch']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('refuses a bad query with 4220', async () => {
    const r = await get('?limit=1001&cursor=nope');
    expect(r.status).toBe(422);
    expect(r.body.code).toBe(4220);
  });

  it('answers 401 without a valid token and 403 without audit.read', async () => {
    expect(await get('', null)).toEqual({ status: 401, body: { code: 4010, message: expect.any(String) } });
    expect((await get('', 'not-a-token')).status).toBe(401);
    // A well-signed token for an employee auth does not know is no operator.
    expect((await get('', forged(['audit.read']))).status).toBe(401);
    const sales = await stack.employee(['sales']);
    const denied = await get('', sales.token);
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe(4030);
    const auditor = await stack.employee(['auditor']);
    expect((await get(`?entity=workorder&entityId=${orderNo}`, auditor.token)).body.items).toHaveLength(2);
  });
});
