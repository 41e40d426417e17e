import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { RawClient } from '../support/raw-client.js';
import { ALL_APPS, Stack, waitFor, type AppName } from '../support/stack.js';
import { alive, portFree, StartProcess } from '../support/start-process.js';
import { faultOrder } from '../support/eoms-orders.js';

/**
 * Issue 13, "one crash is not an outage": `npm start` as an operator runs it, in a namespace and on
 * ports of its own. An app killed with SIGKILL under a load of EOMS dispatches is restarted within
 * seconds while the others keep answering, and nothing that was acknowledged is lost; a second
 * `npm start` names the running one and exits; SIGINT or SIGTERM to npm stops every app; a crash loop stops
 * everything with a message instead of restarting forever.
 */
jest.setTimeout(600_000);

let stack: Stack;
let env: NodeJS.ProcessEnv;
let start: StartProcess;
let client: RawClient;
let eomsPassword: string;

const health = async (app: AppName) => (await fetch(`${stack.url(app)}/health`).catch(() => null))?.status ?? 0;

beforeAll(async () => {
  stack = await Stack.prepare({ LOG_LEVEL: 'warn' });
  env = { ...stack.env, CRM_RESTART_DELAY_MS: '200' };
  start = StartProcess.spawn(env);
  await start.waitFor(/all healthy/, 300_000);
  eomsPassword = await stack.createCaller('EOMS', ['service.workorder.*']);
  client = await RawClient.connect();
}, 400_000);

afterAll(async () => {
  await client?.close();
  if (start && start.child.exitCode === null && start.child.signalCode === null) {
    start.child.kill('SIGINT');
    await start.exited;
  }
  await stack?.stop();
}, 120_000);

/** EOMS dispatching work orders from a few concurrent workers, the way a partner does: raw AMQP, one call after another. */
class DispatchLoad {
  readonly answered = new Map<string, number>();
  readonly unexpected: string[] = [];
  private running = true;
  private n = 0;
  readonly done: Promise<void[]>;

  constructor(
    readonly prefix: string,
    workers = 4,
  ) {
    this.done = Promise.all(Array.from({ length: workers }, () => this.worker()));
  }

  private async worker(): Promise<void> {
    while (this.running) {
      const orderNo = `${this.prefix}${this.n++}`;
      try {
        // Long enough to outlive a restart of service itself: the request waits in its queue.
        const r = await client.call(
          stack.queue('service'),
          'service.workorder.dispatch.v1',
          { caller: 'EOMS', password: eomsPassword, requestId: orderNo, payload: faultOrder(orderNo) },
          { timeoutMs: 120_000 },
        );
        if (r.response?.code === 0) this.answered.set(orderNo, Date.now());
        else this.unexpected.push(`${orderNo}: ${JSON.stringify(r)}`);
      } catch (error) {
        this.unexpected.push(`${orderNo}: ${(error as Error).message}`);
      }
    }
  }

  async until(n: number, timeoutMs = 120_000): Promise<void> {
    await waitFor(async () => this.answered.size >= n, timeoutMs, 50);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.done;
  }
}

/** Every answered dispatch is stored as one work order and logged as one call. */
async function expectNothingLost(load: DispatchLoad): Promise<void> {
  const expected = load.answered.size;
  const service = await stack.db('service');
  const audit = await stack.db('audit');
  try {
    const stored = await waitFor(
      async () => {
        const [[w]] = await service.query<any[]>('SELECT COUNT(*) AS n FROM work_order WHERE order_no LIKE ?', [`${load.prefix}%`]);
        const [[c]] = await audit.query<any[]>(
          "SELECT COUNT(*) AS n, COUNT(DISTINCT request_id) AS d FROM call_log WHERE service = 'service' AND pattern = 'service.workorder.dispatch.v1' AND request_id LIKE ?",
          [`${load.prefix}%`],
        );
        const now = { orders: Number(w.n), calls: Number(c.n), distinctCalls: Number(c.d) };
        return now.orders >= expected && now.calls >= expected ? now : null;
      },
      90_000,
      250,
    );
    expect(stored).toEqual({ orders: expected, calls: expected, distinctCalls: expected });
  } finally {
    await service.end();
    await audit.end();
  }
}

async function killUnderLoad(app: AppName, restart: number): Promise<{ load: DispatchLoad; backSeconds: number }> {
  const load = new DispatchLoad(`SUP-${app}-${randomUUID().slice(0, 8)}-`);
  await load.until(20);
  const pid = start.appPids()[app];
  expect(alive(pid)).toBe(true);
  process.kill(pid, 'SIGKILL');
  const answeredAtKill = load.answered.size;
  await start.waitFor(new RegExp(`${app} \\(pid ${pid}\\) exited unexpectedly \\(signal SIGKILL\\); restart ${restart} in`), 10_000);
  // The others keep answering while it is down.
  for (const other of ALL_APPS.filter((a) => a !== app)) expect(await health(other)).toBe(200);
  const back = await start.waitFor(new RegExp(`${app} is back: healthy ([\\d.]+) s after restart ${restart} \\(pid (\\d+)\\)`), 120_000);
  expect(Number(back[2])).not.toBe(pid);
  expect(await health(app)).toBe(200);
  await load.until(load.answered.size + 20);
  await load.stop();
  expect(load.unexpected).toEqual([]);
  expect(load.answered.size).toBeGreaterThan(answeredAtKill);
  return { load, backSeconds: Number(back[1]) };
}

