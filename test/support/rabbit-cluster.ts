import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort, processAlive, releasePort } from './ports.js';

/** One node of a RabbitCluster: its own name, ports and directory. */
export interface RabbitNode {
  /** `crmc<tag>-<i>@localhost` */
  name: string;
  amqpPort: number;
  distPort: number;
  dir: string;
  /** The Erlang VM's pid (from the node's pid file) while it runs. */
  pid: number | null;
  /** SIGSTOPped by freeze(), until thaw(). */
  frozen: boolean;
}

const RABBIT_USER = 'rabbitmq';
/** The rabbitmq user's home holds the Erlang cookie every node and CLI call of the cluster shares. */
const RABBIT_HOME = spawnSync('getent', ['passwd', RABBIT_USER], { encoding: 'utf8' }).stdout?.split(':')[5] || '/var/lib/rabbitmq';
/** The server itself, not Debian's wrapper (which writes the default node's startup_log). */
const RABBIT_SERVER = existsSync('/usr/lib/rabbitmq/bin/rabbitmq-server') ? '/usr/lib/rabbitmq/bin/rabbitmq-server' : 'rabbitmq-server';

/** How to run a command as the rabbitmq user (it owns the Erlang cookie the CLI tools share). */
function asRabbit(args: string[]): [string, string[]] {
  if (process.getuid?.() === 0) return ['runuser', ['-u', RABBIT_USER, '--', ...args]];
  return [args[0], args.slice(1)];
}

/**
 * A RabbitMQ cluster of its own on loopback for the cluster fault suite, made from the installed
 * `rabbitmq-server`: nodes `crmc<tag>-<i>@localhost` with free AMQP and distribution ports, data
 * and logs in a temporary directory, no plugins (so nothing binds the default node's 15672), formed
 * at boot by classic-config peer discovery. The default node (`rabbit@…`, 5672) is never addressed.
 * `stop()` stops the nodes and removes the directory; a test process that dies kills the nodes.
 */
export class RabbitCluster {
  private readonly launchers = new Map<string, ChildProcess>();

  private constructor(
    readonly root: string,
    readonly nodes: RabbitNode[],
  ) {}

