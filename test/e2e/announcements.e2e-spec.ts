import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import amqplib, { type Channel, type ChannelModel } from 'amqplib';
import { amqpAddresses } from '@crm/config';
import { provisionBrokerAccounts, withBrokerUser } from '@crm/messaging';
import { RawClient, type RawReply } from '../support/raw-client.js';
import { Stack } from '../support/stack.js';
import { until } from '../support/until.js';

/**
 * Issue 13, item 2: `auth.caller.changed.v1` and `auth.employee.sessions-revoked.v1` leave through
 * auth's outbox in the transaction of the change. The change is made by a process whose broker
 * refuses its publishes at that instant (the admin CLI connected as a broker user that may not
 * write to `<ns>.events`): the announcement must still arrive, later, through the auth app's relay,
 * and the other apps must react. Caches are given an hour of TTL, so only the announcement can
 * make them forget in time.
 */

jest.setTimeout(180_000);

const PING = 'service.system.ping.v1';
const CALLER_CHANGED = 'auth.caller.changed.v1';
const SESSIONS_REVOKED = 'auth.employee.sessions-revoked.v1';

let stack: Stack;
let client: RawClient;
let conn: ChannelModel;
let ch: Channel;
/** Every announcement seen on `<ns>.events` (a queue of the test's own). */
const seen: Array<{ routingKey: string; data: Record<string, any> }> = [];
/** The CLI's environment while the broker refuses its publishes. */
let refusingBroker: Record<string, string>;

function ping(caller: string, password: string, actor?: string): Promise<RawReply> {
  return client.call(stack.queue('service'), PING, { caller, password, requestId: `ann-${randomUUID()}`, ...(actor ? { actor } : {}) });
}

async function outboxRows(pattern: string): Promise<number> {
  const db = await stack.db('auth');
  try {
    const [rows] = await db.query<any[]>('SELECT COUNT(*) AS n FROM outbox_message WHERE pattern = ?', [pattern]);
    return Number(rows[0].n);
  } finally {
    await db.end();
  }
}

beforeAll(async () => {
  stack = await Stack.start({
    apps: ['auth', 'service'],
    env: { CALLER_CACHE_TTL_SECONDS: '3600', ACTOR_CACHE_TTL_SECONDS: '3600' },
  });
  await stack.adminToken(); // someone else keeps role.manage when the test's employee is disabled
  client = await RawClient.connect();
  conn = await amqplib.connect(stack.env.AMQP_URL!);
  ch = await conn.createChannel();
  const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true });
  for (const key of [CALLER_CHANGED, SESSIONS_REVOKED]) await ch.bindQueue(queue, `${stack.ns}.events`, key);
  await ch.consume(
    queue,
    (m) => {
      if (m) seen.push({ routingKey: m.fields.routingKey, data: JSON.parse(m.content.toString()).data });
    },
    { noAck: true },
  );
  // May declare and bind the namespace's topology (the CLI asserts it) but not publish to `<ns>.events`.
  // The `<ns>-` prefix puts it among the users the stack removes.
  const ns = stack.ns.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const user = `${stack.ns}-refused`;
  const password = randomBytes(18).toString('base64url');
  await provisionBrokerAccounts(amqpAddresses(stack.env.AMQP_URL!), [
    { user, password, permissions: { configure: `^${ns}\\..*$`, write: `^(${ns}\\.(?!events$).*|amq\\.default)$`, read: '.*' } },
  ]);
  refusingBroker = { AMQP_URL: withBrokerUser(stack.env.AMQP_URL!, user, password) };
}, 180_000);

afterAll(async () => {
  await conn?.close().catch(() => undefined);
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('announcements survive a broker refusing them at the commit', () => {
  it('a caller disabled while the broker refuses the publish is forgotten by the service app soon after, announced once', async () => {
    const pw = await stack.createCaller('ANNOUNCED', [PING]);
    expect((await ping('ANNOUNCED', pw)).response?.code).toBe(0); // now in the service app's cache, for an hour

    const disable = await stack.cli(['caller', 'disable', 'ANNOUNCED'], undefined, refusingBroker);
    // Committed; the CLI could not send the announcement (or the auth app's relay took the row first).
    expect(disable.code).toBe(0);

    const refused = await until(
      'the service app to refuse the disabled caller',
      async () => (await ping('ANNOUNCED', pw)).err?.code,
      (code) => code === 4003,
      30_000,
    );
    expect(refused).toBe(4003);
    const announced = seen.filter((e) => e.routingKey === CALLER_CHANGED && e.data.caller === 'ANNOUNCED' && e.data.reason === 'disabled');
    expect(new Set(announced.map((e) => e.data.eventId)).size).toBe(1);
    expect(await outboxRows(CALLER_CHANGED)).toBe(0);
  });

  it('an employee disabled while the broker refuses the publish loses access on the service app soon after, announced once', async () => {
    const pw = await stack.createCaller('FRONTEND', [PING]);
    const employee = await stack.employee(['service-agent']);
    expect((await ping('FRONTEND', pw, employee.token)).response?.code).toBe(0); // the employee's state is cached for an hour

    const disable = await stack.cli(['employee', 'disable', employee.employeeId], undefined, refusingBroker);
    expect(disable.code).toBe(0);

    const refused = await until(
      "the service app to refuse the disabled employee's token",
      async () => (await ping('FRONTEND', pw, employee.token)).err?.code,
      (code) => code === 4010,
      30_000,
    );
    expect(refused).toBe(4010);
    const announced = seen.filter((e) => e.routingKey === SESSIONS_REVOKED && e.data.employeeId === employee.employeeId);
    expect(announced.map((e) => e.data.reason)).toContain('disabled');
    expect(new Set(announced.map((e) => e.data.eventId)).size).toBe(1);
    expect(await outboxRows(SESSIONS_REVOKED)).toBe(0);
  });
});
