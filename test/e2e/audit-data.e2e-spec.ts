import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import amqplib, { type Channel, type ChannelModel } from 'amqplib';
import { AUDIT_LOG_PURGED_V1, CALL_RECORDED_V1, names, type CallEvent } from '@crm/contracts';
import { buildCallEvent } from '@crm/messaging';
import { Stack, waitFor } from '../support/stack.js';

/**
 * Audit data (SPEC §4.3) end to end against the built apps: the hash chain and verify (tampering
 * done straight in SQL), backups (scheduled and on demand), purge with its backup check and
 * checkpoint, the purge event, exports, restore into a fresh namespace, and every action in the
 * operation log.
 *
 * The audit app checks the operator's token with auth (an RPC, so two call events in the chain)
 * the first time it sees it; with a one-hour actor cache that happens once, in beforeAll, at a
 * controlled point: after yesterday's rows and before today's. The assertions count those rows
 * in (`offset`) rather than assume the chain holds only what the test publishes.
 */

jest.setTimeout(120_000);

const DAY = 86_400_000;
let stack: Stack;
let token: string;
let backupDir: string;
let amqp: ChannelModel;
let channel: Channel;
let purgedQueue: string;
const startOfToday = Math.floor(Date.now() / DAY) * DAY;
/**
 * When today's rows are stamped (from base on): in the current (incomplete) day so the scheduler
 * leaves them alone, and after the token check's rows so every time boundary among them is also a
 * chain-prefix boundary. Set in beforeAll.
 */
let base: number;
const yesterday = startOfToday - DAY / 2;
/** Rows stamped yesterday, chained first (seq 1..OLD). */
const OLD = 5;
/** Rows in the chain before today's: yesterday's and the token check's (measured in beforeAll). */
let offset: number;

function callEvent(tag: string, at: number, extra: Partial<Pick<CallEvent, 'message' | 'code'>> = {}): CallEvent {
  return buildCallEvent({
    id: randomUUID(),
    at: new Date(at),
    direction: 'inbound',
    service: 'service',
    caller: 'EOMS',
    callee: 'service',
    pattern: 'service.workorder.dispatch.v1',
    requestId: tag,
    actor: null,
    code: 0,
    durationMs: 1.234567891,
    message: null,
    source: null,
    ...extra,
  });
}

async function publish(events: CallEvent[]): Promise<void> {
  const ch = await amqp.createConfirmChannel();
  for (const e of events) {
    ch.publish(names.eventsExchange(stack.ns), CALL_RECORDED_V1, stack.sealedEvent(CALL_RECORDED_V1, e), {
      persistent: true,
      messageId: e.id,
    });
  }
  await ch.waitForConfirms();
  await ch.close();
}

async function sql<T = any>(query: string, params: unknown[] = [], target: Stack = stack): Promise<T[]> {
  const db = await target.db('audit');
  try {
    const [rows] = await db.query(query, params);
    return rows as T[];
  } finally {
    await db.end();
  }
}

async function countCalls(): Promise<number> {
  return Number((await sql('SELECT COUNT(*) AS n FROM call_log'))[0].n);
}

