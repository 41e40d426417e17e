import { describe, expect, it } from '@jest/globals';
import type { AlertEngine } from './alert-engine.js';
import type { FeedEvent } from './alert-feed.parser.js';
import type { AlertBatchTx, AlertRepository, CallLogTailRow } from './alert.repository.js';
import { CallLogAlertTail, TAIL_MIN_GAP_MS, TAIL_PAGE } from './call-log-tail.js';

function row(seq: number): CallLogTailRow {
  return {
    seq: String(seq),
    at: new Date(1_700_000_000_000 + seq),
    direction: 'inbound',
    service: 'service',
    caller: 'EOMS',
    callee: 'service',
    pattern: 'service.workorder.dispatch.v1',
    request_id: `r-${seq}`,
    code: 0,
    ok: 1,
    duration_ms: 3,
    source: null,
  };
}

/** A call log and a cursor with commit semantics: the cursor moves only when the work resolves. */
class FakeLog {
  cursor = 0n;
  rows: CallLogTailRow[] = [];
  failNext = 0;
  /** Another replica holds the cursor's lock. */
  heldElsewhere = false;

  repository(): AlertRepository {
    return {
      transaction: async <T>(work: (tx: AlertBatchTx) => Promise<T>): Promise<T> => {
        let moved: bigint | null = null;
        const tx = {
          lockCallCursor: async () => (this.heldElsewhere ? null : this.cursor),
          callsAfter: async (seq: bigint, limit: number) => this.rows.filter((r) => BigInt(r.seq) > seq).slice(0, limit),
          moveCallCursor: async (seq: bigint) => {
            if (this.failNext > 0) {
              this.failNext -= 1;
              throw new Error('connection lost');
            }
            moved = seq;
          },
        } as unknown as AlertBatchTx;
        const result = await work(tx);
        if (moved !== null) this.cursor = moved;
        return result;
      },
    } as unknown as AlertRepository;
  }
}

function engine(): { engine: AlertEngine; counted: FeedEvent[][]; announced: number } {
  const state = { counted: [] as FeedEvent[][], announced: 0, engine: null as unknown as AlertEngine };
  state.engine = {
    applyIn: async (_tx: AlertBatchTx, events: readonly FeedEvent[]) => {
      state.counted.push([...events]);
      return ['alert-1'];
    },
    announce: (raised: readonly string[]) => {
      state.announced += raised.length;
    },
  } as unknown as AlertEngine;
  return state;
}

describe('CallLogAlertTail', () => {
  it('reads the log after the cursor in pages, counts each call once, and moves the cursor to the last one', async () => {
    const log = new FakeLog();
    log.rows = Array.from({ length: TAIL_PAGE + 5 }, (_, i) => row(i + 1));
    const e = engine();
    const tail = new CallLogAlertTail(log.repository(), e.engine);
    expect(await tail.drain()).toBe(TAIL_PAGE + 5);
    expect(e.counted.map((page) => page.length)).toEqual([TAIL_PAGE, 5]);
    expect(log.cursor).toBe(BigInt(TAIL_PAGE + 5));
    const first = e.counted[0][0];
    expect(first).toMatchObject({ kind: 'call', call: { caller: 'EOMS', ok: true, durationMs: 3, requestId: 'r-1' } });
    expect(e.announced).toBe(2);
    expect(await tail.drain()).toBe(0);
    log.rows.push(row(TAIL_PAGE + 6));
    expect(await tail.drain()).toBe(1);
    expect(e.counted.flat()).toHaveLength(TAIL_PAGE + 6);
  });

  it('a page whose transaction fails leaves the cursor where it was, so the next run counts those calls', async () => {
    const log = new FakeLog();
    log.rows = [row(1), row(2), row(3)];
    log.failNext = 1;
    const e = engine();
    const tail = new CallLogAlertTail(log.repository(), e.engine);
    await expect(tail.drain()).rejects.toThrow('connection lost');
    expect(log.cursor).toBe(0n);
    expect(await tail.drain()).toBe(3);
    expect(log.cursor).toBe(3n);
  });

  it('counts nothing while another replica holds the cursor, and everything once it is free', async () => {
    const log = new FakeLog();
    log.rows = [row(1), row(2)];
    log.heldElsewhere = true;
    const e = engine();
    const tail = new CallLogAlertTail(log.repository(), e.engine);
    expect(await tail.drain()).toBe(0);
    expect(e.counted).toEqual([]);
    log.heldElsewhere = false;
    expect(await tail.drain()).toBe(2);
    expect(log.cursor).toBe(2n);
  });

  it('runs soon after a kick, and stops cleanly on shutdown', async () => {
    const log = new FakeLog();
    const e = engine();
    const tail = new CallLogAlertTail(log.repository(), e.engine);
    tail.onApplicationBootstrap();
    await new Promise((r) => setTimeout(r, 20));
    log.rows = [row(1)];
    tail.kick();
    const started = Date.now();
    while (log.cursor === 0n && Date.now() - started < 2000) await new Promise((r) => setTimeout(r, 5));
    // Well before the 250 ms poll would have found it.
    expect(Date.now() - started).toBeLessThan(200);
    expect(log.cursor).toBe(1n);
    await tail.onApplicationShutdown();
    log.rows.push(row(2));
    tail.kick();
    await new Promise((r) => setTimeout(r, 300));
    expect(log.cursor).toBe(1n);
  });

  it('under a steady stream of kicks runs at most once per gap, and a kick after a quiet spell runs at once', async () => {
    const log = new FakeLog();
    const starts: number[] = [];
    const repository = log.repository();
    const counting = {
      transaction: <T>(work: (tx: AlertBatchTx) => Promise<T>) => {
        starts.push(Date.now());
        return repository.transaction(work);
      },
    } as unknown as AlertRepository;
    const tail = new CallLogAlertTail(counting, engine().engine);
    const t0 = Date.now();
    // A stored batch every 5 ms for 300 ms: each kick is a reason to run.
    for (let i = 1; Date.now() - t0 < 300; i++) {
      log.rows.push(row(i));
      tail.kick();
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, TAIL_MIN_GAP_MS + 30));
    expect(log.cursor).toBe(BigInt(log.rows.length)); // nothing left behind
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    expect(starts.length).toBeLessThanOrEqual(Math.ceil(300 / TAIL_MIN_GAP_MS) + 2);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(TAIL_MIN_GAP_MS - 2); // timers may fire a millisecond early
    // Quiet for longer than the gap: the next kick runs after the short linger.
    await new Promise((r) => setTimeout(r, TAIL_MIN_GAP_MS));
    log.rows.push(row(log.rows.length + 1));
    const kicked = Date.now();
    tail.kick();
    while (log.cursor < BigInt(log.rows.length) && Date.now() - kicked < 1000) await new Promise((r) => setTimeout(r, 1));
    expect(Date.now() - kicked).toBeLessThan(TAIL_MIN_GAP_MS / 2);
    await tail.onApplicationShutdown();
  });
});
