import { randomUUID } from 'node:crypto';
import { connectAmqp } from '../../test/support/amqp-connect.js';

export interface LoadResult {
  calls: number;
  errors: number;
  /** How many replies carried each error code (a refused call is not a slow call: say which). */
  errorCodes: Record<string, number>;
  perSec: number;
  p50: number;
  p99: number;
  /** Open loop only: starts dropped because `concurrency` calls were unanswered (the offered rate was not kept). */
  shed?: number;
}

/**
 * Load over raw amqplib (as a partner would), on one channel with direct reply-to, for `durationMs`
 * or until `until` settles. Closed loop by default: `concurrency` requests in flight, each sent as
 * the previous one answered, which measures saturation (latency is then concurrency / throughput,
 * by Little's law). With `ratePerSec`, open loop: requests start on a fixed schedule (`paced`), at
 * most `concurrency` unanswered, and a start beyond that is shed and counted — the latency a
 * partner sees at that offered rate. Latency in ms per request; `onReply` sees every reply (e.g. to
 * count what a successful call answered).
 */
export async function runLoad(opts: {
  amqpUrl: string;
  queue: string;
  concurrency: number;
  durationMs: number;
  until?: Promise<unknown>;
  ratePerSec?: number;
  makeBody: (i: number) => object;
  onReply?: (reply: any) => void;
}): Promise<LoadResult> {
  const conn = await connectAmqp(opts.amqpUrl, { noDelay: true });
  const ch = await conn.createChannel();
  const pending = new Map<string, (body: any) => void>();
  await ch.consume(
    'amq.rabbitmq.reply-to',
    (m) => {
      if (!m) return;
      const cb = pending.get(m.properties.correlationId);
      pending.delete(m.properties.correlationId);
      cb?.(JSON.parse(m.content.toString()));
    },
    { noAck: true },
  );
  const latencies: number[] = [];
  let errors = 0;
  const errorCodes: Record<string, number> = {};
  let i = 0;
  const end = Date.now() + opts.durationMs;
  let stopped = false;
  void opts.until?.finally(() => (stopped = true));
  const running = () => !stopped && Date.now() < end;
  const callOnce = async () => {
    const correlationId = randomUUID();
    const body = Buffer.from(JSON.stringify({ id: correlationId, ...opts.makeBody(i++) }));
    const t0 = performance.now();
    const reply = await new Promise<any>((resolve) => {
      pending.set(correlationId, resolve);
      ch.sendToQueue(opts.queue, body, {
        replyTo: 'amq.rabbitmq.reply-to',
        correlationId,
        persistent: true,
        contentType: 'application/json',
      });
    });
    latencies.push(performance.now() - t0);
    opts.onReply?.(reply);
    if (!reply.response || reply.response.code !== 0) {
      errors++;
      const code = String(reply.response?.code ?? reply.err?.code ?? 'none');
      errorCodes[code] = (errorCodes[code] ?? 0) + 1;
    }
  };
  const started = performance.now();
  let shed: number | undefined;
  if (opts.ratePerSec === undefined) {
    const worker = async () => {
      while (running()) await callOnce();
    };
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
  } else {
    let failure: unknown;
    const pacer = paced({ ratePerSec: opts.ratePerSec, maxInFlight: opts.concurrency, fire: callOnce, onError: (e) => (failure ??= e) });
    while (running() && failure === undefined) await new Promise((r) => setTimeout(r, 20));
    await pacer.stop();
    if (failure !== undefined) throw failure;
    shed = pacer.shed;
  }
  const elapsed = (performance.now() - started) / 1000;
  await conn.close();
  latencies.sort((a, b) => a - b);
  return {
    calls: latencies.length,
    errors,
    errorCodes,
    perSec: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ...(shed === undefined ? {} : { shed }),
  };
}

/** The `p`th percentile of ascending `sorted` as every bench here reports it (NaN when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export interface Pacer {
  /** Starts dropped because `maxInFlight` calls were already unanswered (the system is saturated). */
  readonly shed: number;
  /** Stops starting calls and waits for those in flight. */
  stop(): Promise<void>;
}

/**
 * Open-loop load: starts `fire` `ratePerSec` times a second on a fixed schedule, whether or not
 * earlier calls have answered (a partner's traffic does not slow down because the CRM does; a closed
 * loop would turn a slowdown into a lower rate and hide it). The schedule starts at a random phase,
 * so pacers of several kinds do not all fire on the same millisecond. Beyond `maxInFlight`
 * unanswered calls a start is dropped and counted, rather than queued in the generator. `fire`
 * records its own outcome; a rejection is passed to `onError`.
 */
export function paced(opts: {
  ratePerSec: number;
  fire: () => Promise<void>;
  onError: (error: unknown) => void;
  maxInFlight?: number;
}): Pacer {
  const maxInFlight = opts.maxInFlight ?? 100;
  const t0 = performance.now() - Math.random() * (1000 / opts.ratePerSec);
  const running = new Set<Promise<void>>();
  let started = 0;
  let shed = 0;
  const tick = () => {
    const due = Math.floor(((performance.now() - t0) / 1000) * opts.ratePerSec);
    for (; started < due; started++) {
      if (running.size >= maxInFlight) {
        shed++;
        continue;
      }
      const call: Promise<void> = opts
        .fire()
        .catch(opts.onError)
        .finally(() => running.delete(call));
      running.add(call);
    }
  };
  const timer = setInterval(tick, Math.min(100, Math.max(5, 500 / opts.ratePerSec)));
  return {
    get shed() {
      return shed;
    },
    async stop() {
      clearInterval(timer);
      await Promise.allSettled([...running]);
    },
  };
}

export function fmt(r: LoadResult): string {
  return `${r.perSec.toFixed(0).padStart(6)} calls/s  p50 ${r.p50.toFixed(2).padStart(7)} ms  p99 ${r.p99.toFixed(2).padStart(7)} ms  (${r.calls} calls, ${r.errors} errors${r.errors ? ` ${JSON.stringify(r.errorCodes)}` : ''}${r.shed === undefined ? '' : `, ${r.shed} starts shed`})`;
}