  static async start(size = 3, startTimeoutMs = 120_000): Promise<RabbitCluster> {
    if (spawnSync('sh', ['-c', 'command -v rabbitmq-server && command -v rabbitmqctl'], { stdio: 'ignore' }).status !== 0)
      throw new Error('the cluster suite needs rabbitmq-server and rabbitmqctl (apt-get install -y rabbitmq-server)');
    if (process.getuid?.() !== 0 && userInfo().username !== RABBIT_USER)
      throw new Error(
        `the cluster suite runs its nodes as the ${RABBIT_USER} user (its Erlang cookie): run it as root or as ${RABBIT_USER}`,
      );
    const root = await mkdtemp(join(tmpdir(), 'crm-cluster-'));
    await chmod(root, 0o755);
    const tag = randomBytes(3).toString('hex');
    const nodes: RabbitNode[] = [];
    for (let i = 1; i <= size; i++) {
      const dir = join(root, `node${i}`);
      await mkdir(dir);
      nodes.push({
        name: `crmc${tag}-${i}@localhost`,
        amqpPort: await freePort(),
        distPort: await freePort(),
        dir,
        pid: null,
        frozen: false,
      });
    }
    const cluster = new RabbitCluster(root, nodes);
    liveClusters.add(cluster);
    try {
      for (const n of nodes) await cluster.configure(n);
      spawnSync('chown', ['-R', `${RABBIT_USER}:${RABBIT_USER}`, root]);
      // In parallel: each boot takes seconds; the first node up forms the cluster, the others join it.
      await Promise.all(nodes.map((n) => cluster.boot(n, startTimeoutMs)));
      await cluster.waitClustered(startTimeoutMs);
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  private async configure(n: RabbitNode): Promise<void> {
    const conf = [
      `listeners.tcp.1 = 127.0.0.1:${n.amqpPort}`,
      // guest/guest works over loopback only by default; the suite's addresses are all loopback anyway.
      'cluster_formation.peer_discovery_backend = classic_config',
      ...this.nodes.map((m, i) => `cluster_formation.classic_config.nodes.${i + 1} = ${m.name}`),
      // A node cut off (frozen past net_ticktime) stops itself rather than split the cluster, and rejoins when it can.
      'cluster_partition_handling = pause_minority',
    ].join('\n');
    await writeFile(join(n.dir, 'rabbitmq.conf'), `${conf}\n`);
    await writeFile(join(n.dir, 'enabled_plugins'), '[].\n');
    // Not /etc/rabbitmq/rabbitmq-env.conf: it names the default node.
    await writeFile(join(n.dir, 'rabbitmq-env.conf'), 'ERL_EPMD_ADDRESS=127.0.0.1\n');
  }

  private env(n: RabbitNode): string[] {
    return [
      `HOME=${RABBIT_HOME}`,
      `RABBITMQ_NODENAME=${n.name}`,
      `RABBITMQ_NODE_PORT=${n.amqpPort}`,
      `RABBITMQ_DIST_PORT=${n.distPort}`,
      `RABBITMQ_CONF_ENV_FILE=${join(n.dir, 'rabbitmq-env.conf')}`,
      `RABBITMQ_CONFIG_FILE=${join(n.dir, 'rabbitmq.conf')}`,
      `RABBITMQ_ENABLED_PLUGINS_FILE=${join(n.dir, 'enabled_plugins')}`,
      `RABBITMQ_MNESIA_BASE=${join(n.dir, 'mnesia')}`,
      `RABBITMQ_LOG_BASE=${join(n.dir, 'log')}`,
      `RABBITMQ_PID_FILE=${join(n.dir, 'pid')}`,
      'RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}',
    ];
  }

  /** Starts a node (first boot or after a kill) and waits until it runs the broker. */
  private async boot(n: RabbitNode, timeoutMs: number): Promise<void> {
    await rm(join(n.dir, 'pid'), { force: true });
    const [cmd, args] = asRabbit(['env', ...this.env(n), RABBIT_SERVER]);
    const out = openSync(join(n.dir, 'server.out'), 'a');
    const launcher = spawn(cmd, args, { detached: true, stdio: ['ignore', out, out], cwd: RABBIT_HOME });
    closeSync(out);
    launcher.unref();
    this.launchers.set(n.name, launcher);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (launcher.exitCode !== null) throw new Error(`${n.name} exited (${launcher.exitCode}) while starting: ${await this.tail(n)}`);
      if (!n.pid)
        n.pid = await readFile(join(n.dir, 'pid'), 'utf8').then(
          (s) => Number(s.trim()) || null,
          () => null,
        );
      if (
        n.pid &&
        (await this.ctl(n, ['await_startup', '--timeout', '20'], 25_000).then(
          () => true,
          () => false,
        ))
      )
        return;
      if (Date.now() > deadline) throw new Error(`${n.name} not running within ${timeoutMs / 1000} s: ${await this.tail(n)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  private async tail(n: RabbitNode): Promise<string> {
    const out = await readFile(join(n.dir, 'server.out'), 'utf8').catch(() => '');
    return out.slice(-1500);
  }

  /** Until every node runs and sees the other ones. */
  private async waitClustered(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const running = await this.ctl(this.nodes[0], ['cluster_status', '--formatter', 'json']).then(
        (s) => (JSON.parse(s) as { running_nodes: string[] }).running_nodes,
        () => [] as string[],
      );
      if (this.nodes.every((n) => running.includes(n.name))) return;
      if (Date.now() > deadline) throw new Error(`cluster not formed within ${timeoutMs / 1000} s (running: ${running.join(', ')})`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  /** `rabbitmqctl -n <node> …` (as the rabbitmq user, which holds the cookie); resolves with stdout. */
  ctl(n: RabbitNode, args: string[], timeoutMs = 30_000): Promise<string> {
    const [cmd, argv] = asRabbit(['rabbitmqctl', '-q', '-n', n.name, ...args]);
    return new Promise((resolve, reject) =>
      execFile(cmd, argv, { timeout: timeoutMs }, (error, stdout, stderr) =>
        error
          ? reject(new Error(`rabbitmqctl ${args[0]} on ${n.name}: ${String(stderr).trim().slice(0, 300) || error.message}`))
          : resolve(stdout),
      ),
    );
  }

  /** AMQP_URL for the cluster: every node's address, `first` first (round robin from there). */
  amqpUrl(user = 'guest', password = 'guest', first = 0): string {
    const ordered = [...this.nodes.slice(first), ...this.nodes.slice(0, first)];
    return ordered.map((n) => `amqp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${n.amqpPort}`).join(',');
  }

  node(name: string): RabbitNode {
    const n = this.nodes.find((m) => m.name === name);
    if (!n) throw new Error(`${name} is not a node of this cluster`);
    return n;
  }

  /** A node that answers (not killed, not frozen), for CLI questions. */
  private reachable(): RabbitNode {
    const n = this.nodes.find((m) => processAlive(m.pid) && !m.frozen);
    if (!n) throw new Error('no node of the cluster is running');
    return n;
  }

  /** A quorum queue's leader and its members that are online. */
  async quorumState(queue: string): Promise<{ leader: string; online: string[]; members: string[] }> {
    const rows = JSON.parse(
      await this.ctl(this.reachable(), ['list_queues', 'name', 'leader', 'members', 'online', '--formatter', 'json']),
    ) as Array<{
      name: string;
      leader: string;
      members: string[];
      online: string[];
    }>;
    const row = rows.find((r) => r.name === queue);
    if (!row) throw new Error(`queue ${queue} not found`);
    return { leader: row.leader, online: row.online ?? [], members: row.members ?? [] };
  }

  /** Open client connections per node (by the AMQP port they came in on). */
  async connectionsPerNode(): Promise<Map<string, number>> {
    const rows = JSON.parse(await this.ctl(this.reachable(), ['list_connections', 'port', '--formatter', 'json'])) as Array<{
      port: number;
    }>;
    const counts = new Map(this.nodes.map((n) => [n.name, 0]));
    for (const r of rows) {
      const n = this.nodes.find((m) => m.amqpPort === Number(r.port));
      if (n) counts.set(n.name, (counts.get(n.name) ?? 0) + 1);
    }
    return counts;
  }

  /** Messages ready in each queue whose name starts with `prefix`. */
  async queueDepths(prefix: string): Promise<Map<string, number>> {
    const rows = JSON.parse(await this.ctl(this.reachable(), ['list_queues', 'name', 'messages', '--formatter', 'json'])) as Array<{
      name: string;
      messages: number;
    }>;
    return new Map(rows.filter((r) => r.name.startsWith(prefix)).map((r) => [r.name, Number(r.messages)]));
  }

  /** SIGKILL of a node's VM: no shutdown, its connections reset, its queue replicas gone until restart(). */
  async kill(name: string): Promise<void> {
    const n = this.node(name);
    if (n.pid && processAlive(n.pid)) process.kill(n.pid, 'SIGKILL');
    const deadline = Date.now() + 10_000;
    while (processAlive(n.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    n.pid = null;
    n.frozen = false;
  }

  /** Starts a killed node again; it rejoins the cluster from its own data directory. */
  async restart(name: string, timeoutMs = 120_000): Promise<void> {
    const n = this.node(name);
    if (processAlive(n.pid)) throw new Error(`${name} still runs`);
    await this.boot(n, timeoutMs);
  }

  /** SIGSTOP: the node keeps its sockets open and answers nothing, like a hung machine. */
  freeze(name: string): void {
    const n = this.node(name);
    if (!n.pid) throw new Error(`${name} is not running`);
    process.kill(n.pid, 'SIGSTOP');
    n.frozen = true;
  }

  thaw(name: string): void {
    const n = this.node(name);
    if (n.pid) process.kill(n.pid, 'SIGCONT');
    n.frozen = false;
  }

  /** Stops every node (kills what does not stop) and removes the directories; `keepLogsIn` keeps the nodes' logs. */
  async stop(keepLogsIn?: string): Promise<void> {
    for (const n of this.nodes) if (n.frozen) this.thaw(n.name);
    await Promise.all(this.nodes.filter((n) => processAlive(n.pid)).map((n) => this.ctl(n, ['stop'], 30_000).catch(() => undefined)));
    for (const n of this.nodes) if (processAlive(n.pid)) process.kill(n.pid!, 'SIGKILL');
    for (const l of this.launchers.values()) if (l.exitCode === null && l.pid) killGroup(l.pid);
    liveClusters.delete(this);
    for (const n of this.nodes) for (const port of [n.amqpPort, n.distPort]) releasePort(port);
    if (keepLogsIn) {
      for (const n of this.nodes) await cp(join(n.dir, 'log'), join(keepLogsIn, n.name), { recursive: true }).catch(() => undefined);
    }
    if (existsSync(this.root)) await rm(this.root, { recursive: true, force: true });
  }

  /** Synchronous last resort when the test process exits without stop(). */
  killNow(): void {
    for (const n of this.nodes) if (processAlive(n.pid)) process.kill(n.pid!, 'SIGKILL');
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

const liveClusters = new Set<RabbitCluster>();
process.once('exit', () => {
  for (const c of liveClusters) c.killNow();
});