async function http(
  method: string,
  path: string,
  body?: unknown,
  bearer: string | null = token,
): Promise<{ status: number; body: any; headers: Headers; raw: Buffer }> {
  const res = await fetch(`${stack.url('audit')}${path}`, {
    method,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const raw = Buffer.from(await res.arrayBuffer());
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    /* a stream */
  }
  return { status: res.status, body: parsed, headers: res.headers, raw };
}

const verify = async (log: 'calls' | 'operations', extra = '') => (await http('GET', `/audit/integrity/verify?log=${log}${extra}`)).body;

beforeAll(async () => {
  backupDir = await mkdtemp(join(tmpdir(), 'audit-backups-'));
  stack = await Stack.start({
    apps: ['auth', 'audit'],
    env: {
      AUDIT_BACKUP_DIR: backupDir,
      AUDIT_BACKUP_PERIOD: 'day',
      AUDIT_MAINTENANCE_SECONDS: '1',
      AUDIT_CHECKPOINT_ROWS: '7',
      ACTOR_CACHE_TTL_SECONDS: '3600',
    },
  });
  amqp = await amqplib.connect(stack.env.AMQP_URL as string);
  channel = await amqp.createChannel();
  purgedQueue = (await channel.assertQueue('', { exclusive: true })).queue;
  await channel.bindQueue(purgedQueue, names.eventsExchange(stack.ns), AUDIT_LOG_PURGED_V1);
  token = await stack.adminToken();
  // Yesterday's rows first, so that the scheduled backup of that day is the chain prefix 1..OLD.
  await publish(Array.from({ length: OLD }, (_, i) => callEvent(`old-${i}`, yesterday + i)));
  await waitFor(async () => (await countCalls()) === OLD);
  // The token check (audit → auth), once for the run: its two call rows are chained next.
  expect((await http('GET', '/audit/backups?log=calls')).status).toBe(200);
  base = Date.now() + 1;
  await waitFor(async () => Number((await sql("SELECT COUNT(*) AS n FROM call_log WHERE pattern = 'auth.employee.session.v1'"))[0].n) >= 2);
  offset = await countCalls();
  expect(offset).toBeGreaterThan(OLD);
}, 120_000);

afterAll(async () => {
  await amqp?.close().catch(() => undefined);
  await stack?.stop();
  if (backupDir) await rm(backupDir, { recursive: true, force: true });
}, 60_000);

describe('scheduled backups', () => {
  it('back up each completed period once, as a chain segment with a manifest', async () => {
    // Yesterday's rows (seq 1..5) were published in beforeAll; the token check's rows after them are today's.
    const backup = await waitFor(async () => {
      const r = await http('GET', '/audit/backups?log=calls');
      return (r.body.items as any[]).find((b) => b.kind === 'scheduled' && b.status === 'completed');
    }, 30_000);
    expect(backup).toMatchObject({
      log: 'calls',
      period: `day:${new Date(startOfToday - DAY).toISOString()}`,
      firstSeq: 1,
      lastSeq: 5,
      rows: 5,
    });
    const manifest = JSON.parse(await readFile(join(backupDir, backup.file.replace(/\.ndjson\.gz$/, '.manifest.json')), 'utf8'));
    expect(manifest).toMatchObject({
      log: 'calls',
      kind: 'scheduled',
      rows: 5,
      firstSeq: 1,
      lastSeq: 5,
      sha256: backup.sha256,
      prevHash: '0'.repeat(64),
    });
    const lines = gunzipSync(await readFile(join(backupDir, backup.file)))
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.request_id)).toEqual(['old-0', 'old-1', 'old-2', 'old-3', 'old-4']);
    expect(lines[4].row_hash).toBe(manifest.lastHash);
    // The next ticks find nothing new: still one scheduled backup.
    await new Promise((r) => setTimeout(r, 2500));
    const all = (await http('GET', '/audit/backups?log=calls')).body.items as any[];
    expect(all.filter((b) => b.kind === 'scheduled')).toHaveLength(1);
  });
});

