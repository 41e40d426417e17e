import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import amqplib, { type Channel, type ChannelModel, type ConsumeMessage, type Options } from 'amqplib';
import fc from 'fast-check';
import mysql from 'mysql2/promise';
import { loadConfig, type CrmConfig } from '@crm/config';
import * as contracts from '@crm/contracts';
import { ErrorCode } from '@crm/contracts';
import { callFingerprint, parseEnvelope, readCallFields } from '@crm/messaging';
import { ALL_APPS, Stack, type AppName } from '../support/stack.js';
import { until } from '../support/until.js';

/**
 * Issue 13 item 7, the fuzzed wire: thousands of random and mutated messages to every app's request
 * queue, sent with plain amqplib as a partner would — bodies that are not JSON, not objects, cut or
 * with flipped bytes, invalid UTF-8, nested far too deep, up to the broker's frame size and beyond
 * the apps' limit, a 1 MB password, CR/LF and ANSI escapes in every string field, odd AMQP
 * properties and headers. Afterwards:
 * - every app is alive and still consuming (each answers a ping; no request queue holds messages);
 * - every message with `reply_to` got a reply with a code of SPEC §2.2, and none is 5000 (bad input
 *   is the caller's fault, never an internal error);
 * - every message is in the call log exactly once (found by its fingerprint), its caller, request
 *   id, pattern, code and message stored literally;
 * - no password that was sent appears in any app's log output or in the call log.
 *
 * The messages come from fast-check with a seed, printed in the test's name and on failure; replay
 * a run with CRM_FUZZ_SEED=<seed>. CRM_FUZZ_MESSAGES (default 1500) sets how many: more for a long
 * local run (e.g. 20000), the default keeps it around three minutes in `npm test`.
 */

const SEED = process.env.CRM_FUZZ_SEED ? Number(process.env.CRM_FUZZ_SEED) : randomBytes(4).readUInt32BE() >>> 1;
const COUNT = Number(process.env.CRM_FUZZ_MESSAGES ?? 1500);
/** RabbitMQ's default frame_max: one body frame's worth. */
const FRAME_MAX = 131_072;
const IN_FLIGHT = 64;
/** Generous: a reply that comes late on a busy machine still counts; one that never comes does not. */
const REPLY_TIMEOUT_MS = 120_000;
const PARTNER = 'FUZZ-PARTNER';

jest.setTimeout(15 * 60_000);

const SPEC_CODES = new Set<number>(Object.values(ErrorCode).filter((v): v is number => typeof v === 'number'));
const PATTERN = /^(auth|marketing|sales|service|audit)\.[a-z-]+\.[a-z-]+\.v\d+$/;

