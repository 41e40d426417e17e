import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { SEEDED_CALENDAR_24X7_ID } from '@crm/contracts';
import { RawClient } from '../support/raw-client.js';
import { Stack, waitFor } from '../support/stack.js';

jest.setTimeout(120_000);

/**
 * Cases over raw amqplib, as a front end (system caller + employee token) and EOMS call them:
 * routing and assignment by a queue, the state machine with history, close with satisfaction,
 * reopen, a master with three children resolved together, permissions and stale versions, a
 * workflow rule applied and named in the history, EOMS orders as cases (open, urge, final
 * reply, withdraw, network fault fan-out), and, last (it adds a replica, a default policy and a
 * queue), a policy and a queue created through one replica taking effect on both at once.
 */
type Employee = { employeeId: string; token: string };
type Reply = { code: number; data?: any; details?: any; message?: string };
let stack: Stack;
let client: RawClient;
let frontend: string;
let eomsPassword: string;
let admin: Employee, agent: Employee, manager: Employee;
const CRM_EOMS_PASSWORD = `crm-at-eoms-${randomBytes(8).toString('hex')}`;
const events: Array<{ pattern: string; data: any }> = [];
const eomsInbox: Array<{ pattern: string; caller: string; password: string; payload: any }> = [];
const tag = randomBytes(3).toString('hex');

async function call(pattern: string, payload: unknown, who: Employee): Promise<Reply> {
  const reply = await client.call(stack.queue('service'), pattern, {
    caller: 'FRONTEND',
    password: frontend,
    requestId: `rq-${randomUUID()}`,
    payload,
    actor: who.token,
  });
  return reply.response
    ? { code: reply.response.code, data: reply.response.data }
    : { code: reply.err!.code, details: reply.err!.details, message: reply.err!.message };
}

async function ok(pattern: string, payload: unknown, who: Employee = admin): Promise<any> {
  const r = await call(pattern, payload, who);
  expect({ pattern, code: r.code, message: r.message }).toEqual({ pattern, code: 0, message: undefined });
  return r.data;
}

async function eoms(pattern: string, payload: unknown): Promise<Reply> {
  const reply = await client.call(stack.queue('service'), pattern, {
    caller: 'EOMS',
    password: eomsPassword,
    requestId: `rq-${randomUUID()}`,
    payload,
  });
  return reply.response ? { code: reply.response.code, data: reply.response.data } : { code: reply.err!.code, details: reply.err!.details };
}

const eventsOf = (caseId: string, pattern?: string) =>
  events.filter((e) => e.data.caseId === caseId && (!pattern || e.pattern === pattern));

async function caseOfOrder(orderNo: string): Promise<Array<{ id: string; master_case_id: string | null; account_id: string | null }>> {
  const db = await stack.db('service');
  try {
    const [rows] = await db.query(
      'SELECT id, master_case_id, account_id FROM service_case WHERE order_no = ? ORDER BY master_case_id IS NOT NULL, id',
      [orderNo],
    );
    return rows as any[];
  } finally {
    await db.end();
  }
}

function dispatch(orderNo: string, o: Record<string, unknown> = {}) {
  return {
    orderNo,
    type: 'complaint',
    title: 'Broadband keeps dropping',
    description: 'Customer complains the line drops every evening',
    priority: 'high',
    customer: { accountNo: `ACC-${tag}-1`, name: 'Li Lei', phone: '+86 138 0000 0000' },
    deadline: new Date(Date.now() + 48 * 3_600_000).toISOString(),
    dispatchedAt: new Date().toISOString(),
    ...o,
  };
}

