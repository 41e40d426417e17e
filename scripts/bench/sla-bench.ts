/**
 * SLA scheduler benchmark: `npm run bench -- sla [--cases 100000] [--spread 180]`.
 *
 * Runs the built service app as a child process (one replica) under a namespace of its own, seeds
 * `--cases` open case clocks by bulk SQL whose response warnings and breaches come due spread
 * evenly over `--spread` seconds (warning 5 s before each breach), and listens on `<ns>.events`
 * with raw amqplib. Reports the lateness of breach (and warning) events — arrival at the consumer
 * minus the due time — p50/p99/max, duplicates, and the app process's CPU (utime+stime from
 * /proc over the run) as seconds and as a share of one core.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import amqplib from 'amqplib';
import mysql from 'mysql2/promise';
import { names, SEEDED_CALENDAR_24X7_ID, SEEDED_DEFAULT_SLA_POLICY_ID } from '@crm/contracts';
import { cpuSeconds } from '../../test/support/proc.js';
import { Stack } from '../../test/support/stack.js';

const WARNING_LEAD_MS = 5_000;

function arg(args: string[], name: string, dflt: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function runSlaBench(args: string[]): Promise<void> {
  const cases = arg(args, 'cases', 100_000);
  const spreadMs = arg(args, 'spread', 180) * 1000;
  const stack = await Stack.start({ apps: ['service'], env: { LOG_LEVEL: 'warn', SERVICE_SLA_TICK_MS: '1000' } });
  const db = await mysql.createConnection({ uri: `${stack.env.DATABASE_URL}/${names.database(stack.ns, 'service')}`, timezone: 'Z' });
  const conn = await amqplib.connect(stack.env.AMQP_URL!);
  try {
    const ch = await conn.createChannel();
    const queue = `${stack.ns}.bench.sla-events`;
    await ch.assertQueue(queue, { durable: false, exclusive: true });
    await ch.bindQueue(queue, names.eventsExchange(stack.ns), 'service.case.#');
    const breaches = new Map<string, number>();
    const warnings = new Map<string, number>();
    let duplicates = 0;
    await ch.consume(
      queue,
      (m) => {
        if (!m) return;
        const now = Date.now();
        const data = JSON.parse(m.content.toString()).data as { caseId: string; dueAt: string; thresholdAt: string };
        const seen = m.fields.routingKey.endsWith('sla-breached.v1') ? breaches : warnings;
        if (seen.has(data.caseId)) duplicates += 1;
        else seen.set(data.caseId, now - Date.parse(data.thresholdAt));
      },
      { noAck: true },
    );

    // Seed: clocks with nothing due yet, then one UPDATE places their moments relative to "now".
    const started = Date.now();
    const chunk = 5000;
    for (let i = 0; i < cases; i += chunk) {
      const rows: unknown[][] = [];
      for (let j = i; j < Math.min(cases, i + chunk); j++) {
        const far = new Date(Date.now() + 86_400_000);
        rows.push([
          randomUUID(),
          `CS-${j}`,
          null,
          'urgent',
          'complaint',
          'new',
          SEEDED_DEFAULT_SLA_POLICY_ID,
          SEEDED_CALENDAR_24X7_ID,
          80,
          new Date(),
          j,
          far,
          far,
          3_600_000,
          far,
          far,
        ]);
      }
      await db.query(
        `INSERT INTO case_sla (case_id, case_no, account_id, priority, category, case_status, sla_policy_id, calendar_id, warning_percent, opened_at,
           response_target_ms, response_warning_at, response_due_at, resolution_target_ms, resolution_warning_at, resolution_due_at) VALUES ?`,
        [rows],
      );
    }
    // The UPDATE of 100,000 rows takes a while on a busy machine: start the first warning well after it.
    const base = Date.now() + WARNING_LEAD_MS + 30_000;
    // response_target_ms holds the row's index until here; it becomes the real target (warning lead / 0.2).
    await db.query(
      `UPDATE case_sla SET
         response_due_at = FROM_UNIXTIME((? + FLOOR(response_target_ms * ? / ?)) / 1000),
         response_warning_at = FROM_UNIXTIME((? + FLOOR(response_target_ms * ? / ?) - ?) / 1000),
         next_due_at = response_warning_at,
         response_target_ms = ?`,
      [base, spreadMs, cases, base, spreadMs, cases, WARNING_LEAD_MS, WARNING_LEAD_MS * 5],
    );
    const seeded = Date.now();
    if (seeded > base) console.warn(`seeding overran the start by ${seeded - base} ms: the first events are late by that`);
    console.log(
      `seeded ${cases} clocks in ${((seeded - started) / 1000).toFixed(1)} s; moments from ${new Date(base - WARNING_LEAD_MS).toISOString()} over ${spreadMs / 1000} s`,
    );

    const pid = stack.pid('service')!;
    const cpu0 = cpuSeconds(pid);
    const t0 = Date.now();
    const deadline = base + spreadMs + 120_000;
    // Where a backlog sits, every 5 s: clocks due but not fired yet (the scheduler) and rows not sent yet (the relay).
    const timeline: string[] = [];
    let lastTrace = 0;
    while (breaches.size < cases && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      if (Date.now() - lastTrace < 5000) continue;
      lastTrace = Date.now();
      const [[due]] = (await db.query('SELECT COUNT(*) AS n FROM case_sla WHERE next_due_at <= ?', [new Date()])) as unknown as [
        [{ n: number }],
      ];
      const [[outbox]] = (await db.query('SELECT COUNT(*) AS n FROM outbox_message')) as unknown as [[{ n: number }]];
      timeline.push(`${Math.round((Date.now() - base) / 1000)}s: due ${due!.n}, outbox ${outbox!.n}, breaches ${breaches.size}`);
    }
    await new Promise((r) => setTimeout(r, 3000));
    const cpu = cpuSeconds(pid) - cpu0;
    const wall = (Date.now() - t0) / 1000;

    const late = [...breaches.values()].sort((a, b) => a - b);
    const wlate = [...warnings.values()].sort((a, b) => a - b);
    const f = (v: number) => `${Math.round(v)} ms`;
    console.log(`\nService SLA scheduler, ${cases} open cases, moments over ${spreadMs / 1000} s, one replica, tick 1 s`);
    console.log(
      `  breach events  ${breaches.size}/${cases}  lateness p50 ${f(pct(late, 50))}  p99 ${f(pct(late, 99))}  max ${f(late[late.length - 1] ?? NaN)}`,
    );
    console.log(
      `  warning events ${warnings.size}/${cases}  lateness p50 ${f(pct(wlate, 50))}  p99 ${f(pct(wlate, 99))}  max ${f(wlate[wlate.length - 1] ?? NaN)}`,
    );
    console.log(`  backlog (s after the first breach moment: clocks due not fired, outbox rows unsent): ${timeline.join('; ')}`);
    console.log(`  duplicates ${duplicates}; within 5 s: ${late.filter((l) => l <= 5000).length}/${cases} breaches`);
    console.log(
      `  service process CPU ${cpu.toFixed(1)} s over ${wall.toFixed(0)} s = ${((cpu / wall) * 100).toFixed(0)} % of one core (scheduler + outbox relay + its events)`,
    );
    // What the app logged at warn level and above (LOG_LEVEL=warn): e.g. failed drains behind duplicates.
    const warned = new Map<string, number>();
    for (const line of stack.logs().split('\n')) {
      const msg = /msg: '([^']*)'|"msg":"([^"]*)"/.exec(line);
      if (msg) warned.set(msg[1] ?? msg[2]!, (warned.get(msg[1] ?? msg[2]!) ?? 0) + 1);
    }
    for (const [msg, n] of warned) console.log(`  app logged ${n}× "${msg}"`);
  } finally {
    await db.end().catch(() => undefined);
    await conn.close().catch(() => undefined);
    await stack.stop();
  }
}
