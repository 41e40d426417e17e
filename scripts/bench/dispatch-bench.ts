import { Stack } from '../../test/support/stack.js';
import { availableParallelism } from 'node:os';
import { CpuMeter, cpuBudgetLines, pathProcesses } from './cpu-meter.js';
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
    const budgets: string[] = [];
    const processes = pathProcesses(stack.pids());
    const measured = async (label: string, run: () => Promise<LoadResult>) => {
      const meter = new CpuMeter(processes);
      meter.start();
      results[label] = await run();
      budgets.push(...cpuBudgetLines(label, meter.stop(), results[label].calls, availableParallelism()));
    };
    for (const c of [1, 64]) {
      // warm-up (credential cache, JIT, pools)
      await runLoad({
        amqpUrl,
        queue: stack.queue('service'),
        concurrency: c,
        durationMs: 1500,
        makeBody: body(`warm${c}`, 'BENCH', password),
      });
      await baseline.warmUp({ concurrency: c, makeBody: body(`bwarm${c}`, 'BENCH', password) });
      await measured(`crm c${c}`, () =>
        runLoad({
          amqpUrl,
          queue: stack.queue('service'),
          concurrency: c,
          durationMs: seconds * 1000,
          makeBody: body(`run${c}`, 'BENCH', password),
        }),
      );
      await measured(`raw c${c}`, () =>
        baseline.run({ concurrency: c, durationMs: seconds * 1000, makeBody: body(`brun${c}`, 'BENCH', password) }),
      );
    }
    console.log(
      `\nEOMS dispatch, full path (guard, validation, DB write + outbox, call event, reply) vs raw amqplib+mysql2 floor, ${seconds}s each`,
    );
    for (const [k, r] of Object.entries(results)) console.log(`  ${k.padEnd(8)} ${fmt(r)}`);
    for (const c of [1, 64]) {
      const ratio = results[`crm c${c}`].perSec / results[`raw c${c}`].perSec;
      console.log(`  ratio c${c}: ${(ratio * 100).toFixed(0)}% of the raw baseline`);
    }
    // The work a call does after its reply (relayed events, the case an order opens, audit's
    // storing) falls partly after the phase that caused it: read the budget on a quiet machine.
    console.log(`\nCPU per call by process (mariadb and rabbitmq are shared with anything else running)`);
    for (const line of budgets) console.log(line);
  } finally {
    await baseline.stop().catch(() => undefined);
    await stack.stop();
  }
}
