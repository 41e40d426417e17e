/**
 * Audit benchmark: `node dist/scripts/bench/audit-bench.js [--events 50000] [--rows 1000000] [--queries 200]`
 * (after `npm run build`). Runs the built audit app as a child process under a namespace of its own,
 * which it removes at the end.
 *
 * (a) ingest: call events published with confirms (as the apps publish them) until every one is
 *     stored; zero loss means COUNT(*) = N with N distinct ids. Measured twice: while publishing
 *     (live) and draining a backlog that piled up while audit was down (consumer capacity).
 * (b) query: 1,000,000 rows with a realistic spread, then `GET /audit/calls` latency per filter.
 */
import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import amqplib from 'amqplib';
import mysql from 'mysql2/promise';
import { CALL_RECORDED_V1, names, type CallEvent } from '@crm/contracts';
import { loadConfig } from '@crm/config';
import { buildCallEvent, newCallEventId, sealEvent, type SealedEvent } from '@crm/messaging';
import { EventMac } from '@crm/security';
import { plainToInstance } from 'class-transformer';
import { parseMasterKey } from '@crm/config';
import { ListCursorCodec } from '@crm/persistence';
import {
  AUDIT_PAGE,
  CALL_LOG_LIST,
  CallQueryDto,
  logFilter,
  logPageQuery,
  type CallFilterField,
  type LogFilter,
} from '../../apps/audit/src/testing.js';
import { Stack, waitFor } from '../../test/support/stack.js';

interface Options {
  events: number;
  rows: number;
  queries: number;
}

const DB = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };
const DAY = 86_400_000;

// ---------------------------------------------------------------- realistic data

/** Deterministic PRNG so two runs load the same table. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Zipf-like weights: a few busy partner systems, a long tail of quiet ones. */
function weighted<T>(items: T[], random: () => number): () => T {
  const cumulative: number[] = [];
  let total = 0;
  items.forEach((_, i) => cumulative.push((total += 1 / (i + 1))));
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo];
  };
}

const CALLERS = Array.from({ length: 50 }, (_, i) => (i === 0 ? 'EOMS' : `SYS${String(i).padStart(2, '0')}`));
const ENTITIES: Array<[string, string[]]> = [
  ['service', ['workorder', 'case', 'asset']],
  ['sales', ['account', 'contact', 'opportunity']],
  ['marketing', ['lead', 'campaign']],
];
const VERBS = ['create', 'update', 'query', 'list', 'dispatch'];
/** 40 patterns: 8 entities × 5 verbs. */
const PATTERNS = ENTITIES.flatMap(([app, entities]) => entities.flatMap((e) => VERBS.map((v) => `${app}.${e}.${v}.v1`)));
const CODES: Array<[number, number]> = [
  [0, 0.94],
  [4002, 0.02],
  [4220, 0.015],
  [4030, 0.01],
  [4040, 0.005],
  [5000, 0.005],
  [5030, 0.005],
];
const ERROR_TEXT: Record<number, string> = {
  4002: 'invalid credentials',
  4220: 'payload failed validation',
  4030: 'not permitted',
  4040: 'not found',
  5000: 'internal error (error id 00000000-0000-0000-0000-000000000000)',
  5030: 'dependency unavailable, retry later',
};

function generator(seed: number, startMs: number, spanMs: number, total: number) {
  const random = rng(seed);
  const caller = weighted(CALLERS, random);
  const pattern = weighted(PATTERNS, random);
  const code = () => {
    let x = random();
    for (const [c, p] of CODES) if ((x -= p) < 0) return c;
    return 0;
  };
  /** Row i of `total`: times rise with i (as arrival order does) with a minute of jitter. */
  return (i: number, tag: string): CallEvent => {
    const p = pattern();
    const service = p.slice(0, p.indexOf('.'));
    const c = code();
    const outbound = random() < 0.1;
    return buildCallEvent({
      id: newCallEventId(),
      at: new Date(startMs + Math.floor((i / total) * spanMs + random() * 60_000)),
      direction: outbound ? 'outbound' : 'inbound',
      service: outbound ? 'service' : (service as CallEvent['service']),
      caller: outbound ? 'CRM' : caller(),
      callee: outbound ? 'eoms' : service,
      pattern: outbound ? 'eoms.workorder.stage-reply.v1' : p,
      requestId: `${tag}-${i}`,
      actor: random() < 0.3 ? `E${100001 + Math.floor(random() * 200)}` : null,
      code: c,
      durationMs: Math.round(random() * 40_000) / 1000,
      message: c === 0 ? null : ERROR_TEXT[c],
      source: null,
    });
  };
}