describe('hash chain and verify', () => {
  it('chains every stored row: verify is ok, checkpoints included, redeliveries stored once', async () => {
    const events = Array.from({ length: 20 }, (_, i) => callEvent(`today-${i}`, base + i));
    // Two batches, so that a periodic checkpoint (every 7 rows, written per batch) falls in between.
    await publish(events.slice(0, 10));
    await waitFor(async () => (await countCalls()) === offset + 10);
    await publish(events.slice(10));
    await publish(events.slice(0, 5)); // redelivered: no new rows, no fork
    await waitFor(async () => (await countCalls()) === offset + 20);
    const seqs = (await sql('SELECT seq FROM call_log ORDER BY seq')).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: offset + 20 }, (_, i) => i + 1));
    const today = (await sql("SELECT seq FROM call_log WHERE request_id LIKE 'today-%' ORDER BY seq")).map((r) => Number(r.seq));
    expect(today).toEqual(Array.from({ length: 20 }, (_, i) => offset + 1 + i));
    expect(await verify('calls')).toMatchObject({
      log: 'calls',
      ok: true,
      checked: offset + 20,
      firstBroken: null,
      from: { seq: 0, kind: 'genesis' },
      head: { seq: offset + 20 },
    });
    const checkpoints = (await sql("SELECT seq FROM chain_checkpoint WHERE log = 'calls' AND kind = 'periodic' ORDER BY seq")).map((r) =>
      Number(r.seq),
    );
    // Written per batch once 7 rows have passed since the last one.
    expect(checkpoints.length).toBeGreaterThanOrEqual(2);
    checkpoints.slice(1).forEach((c, i) => expect(c - checkpoints[i]).toBeGreaterThanOrEqual(7));
    const fromSeq = offset + 15;
    const below = checkpoints.filter((c) => c < fromSeq).at(-1) as number;
    expect(await verify('calls', `&from_seq=${fromSeq}`)).toMatchObject({
      ok: true,
      from: { seq: below, kind: 'checkpoint' },
      checked: offset + 20 - below,
    });
  });

  it('names a row edited in SQL', async () => {
    const seq = offset + 7;
    const [row] = await sql('SELECT seq, id, message FROM call_log WHERE seq = ?', [seq]);
    await sql("UPDATE call_log SET message = 'nothing to see' WHERE seq = ?", [seq]);
    expect((await verify('calls')).firstBroken).toEqual({ seq, id: row.id, reason: 'edited', detail: expect.any(String) });
    await sql('UPDATE call_log SET message = ? WHERE seq = ?', [row.message, seq]);
    expect((await verify('calls')).ok).toBe(true);
  });

  it('names a row deleted in SQL', async () => {
    const seq = offset + 4;
    const [row] = await sql('SELECT * FROM call_log WHERE seq = ?', [seq]);
    await sql('DELETE FROM call_log WHERE seq = ?', [seq]);
    const r = await verify('calls');
    expect(r).toMatchObject({ ok: false, firstBroken: { seq, id: null, reason: 'deleted' } });
    const columns = Object.keys(row);
    await sql(
      `INSERT INTO call_log (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      columns.map((c) => row[c]),
    );
    expect((await verify('calls')).ok).toBe(true);
  });

  it('names a row inserted in SQL', async () => {
    await sql(
      "INSERT INTO call_log (id, at, direction, service, caller, callee, pattern, code, ok, duration_ms) VALUES (?, ?, 'inbound', 'service', 'EOMS', 'service', 'service.workorder.dispatch.v1', 0, 1, 1.5)",
      [randomUUID(), new Date(base + 5)],
    );
    const [forged] = await sql('SELECT seq, id FROM call_log ORDER BY seq DESC LIMIT 1');
    expect(await verify('calls')).toMatchObject({ ok: false, firstBroken: { seq: Number(forged.seq), id: forged.id, reason: 'inserted' } });
    await sql('DELETE FROM call_log WHERE id = ?', [forged.id]);
    expect((await verify('calls')).ok).toBe(true);
  });

  it('answers 401 without a token and 4220 for a bad query', async () => {
    expect((await http('GET', '/audit/integrity/verify?log=calls', undefined, null)).status).toBe(401);
    const bad = await http('GET', '/audit/integrity/verify?log=everything&from_seq=x');
    expect(bad.status).toBe(422);
    expect(bad.body.details.map((d: any) => d.field).sort()).toEqual(['from_seq', 'log']);
  });
});

describe('export', () => {
  /** Today's 20 rows only (base is set in beforeAll, after the token check's rows). */
  const range = () => `&from=${new Date(base).toISOString()}&to=${new Date(base + 20).toISOString()}`;

  it('streams NDJSON oldest first with the query fields, seq and row hash', async () => {
    const r = await http('GET', `/audit/export?log=calls${range()}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-calls-.*\.ndjson"$/);
    const items = r.raw
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(items.map((i) => i.requestId)).toEqual(Array.from({ length: 20 }, (_, i) => `today-${i}`));
    const [stored] = await sql('SELECT seq, HEX(row_hash) AS h FROM call_log WHERE request_id = ?', ['today-0']);
    expect(items[0]).toEqual({
      seq: Number(stored.seq),
      id: expect.any(String),
      at: new Date(base).toISOString(),
      direction: 'inbound',
      service: 'service',
      caller: 'EOMS',
      callee: 'service',
      pattern: 'service.workorder.dispatch.v1',
      requestId: 'today-0',
      actor: null,
      code: 0,
      ok: true,
      durationMs: 1.235,
      message: null,
      source: null,
      traceId: null,
      spanId: null,
      parentSpanId: null,
      rowHash: stored.h.toLowerCase(),
    });
  });

  it('streams CSV with a header row, and gzip, with the same filters as the query endpoint', async () => {
    const csv = await http('GET', `/audit/export?log=calls&format=csv&requestId=today-3${range()}`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = csv.raw.toString('utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'seq,id,at,direction,service,caller,callee,pattern,requestId,actor,code,ok,durationMs,message,source,traceId,spanId,parentSpanId,rowHash',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',today-3,');
    const gz = await http('GET', `/audit/export?log=calls&gzip=1${range()}`);
    expect(gz.headers.get('content-type')).toBe('application/gzip');
    expect(gz.headers.get('content-disposition')).toMatch(/\.ndjson\.gz"$/);
    expect(gunzipSync(gz.raw).toString('utf8').trim().split('\n')).toHaveLength(20);
  });

  it('refuses filters of the other log and bad formats with 4220', async () => {
    const r = await http('GET', '/audit/export?log=calls&entity=workorder&format=xml');
    expect(r.status).toBe(422);
    expect(r.body.details.map((d: any) => d.field)).toEqual(['format']);
    const other = await http('GET', '/audit/export?log=calls&entity=workorder');
    expect(other.status).toBe(422);
    expect(other.body.details.map((d: any) => d.field)).toEqual(['entity']);
  });
});

describe('purge', () => {
  /**
   * Up to today-9: the chain prefix 1..offset+10. The scheduled backup holds 1..OLD only; the
   * token check's rows and today's first ten are not backed up.
   */
  const before = () => new Date(base + 10).toISOString();

  it('is refused (4090) while rows to delete are not backed up, naming the range', async () => {
    const r = await http('POST', '/audit/purge', { log: 'calls', before: before() });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe(4090);
    expect(r.body.message).toMatch(
      new RegExp(`rows seq ${OLD + 1}–${offset + 10} of the calls log \\(stamped .* … .*\\) are not backed up`),
    );
    expect(await countCalls()).toBe(offset + 20);
  });

  it('refuses a malformed request with 4220', async () => {
    const r = await http('POST', '/audit/purge', { log: 'calls', before: before(), force: 'yes' });
    expect(r.status).toBe(422);
  });

  it('goes through after a backup, leaves a checkpoint, and the rest still verifies', async () => {
    const backup = await http('POST', '/audit/backups', { log: 'calls', to: before() });
    expect(backup.status).toBe(201);
    expect(backup.body).toMatchObject({ kind: 'manual', status: 'completed', firstSeq: 1, lastSeq: offset + 10, rows: offset + 10 });
    const r = await http('POST', '/audit/purge', { log: 'calls', before: before() });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ log: 'calls', before: before(), rows: offset + 10, forced: false, checkpoint: { seq: offset + 10 } });
    expect(await countCalls()).toBe(10);
    expect((await sql('SELECT request_id FROM call_log ORDER BY seq')).map((r) => r.request_id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `today-${i + 10}`),
    );
    expect(await verify('calls')).toMatchObject({ ok: true, checked: 10, from: { seq: offset + 10, kind: 'purge' }, firstBroken: null });
    const message = await waitFor(async () => channel.get(purgedQueue, { noAck: true }));
    expect(JSON.parse(message.content.toString())).toMatchObject({
      pattern: AUDIT_LOG_PURGED_V1,
      data: { log: 'calls', before: before(), rows: offset + 10, forced: false, employeeId: expect.stringMatching(/^E\d+$/) },
    });
  });
});

