import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ConsumeMessage } from 'amqplib';
import { RawClient, type RawReply } from '../support/raw-client.js';
import { Stack, waitFor } from '../support/stack.js';

/**
 * The wire contract as EOMS sees it: plain amqplib, no NestJS client. Every call is then looked up
 * in the audit call log through the operator endpoint.
 */

jest.setTimeout(60_000);

let stack: Stack;
let client: RawClient;
let eomsPassword: string;
let token: string;
const CRM_EOMS_PASSWORD = `crm-at-eoms-${randomUUID()}`;
const eomsInbox: Array<{ body: any; props: ConsumeMessage['properties'] }> = [];
const secrets: string[] = [CRM_EOMS_PASSWORD];
/** requestId → expected code, caller, pattern of the call log row */
const expected: Array<{ requestId: string; code: number; caller: string | null; pattern: string; actor: string | null }> = [];

const dispatchPayload = (orderNo: string, title = 'No dial tone') => ({
  orderNo,
  type: 'fault',
  title,
  description: 'Customer reports no dial tone since 08:00',
  priority: 'high',
  customer: { accountNo: 'ACC-1001', name: 'Li Lei', phone: '+86 138 0000 0000' },
  deadline: '2026-12-01T12:00:00Z',
  dispatchedAt: '2026-11-23T08:00:00Z',
});

async function call(
  caller: string | undefined,
  password: string | undefined,
  pattern: string,
  payload: unknown,
  expectCode: number,
  actor?: { token: string; employeeId: string | null },
): Promise<RawReply> {
  const requestId = `rq-${randomUUID()}`;
  const reply = await client.call(stack.queue('service'), pattern, {
    caller,
    password,
    requestId,
    payload,
    ...(actor ? { actor: actor.token } : {}),
  });
  const code = reply.response ? reply.response.code : reply.err!.code;
  expect({ pattern, code }).toEqual({ pattern, code: expectCode });
  expected.push({ requestId, code: expectCode, caller: caller ?? null, pattern, actor: actor?.employeeId ?? null });
  return reply;
}

beforeAll(async () => {
  stack = await Stack.start({ env: { CALLER_MAX_FAILURES: '3' } });
  client = await RawClient.connect();
  eomsPassword = await stack.createCaller('EOMS', [
    'service.workorder.dispatch.v1',
    'service.workorder.urge.v1',
    'service.workorder.withdraw.v1',
    'service.workorder.query.v1',
  ]);
  secrets.push(eomsPassword);
  const set = await stack.cli(['credential', 'set', 'service', 'eoms', '--caller', 'CRM', '--password-stdin'], CRM_EOMS_PASSWORD);
  expect(set.code).toBe(0);
  // A stand-in for EOMS's own interface: records what the CRM sends and answers OK.
  await client.ch.assertQueue(`${stack.ns}.eoms`, { durable: true });
  await client.ch.consume(`${stack.ns}.eoms`, (m) => {
    if (!m) return;
    const body = JSON.parse(m.content.toString());
    eomsInbox.push({ body, props: m.properties });
    client.ch.ack(m);
    if (m.properties.replyTo) {
      client.ch.sendToQueue(
        m.properties.replyTo,
        Buffer.from(JSON.stringify({ response: { code: 0, message: 'OK', data: {} }, isDisposed: true })),
        {
          correlationId: m.properties.correlationId,
        },
      );
    }
  });
  token = await stack.adminToken();
}, 120_000);

