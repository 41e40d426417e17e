import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import amqplib, { type ChannelModel } from 'amqplib';
import { AUDIT_LOG_PURGED_V1, CALL_RECORDED_V1, names } from '@crm/contracts';
import { buildCallEvent } from '@crm/messaging';
import { Stack, waitFor } from '../support/stack.js';

/** The retention policy purges on schedule, never forced: nothing goes until a backup holds it. */

jest.setTimeout(120_000);

const DAY = 86_400_000;
let stack: Stack;
let amqp: ChannelModel;
let backupDir: string;

async function calls(): Promise<string[]> {
  const db = await stack.db('audit');
  try {
    const [rows] = await db.query<any[]>('SELECT request_id FROM call_log ORDER BY seq');
    return rows.map((r) => r.request_id);
  } finally {
    await db.end();
  }
}

beforeAll(async () => {
  backupDir = await mkdtemp(join(tmpdir(), 'audit-retention-'));
  stack = await Stack.start({ apps: ['audit'], env: { AUDIT_RETENTION_DAYS: '1', AUDIT_MAINTENANCE_SECONDS: '1' } });
  amqp = await amqplib.connect(stack.env.AMQP_URL as string);
}, 120_000);

afterAll(async () => {
  await amqp?.close().catch(() => undefined);
  await stack?.stop();
  if (backupDir) await rm(backupDir, { recursive: true, force: true });
}, 60_000);

describe('retention policy', () => {
  it('keeps rows no backup holds, and purges them once a scheduled backup does', async () => {
    const ch = await amqp.createConfirmChannel();
    const events = ['old-1', 'old-2', 'old-3', 'new-1'].map((tag) =>
      buildCallEvent({
        id: randomUUID(),
        at: new Date(tag.startsWith('old') ? Date.now() - 3 * DAY : Date.now()),
        direction: 'inbound',
        service: 'service',
        caller: 'EOMS',
        callee: 'service',
        pattern: 'service.workorder.query.v1',
        requestId: tag,
        actor: null,
        code: 0,
        durationMs: 3,
        message: null,
        source: null,
      }),
    );
    for (const e of events)
      ch.publish(names.eventsExchange(stack.ns), CALL_RECORDED_V1, stack.sealedEvent(CALL_RECORDED_V1, e), { persistent: true });
    await ch.waitForConfirms();
    await ch.close();
    await waitFor(async () => (await calls()).length === 4);
    await waitFor(async () => /retention purge not done.*not backed up/.test(stack.logs()));
    expect(await calls()).toEqual(['old-1', 'old-2', 'old-3', 'new-1']);

    const listen = await amqp.createChannel();
    const { queue } = await listen.assertQueue('', { exclusive: true });
    await listen.bindQueue(queue, names.eventsExchange(stack.ns), AUDIT_LOG_PURGED_V1);
    // Backups on: the scheduler backs up the completed day, then retention may purge it.
    await stack.killApp('audit', 'SIGTERM');
    stack.env.AUDIT_BACKUP_DIR = backupDir;
    await stack.startApp('audit');
    await waitFor(async () => (await calls()).length === 1, 30_000);
    expect(await calls()).toEqual(['new-1']);
    const message = await waitFor(async () => listen.get(queue, { noAck: true }));
    expect(JSON.parse(message.content.toString()).data).toMatchObject({ log: 'calls', rows: 3, forced: false, employeeId: null });
    const verified = await stack.cli(['audit', 'verify', '--log', 'calls']);
    expect(verified.json).toMatchObject({ ok: true, checked: 1, from: { seq: 3, kind: 'purge' } });
  });
});