let queueId: string;

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'service'] });
  client = await RawClient.connect();
  frontend = await stack.createCaller('FRONTEND', ['service.case.*', 'service.queue.*', 'service.workflow-rule.*', 'service.sla-policy.*']);
  eomsPassword = await stack.createCaller('EOMS', ['service.workorder.*']);
  expect((await stack.cli(['credential', 'set', 'service', 'eoms', '--caller', 'CRM', '--password-stdin'], CRM_EOMS_PASSWORD)).code).toBe(
    0,
  );
  [admin, agent, manager] = await Promise.all([
    stack.employee(['administrator']),
    stack.employee(['service-agent']),
    stack.employee(['manager']),
  ]);
  const q = `${stack.ns}.test.case-events`;
  await client.ch.assertQueue(q, { exclusive: true });
  await client.ch.bindQueue(q, `${stack.ns}.events`, 'service.case.#');
  await client.ch.consume(q, (m) => m && events.push(JSON.parse(m.content.toString())), { noAck: true });
  await client.ch.assertQueue(`${stack.ns}.eoms`, { durable: true });
  await client.ch.consume(`${stack.ns}.eoms`, (m) => {
    if (!m) return;
    const body = JSON.parse(m.content.toString());
    eomsInbox.push({ pattern: body.pattern, caller: body.data.caller, password: body.data.password, payload: body.data.payload });
    client.ch.ack(m);
    if (m.properties.replyTo)
      client.ch.sendToQueue(
        m.properties.replyTo,
        Buffer.from(JSON.stringify({ response: { code: 0, message: 'OK', data: {} }, isDisposed: true })),
        {
          correlationId: m.properties.correlationId,
        },
      );
  });
  const queue = await ok('service.queue.create.v1', {
    name: `Complaints ${tag}`,
    strategy: 'round-robin',
    categories: ['complaint', 'regulatory-complaint'],
    routingOrder: 1,
    members: [{ employeeId: agent.employeeId, skills: ['complaints'], capacity: 5 }],
  });
  queueId = queue.queueId;
}, 120_000);