afterAll(async () => {
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('EOMS work orders over raw AMQP', () => {
  const orderNo = `EOMS-${Date.now()}`;
  let workOrderId: string;

  it('dispatch returns a work order id and status', async () => {
    const r = await call('EOMS', eomsPassword, 'service.workorder.dispatch.v1', dispatchPayload(orderNo), 0);
    expect(r.response!.message).toBe('OK');
    expect(r.response!.data).toMatchObject({ workOrderId: expect.any(String), status: 'dispatched' });
    workOrderId = r.response!.data.workOrderId;
  });

  it('the same orderNo with the same content is a safe retry', async () => {
    const r = await call('EOMS', eomsPassword, 'service.workorder.dispatch.v1', dispatchPayload(orderNo), 0);
    expect(r.response!.data.workOrderId).toBe(workOrderId);
  });

  it('the same orderNo with different content is 4090', async () => {
    await call('EOMS', eomsPassword, 'service.workorder.dispatch.v1', dispatchPayload(orderNo, 'Another title'), 4090);
  });

  it('an invalid payload is 4220 with per-field details', async () => {
    const r = await call(
      'EOMS',
      eomsPassword,
      'service.workorder.dispatch.v1',
      { ...dispatchPayload(`X-${Date.now()}`), priority: 'whenever', deadline: 'soon' },
      4220,
    );
    const fields = r.err!.details!.map((d) => d.field).sort();
    expect(fields).toEqual(['deadline', 'priority']);
  });

  it('a missing payload is 4220, not a crash', async () => {
    await call('EOMS', eomsPassword, 'service.workorder.dispatch.v1', undefined, 4220);
  });

  it('query returns state and history; unknown orderNo is 4040', async () => {
    const r = await call('EOMS', eomsPassword, 'service.workorder.query.v1', { orderNo }, 0);
    expect(r.response!.data).toMatchObject({ orderNo, status: 'dispatched' });
    expect(r.response!.data.history.length).toBeGreaterThanOrEqual(1);
    await call('EOMS', eomsPassword, 'service.workorder.query.v1', { orderNo: 'NOPE-1' }, 4040);
  });
});

describe('the shared guard', () => {
  it('wrong password and unknown caller get the same 4002 reply', async () => {
    const a = await call('EOMS', 'wrong-password', 'service.workorder.query.v1', { orderNo: 'A' }, 4002);
    const b = await call('NOBODY', 'wrong-password', 'service.workorder.query.v1', { orderNo: 'A' }, 4002);
    expect(a.err).toEqual(b.err);
  });

  it('missing credentials are 4001', async () => {
    await call(undefined, undefined, 'service.workorder.query.v1', { orderNo: 'A' }, 4001);
  });

  it('a disabled caller is 4003, and enabled again works', async () => {
    const pw = await stack.createCaller('DISABLED1', ['service.workorder.query.v1']);
    secrets.push(pw);
    await call('DISABLED1', pw, 'service.workorder.query.v1', { orderNo: 'A' }, 4040);
    expect((await stack.cli(['caller', 'disable', 'DISABLED1'])).code).toBe(0);
    // takes effect across apps without restart (the service app had it cached)
    await waitFor(
      async () => {
        const r = await client.call(stack.queue('service'), 'service.workorder.query.v1', {
          caller: 'DISABLED1',
          password: pw,
          payload: { orderNo: 'A' },
        });
        return r.err?.code === 4003;
      },
      1000,
      50,
    );
    await call('DISABLED1', pw, 'service.workorder.query.v1', { orderNo: 'A' }, 4003);
    expect((await stack.cli(['caller', 'enable', 'DISABLED1'])).code).toBe(0);
    await call('DISABLED1', pw, 'service.workorder.query.v1', { orderNo: 'A' }, 4040);
  });

  it('a caller is locked (4004) after repeated failures, and unlock restores it', async () => {
    const pw = await stack.createCaller('LOCKME', ['service.workorder.query.v1']);
    secrets.push(pw);
    for (let i = 0; i < 3; i++) await call('LOCKME', `bad-${i}`, 'service.workorder.query.v1', { orderNo: 'A' }, 4002);
    await call('LOCKME', pw, 'service.workorder.query.v1', { orderNo: 'A' }, 4004);
    expect((await stack.cli(['caller', 'unlock', 'LOCKME'])).code).toBe(0);
    await call('LOCKME', pw, 'service.workorder.query.v1', { orderNo: 'A' }, 4040);
  });

  it('an expired credential is 4005', async () => {
    const pw = await stack.createCaller('OLDONE', ['service.workorder.query.v1']);
    secrets.push(pw);
    expect((await stack.cli(['caller', 'expire', 'OLDONE'])).code).toBe(0);
    await call('OLDONE', pw, 'service.workorder.query.v1', { orderNo: 'A' }, 4005);
  });

  it('a pattern outside the caller globs is 4030', async () => {
    await call('EOMS', eomsPassword, 'service.workorder.accept.v1', { orderNo: 'A' }, 4030);
  });

  it('a staff operation without an actor token is 4010, with a bad one 4010, with a role lacking the permission 4030', async () => {
    const pw = await stack.createCaller('DESK', ['service.workorder.*']);
    secrets.push(pw);
    const sales = await stack.employee(['sales']);
    await call('DESK', pw, 'service.workorder.accept.v1', { orderNo: 'A' }, 4010);
    await call('DESK', pw, 'service.workorder.accept.v1', { orderNo: 'A' }, 4010, { token: 'not-a-token', employeeId: null });
    await call('DESK', pw, 'service.workorder.accept.v1', { orderNo: 'A' }, 4030, { token: sales.token, employeeId: sales.employeeId });
  });

  it('rotation: both passwords work during the overlap, only the new one after', async () => {
    const oldPw = await stack.createCaller('ROTATE', ['service.workorder.query.v1']);
    await call('ROTATE', oldPw, 'service.workorder.query.v1', { orderNo: 'A' }, 4040);
    const r = await stack.cli(['caller', 'rotate', 'ROTATE', '--overlap', '4s']);
    expect(r.code).toBe(0);
    const newPw = r.json.password as string;
    secrets.push(oldPw, newPw);
    expect(newPw).not.toBe(oldPw);
    await call('ROTATE', oldPw, 'service.workorder.query.v1', { orderNo: 'A' }, 4040);
    await call('ROTATE', newPw, 'service.workorder.query.v1', { orderNo: 'A' }, 4040);
    await new Promise((res) => setTimeout(res, 4500));
    await call('ROTATE', oldPw, 'service.workorder.query.v1', { orderNo: 'A' }, 4002);
    await call('ROTATE', newPw, 'service.workorder.query.v1', { orderNo: 'A' }, 4040);
  });
});

describe('malformed input', () => {
  it('a non-JSON body gets 4000 and is dead-lettered', async () => {
    const r = await client.sendRaw(stack.queue('service'), 'this is not json');
    expect(r.err).toEqual({ code: 4000, message: 'malformed message: body is not JSON' });
    await waitFor(async () => (await client.ch.checkQueue(`${stack.queue('service')}.dead`)).messageCount >= 1, 5000);
  });

  it('an envelope without data gets 4000', async () => {
    const r = await client.sendRaw(stack.queue('service'), JSON.stringify({ pattern: 'service.workorder.query.v1', id: 'x1' }));
    expect(r.err!.code).toBe(4000);
  });

  it('an unknown pattern gets 4040', async () => {
    await call('EOMS', eomsPassword, 'service.workorder.teleport.v1', {}, 4040);
  });

  it('the app keeps consuming after all of that', async () => {
    await call('EOMS', eomsPassword, 'service.workorder.query.v1', { orderNo: 'NOPE-2' }, 4040);
  });
});

describe('stage reply and final reply to EOMS', () => {
  it('accept, progress and complete send outbound calls with the CRM credentials for EOMS', async () => {
    const staffPw = await stack.createCaller('FRONTEND', ['service.workorder.*']);
    secrets.push(staffPw);
    const agent = await stack.employee(['service-agent']);
    const orderNo = `EOMS-F-${Date.now()}`;
    await call('EOMS', eomsPassword, 'service.workorder.dispatch.v1', dispatchPayload(orderNo), 0);
    await call('FRONTEND', staffPw, 'service.workorder.accept.v1', { orderNo }, 0, { token: agent.token, employeeId: agent.employeeId });
    await call('FRONTEND', staffPw, 'service.workorder.progress.v1', { orderNo, note: 'Technician on site' }, 0, {
      token: agent.token,
      employeeId: agent.employeeId,
    });
    const done = await call('FRONTEND', staffPw, 'service.workorder.complete.v1', { orderNo, resolution: 'Line card replaced' }, 0, {
      token: agent.token,
      employeeId: agent.employeeId,
    });
    expect(done.response!.data.status).toBe('completed');
    await call('EOMS', eomsPassword, 'service.workorder.withdraw.v1', { orderNo, reason: 'too late' }, 4090);

    const mine = await waitFor(async () => {
      const m = eomsInbox.filter((x) => x.body.data?.payload?.orderNo === orderNo);
      return m.length >= 2 ? m : null;
    });
    const stage = mine.find((x) => x.body.pattern === 'eoms.workorder.stage-reply.v1');
    const final = mine.find((x) => x.body.pattern === 'eoms.workorder.reply.v1');
    expect(stage!.body.data).toMatchObject({
      caller: 'CRM',
      password: CRM_EOMS_PASSWORD,
      payload: { orderNo, note: 'Technician on site' },
    });
    expect(final!.body.data).toMatchObject({
      caller: 'CRM',
      password: CRM_EOMS_PASSWORD,
      payload: { orderNo, resolution: 'Line card replaced' },
    });
    expect(final!.props.deliveryMode).toBe(2);

    const out = await waitFor(async () => {
      const items = await queryCalls({ direction: 'outbound', callee: 'eoms' });
      return items.filter((i: any) => [stage!.body.data.requestId, final!.body.data.requestId].includes(i.requestId)).length === 2
        ? items
        : null;
    });
    expect(out.every((i: any) => i.service === 'service' && i.caller === 'CRM' && i.code === 0)).toBe(true);
  });
});

async function queryCalls(params: Record<string, string>): Promise<any[]> {
  const qs = new URLSearchParams({ limit: '1000', ...params });
  const res = await fetch(`${stack.url('audit')}/audit/calls?${qs}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { items: any[]; nextCursor: string | null };
  return body.items;
}

describe('the audit call log', () => {
  it('holds every call above with its code, caller and direction', async () => {
    for (const e of expected) {
      const items = await waitFor(async () => {
        const r = await queryCalls({ requestId: e.requestId });
        return r.length ? r : null;
      });
      const inbound = items.filter((i) => i.direction === 'inbound' && i.service === 'service');
      expect(inbound).toHaveLength(1);
      expect({
        requestId: e.requestId,
        code: inbound[0].code,
        caller: inbound[0].caller,
        pattern: inbound[0].pattern,
        actor: inbound[0].actor,
      }).toEqual(e);
      expect(inbound[0].ok).toBe(e.code === 0);
    }
  });

  it('records malformed messages too', async () => {
    const items = await waitFor(async () => {
      const r = await queryCalls({ service: 'service', code: '4000' });
      return r.length >= 2 ? r : null;
    });
    expect(items.some((i) => i.message?.includes('not JSON'))).toBe(true);
  });

  it('refuses operators without a token', async () => {
    const res = await fetch(`${stack.url('audit')}/audit/calls`);
    expect(res.status).toBe(401);
  });
});

describe('secrets', () => {
  it('no caller password appears in any table of any app database', async () => {
    const dump = await stack.dumpAllTables();
    expect(dump.length).toBeGreaterThan(1000);
    for (const s of secrets) expect(dump.includes(s)).toBe(false);
  });

  it('no caller password appears in any log output of the run', () => {
    const logs = stack.logs();
    expect(logs.length).toBeGreaterThan(1000);
    for (const s of secrets) expect(logs.includes(s)).toBe(false);
  });
});