/** `signal` to the npm process (as an operator or systemd sends it): every app and the supervisor gone, ports free, exit 0. */
async function expectSignalStopsAll(proc: StartProcess, signal: NodeJS.Signals): Promise<void> {
  const pids = [...Object.values(proc.appPids()), proc.supervisorPid()!];
  expect(pids).toHaveLength(6);
  const t0 = Date.now();
  proc.child.kill(signal);
  const exit = await proc.exited;
  const stoppedSeconds = (Date.now() - t0) / 1000;
  process.stderr.write(`${signal}: stopped in ${stoppedSeconds} s\n`);
  expect(proc.lines()).toContain(`[start] stopping all apps (${signal})`);
  expect(proc.lines()).toContain('[start] all apps stopped');
  // npm exits as its script did (0), or re-raises the signal it forwarded.
  expect(exit.code === 0 || exit.signal === signal).toBe(true);
  expect(pids.filter(alive)).toEqual([]);
  for (const app of ALL_APPS) expect(await portFree(stack.port(app))).toBe(true);
  expect(stoppedSeconds).toBeLessThan(20);
}

describe('npm start supervises the five apps', () => {
  it('audit killed during EOMS dispatches: service keeps answering, audit is back within seconds, every call is logged once', async () => {
    const { load, backSeconds } = await killUnderLoad('audit', 1);
    expect(backSeconds).toBeLessThan(60);
    process.stderr.write(`audit back after ${backSeconds} s; ${load.answered.size} dispatches answered\n`);
    await expectNothingLost(load);
  });

  it('service itself killed: dispatches waiting in its queue are answered after the restart, each order stored once', async () => {
    const { load, backSeconds } = await killUnderLoad('service', 1);
    expect(backSeconds).toBeLessThan(60);
    process.stderr.write(`service back after ${backSeconds} s; ${load.answered.size} dispatches answered\n`);
    await expectNothingLost(load);
  });

  it('a second npm start names the running one and exits 1 without touching it', async () => {
    const supervisor = start.supervisorPid()!;
    const second = StartProcess.spawn(env);
    const result = await Promise.race([second.exited, new Promise((r) => setTimeout(() => r('timeout'), 60_000))]);
    expect(result).toEqual({ code: 1, signal: null });
    expect(second.output()).toContain(`npm start is already running as pid ${supervisor}`);
    expect(second.output()).toMatch(new RegExp(`AUDIT_PORT ${stack.port('audit')} is in use by pid \\d+`));
    expect(second.output()).not.toMatch(/EADDRINUSE|all healthy|internal callers/);
    for (const app of ALL_APPS) expect(await health(app)).toBe(200);
  });

  it('SIGINT to the npm start process stops every app and frees the ports', async () => {
    await expectSignalStopsAll(start, 'SIGINT');
  });

  it('SIGTERM to the npm start process stops every app and frees the ports (no orphan)', async () => {
    const again = StartProcess.spawn(env);
    try {
      await again.waitFor(/all healthy/, 300_000);
      await expectSignalStopsAll(again, 'SIGTERM');
    } finally {
      if (again.child.exitCode === null && again.child.signalCode === null) {
        again.child.kill('SIGKILL');
        await again.exited;
      }
    }
  });

  it('an app crashing in a loop stops everything with a message, exit code 1', async () => {
    const loop = StartProcess.spawn({ ...env, CRM_RESTART_LIMIT: '2', CRM_RESTART_WINDOW_SECONDS: '600' });
    try {
      await loop.waitFor(/all healthy/, 300_000);
      const first = loop.appPids().audit;
      process.kill(first, 'SIGKILL');
      const back = await loop.waitFor(/audit is back: .*\(pid (\d+)\)/, 120_000);
      const pids = [...Object.values(loop.appPids()), loop.supervisorPid()!];
      process.kill(Number(back[1]), 'SIGKILL');
      await loop.waitFor(/audit crashed 2 times within 600 s \(last: signal SIGKILL\): giving up/, 10_000);
      expect(await loop.exited).toEqual(expect.objectContaining({ code: 1 }));
      expect(loop.lines()).toContain('[start] all apps stopped');
      expect(pids.filter(alive)).toEqual([]);
      for (const app of ALL_APPS) expect(await portFree(stack.port(app))).toBe(true);
    } finally {
      if (loop.child.exitCode === null && loop.child.signalCode === null) {
        loop.child.kill('SIGINT');
        await loop.exited;
      }
    }
  });
});