describe('operation log', () => {
  it('records every verify, export, backup, purge and refused purge', async () => {
    const actions = await waitFor(async () => {
      const r = await http('GET', '/audit/operations?entity=call-log&limit=1000');
      const seen = new Set((r.body.items as any[]).map((i) => i.action));
      return ['verify', 'export', 'backup', 'purge', 'purge-refused'].every((a) => seen.has(a)) ? (r.body.items as any[]) : null;
    });
    const purge = actions.find((a) => a.action === 'purge');
    expect(purge).toMatchObject({
      actorType: 'employee',
      actor: expect.stringMatching(/^E\d+$/),
      entityId: `before ${new Date(base + 10).toISOString()}`,
    });
    expect(purge.changes).toEqual(expect.arrayContaining([{ field: 'rows', old: null, new: offset + 10 }]));
    const scheduled = actions.find((a) => a.action === 'backup' && a.actor === 'system:backup');
    expect(scheduled).toBeDefined();
  });
});

describe('forced purge', () => {
  it('goes through with force when nothing is backed up', async () => {
    await waitFor(async () => Number((await sql('SELECT COUNT(*) AS n FROM operation_log'))[0].n) > 3);
    const cut = new Date(Date.now() - 1000).toISOString();
    const r = await http('POST', '/audit/purge', { log: 'operations', before: cut, force: true });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ log: 'operations', forced: true });
    expect(r.body.rows).toBeGreaterThan(0);
    expect(await verify('operations')).toMatchObject({ ok: true, from: { kind: 'purge' } });
  });
});

