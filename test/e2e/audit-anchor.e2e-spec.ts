import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import amqplib, { type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import { AUDIT_CHAIN_ANCHORED_V1, CALL_RECORDED_V1, names, type CallEvent } from '@crm/contracts';
import { buildCallEvent } from '@crm/messaging';
import { Stack, waitFor } from '../support/stack.js';

/**
 * Issue 13 item 6: the audit chain anchored outside its database. Someone with database access
 * who kept an old chain head (its MAC is valid) cuts the newest rows and puts that head back: the
 * database alone still verifies, the anchor in the backup directory does not let it.
 */

jest.setTimeout(120_000);

let stack: Stack;
let backupDir: string;
let amqp: ChannelModel;
let channel: Channel;
let anchoredQueue: string;
const anchoredEvents: any[] = [];

function callEvent(tag: string): CallEvent {
  return buildCallEvent({
    id: randomUUID(),
    at: new Date(),
    direction: 'inbound',
    service: 'service',
    caller: 'EOMS',
    callee: 'service',
    pattern: 'service.workorder.query.v1',
    requestId: tag,
    actor: null,
    code: 0,
    durationMs: 1.5,
    message: null,
    source: null,
  });
}

async function publish(count: number, tag: string): Promise<void> {
  const ch = await amqp.createConfirmChannel();
  for (let i = 0; i < count; i++) {
    const e = callEvent(`${tag}-${i}`);
    ch.publish(names.eventsExchange(stack.ns), CALL_RECORDED_V1, stack.sealedEvent(CALL_RECORDED_V1, e), {
      persistent: true,
      messageId: e.id,
    });
  }
  await ch.waitForConfirms();
  await ch.close();
}

async function sql<T = any>(query: string, params: unknown[] = []): Promise<T[]> {
  const db = await stack.db('audit');
  try {
    const [rows] = await db.query(query, params);
    return rows as T[];
  } finally {
    await db.end();
  }
}

async function anchorFile(): Promise<any> {
  try {
    return JSON.parse(await readFile(join(backupDir, 'anchors', 'calls.anchor.json'), 'utf8'));
  } catch {
    return null;
  }
}

const anchoredAt = (seq: number) => waitFor(async () => ((await anchorFile())?.seq === seq ? anchorFile() : null), 30_000);

beforeAll(async () => {
  backupDir = await mkdtemp(join(tmpdir(), 'audit-anchor-'));
  stack = await Stack.start({
    apps: ['audit'],
    env: { AUDIT_BACKUP_DIR: backupDir, AUDIT_ANCHOR_SECONDS: '1', AUDIT_MAINTENANCE_SECONDS: '3600', LOG_LEVEL: 'warn' },
  });
  amqp = await amqplib.connect(stack.env.AMQP_URL as string);
  channel = await amqp.createChannel();
  anchoredQueue = (await channel.assertQueue('', { exclusive: true })).queue;
  await channel.bindQueue(anchoredQueue, names.eventsExchange(stack.ns), AUDIT_CHAIN_ANCHORED_V1);
  await channel.consume(anchoredQueue, (m: ConsumeMessage | null) => m && anchoredEvents.push(JSON.parse(m.content.toString())), {
    noAck: true,
  });
}, 120_000);

afterAll(async () => {
  await amqp?.close().catch(() => undefined);
  await stack?.stop();
  if (backupDir) await rm(backupDir, { recursive: true, force: true });
}, 60_000);

describe('chain anchors outside the database', () => {
  let oldHead: any;

  it('anchor the head in the backup directory and as an event, once per position', async () => {
    await publish(5, 'first');
    await waitFor(async () => Number((await sql('SELECT COUNT(*) AS n FROM call_log'))[0].n) === 5);
    const first = await anchoredAt(5);
    [oldHead] = await sql("SELECT * FROM chain_head WHERE log = 'calls'");
    expect(first).toEqual({
      format: 'crm-audit-anchor/1',
      log: 'calls',
      seq: 5,
      hash: Buffer.from(oldHead.hash).toString('hex'),
      keyId: 'k1',
      at: expect.any(String),
      anchorMac: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const event = await waitFor(async () => anchoredEvents.find((e) => e.data.log === 'calls' && e.data.seq === 5));
    const { format: _format, ...data } = first;
    expect(event).toMatchObject({ pattern: AUDIT_CHAIN_ANCHORED_V1, data: { ...data, eventId: expect.any(String) } });

    await publish(5, 'second');
    await waitFor(async () => Number((await sql('SELECT COUNT(*) AS n FROM call_log'))[0].n) === 10);
    await anchoredAt(10);
    await waitFor(async () => anchoredEvents.find((e) => e.data.log === 'calls' && e.data.seq === 10));
    // The head did not move between ticks: no further anchor of the calls log.
    await new Promise((r) => setTimeout(r, 2500));
    expect(anchoredEvents.filter((e) => e.data.log === 'calls').map((e) => e.data.seq)).toEqual([5, 10]);
  });

  it('verify passes an untouched chain, naming the anchor it checked', async () => {
    const r = await stack.cli(['audit', 'verify', '--log', 'calls']);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({
      ok: true,
      head: { seq: 10 },
      anchor: { seq: 10, file: 'anchors/calls.anchor.json' },
      firstBroken: null,
    });
  });

  it('detects the newest rows cut and an old head put back, naming the anchor and the missing seqs', async () => {
    await stack.killApp('audit'); // nothing moves the chain (or anchors it) while we tamper
    await sql('DELETE FROM call_log WHERE seq > 5');
    await sql("DELETE FROM chain_checkpoint WHERE log = 'calls' AND seq > 5");
    await sql("UPDATE chain_head SET seq = ?, hash = ?, key_id = ?, mac = ?, checkpoint_seq = ?, checkpoint_at = ? WHERE log = 'calls'", [
      oldHead.seq,
      oldHead.hash,
      oldHead.key_id,
      oldHead.mac,
      oldHead.checkpoint_seq,
      oldHead.checkpoint_at,
    ]);

    const r = await stack.cli(['audit', 'verify', '--log', 'calls']);
    expect(r.code).toBe(2);
    expect(r.json).toMatchObject({
      ok: false,
      head: { seq: 5 },
      anchor: { seq: 10, file: 'anchors/calls.anchor.json' },
      firstBroken: { seq: 6, id: null, reason: 'truncated' },
    });
    expect(r.json.firstBroken.detail).toMatch(
      /^seq 6–10 are missing: the anchor anchors\/calls\.anchor\.json of \S+ names seq 10, the chain head is at seq 5$/,
    );

    // The database alone cannot tell: without the anchor the same chain verifies.
    await rename(join(backupDir, 'anchors'), join(backupDir, 'anchors-aside'));
    try {
      expect((await stack.cli(['audit', 'verify', '--log', 'calls'])).json).toMatchObject({ ok: true, anchor: null });
    } finally {
      await rename(join(backupDir, 'anchors-aside'), join(backupDir, 'anchors'));
    }
  });
});