afterAll(async () => {
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('a complaint handled end to end', () => {
  let c: any;

  it('is routed to the complaints queue and assigned by its strategy', async () => {
    c = await ok(
      'service.case.create.v1',
      {
        channel: 'phone',
        category: 'complaint',
        priority: 'normal',
        subject: 'Bill twice this month',
        description: 'charged twice',
        contact: { name: 'Han Meimei' },
      },
      agent,
    );
    expect(c).toMatchObject({
      status: 'assigned',
      queueId,
      ownerId: agent.employeeId,
      slaState: 'ok',
    });
    // The seeded default SLA policy (business-hours, Mon–Fri 09:00–18:00 Asia/Shanghai; normal: PT4H / PT27H):
    // business time passes no faster than wall time, and a due time falls within business hours.
    const created = Date.parse(c.createdAt);
    const response = Date.parse(c.responseDueAt);
    const resolution = Date.parse(c.resolutionDueAt);
    expect(response).toBeGreaterThanOrEqual(created + 4 * 3_600_000);
    expect(resolution).toBeGreaterThanOrEqual(created + 27 * 3_600_000);
    expect(resolution).toBeGreaterThan(response);
    for (const due of [response, resolution]) {
      const shanghai = new Date(due + 8 * 3_600_000);
      const minutes = shanghai.getUTCHours() * 60 + shanghai.getUTCMinutes();
      expect([1, 2, 3, 4, 5]).toContain(shanghai.getUTCDay());
      expect(minutes).toBeGreaterThanOrEqual(9 * 60);
      expect(minutes).toBeLessThanOrEqual(18 * 60);
    }
    expect(c.caseNo).toMatch(/^C\d{8}\d{5}$/);
    await waitFor(async () => eventsOf(c.caseId, 'service.case.status-changed.v1').length >= 1);
    expect(eventsOf(c.caseId).map((e) => e.pattern)).toEqual(
      expect.arrayContaining(['service.case.created.v1', 'service.case.assigned.v1', 'service.case.status-changed.v1']),
    );
  });

  it('moves through in_progress ⇄ pending_customer → resolved → closed with satisfaction, all in the history', async () => {
    for (const [to, note] of [
      ['in_progress', null],
      ['pending_customer', 'asked for the bill'],
      ['in_progress', null],
      ['resolved', 'refunded the double charge'],
    ] as const) {
      c = await ok('service.case.transition.v1', { caseId: c.caseId, version: c.version, to, ...(note ? { note } : {}) }, agent);
      expect(c.status).toBe(to);
    }
    expect(c.resolution).toBe('refunded the double charge');
    c = await ok('service.case.close.v1', { caseId: c.caseId, version: c.version, satisfaction: 5, comment: 'quick' }, agent);
    expect(c).toMatchObject({ status: 'closed', satisfaction: 5, closedAt: expect.any(String) });
    const got = await ok('service.case.get.v1', { caseId: c.caseId }, agent);
    expect(got.history.map((h: any) => h.action)).toEqual(['created', 'queued', 'status', 'status', 'status', 'status', 'closed']);
    expect(got.history[3].details).toMatchObject({ from: 'in_progress', to: 'pending_customer', note: 'asked for the bill' });
  });

  it('reopens within the window', async () => {
    c = await ok('service.case.transition.v1', { caseId: c.caseId, version: c.version, to: 'in_progress' }, agent);
    expect(c).toMatchObject({ status: 'in_progress', reopenCount: 1, closedAt: null, satisfaction: null });
  });

  it('an illegal move is 4090 naming the allowed ones; a stale version is 4090', async () => {
    const bad = await call('service.case.transition.v1', { caseId: c.caseId, version: c.version, to: 'assigned' }, agent);
    expect(bad.code).toBe(4090);
    expect(bad.message).toContain('allowed from in_progress: pending_customer, resolved');
    const stale = await call('service.case.transition.v1', { caseId: c.caseId, version: c.version - 1, to: 'resolved' }, agent);
    expect(stale.code).toBe(4090);
    expect(stale.message).toContain('stale version');
  });

  it('an employee without case.write gets 4030; bad input is 4220 with details', async () => {
    expect(
      (
        await call(
          'service.case.create.v1',
          { channel: 'phone', category: 'complaint', priority: 'normal', subject: 's', description: '' },
          manager,
        )
      ).code,
    ).toBe(4030);
    const bad = await call(
      'service.case.create.v1',
      { channel: 'fax', category: 'complaint', priority: 'soon', subject: '', description: '' },
      agent,
    );
    expect(bad.code).toBe(4220);
    expect(bad.details.map((d: any) => d.field).sort()).toEqual(['channel', 'priority', 'subject']);
  });

  it('an agent lists only their own and their queues’ cases; the filters apply', async () => {
    const other = await ok(
      'service.case.create.v1',
      { channel: 'web', category: 'billing', priority: 'low', subject: 'Not routed', description: '' },
      admin,
    );
    const page = await ok('service.case.list.v1', { limit: 200 }, agent);
    const ids = page.items.map((x: any) => x.caseId);
    expect(ids).toContain(c.caseId);
    expect(ids).not.toContain(other.caseId);
    expect((await call('service.case.get.v1', { caseId: other.caseId }, agent)).code).toBe(4040);
    const filtered = await ok('service.case.list.v1', { queueId, status: 'in_progress' }, admin);
    expect(filtered.items.map((x: any) => x.caseId)).toEqual([c.caseId]);
  });
});

describe('master and child cases', () => {
  it('resolving the master resolves its three children, one status event each', async () => {
    let master = await ok('service.case.create.v1', {
      channel: 'phone',
      category: 'network-fault',
      priority: 'urgent',
      subject: 'Area outage',
      description: '',
    });
    const children: any[] = [];
    for (let i = 0; i < 3; i++)
      children.push(
        await ok('service.case.create.v1', {
          channel: 'phone',
          category: 'network-fault',
          priority: 'high',
          subject: `No service ${i}`,
          description: '',
          masterCaseId: master.caseId,
        }),
      );
    master = await ok('service.case.get.v1', { caseId: master.caseId });
    expect(master.childCaseIds.sort()).toEqual(children.map((x) => x.caseId).sort());
    master = await ok('service.case.assign.v1', { caseId: master.caseId, version: master.version, ownerId: admin.employeeId });
    master = await ok('service.case.transition.v1', { caseId: master.caseId, version: master.version, to: 'in_progress' });
    master = await ok('service.case.transition.v1', {
      caseId: master.caseId,
      version: master.version,
      to: 'resolved',
      note: 'fibre spliced',
    });
    for (const child of children) {
      await waitFor(async () => eventsOf(child.caseId, 'service.case.status-changed.v1').some((e) => e.data.status === 'resolved'));
      const got = await ok('service.case.get.v1', { caseId: child.caseId });
      expect(got).toMatchObject({ status: 'resolved', resolution: 'fibre spliced', masterCaseId: master.caseId });
      expect(got.history.at(-1).action).toBe('resolved-with-master');
    }
    await ok('service.case.close.v1', { caseId: master.caseId, version: master.version, satisfaction: 4 });
    await new Promise((r) => setTimeout(r, 500));
    for (const child of children)
      expect(eventsOf(child.caseId, 'service.case.status-changed.v1').filter((e) => e.data.status === 'resolved')).toHaveLength(1);
  });

  it('merges a duplicate into a survivor: the duplicate is closed as merged', async () => {
    const a = await ok('service.case.create.v1', {
      channel: 'email',
      category: 'billing',
      priority: 'low',
      subject: 'Refund',
      description: '',
    });
    const b = await ok('service.case.create.v1', {
      channel: 'phone',
      category: 'billing',
      priority: 'low',
      subject: 'Refund again',
      description: '',
    });
    const survivor = await ok('service.case.merge.v1', {
      caseId: a.caseId,
      version: a.version,
      duplicates: [{ caseId: b.caseId, version: b.version }],
    });
    expect(survivor).toMatchObject({ caseId: a.caseId, status: a.status });
    expect(await ok('service.case.get.v1', { caseId: b.caseId })).toMatchObject({ status: 'closed', mergedIntoId: a.caseId });
    await waitFor(async () => eventsOf(a.caseId, 'service.case.merged.v1').length === 1);
  });
});

describe('workflow rules', () => {
  it('a rule edited at run time applies to the next case and the history names its id and version', async () => {
    const rule = await ok('service.workflow-rule.create.v1', {
      name: `billing VIP ${tag}`,
      trigger: 'case-created',
      conditions: [{ field: 'subject', op: 'contains', value: `vip-${tag}` }],
      actions: [
        { type: 'set-priority', priority: 'urgent' },
        { type: 'add-watcher', agentId: agent.employeeId },
      ],
    });
    const edited = await ok('service.workflow-rule.update.v1', { ruleId: rule.ruleId, version: 1, order: 5 });
    expect(edited.version).toBe(2);
    const c = await ok('service.case.create.v1', {
      channel: 'web',
      category: 'billing',
      priority: 'low',
      subject: `vip-${tag} refund`,
      description: '',
    });
    expect(c).toMatchObject({ priority: 'urgent', watchers: [agent.employeeId] });
    const got = await ok('service.case.get.v1', { caseId: c.caseId });
    expect(got.history.find((h: any) => h.action === 'rule-applied').details).toMatchObject({ ruleId: rule.ruleId, ruleVersion: 2 });
    expect(
      (await call('service.workflow-rule.create.v1', { name: 'x', trigger: 'case-created', actions: [{ type: 'assign-queue' }] }, admin))
        .details,
    ).toEqual([{ field: 'actions[0].queueId', reasons: ['must be a queue id (uuid)'] }]);
    expect((await call('service.workflow-rule.list.v1', {}, agent)).code).toBe(4030);
  });
});

describe('EOMS work orders as cases', () => {
  it('a dispatched complaint opens a case; an urge raises its priority; resolving it sends the final reply to EOMS', async () => {
    const orderNo = `EOMS-${tag}-1`;
    expect((await eoms('service.workorder.dispatch.v1', dispatch(orderNo))).code).toBe(0);
    const [row] = await waitFor(async () => {
      const r = await caseOfOrder(orderNo);
      return r.length ? r : null;
    });
    let c = await ok('service.case.get.v1', { caseId: row!.id });
    expect(c).toMatchObject({ channel: 'eoms', category: 'complaint', priority: 'high', orderNo, queueId, ownerId: agent.employeeId });
    expect((await eoms('service.workorder.urge.v1', { orderNo, reason: 'customer called again' })).code).toBe(0);
    c = await waitFor(async () => {
      const got = await ok('service.case.get.v1', { caseId: row!.id });
      return got.priority === 'urgent' ? got : null;
    });
    c = await ok('service.case.transition.v1', { caseId: c.caseId, version: c.version, to: 'in_progress' }, agent);
    await ok('service.case.transition.v1', { caseId: c.caseId, version: c.version, to: 'resolved', note: 'line card replaced' }, agent);
    const final = await waitFor(async () =>
      eomsInbox.find((x) => x.pattern === 'eoms.workorder.reply.v1' && x.payload.orderNo === orderNo),
    );
    expect(final).toMatchObject({ caller: 'CRM', password: CRM_EOMS_PASSWORD, payload: { resolution: 'line card replaced' } });
    expect(eomsInbox.some((x) => x.pattern === 'eoms.workorder.stage-reply.v1' && x.payload.orderNo === orderNo)).toBe(true);
    const order = await eoms('service.workorder.query.v1', { orderNo });
    expect(order.data.status).toBe('completed');
  });

  it('a withdraw closes the case', async () => {
    const orderNo = `EOMS-${tag}-2`;
    expect(
      (
        await eoms(
          'service.workorder.dispatch.v1',
          dispatch(orderNo, { customer: { accountNo: `ACC-${tag}-2`, name: 'Wei', phone: '13800000000' } }),
        )
      ).code,
    ).toBe(0);
    const [row] = await waitFor(async () => {
      const r = await caseOfOrder(orderNo);
      return r.length ? r : null;
    });
    expect((await eoms('service.workorder.withdraw.v1', { orderNo, reason: 'customer cancelled' })).code).toBe(0);
    const closed = await waitFor(async () => {
      const got = await ok('service.case.get.v1', { caseId: row!.id });
      return got.status === 'closed' ? got : null;
    });
    expect(closed.history.at(-1).action).toBe('withdrawn');
  });

  it('a network fault with three affected accounts opens one master and three children', async () => {
    const orderNo = `EOMS-${tag}-3`;
    const affected = [1, 2, 3].map((i) => `ACC-${tag}-N${i}`);
    expect((await eoms('service.workorder.dispatch.v1', dispatch(orderNo, { type: 'fault', affectedAccountNos: affected }))).code).toBe(0);
    const rows = await waitFor(async () => {
      const r = await caseOfOrder(orderNo);
      return r.length === 4 ? r : null;
    });
    const master = rows[0]!;
    expect(master.master_case_id).toBeNull();
    expect(rows.slice(1).every((r) => r.master_case_id === master.id)).toBe(true);
    const got = await ok('service.case.get.v1', { caseId: master.id });
    expect(got).toMatchObject({ category: 'network-fault', orderNo, attributes: { affectedAccounts: '3' } });
    expect(got.childCaseIds).toHaveLength(3);
  });
});

describe('reference data kept per replica', () => {
  const complaint = (i: number) =>
    ok('service.case.create.v1', {
      channel: 'web',
      category: 'complaint',
      priority: 'normal',
      subject: `Slow line ${i}`,
      description: 'slow in the evening',
      contact: { name: 'Li Lei' },
    });

  it('a default SLA policy and a queue created through one replica apply to the next cases on both (each keeps them only while their stamp holds)', async () => {
    await stack.startApp('service', 1);
    // Sent at once, the cases are shared between the two consumers: both replicas keep the current reference.
    const before = await Promise.all(Array.from({ length: 8 }, (_, i) => complaint(i)));
    expect(before.map((c) => c.queueId)).toEqual(before.map(() => queueId));
    const policy = await ok('service.sla-policy.create.v1', {
      name: `Round the clock ${tag}`,
      isDefault: true,
      calendarId: SEEDED_CALENDAR_24X7_ID,
      warningPercent: 80,
      targets: {
        urgent: { response: 'PT1H', resolution: 'PT2H' },
        high: { response: 'PT1H', resolution: 'PT3H' },
        normal: { response: 'PT2H', resolution: 'PT5H' },
        low: { response: 'PT4H', resolution: 'PT9H' },
      },
    });
    const first = await ok('service.queue.create.v1', {
      name: `Complaints first ${tag}`,
      strategy: 'round-robin',
      categories: ['complaint'],
      routingOrder: 0,
      members: [{ employeeId: agent.employeeId }],
    });
    const after = await Promise.all(Array.from({ length: 8 }, (_, i) => complaint(10 + i)));
    expect(policy).toMatchObject({ isDefault: true, calendarId: SEEDED_CALENDAR_24X7_ID });
    for (const c of after) {
      expect(c.queueId).toBe(first.queueId);
      // 24x7: the new default's normal response target is two wall-clock hours from the opening
      // (the seeded business-hours default gives at least four).
      expect(Date.parse(c.responseDueAt) - Date.parse(c.createdAt)).toBe(2 * 3_600_000);
    }
  });
});
