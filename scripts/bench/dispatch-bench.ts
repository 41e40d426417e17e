import { Stack } from '../../test/support/stack.js';
import { RawFloor } from './raw-floor.js';
import { fmt, runLoad, type LoadResult } from './load.js';

const body = (run: string, caller: string, password: string) => (i: number) => ({
  pattern: 'service.workorder.dispatch.v1',
  data: {
    caller,
    password,
    requestId: `${run}-${i}`,
    payload: {
      orderNo: `${run}-${i}`,
      type: 'fault',
      title: 'No dial tone',
      description: 'Customer reports no dial tone',
      priority: 'high',
      customer: { accountNo: 'ACC-1', name: 'Li Lei', phone: '+86 138 0000 0000' },
      deadline: '2026-12-01T12:00:00Z',
      dispatchedAt: '2026-11-23T08:00:00Z',
    },
  },
});

/** EOMS dispatch over the broker, full path vs. the hand-written floor, at concurrency 1 and 64. */
export async function dispatchBench(seconds: number): Promise<void> {
  const stack = await Stack.start({ apps: ['auth', 'service', 'audit'], env: { LOG_LEVEL: 'warn' } });
  const amqpUrl = stack.env.AMQP_URL!;
  const baseline = new RawFloor(amqpUrl, stack.ns);
  try {
    const password = await stack.createCaller('BENCH', ['service.workorder.*']);
    await baseline.start();
    const results: Record<string, LoadResult> = {};
    for (const c of [1, 64]) {
      // warm-up (credential cache, JIT, pools)
      await runLoad({
        amqpUrl,
        queue: stack.queue('service'),
        concurrency: c,
        durationMs: 1500,
        makeBody: body(`warm${c}`, 'BENCH', password),
      });
      results[`crm c${c}`] = await runLoad({
        amqpUrl,
        queue: stack.queue('service'),
        concurrency: c,
        durationMs: seconds * 1000,
        makeBody: body(`run${c}`, 'BENCH', password),
      });
      results[`raw c${c}`] = await baseline.measure({
        concurrency: c,
        durationMs: seconds * 1000,
        makeBody: body(`brun${c}`, 'BENCH', password),
      });
    }
    console.log(
      `\nEOMS dispatch, full path (guard, validation, DB write + outbox, call event, reply) vs raw amqplib+mysql2 floor, ${seconds}s each`,
    );
    for (const [k, r] of Object.entries(results)) console.log(`  ${k.padEnd(8)} ${fmt(r)}`);
    for (const c of [1, 64]) {
      const ratio = results[`crm c${c}`].perSec / results[`raw c${c}`].perSec;
      console.log(`  ratio c${c}: ${(ratio * 100).toFixed(0)}% of the raw baseline`);
    }
  } finally {
    await baseline.stop().catch(() => undefined);
    await stack.stop();
  }
}
