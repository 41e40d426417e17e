import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { freePort, releasePort } from './ports.js';

/**
 * A MariaDB server of its own for a fault suite that restarts the database: the installed
 * `mariadbd` on a free loopback port with a fresh data directory (root without a password on
 * 127.0.0.1, as the shared test server), so a restart never touches what other suites use.
 * `stop()` removes the directory; a test process that dies kills the server.
 */
export class MariaDbServer {
  private proc: ChildProcess | null = null;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `mysql://root@127.0.0.1:${this.port}`;
  }

  static async start(opts: { maxConnections?: number } = {}): Promise<MariaDbServer> {
    // mariadbd runs as the mysql user, which only root can switch to.
    if (process.getuid?.() !== 0) throw new Error('a MariaDB server of its own needs root (mariadbd --user=mysql)');
    const dir = await mkdtemp(join(tmpdir(), 'crm-mariadb-'));
    await chmod(dir, 0o755);
    const server = new MariaDbServer(dir, await freePort());
    liveServers.add(server);
    try {
      const install = spawnSync(
        'mariadb-install-db',
        ['--no-defaults', `--datadir=${join(dir, 'data')}`, '--user=mysql', '--auth-root-authentication-method=normal', '--skip-test-db'],
        { encoding: 'utf8' },
      );
      if (install.status !== 0)
        throw new Error(`mariadb-install-db failed (${install.status}): ${(install.stderr || install.stdout).slice(-1500)}`);
      spawnSync('chown', ['-R', 'mysql:mysql', dir]);
      server.maxConnections = opts.maxConnections ?? 500;
      await server.launch();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }
  private maxConnections = 500;

  private async launch(timeoutMs = 60_000): Promise<void> {
    const out = openSync(join(this.dir, 'server.out'), 'a');
    // The shared server's settings (/etc/mysql/my.cnf) that the apps rely on, and room for every replica's pool.
    this.proc = spawn(
      'mariadbd',
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'data')}`,
        `--socket=${join(this.dir, 'mysqld.sock')}`,
        `--pid-file=${join(this.dir, 'mysqld.pid')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        '--skip-name-resolve',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_general_ci',
        `--max-connections=${this.maxConnections}`,
        '--innodb-buffer-pool-size=64M',
        '--user=mysql',
      ],
      { stdio: ['ignore', out, out] },
    );
    closeSync(out);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.proc.exitCode !== null) throw new Error(`mariadbd exited (${this.proc.exitCode}): ${await this.tail()}`);
      try {
        const c = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
        await c.end();
        return;
      } catch {
        /* not accepting connections yet */
      }
      if (Date.now() > deadline) throw new Error(`mariadbd not answering within ${timeoutMs / 1000} s: ${await this.tail()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  private async tail(): Promise<string> {
    return (await readFile(join(this.dir, 'server.out'), 'utf8').catch(() => '')).slice(-1500);
  }

  /** A clean shutdown (SIGTERM), `downMs` of silence, then the server again; resolves when it answers. */
  async restart(downMs = 0): Promise<{ downSeconds: number }> {
    const t0 = performance.now();
    await this.shutdown();
    if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
    await this.launch();
    return { downSeconds: (performance.now() - t0) / 1000 };
  }

  private async shutdown(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    const timer = setTimeout(() => p.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    await this.shutdown();
    liveServers.delete(this);
    releasePort(this.port);
    await rm(this.dir, { recursive: true, force: true });
  }

  killNow(): void {
    if (this.proc && this.proc.exitCode === null) this.proc.kill('SIGKILL');
  }
}

const liveServers = new Set<MariaDbServer>();
process.once('exit', () => {
  for (const s of liveServers) s.killNow();
});