// ---------------------------------------------------------------- helpers

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function count(ns: string, where = '1=1'): Promise<{ rows: number; distinct: number }> {
  const db = await mysql.createConnection({ ...DB, database: names.database(ns, 'audit') });
  try {
    const [r] = await db.query<any[]>(`SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS d FROM call_log WHERE ${where}`);
    return { rows: Number(r[0].n), distinct: Number(r[0].d) };
  } finally {
    await db.end();
  }
}

/**
 * Calls the alert rules have still to count (`call_log` rows after `alert_cursor`), or null on a
 * build from before the call-log tail (no cursor).
 */
async function alertBacklog(ns: string): Promise<number | null> {
  const db = await mysql.createConnection({ ...DB, database: names.database(ns, 'audit') });
  try {
    const [r] = await db.query<any[]>(
      "SELECT (SELECT COUNT(*) FROM call_log WHERE seq > (SELECT seq FROM alert_cursor WHERE name = 'call_log')) AS behind",
    );
    return Number(r[0].behind);
  } catch {
    return null;
  } finally {
    await db.end();
  }
}

/** How long after `since` the alert rules had counted every stored call (they run beside the ingest). */
async function alertCatchUp(ns: string, since: number): Promise<string> {
  const behind = await alertBacklog(ns);
  if (behind === null) return 'alert rules: no call-log cursor in this build';
  await waitFor(async () => ((await alertBacklog(ns)) === 0 ? true : null), 600_000, 20);
  return `alert rules counted every call ${fmt((performance.now() - since) / 1000, 2)} s after the start (${fmt(behind)} still to count when the last was stored)`;
}

/** The environment of the stack under test (its master key), set when the stack starts. */
let sealingEnv: NodeJS.ProcessEnv = {};

/** An event as it goes on the wire: sealed as the apps seal them (audit refuses unsealed events). */
interface OutgoingEvent {
  id: string;
  sealed: SealedEvent;
}

/**
 * Serialised and sealed with the kit's `sealEvent` and the stack's master key before the clock
 * starts: in production the publishers are other processes, so their cost must not come out of
 * the 2 cores audit is measured on.
 */
function sealAll(ns: string, events: CallEvent[]): OutgoingEvent[] {
  const mac = new EventMac(ns, loadConfig({ ...process.env, ...sealingEnv }).masterKeys);
  return events.map((e) => ({ id: e.id, sealed: sealEvent(mac, { pattern: CALL_RECORDED_V1, data: e }) }));
}

/** Unconfirmed publishes per channel: confirms are awaited per window, never per message, and the next window goes out meanwhile. */
const CONFIRM_WINDOW = 1000;
const WINDOWS_IN_FLIGHT = 2;

/**
 * Confirmed, persistent publishing on `parallel` connections at once (as several app processes
 * would publish), each pipelined: up to WINDOWS_IN_FLIGHT windows of CONFIRM_WINDOW messages
 * unconfirmed, so the publisher never waits a broker round trip per window. Resolves with the
 * seconds until the last confirm.
 */
async function publishAll(ns: string, amqpUrl: string, events: OutgoingEvent[], parallel = 4): Promise<number> {
  const exchange = names.eventsExchange(ns);
  const share = Math.ceil(events.length / parallel);
  const connections = await Promise.all(Array.from({ length: parallel }, () => amqplib.connect(amqpUrl, { noDelay: true })));
  const started = performance.now();
  try {
    await Promise.all(
      connections.map(async (conn, p) => {
        const mine = events.slice(p * share, (p + 1) * share);
        const ch = await conn.createConfirmChannel();
        const inFlight: Promise<void>[] = [];
        for (let i = 0; i < mine.length; i += CONFIRM_WINDOW) {
          const window = mine.slice(i, i + CONFIRM_WINDOW);
          let left = window.length;
          inFlight.push(
            new Promise<void>((resolve, reject) => {
              for (const e of window) {
                // A full socket buffer only queues frames in amqplib; the windows bound how many.
                ch.publish(
                  exchange,
                  CALL_RECORDED_V1,
                  e.sealed.content,
                  { persistent: true, contentType: 'application/json', messageId: e.id, headers: e.sealed.headers },
                  (err: unknown) => {
                    if (err) reject(err instanceof Error ? err : new Error(String(err)));
                    else if (--left === 0) resolve();
                  },
                );
              }
            }),
          );
          if (inFlight.length >= WINDOWS_IN_FLIGHT) await inFlight.shift();
        }
        await Promise.all(inFlight);
      }),
    );
    return (performance.now() - started) / 1000;
  } finally {
    await Promise.all(connections.map((c) => c.close()));
  }
}

