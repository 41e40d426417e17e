import { cpuSeconds, listenerPid } from '../../test/support/proc.js';

/** CPU milliseconds a process has used so far (user + system), or null once it is gone. */
export function cpuMsOf(pid: number): number | null {
  try {
    return cpuSeconds(pid) * 1000;
  } catch {
    return null;
  }
}

/** The port a `mysql://` or `amqp://` URL names (its scheme's default when none). */
function portOf(url: string | undefined, fallback: number): number {
  const port = url ? Number(new URL(url.split(',')[0]!).port) : 0;
  return port || fallback;
}

/**
 * Every process a call through a stack costs CPU in: the stack's apps (`<app>`, or `<app>#<n>` for
 * another replica), MariaDB, RabbitMQ, and this one (the load generator, and a raw floor's consumer).
 */
export function pathProcesses(apps: ReadonlyMap<string, number>): Map<string, number> {
  const processes = new Map<string, number>([...apps].map(([key, pid]) => [key.replace(/#0$/, ''), pid]));
  for (const [name, program, port] of [
    // By the port they listen on: other RabbitMQ nodes (a cluster test's) and a `rabbitmqctl` are `beam.smp` too.
    ['mariadb', 'mariadbd', portOf(process.env.DATABASE_URL, 3306)],
    ['rabbitmq', 'beam.smp', portOf(process.env.AMQP_URL, 5672)],
  ] as const) {
    const pid = listenerPid(port, [program]);
    if (pid !== undefined) processes.set(name, pid);
  }
  processes.set('bench', process.pid);
  return processes;
}

/**
 * What each process of a run costs in CPU: a reading of each at `start()` and at `stop()`. The
 * database and the broker are shared with anything else running on the machine, so their share is
 * only this run's on an otherwise quiet machine.
 */
export class CpuMeter {
  private before = new Map<string, number>();
  private startedAt = 0;

  constructor(private readonly processes: ReadonlyMap<string, number>) {}

  start(): void {
    this.startedAt = performance.now();
    this.before = this.read();
  }

  /** CPU ms per process since `start()`, with the wall time it covers. */
  stop(): { wallMs: number; cpuMs: Map<string, number> } {
    const after = this.read();
    const cpuMs = new Map<string, number>();
    for (const [name, ms] of after) cpuMs.set(name, ms - (this.before.get(name) ?? ms));
    return { wallMs: performance.now() - this.startedAt, cpuMs };
  }

  private read(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [name, pid] of this.processes) {
      const own = pid === process.pid ? process.cpuUsage() : null;
      const ms = own ? (own.user + own.system) / 1000 : cpuMsOf(pid);
      if (ms !== null) out.set(name, ms);
    }
    return out;
  }
}

/**
 * One line per process: CPU ms per call, and the whole box's: with `cores` cores, the calls/s the
 * work of one call would allow if nothing else ran (cores × 1000 / CPU ms per call).
 */
export function cpuBudgetLines(label: string, reading: { cpuMs: Map<string, number> }, calls: number, cores: number): string[] {
  if (calls === 0) return [`  ${label}: no calls`];
  const per = [...reading.cpuMs].map(([name, ms]) => [name, ms / calls] as const);
  const total = per.reduce((sum, [, ms]) => sum + ms, 0);
  return [
    `  ${label} CPU per call: ${per.map(([name, ms]) => `${name} ${ms.toFixed(2)}`).join(', ')} ms; all ${total.toFixed(2)} ms` +
      ` → at most ${Math.round((cores * 1000) / total)} calls/s on ${cores} cores`,
  ];
}
