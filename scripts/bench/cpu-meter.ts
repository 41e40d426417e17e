import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on Linux x86_64). */
const TICKS_PER_SECOND = 100;

/** CPU milliseconds a process has used so far (user + system, its own threads), or null once it is gone. */
export function cpuMsOf(pid: number): number | null {
  try {
    // The fields after the command name, which may hold spaces and parentheses: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * The pid of a server by its program's exact name (`mariadbd`, `beam.smp`), as `pgrep -x` finds it: of
 * several (a `rabbitmqctl` is a short-lived `beam.smp` too), the one that has used the most CPU.
 */
export function serverPid(program: string): number | null {
  let pids: number[];
  try {
    pids = execFileSync('pgrep', ['-x', program], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return null;
  }
  let busiest: { pid: number; ms: number } | null = null;
  for (const pid of pids) {
    const ms = cpuMsOf(pid);
    if (ms !== null && ms > (busiest?.ms ?? -1)) busiest = { pid, ms };
  }
  return busiest?.pid ?? null;
}

/**
 * Every process a call through a stack costs CPU in: the stack's apps (`<app>`, or `<app>#<n>` for
 * another replica), MariaDB, RabbitMQ, and this one (the load generator, and a raw floor's consumer).
 */
export function pathProcesses(apps: ReadonlyMap<string, number>): Map<string, number> {
  const processes = new Map<string, number>([...apps].map(([key, pid]) => [key.replace(/#0$/, ''), pid]));
  for (const [name, program] of [
    ['mariadb', 'mariadbd'],
    ['rabbitmq', 'beam.smp'],
  ] as const) {
    const pid = serverPid(program);
    if (pid !== null) processes.set(name, pid);
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
