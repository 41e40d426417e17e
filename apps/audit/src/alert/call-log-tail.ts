import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Counter, Gauge, register } from 'prom-client';
import { AlertEngine } from './alert-engine.js';
import { AlertRepository, ruleCallOf } from './alert.repository.js';

/** Calls read (and counted) per transaction. */
export const TAIL_PAGE = 2000;
/**
 * After this process stores a batch of calls, the tail runs within this long: the call-log batches
 * already group the calls, so this only lets flushes close together share a run (25 ms added 25 ms
 * to every alert).
 */
export const TAIL_LINGER_MS = 5;
/**
 * Under a steady stream of calls a kicked run starts at least this long after the previous one
 * began: each run is eight statements whatever it counts, and one after every stored batch (about
 * thirty a second under the capture bench) was a third of audit's statements. A lone call after a
 * quiet spell still runs after `TAIL_LINGER_MS`.
 */
export const TAIL_MIN_GAP_MS = 50;
/** Otherwise it looks every this long (calls stored by other replicas, or while this one is idle). */
export const TAIL_POLL_MS = 250;
const RETRY_MAX_MS = 5000;

function metric<T>(name: string, create: () => T): T {
  // Several app instances may share one process (tests); prom-client's registry is global.
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/**
 * Feeds the alert rules from the call log itself: every call stored in `call_log` is counted once,
 * in order, by reading the rows after `alert_cursor` and moving the cursor in the transaction that
 * adds the counters. Broker and audit thus carry and check each call event once (the alert feed
 * used to receive a second durable copy of every call event). Replicas take turns: one counts while
 * the others pass the locked cursor by. The rules never hold up the ingest: they run beside it, on
 * rows already committed.
 */
@Injectable()
export class CallLogAlertTail implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('CallLogAlertTail');
  private readonly counted = metric(
    'crm_audit_alert_tail_calls_total',
    () => new Counter({ name: 'crm_audit_alert_tail_calls_total', help: 'Calls of the call log the alert rules have counted' }),
  );
  private readonly lag = metric(
    'crm_audit_alert_tail_lag_seconds',
    () => new Gauge({ name: 'crm_audit_alert_tail_lag_seconds', help: 'Age of the newest call the alert rules counted in their last run' }),
  );
  private timer: NodeJS.Timeout | null = null;
  private dueAt = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private failures = 0;
  private lastStart = 0;

  constructor(
    @Inject(AlertRepository) private readonly repository: AlertRepository,
    @Inject(AlertEngine) private readonly engine: AlertEngine,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Calls were just stored: run soon rather than at the next poll. */
  kick(): void {
    if (this.failures > 0) return; // backing off: the scheduled retry stands
    if (this.running) this.again = true;
    else this.schedule(this.kickedDelay());
  }

  /** `TAIL_LINGER_MS`, or longer while the previous run began less than `TAIL_MIN_GAP_MS` ago. */
  private kickedDelay(): number {
    return Math.max(TAIL_LINGER_MS, this.lastStart + TAIL_MIN_GAP_MS - Date.now());
  }

  /** Reads and counts everything stored so far; returns how many calls it counted (tests, bench). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.countPage();
      total += n;
      if (n < TAIL_PAGE || this.stopped) return total;
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    const due = Date.now() + ms;
    if (this.timer) {
      if (this.dueAt <= due) return; // an earlier wake-up stands
      clearTimeout(this.timer);
    }
    this.dueAt = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run();
    }, ms);
    this.timer.unref();
  }

  private run(): void {
    this.lastStart = Date.now();
    this.running = this.drain()
      .then(
        () => {
          if (this.failures > 0) this.log.log({ msg: 'alert rules read the call log again', afterFailures: this.failures });
          this.failures = 0;
        },
        (error: unknown) => {
          this.failures += 1;
          // The first failure and then every tenth: a database outage must not flood the log.
          if (this.failures === 1 || this.failures % 10 === 0)
            this.log.warn({
              msg: 'alert rules could not read the call log, will retry',
              attempt: this.failures,
              err: (error as Error).message?.slice(0, 200),
            });
        },
      )
      .finally(() => {
        this.running = null;
        const again = this.again && this.failures === 0;
        this.again = false;
        this.schedule(
          this.failures > 0 ? Math.min(RETRY_MAX_MS, TAIL_POLL_MS * 2 ** this.failures) : again ? this.kickedDelay() : TAIL_POLL_MS,
        );
      });
  }

  /** One page in one transaction: lock the cursor, read after it, apply the rules, move it. */
  private async countPage(): Promise<number> {
    const { page, raised } = await this.repository.transaction(async (tx) => {
      const cursor = await tx.lockCallCursor();
      // null: another replica is counting; the next poll looks again.
      const page = cursor === null ? [] : await tx.callsAfter(cursor, TAIL_PAGE);
      if (page.length === 0) return { page, raised: [] };
      const raised = await this.engine.applyIn(
        tx,
        page.map((r) => ({ kind: 'call' as const, at: r.at, call: ruleCallOf(r) })),
      );
      await tx.moveCallCursor(BigInt(page[page.length - 1].seq));
      return { page, raised };
    });
    const newest = page.at(-1);
    if (!newest) return 0;
    this.engine.announce(raised);
    this.counted.inc(page.length);
    this.lag.set(Math.max(0, Date.now() - newest.at.getTime()) / 1000);
    return page.length;
  }
}