// ---------------------------------------------------------------- (a) ingest

async function benchIngest(stack: Stack, o: Options): Promise<void> {
  const ns = stack.ns;
  const amqpUrl = stack.env.AMQP_URL as string;
  const make = generator(1, Date.now() - DAY, DAY, o.events);

  console.log(`\n(a) ingest: ${fmt(o.events)} call events, published with confirms to ${names.eventsExchange(ns)} on 4 connections`);
  const live = sealAll(
    ns,
    Array.from({ length: o.events }, (_, i) => make(i, 'live')),
  );
  const t0 = performance.now();
  const publishing = publishAll(ns, amqpUrl, live);
  const publishSeconds = await publishing;
  const stored = await waitFor(
    async () => {
      const c = await count(ns, "request_id LIKE 'live-%'");
      return c.rows >= o.events ? c : null;
    },
    600_000,
    50,
  );
  const liveSeconds = (performance.now() - t0) / 1000;
  console.log(
    `  live     publish ${fmt(o.events / publishSeconds)} ev/s; all stored after ${fmt(liveSeconds, 2)} s → ${fmt(o.events / liveSeconds)} ev/s end to end`,
  );
  console.log(
    `           stored rows ${fmt(stored.rows)}, distinct ids ${fmt(stored.distinct)}: ${stored.rows === o.events && stored.distinct === o.events ? 'zero loss, no duplicates' : 'MISMATCH'}`,
  );
  console.log(`           ${await alertCatchUp(ns, t0)}`);

  // Redelivery: the same 1,000 events again must not add a row.
  await publishAll(ns, amqpUrl, live.slice(0, 1000));
  await new Promise((r) => setTimeout(r, 1500));
  const again = await count(ns, "request_id LIKE 'live-%'");
  console.log(`           1,000 events re-published: rows ${fmt(again.rows)} (${again.rows === o.events ? 'stored once' : 'DUPLICATES'})`);

  // Backlog: audit down while the events pile up, then the drain rate is the consumer's capacity.
  await stack.killApp('audit', 'SIGTERM');
  const backlog = sealAll(
    ns,
    Array.from({ length: o.events }, (_, i) => make(i, 'backlog')),
  );
  const backlogPublishSeconds = await publishAll(ns, amqpUrl, backlog);
  console.log(`  publisher alone (audit down): ${fmt(o.events / backlogPublishSeconds)} ev/s`);
  const t1 = performance.now();
  await stack.startApp('audit');
  const bootSeconds = (performance.now() - t1) / 1000;
  const drained = await waitFor(
    async () => {
      const c = await count(ns, "request_id LIKE 'backlog-%'");
      return c.rows >= o.events ? c : null;
    },
    600_000,
    50,
  );
  const drainSeconds = (performance.now() - t1) / 1000;
  console.log(
    `  backlog  ${fmt(o.events)} waiting while audit was down: drained ${fmt(drainSeconds, 2)} s after start (boot ${fmt(bootSeconds, 2)} s) → ` +
      `${fmt(o.events / (drainSeconds - bootSeconds))} ev/s; rows ${fmt(drained.rows)}, distinct ${fmt(drained.distinct)}: ${drained.rows === o.events && drained.distinct === o.events ? 'zero loss' : 'MISMATCH'}`,
  );
  console.log(`           ${await alertCatchUp(ns, t1)}`);
}

// ---------------------------------------------------------------- (b) query