/** Every request and event pattern the contracts name, by owning app, plus each app's ping. */
function knownPatterns(): Record<AppName, string[]> {
  const found = new Set<string>();
  const walk = (v: unknown, depth: number): void => {
    if (typeof v === 'string' && PATTERN.test(v)) found.add(v);
    else if (v && typeof v === 'object' && depth < 3) for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(contracts, 0);
  const byApp = Object.fromEntries(ALL_APPS.map((a) => [a, [`${a}.system.ping.v1`]])) as Record<AppName, string[]>;
  for (const p of found) byApp[p.split('.')[0] as AppName].push(p);
  return byApp;
}

let stack: Stack;
let config: CrmConfig;
let amqp: ChannelModel;
let channel: Channel;
let partnerPassword: string;
/** A 1 MB password (ASCII, so the envelope stays within auth's 1 MiB limit when a guard forwards it). */
const MEGA_PASSWORD = `MEGA${randomBytes(16).toString('hex')}${'x'.repeat(1_000_000 - 36)}`;
const PASSWORD_TAG = 'pw';

interface Fuzzed {
  app: AppName;
  body: Buffer;
  props: Options.Publish;
}

/** Pieces that break naive logging, terminals, parsers and SQL: in every string field. */
const NASTY = [
  '\r\n',
  '\n',
  '\r',
  '\u001b[31m',
  '\u001b[2J\u001b[H',
  '\u001b]0;owned\u0007',
  '\u0000',
  '\u2028',
  '\ud800',
  '\udfff',
  '%s%n',
  '${jndi:ldap://x/a}',
  "'; DROP TABLE call_log; --",
  '<script>alert(1)</script>',
  '\ufeff',
  '🙂',
  '"\\',
  '=HYPERLINK("x")',
];

const nasty = (maxLength: number) =>
  fc
    .array(fc.oneof(fc.string({ maxLength: 12, unit: 'binary' }), fc.constantFrom(...NASTY)), { maxLength: 6 })
    .map((parts) => parts.join('').slice(0, maxLength));

/** A password nobody else uses: found verbatim in a log only if it leaked. */
const randomPassword = fc
  .tuple(fc.uint8Array({ minLength: 12, maxLength: 12 }), nasty(20))
  .map(([b, tail]) => `${PASSWORD_TAG}${Buffer.from(b).toString('hex')}${tail}`);

/** Bytes that are not UTF-8 inserted into the caller's (or else the pattern's) string. */
function invalidUtf8(b: Buffer): Buffer {
  const key = b.indexOf('"caller":"') >= 0 ? '"caller":"' : '"pattern":"';
  const at = b.indexOf(key);
  if (at < 0) return Buffer.concat([b, Buffer.from([0xff])]);
  const cut = at + key.length;
  return Buffer.concat([b.subarray(0, cut), Buffer.from([0xc3, 0x28, 0xff, 0xed, 0xa0, 0x80]), b.subarray(cut)]);
}

function arbitraries(patterns: Record<AppName, string[]>) {
  const app = fc.constantFrom(...ALL_APPS);
  const props = fc.record(
    {
      replyTo: fc.constantFrom('amq.rabbitmq.reply-to', 'amq.rabbitmq.reply-to', 'amq.rabbitmq.reply-to', undefined),
      contentType: fc.oneof(fc.constant('application/json'), nasty(60)),
      contentEncoding: fc.oneof(fc.constantFrom('gzip', 'utf-16', 'identity'), nasty(40)),
      messageId: nasty(60),
      type: nasty(60),
      appId: nasty(60),
      priority: fc.integer({ min: 0, max: 9 }),
      persistent: fc.boolean(),
      timestamp: fc.integer({ min: 0, max: 2 ** 31 }),
      headers: fc.dictionary(
        nasty(30),
        fc.oneof(nasty(80), fc.integer(), fc.boolean(), fc.dictionary(nasty(10), nasty(20), { maxKeys: 3 })),
        { maxKeys: 5 },
      ),
    },
    { requiredKeys: ['replyTo'] },
  );
  const password = fc.oneof(
    { weight: 5, arbitrary: fc.constant('<partner>') },
    { weight: 5, arbitrary: randomPassword },
    { weight: 1, arbitrary: fc.constant(MEGA_PASSWORD) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constant(null), fc.array(randomPassword, { maxLength: 2 })) },
  );
  const data = () =>
    fc.record(
      {
        caller: fc.oneof({ weight: 6, arbitrary: fc.constant(PARTNER) }, { weight: 3, arbitrary: nasty(150) }, fc.integer()),
        password,
        requestId: fc.oneof(nasty(300), fc.integer(), fc.constant('')),
        actor: fc.oneof(nasty(200), fc.dictionary(nasty(10), nasty(10), { maxKeys: 2 })),
        payload: fc.oneof(
          fc.dictionary(nasty(20), fc.oneof(nasty(200), fc.integer(), fc.double(), fc.boolean(), fc.constant(null)), { maxKeys: 8 }),
          fc.jsonValue({ maxDepth: 6 }),
        ),
        extra: nasty(40),
      },
      { requiredKeys: ['caller', 'password'] },
    );
  const pattern = (a: AppName) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...patterns[a]) }, { weight: 1, arbitrary: nasty(250) });
  const envelope = (a: AppName) =>
    fc.record(
      { pattern: pattern(a), id: fc.oneof(nasty(220), fc.uuid(), fc.constant(undefined)), data: data() },
      { requiredKeys: ['pattern', 'data'] },
    );

  const mutate = (bytes: Buffer) =>
    fc
      .array(
        fc.oneof(
          fc.record({ op: fc.constant('flip' as const), at: fc.nat(), to: fc.integer({ min: 0, max: 255 }) }),
          fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
          fc.record({
            op: fc.constant('insert' as const),
            at: fc.nat(),
            bytes: fc.constantFrom([0xff], [0xc3, 0x28], [0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x00], [0x22]),
          }),
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((ops) => {
        let b = Buffer.from(bytes);
        for (const o of ops) {
          const at = b.length ? o.at % b.length : 0;
          if (o.op === 'flip' && b.length) b[at] = o.to;
          else if (o.op === 'cut') b = b.subarray(0, at);
          else if (o.op === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(o.bytes), b.subarray(at)]);
        }
        return b;
      });

  const body = (a: AppName) =>
    fc.oneof(
      { weight: 10, arbitrary: envelope(a).map((e) => Buffer.from(JSON.stringify(e))) },
      { weight: 4, arbitrary: envelope(a).chain((e) => mutate(Buffer.from(JSON.stringify(e)))) },
      // Invalid UTF-8 inside a string value, where a parser must still decode something.
      { weight: 2, arbitrary: envelope(a).map((e) => invalidUtf8(Buffer.from(JSON.stringify(e)))) },
      {
        weight: 2,
        arbitrary: fc
          .constantFrom(8, 31, 32, 33, 200, 10_000, 60_000)
          .map((depth) =>
            Buffer.from(
              `{"pattern":"${a}.system.ping.v1","id":"deep","data":{"caller":"${PARTNER}","password":"<partner>","payload":${'['.repeat(depth)}${']'.repeat(depth)}}}`,
            ),
          ),
      },
      {
        weight: 2,
        arbitrary: fc.tuple(envelope(a), fc.integer({ min: 1024, max: FRAME_MAX })).map(([e, size]) => {
          const base = Buffer.from(JSON.stringify({ ...e, pad: '' }));
          return Buffer.from(JSON.stringify({ ...e, pad: 'p'.repeat(Math.max(0, size - base.length)) }));
        }),
      },
      // Just over the app's own limit (refused unparsed), where that limit is within reach of a test.
      {
        weight: 1,
        arbitrary: fc.constant(null).map(() => Buffer.alloc(Math.min(config.messaging.maxMessageBytes[a] + 1, 2 * 1024 * 1024), 0x20)),
      },
      { weight: 2, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((u) => Buffer.from(u)) },
      { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
    );

  return app.chain((a) => fc.record({ app: fc.constant(a), body: body(a), props }));
}

interface Sent {
  index: number;
  app: AppName;
  body: Buffer;
  props: Options.Publish;
  fingerprint: string;
  /** SPEC §2.1: a reply when there is `reply_to` and the message is a call (has an `id`) or cannot be read at all. */
  expectsReply: boolean;
  reply?: any;
}

/** What a message becomes on the wire: the partner's password filled in, a unique correlation id. */
function materialise(m: Fuzzed, index: number): { body: Buffer; props: Options.Publish } {
  const body = m.body.includes('<partner>')
    ? Buffer.from(m.body.toString('latin1').replaceAll('<partner>', partnerPassword), 'latin1')
    : m.body;
  const { replyTo, ...rest } = m.props;
  return {
    body,
    props: { ...rest, ...(replyTo ? { replyTo } : {}), correlationId: `fuzz-${index}` },
  };
}

function passwordsIn(body: Buffer): string[] {
  const text = body.toString('utf8');
  const found = new Set<string>();
  for (const m of text.matchAll(new RegExp(`${PASSWORD_TAG}[0-9a-f]{24}`, 'g'))) found.add(m[0]);
  return [...found];
}

/** Lone surrogates come back from MariaDB as U+FFFD, as they are stored. */
const stored = (s: string | null): string | null => (s === null ? null : Buffer.from(s, 'utf8').toString('utf8'));

beforeAll(async () => {
  // On a busy machine, CRM_TEST_START_TIMEOUT_MS gives the five apps longer to boot.
  stack = await Stack.start({ env: { LOG_LEVEL: 'info', CALLER_MAX_FAILURES: '1000' } });
  config = loadConfig(stack.env);
  partnerPassword = await stack.createCaller(PARTNER, ['*']);
  amqp = await amqplib.connect(stack.env.AMQP_URL as string);
  channel = await amqp.createChannel();
}, 600_000);

afterAll(async () => {
  // The apps' output, for a failed run (it is checked above to hold no password).
  if (stack) await writeFile(join(tmpdir(), `wire-fuzz-${stack.ns}.log`), stack.logs()).catch(() => undefined);
  await amqp?.close().catch(() => undefined);
  await stack?.stop();
}, 120_000);

describe('fuzzed wire', () => {
  it(`every app survives ${COUNT} random and mutated messages, answers each with a SPEC code and audits each once (seed ${SEED})`, async () => {
    const arbitrary = arbitraries(knownPatterns());
    const generated = fc.sample(arbitrary, { seed: SEED, numRuns: COUNT });
    const sent: Sent[] = [];
    const seen = new Set<string>();
    for (const [i, m] of generated.entries()) {
      const { body, props } = materialise(m, i);
      const envelope = parseEnvelope(body, {
        maxBytes: config.messaging.maxMessageBytes[m.app],
        maxDepth: config.messaging.maxMessageDepth,
      });
      const fingerprint = callFingerprint(m.app, 'inbound', envelope.id ?? String(props.messageId ?? ''), body);
      if (seen.has(fingerprint)) continue; // an identical message would rightly share its row
      seen.add(fingerprint);
      const expectsReply = props.replyTo !== undefined && (!envelope.ok || envelope.id !== undefined);
      sent.push({ index: i, app: m.app, body, props, fingerprint, expectsReply });
    }
    /** Failures by kind, with the first few messages of each (replay them with the seed). */
    const failures = new Map<string, { count: number; examples: string[] }>();
    const failKind = (kind: string, example: string) => {
      const f = failures.get(kind) ?? { count: 0, examples: [] };
      f.count += 1;
      if (f.examples.length < 3) f.examples.push(example);
      failures.set(kind, f);
    };
    const fail = (s: Sent, kind: string, detail = '') =>
      failKind(
        kind,
        `#${s.index} to ${s.app}${detail ? `: ${detail}` : ''}; body ${JSON.stringify(s.body.subarray(0, 300).toString('utf8'))}${s.body.length > 300 ? `… (${s.body.length} bytes)` : ''}`,
      );

    // Replies come to direct reply-to, matched by correlation id.
    const waiting = new Map<string, (reply: unknown) => void>();
    await channel.consume(
      'amq.rabbitmq.reply-to',
      (m: ConsumeMessage | null) => {
        if (!m) return;
        const done = waiting.get(String(m.properties.correlationId));
        waiting.delete(String(m.properties.correlationId));
        let parsed: unknown;
        try {
          parsed = JSON.parse(m.content.toString('utf8'));
        } catch {
          parsed = { unparseable: m.content.toString('utf8').slice(0, 200) };
        }
        done?.(parsed);
      },
      { noAck: true },
    );
    const ping = (app: AppName, id: string) =>
      new Promise<any>((resolve) => {
        const timer = setTimeout(() => resolve({ timeout: true }), 60_000);
        waiting.set(id, (r) => {
          clearTimeout(timer);
          resolve(r);
        });
        channel.sendToQueue(
          stack.queue(app),
          Buffer.from(JSON.stringify({ pattern: `${app}.system.ping.v1`, id, data: { caller: PARTNER, password: partnerPassword } })),
          { replyTo: 'amq.rabbitmq.reply-to', correlationId: id },
        );
      });
    // Each app checks the partner's password with auth once and then remembers it: do that first,
    // rather than under 64 fuzzed calls at once.
    for (const app of ALL_APPS)
      expect({ app, reply: await ping(app, `warm-${app}`) }).toMatchObject({ app, reply: { response: { code: 0 } } });
    const started = Date.now();
    let next = 0;
    const worker = async () => {
      while (next < sent.length) {
        const s = sent[next++];
        const queue = stack.queue(s.app);
        if (!s.expectsReply) {
          channel.sendToQueue(queue, s.body, s.props);
          continue;
        }
        s.reply = await new Promise((resolve) => {
          const timer = setTimeout(() => {
            waiting.delete(String(s.props.correlationId));
            resolve({ timeout: true });
          }, REPLY_TIMEOUT_MS);
          waiting.set(String(s.props.correlationId), (r) => {
            clearTimeout(timer);
            resolve(r);
          });
          channel.sendToQueue(queue, s.body, s.props);
        });
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const sendMs = Date.now() - started;

    for (const s of sent.filter((x) => x.expectsReply)) {
      const code = s.reply?.response?.code ?? s.reply?.err?.code;
      if (s.reply?.timeout) fail(s, `no reply within ${REPLY_TIMEOUT_MS / 1000} s`);
      else if (!SPEC_CODES.has(code)) fail(s, 'reply without a SPEC code', JSON.stringify(s.reply).slice(0, 300));
      else if (code === ErrorCode.Internal) fail(s, 'internal error (5000) for bad input', JSON.stringify(s.reply));
    }

    // Alive and consuming: a ping answered by every app, no request queue holding messages.
    for (const app of ALL_APPS) {
      expect({ app, reply: await ping(app, `alive-${app}`) }).toMatchObject({ app, reply: { response: { code: 0 } } });
      const q = await channel.checkQueue(stack.queue(app));
      expect({ app, consumers: q.consumerCount > 0, messages: q.messageCount }).toEqual({ app, consumers: true, messages: 0 });
    }

    // Every message in the call log exactly once, its text as sent.
    const db = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '', database: `${stack.ns}_audit` });
    try {
      const rowsOf = async () => {
        const byFingerprint = new Map<string, any[]>();
        for (let i = 0; i < sent.length; i += 500) {
          const chunk = sent.slice(i, i + 500).map((s) => Buffer.from(s.fingerprint, 'hex'));
          const [rows] = await db.query<any[]>(
            'SELECT LOWER(HEX(fingerprint)) AS f, service, caller, request_id, pattern, code, message FROM call_log WHERE fingerprint IN (?)',
            [chunk],
          );
          for (const r of rows) byFingerprint.set(r.f, [...(byFingerprint.get(r.f) ?? []), r]);
        }
        return byFingerprint;
      };
      const rows = await until(
        'every fuzzed message in the call log',
        rowsOf,
        (m) => sent.every((s) => m.has(s.fingerprint)),
        120_000,
      ).catch(() => rowsOf());
      for (const s of sent) {
        const found = rows.get(s.fingerprint) ?? [];
        if (found.length !== 1) {
          fail(s, `${found.length} call log rows instead of 1`);
          continue;
        }
        const [row] = found;
        const envelope = parseEnvelope(s.body, {
          maxBytes: config.messaging.maxMessageBytes[s.app],
          maxDepth: config.messaging.maxMessageDepth,
        });
        const fields = readCallFields(envelope.ok ? envelope.data : null);
        const expected = {
          service: s.app,
          caller: stored(fields.caller),
          request_id: stored(fields.requestId ?? envelope.id ?? null),
          pattern: stored(envelope.ok || envelope.pattern ? envelope.pattern : null),
        };
        const actual = { service: row.service, caller: row.caller, request_id: row.request_id, pattern: row.pattern };
        if (JSON.stringify(actual) !== JSON.stringify(expected))
          fail(s, 'call log text differs from what was sent', `stored ${JSON.stringify(actual)}, sent ${JSON.stringify(expected)}`);
        const replied = s.reply?.err ?? s.reply?.response;
        if (replied && Number(row.code) !== replied.code)
          fail(s, 'stored code differs from the reply', `stored ${row.code}, replied ${replied.code}`);
        if (s.reply?.err && row.message !== stored(String(s.reply.err.message).slice(0, 500)))
          fail(
            s,
            'stored message differs from the reply',
            `stored ${JSON.stringify(row.message)}, replied ${JSON.stringify(s.reply.err.message)}`,
          );
      }
      // No password that was sent is in the call log or in any app's output.
      const passwords = new Set<string>([partnerPassword, MEGA_PASSWORD.slice(0, 36)]);
      for (const s of sent) for (const p of passwordsIn(s.body)) passwords.add(p);
      const [texts] = await db.query<any[]>(
        'SELECT CONCAT_WS(0x1f, caller, request_id, pattern, message, actor, source) AS t FROM call_log',
      );
      const callLog = texts.map((r) => r.t).join('\n');
      const logs = stack.logs();
      for (const p of passwords) {
        if (logs.includes(p)) failKind("a password sent in a message appears in the apps' log output", `${p.slice(0, 8)}…`);
        if (callLog.includes(p)) failKind('a password sent in a message appears in the call log', `${p.slice(0, 8)}…`);
      }
    } finally {
      await db.end();
    }
    process.stdout.write(`wire fuzz: seed ${SEED}, ${sent.length} messages sent and answered in ${sendMs} ms\n`);
    if (failures.size > 0) process.stderr.write(`wire fuzz failed: replay with CRM_FUZZ_SEED=${SEED} CRM_FUZZ_MESSAGES=${COUNT}\n`);
    expect({ seed: SEED, failures: Object.fromEntries(failures) }).toEqual({ seed: SEED, failures: {} });
  });
});
