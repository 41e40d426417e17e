/**
 * Alert latency: `npm run bench -- alerts [--samples 40] [--background 200]`. Runs auth, service
 * and audit as child processes under a namespace of its own (removed at the end).
 *
 * One sample: a caller name nobody uses fails authentication at `service` five times (the default
 * threshold); the clock starts when the fifth, offending call is sent and stops when its
 * `audit.alert.raised.v1` arrives on a queue bound to `<ns>.events`. The path measured is the
 * whole one: guard and auth check, call event confirmed, alert feed, rules transaction, pending
 * marker, confirmed publish. `--background N` keeps N successful calls per second flowing through
 * the same apps (and so through the feed) while sampling.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import amqplib from 'amqplib';
import { RawClient } from '../../test/support/raw-client.js';
import { Stack } from '../../test/support/stack.js';

const PING = 'service.system.ping.v1';

function parseArgs(argv: string[]): { samples: number; background: number } {
  const value = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    const n = i >= 0 ? Number(argv[i + 1]) : fallback;
    return Number.isFinite(n) && n >= 0 ? n : fallback;
  };
  return { samples: value('--samples', 40), background: value('--background', 0) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function runAlertBench(argv: string[] = []): Promise<void> {
  const o = parseArgs(argv);
  const stack = await Stack.start({ apps: ['auth', 'service', 'audit'], env: { LOG_LEVEL: 'warn', CALLER_MAX_FAILURES: '1000' } });
  console.log(`\nalert benchmark — namespace ${stack.ns}: ${o.samples} samples, background ${o.background} calls/s`);
  const client = await RawClient.connect();
  const amqp = await amqplib.connect(process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672', { noDelay: true });
  const ch = await amqp.createChannel();
  const waiting = new Map<string, (at: number) => void>();
  let background: NodeJS.Timeout | null = null;
  try {
    const q = await ch.assertQueue('', { exclusive: true });
    await ch.bindQueue(q.queue, `${stack.ns}.events`, 'audit.alert.raised.v1');
    await ch.consume(
      q.queue,
      (m) => {
        if (!m) return;
        const at = performance.now();
        const { data } = JSON.parse(m.content.toString()) as { data: { subject: string } };
        waiting.get(data.subject)?.(at);
      },
      { noAck: true },
    );
    if (o.background > 0) {
      const pw = await stack.createCaller('BENCH-TRAFFIC', [PING]);
      const every = 1000 / o.background;
      let sent = 0;
      const started = performance.now();
      background = setInterval(() => {
        const due = Math.floor((performance.now() - started) / every);
        for (; sent < due; sent++)
          void client.call(stack.queue('service'), PING, { caller: 'BENCH-TRAFFIC', password: pw }).catch(() => undefined);
      }, 10);
    }
    const latencies: number[] = [];
    const replies: number[] = [];
    const afterReply: number[] = [];
    for (let i = 0; i < o.samples; i++) {
      const caller = `BENCH-${randomUUID().slice(0, 8)}`;
      for (let k = 0; k < 4; k++) await client.call(stack.queue('service'), PING, { caller, password: 'wrong' });
      const raised = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no alert for ${caller} within 30 s`)), 30_000);
        waiting.set(caller, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
      const start = performance.now();
      const reply = await client.call(stack.queue('service'), PING, { caller, password: 'wrong' });
      replies.push(performance.now() - start);
      if (reply.err?.code !== 4002) throw new Error(`expected 4002, got ${JSON.stringify(reply)}`);
      const end = await raised;
      latencies.push(end - start);
      afterReply.push(end - start - replies.at(-1)!);
      waiting.delete(caller);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const sortedReplies = [...replies].sort((a, b) => a - b);
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    console.log(
      `  offending call → audit.alert.raised.v1: p50 ${ms(percentile(sorted, 50))}, p95 ${ms(percentile(sorted, 95))}, max ${ms(sorted.at(-1)!)}`,
    );
    const sortedAfter = [...afterReply].sort((a, b) => a - b);
    console.log(
      `  (of which the call's own reply, 4002 after auth's check: p50 ${ms(percentile(sortedReplies, 50))}, p95 ${ms(percentile(sortedReplies, 95))};`,
    );
    console.log(
      `   reply → event, i.e. feed, rules transaction and confirmed publish: p50 ${ms(percentile(sortedAfter, 50))}, p95 ${ms(percentile(sortedAfter, 95))})`,
    );
  } catch (error) {
    console.error(stack.logs().slice(-3000));
    throw error;
  } finally {
    if (background) clearInterval(background);
    await ch.close().catch(() => undefined);
    await amqp.close().catch(() => undefined);
    await client.close();
    await stack.stop();
    console.log(`namespace ${stack.ns} removed`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runAlertBench(process.argv.slice(2).filter((a) => a !== 'alerts'));
}