export async function bulkLoad(ns: string, rows: number, startMs: number, spanMs: number): Promise<void> {
  const CHUNK = 5000;
  const WORKERS = 4;
  const make = generator(2, startMs, spanMs, rows);
  const cols = 'id, at, direction, service, caller, callee, pattern, request_id, actor, code, ok, duration_ms, message, source';
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    const db = await mysql.createConnection({ ...DB, database: names.database(ns, 'audit'), timezone: 'Z' });
    try {
      while (next < rows) {
        const from = next;
        next = Math.min(rows, next + CHUNK);
        const values: unknown[][] = [];
        for (let i = from; i < next; i++) {
          const e = make(i, 'bench');
          values.push([
            e.id,
            new Date(e.at),
            e.direction,
            e.service,
            e.caller,
            e.callee,
            e.pattern,
            e.requestId,
            e.actor,
            e.code,
            e.ok,
            e.durationMs,
            e.message,
            e.source,
          ]);
        }
        await db.query(`INSERT INTO call_log (${cols}) VALUES ?`, [values]);
      }
    } finally {
      await db.end();
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  const seconds = (performance.now() - started) / 1000;
  const db = await mysql.createConnection({ ...DB, database: names.database(ns, 'audit') });
  try {
    await db.query('ANALYZE TABLE call_log');
  } finally {
    await db.end();
  }
  console.log(
    `  loaded ${fmt(rows)} rows in ${fmt(seconds, 1)} s (${fmt(rows / seconds)} rows/s, ${CHUNK}-row INSERTs, ${WORKERS} connections)`,
  );
}

async function benchQuery(stack: Stack, o: Options): Promise<void> {
  const ns = stack.ns;
  const spanMs = 30 * DAY;
  const startMs = Date.now() - spanMs;
  console.log(
    `\n(b) query: ${fmt(o.rows)} rows over 30 days, ${CALLERS.length} callers, ${PATTERNS.length} patterns; ${o.queries} queries per filter, sequential, over HTTP`,
  );
  await bulkLoad(ns, o.rows, startMs, spanMs);

  // A real auditor; the audit app checks the token with auth once, then remembers it (ACTOR_CACHE_TTL_SECONDS).
  const token = (await stack.employee(['auditor'])).token;
  const random = rng(3);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const day = () => {
    const from = startMs + Math.floor(random() * (spanMs - DAY));
    return { from: new Date(from).toISOString(), to: new Date(from + DAY).toISOString() };
  };
  const errorCodes = CODES.map(([c]) => c).filter((c) => c !== 0);

  let firstCursor: string | null = null;
  const filters: Array<[string, () => Record<string, string>]> = [
    ['caller + 24 h range', () => ({ caller: pick(CALLERS), ...day() })],
    ['pattern + code', () => ({ pattern: pick(PATTERNS), code: String(random() < 0.5 ? 0 : pick(errorCodes)) })],
    ['requestId', () => ({ requestId: `bench-${Math.floor(random() * o.rows)}` })],
    ['(extra) no filter, newest 100', () => ({})],
    ['(extra) code only (errors)', () => ({ code: String(pick(errorCodes)) })],
    ['(extra) ok=false + service', () => ({ ok: 'false', service: pick(['service', 'sales', 'marketing']) })],
    ['(extra) caller, next page by cursor', () => ({ caller: 'EOMS', ...(firstCursor ? { cursor: firstCursor } : {}) })],
    ['(extra) pattern only', () => ({ pattern: pick(PATTERNS) })],
  ];
  const first = await fetch(`${stack.url('audit')}/audit/calls?caller=EOMS&limit=100`, { headers: { authorization: `Bearer ${token}` } });
  firstCursor = ((await first.json()) as { nextCursor: string | null }).nextCursor;

  await explainPlans(ns, PATTERNS[0], CALLERS[0], new Date(startMs + DAY), new Date(startMs + 2 * DAY));
  // The same queries straight to MariaDB with the app's own SQL: what the database costs, apart
  // from HTTP, JSON and the token check.
  const db = await mysql.createConnection({ ...DB, database: names.database(ns, 'audit'), timezone: 'Z' });
  const cursors = ListCursorCodec.fromMasterKeys(ns, {
    current: parseMasterKey('CRM_MASTER_KEY', stack.env.CRM_MASTER_KEY as string),
    previous: [],
  });
  console.log(
    `  ${'filter'.padEnd(38)} ${'HTTP p50'.padStart(9)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}   ${'SQL p50'.padStart(8)} ${'p95'.padStart(7)} ${'avg items'.padStart(10)}  (ms)`,
  );
  try {
    for (const [name, params] of filters) {
      const run = async (qs: Record<string, string>) => {
        const t = performance.now();
        const res = await fetch(`${stack.url('audit')}/audit/calls?${new URLSearchParams(qs)}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const body = (await res.json()) as { items?: unknown[] };
        const ms = performance.now() - t;
        if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} ${JSON.stringify(body)}`);
        return { ms, items: body.items?.length ?? 0 };
      };
      const sql = async (qs: Record<string, string>) => {
        const dto = plainToInstance(CallQueryDto, qs);
        const after = dto.cursor === undefined ? undefined : cursors.decode(CALL_LOG_LIST, dto.cursor);
        const q = logPageQuery(CALL_LOG_LIST, logFilter(dto), after, dto.limit ?? AUDIT_PAGE.defaultLimit);
        const t = performance.now();
        await db.query(q.sql, q.params);
        return performance.now() - t;
      };
      for (let i = 0; i < 10; i++) await run(params()); // warm-up
      const http: number[] = [];
      const direct: number[] = [];
      let items = 0;
      for (let i = 0; i < o.queries; i++) {
        const qs = params();
        const r = await run(qs);
        http.push(r.ms);
        items += r.items;
        direct.push(await sql(qs));
      }
      http.sort((a, b) => a - b);
      direct.sort((a, b) => a - b);
      const c = (v: number) => fmt(v, 1).padStart(7);
      console.log(
        `  ${name.padEnd(38)} ${fmt(percentile(http, 50), 1).padStart(9)} ${c(percentile(http, 95))} ${c(percentile(http, 99))} ${c(http[http.length - 1])}   ` +
          `${fmt(percentile(direct, 50), 1).padStart(8)} ${c(percentile(direct, 95))} ${fmt(items / o.queries, 1).padStart(10)}`,
      );
    }
  } finally {
    await db.end();
  }
}

/** The index MariaDB picks for the three main filters, with the app's own SQL. */
async function explainPlans(ns: string, pattern: string, caller: string, from: Date, to: Date): Promise<void> {
  const db = await mysql.createConnection({ ...DB, database: names.database(ns, 'audit'), timezone: 'Z' });
  try {
    const cases: Array<[string, LogFilter<CallFilterField>]> = [
      ['caller + 24 h range', { caller, from, to }],
      ['pattern + code', { pattern, code: 0 }],
      ['requestId', { requestId: 'bench-1' }],
    ];
    for (const [name, filter] of cases) {
      const q = logPageQuery(CALL_LOG_LIST, filter, undefined, 100);
      const [plan] = await db.query<any[]>(`EXPLAIN ${q.sql}`, q.params);
      const p = plan[0];
      console.log(`  plan ${name.padEnd(22)} key=${p.key} type=${p.type} rows≈${p.rows} extra=${p.Extra ?? ''}`);
    }
  } finally {
    await db.end();
  }
}

// ---------------------------------------------------------------- main

function parseArgs(argv: string[]): Options {
  const o: Options = { events: 50_000, rows: 1_000_000, queries: 200 };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '') as keyof Options;
    if (key in o && argv[i + 1] !== undefined) o[key] = Number(argv[++i]);
  }
  return o;
}

export async function runAuditBench(argv: string[] = []): Promise<void> {
  const o = parseArgs(argv);
  const stack = await Stack.start({ apps: ['auth', 'audit'], env: { LOG_LEVEL: 'warn', ACTOR_CACHE_TTL_SECONDS: '3600' } });
  sealingEnv = stack.env;
  console.log(`audit benchmark — namespace ${stack.ns}`);
  try {
    if (o.events > 0) await benchIngest(stack, o);
    if (o.rows > 0) await benchQuery(stack, o);
  } catch (error) {
    console.error(stack.logs().slice(-3000));
    throw error;
  } finally {
    await stack.stop();
    console.log(`\nnamespace ${stack.ns} removed (databases, queues, exchanges)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runAuditBench(process.argv.slice(2).filter((a) => a !== 'audit'));
}