describe('restore into a fresh namespace', () => {
  let fresh: Stack;
  afterAll(async () => fresh?.stop(), 60_000);

  it('loads the backups, keeps seq and hashes, verifies, and refuses a non-empty store', async () => {
    const calls = await http('POST', '/audit/backups', { log: 'calls' });
    const ops = await http('POST', '/audit/backups', { log: 'operations' });
    expect(calls.body).toMatchObject({ status: 'completed', firstSeq: offset + 11, lastSeq: offset + 20 });
    expect(ops.body.status).toBe('completed');
    const only = await mkdtemp(join(tmpdir(), 'audit-restore-'));
    try {
      for (const b of [calls.body, ops.body]) {
        await mkdir(join(only, b.log), { recursive: true });
        await copyFile(join(backupDir, b.file), join(only, b.file));
        await copyFile(
          join(backupDir, b.file.replace(/\.ndjson\.gz$/, '.manifest.json')),
          join(only, b.file.replace(/\.ndjson\.gz$/, '.manifest.json')),
        );
      }
      // Restored into an empty store: the fresh audit app starts only afterwards, since Stack.start's
      // bootstrap (auth's system callers) is recorded in the operation log a running app would store.
      fresh = await Stack.start({ apps: [], env: { CRM_MASTER_KEY: stack.env.CRM_MASTER_KEY as string } });
      const restored = await fresh.cli(['audit', 'restore', only]);
      expect(restored.code).toBe(0);
      expect(restored.lines).toEqual([
        { log: 'calls', files: 1, rows: 10, firstSeq: offset + 11, lastSeq: offset + 20 },
        { log: 'operations', files: 1, rows: ops.body.rows, firstSeq: ops.body.firstSeq, lastSeq: ops.body.lastSeq },
      ]);
      // Restored history raises no alerts: the alert rules start after the restored calls.
      expect((await sql("SELECT seq FROM alert_cursor WHERE name = 'call_log'", [], fresh)).map((r: any) => Number(r.seq))).toEqual([
        offset + 20,
      ]);
      // The app chains what was recorded meanwhile (the bootstrap, the restore) on top of the restored rows.
      await fresh.startApp('audit');
      await waitFor(
        async () =>
          Number((await sql("SELECT COUNT(*) AS n FROM operation_log WHERE action = 'restore' AND actor LIKE 'cli:%'", [], fresh))[0].n) ===
          2,
      );
      const verified = await fresh.cli(['audit', 'verify']);
      expect(verified.code).toBe(0);
      expect(verified.lines.map((r: any) => [r.log, r.ok, r.from.kind])).toEqual([
        ['calls', true, 'restore'],
        ['operations', true, 'restore'],
      ]);
      expect(await sql('SELECT * FROM call_log ORDER BY seq', [], fresh)).toEqual(await sql('SELECT * FROM call_log ORDER BY seq'));
      expect(await sql('SELECT * FROM operation_log WHERE seq <= ? ORDER BY seq', [ops.body.lastSeq], fresh)).toEqual(
        await sql('SELECT * FROM operation_log WHERE seq <= ? ORDER BY seq', [ops.body.lastSeq]),
      );
      // The CLI's own actions land in the restored store's operation log, chained on top.
      const recorded = await waitFor(async () => {
        const rows = await sql("SELECT action FROM operation_log WHERE entity = 'call-log' AND actor LIKE 'cli:%' ORDER BY seq", [], fresh);
        return rows.length === 2 ? rows : null;
      });
      expect(recorded.map((r) => r.action)).toEqual(['restore', 'verify']);
      expect((await fresh.cli(['audit', 'verify', '--log', 'operations'])).json).toMatchObject({ ok: true, from: { kind: 'restore' } });
      const again = await fresh.cli(['audit', 'restore', only]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/error 4090: the calls log is not empty/);
      // A changed backup file is refused before anything is written.
      const [name] = (await readdir(join(only, 'calls'))).filter((f) => f.endsWith('.gz'));
      await copyFile(
        join(
          only,
          'operations',
          (await readdir(join(only, 'operations'))).find((f) => f.endsWith('.gz'))!,
        ),
        join(only, 'calls', name),
      );
      const tampered = await fresh.cli(['audit', 'restore', only]);
      expect(tampered.stderr).toMatch(/sha256 does not match its manifest/);
    } finally {
      await rm(only, { recursive: true, force: true });
    }
  });
});
