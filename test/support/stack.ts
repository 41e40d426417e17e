import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import mysql from 'mysql2/promise';
import { amqpAddresses, loadConfig } from '@crm/config';
import {
  prepareAppBrokerUsers,
  rabbitmqctlUnavailable,
  removeBrokerUsers,
  sealEvent,
  topologyNames,
  type AppBrokerUsers,
  type SealedEvent,
} from '@crm/messaging';
import type { AccountRole } from '@crm/persistence';
import { dropDatabaseAccounts, provisionDatabaseAccounts, type ProvisionedAccount } from '@crm/runtime';
import { EventMac } from '@crm/security';
import { connectAmqp } from './amqp-connect.js';
import { freePort, releasePort } from './ports.js';

export type AppName = 'auth' | 'marketing' | 'sales' | 'service' | 'audit';
export const ALL_APPS: AppName[] = ['auth', 'marketing', 'sales', 'service', 'audit'];

/** The repository root (this file also runs compiled from dist/test/support for benchmarks). */
function findRoot(): string {
  let dir = new URL('.', import.meta.url).pathname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}
const ROOT = findRoot();
const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const DATABASE_URL = 'mysql://root@127.0.0.1:3306';
/** The password adminToken() gives the administrator it creates. */
const ADMIN_PASSWORD = 'long enough operator passphrase 42';

/** mysql2 connection options of a DATABASE_URL. */
export function dbOptions(databaseUrl: string): { host: string; port: number; user: string; password: string } {
  const u = new URL(databaseUrl);
  return { host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
}

export interface StackOptions {
  apps?: AppName[];
  env?: Record<string, string>;
  /** Processes per app, each with its own HTTP port (default 1). */
  replicas?: number;
  /** AMQP_URL of the apps, one address or a comma-separated list (default: the environment's, else the local broker). */
  amqpUrl?: string;
  /** DATABASE_URL of the apps (default: the local MariaDB). */
  databaseUrl?: string;
  /** How long an app may take to answer /health (default START_TIMEOUT_MS). */
  startTimeoutMs?: number;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The last stdout line, parsed (null when it is not JSON). */
  json: any;
  /** Every stdout line, parsed; a line that is not JSON is kept as its text. */
  lines: any[];
}

/**
 * A whole installation for one test file: the built apps as child processes (as operators run
 * them), under a namespace of its own (databases `<ns>_*`, queues `<ns>.*`), removed afterwards.
 * All process output is kept so tests can assert what was (not) logged.
 */
/** How long an app may take to answer /health; CRM_TEST_START_TIMEOUT_MS raises it on a loaded machine. */
const START_TIMEOUT_MS = Number(process.env.CRM_TEST_START_TIMEOUT_MS) || 60_000;

export class Stack {
  readonly ns = `t_${randomBytes(5).toString('hex')}`;
  readonly env: NodeJS.ProcessEnv;
  readonly amqpUrl: string;
  readonly databaseUrl: string;
  private readonly startTimeoutMs: number;
  /** Running processes by instance (`<app>#<replica>`). */
  private readonly procs = new Map<string, ChildProcess>();
  /** Processes this harness is stopping: their exit is not reported. */
  private readonly stopping = new WeakSet<ChildProcess>();
  private readonly ports = new Map<string, number>();
  private output: string[] = [];
  /** Each app's own broker user (as `npm start` sets them up), or null without a local rabbitmqctl. */
  brokerUsers: AppBrokerUsers | null = null;

  private constructor(opts: StackOptions) {
    this.amqpUrl = opts.amqpUrl ?? AMQP_URL;
    this.databaseUrl = opts.databaseUrl ?? DATABASE_URL;
    this.startTimeoutMs = opts.startTimeoutMs ?? START_TIMEOUT_MS;
    this.env = {
      ...process.env,
      // Not the test runner's (--experimental-vm-modules); CRM_APP_NODE_OPTIONS profiles the apps of a bench (docs/benchmarks.md).
      NODE_OPTIONS: process.env.CRM_APP_NODE_OPTIONS ?? '',
      // V8's code cache on disk: the hundreds of app, CLI and migrate processes of a run compile each module once.
      NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(tmpdir(), 'crm-node-compile-cache'),
      CRM_NAMESPACE: this.ns,
      CRM_MASTER_KEY: `k1:${randomBytes(32).toString('base64')}`,
      AMQP_URL: this.amqpUrl,
      DATABASE_URL: this.databaseUrl,
      EOMS_QUEUE: `${this.ns}.eoms`,
      LOG_LEVEL: 'info',
      ...opts.env,
    };
  }

  static async start(opts: StackOptions = {}): Promise<Stack> {
    const stack = await Stack.prepare(opts.env, opts);
    const replicas = opts.replicas ?? 1;
    try {
      const apps = opts.apps ?? ALL_APPS;
      // The broker's users (rabbitmqctl) and the databases (bootstrap, then one migrate process for
      // all apps) are independent: set up side by side.
      const brokerUsers = async () => {
        if (process.env.CRM_BROKER_USERS === 'off') return;
        stack.brokerUsers = await prepareAppBrokerUsers(stack.ns, stack.amqpUrl, (m) => stack.output.push(`[stack] ${m}\n`));
        // The apps and the CLI (which keeps AMQP_URL's account) may publish audit events.
        if (stack.brokerUsers) stack.env.AUDIT_TRUSTED_PUBLISHERS ??= stack.brokerUsers.publishers.join(',');
      };
      const databases = async () => {
        const boot = await stack.cli(['system', 'bootstrap']);
        if (boot.code !== 0) throw new Error(`system bootstrap failed: ${boot.stderr}`);
        await stack.provisionAccounts(apps); // all at once: one migrate process
      };
      // Both settle before a failure is thrown: stop() must not clean up under a set-up still running.
      const failed = (await Promise.allSettled([brokerUsers(), databases()])).find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      await Promise.all(apps.map((a) => stack.startApp(a)));
      for (let r = 1; r < replicas; r++) await Promise.all(apps.map((a) => stack.startApp(a, r)));
    } catch (error) {
      // The caller never gets the stack to stop: do not leave the apps that did start running.
      await stack.stop().catch(() => undefined);
      throw error;
    }
    return stack;
  }

  /**
   * A namespace, free ports and the environment, nothing started: for tests that start the
   * installation the way an operator does (`npm start`). `stop()` still removes everything the
   * namespace got, broker users included.
   */
  static async prepare(env: Record<string, string> = {}, opts: Omit<StackOptions, 'env' | 'apps'> = {}): Promise<Stack> {
    const stack = new Stack({ ...opts, env });
    for (const app of ALL_APPS) for (let r = 0; r < (opts.replicas ?? 1); r++) stack.ports.set(instance(app, r), await freePort());
    for (const app of ALL_APPS) stack.env[`${app.toUpperCase()}_PORT`] = String(stack.ports.get(instance(app, 0)));
    return stack;
  }

  port(app: AppName, replica = 0): number {
    return this.ports.get(instance(app, replica))!;
  }

  queue(app: AppName): string {
    return `${this.ns}.${app}`;
  }

  url(app: AppName, replica = 0): string {
    return `http://127.0.0.1:${this.ports.get(instance(app, replica))}`;
  }

  logs(): string {
    return this.output.join('');
  }

  /**
   * An event body `{pattern, data}` sealed with this installation's key the way apps sealed events
   * before the byte MAC (v1, `data.mac`): still accepted, so the suites using it also cover events
   * published before an upgrade. `eventMessage` seals as the apps do now.
   */
  sealedEvent(pattern: string, data: object): Buffer {
    const config = loadConfig(this.env);
    return Buffer.from(JSON.stringify({ pattern, data: new EventMac(config.namespace, config.masterKeys).seal(pattern, data) }));
  }

  /** An event sealed as the apps publish it: the body and the headers carrying its MAC (`sealEvent`). */
  eventMessage(pattern: string, data: object): SealedEvent {
    const config = loadConfig(this.env);
    return sealEvent(new EventMac(config.namespace, config.masterKeys), { pattern, data });
  }

  /** The OS process id of a running app (e.g. to read its memory from /proc). */
  pid(app: AppName, replica = 0): number | undefined {
    return this.procs.get(instance(app, replica))?.pid;
  }

  /**
   * Each app under its own database account, as `npm start` runs it: before its first start, the
   * app's database is migrated with the administrator's account and its accounts are provisioned
   * (`DATABASE_ACCOUNTS=off` in the test environment: every app uses root, as before).
   */
  private async databaseEnv(app: AppName): Promise<Record<string, string>> {
    if (process.env.DATABASE_ACCOUNTS === 'off') return {};
    await this.provisionAccounts([app]);
    const env: Record<string, string> = {};
    for (const p of this.accounts.get(app)!) env[p.account.role === 'app' ? 'DATABASE_URL' : 'AUDIT_RETENTION_DATABASE_URL'] = p.url;
    return env;
  }

  /** Migrates and provisions those of `apps` not provisioned yet, together. */
  private async provisionAccounts(apps: readonly AppName[]): Promise<void> {
    const missing = apps.filter((a) => !this.accounts.has(a));
    if (process.env.DATABASE_ACCOUNTS === 'off' || missing.length === 0) return;
    const provisioned = await provisionDatabaseAccounts({
      config: loadConfig(this.env),
      apps: missing,
      migrate: async (a) => void (await this.migrate(a)),
      log: (m) => this.output.push(`[stack] ${m}\n`),
    });
    for (const [app, accounts] of provisioned) this.accounts.set(app, accounts);
  }
  private readonly accounts = new Map<AppName, ProvisionedAccount[]>();

  /** An app's own database account (`role` `retention`: audit's purge account), once it was started. */
  accountUrl(app: AppName, role: AccountRole = 'app'): string {
    const found = this.accounts.get(app)?.find((p) => p.account.role === role);
    if (!found) throw new Error(`no ${role} database account for ${app} (not started, or DATABASE_ACCOUNTS=off)`);
    return found.url;
  }

  /** `node dist/scripts/migrate/main.js <app>...` with the administrator's account; resolves with its output. */
  migrate(apps: readonly AppName[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(ROOT, 'dist', 'scripts', 'migrate', 'main.js'), ...apps], { env: this.env, cwd: ROOT });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      // 'close', not 'exit': 'exit' may come before the last output was read.
      child.on('close', (code) => {
        this.output.push(out);
        if (code === 0) resolve(out);
        else reject(new Error(`migrate ${apps.join(' ')} exited with ${code}:\n${out.slice(-3000)}`));
      });
    });
  }

  /** Every running app process: `<app>#<replica>` → pid. */
  pids(): Map<string, number> {
    return new Map([...this.procs].filter(([, p]) => p.pid !== undefined).map(([k, p]) => [k, p.pid!]));
  }

  async startApp(app: AppName, replica = 0): Promise<void> {
    const key = instance(app, replica);
    if (!this.ports.has(key)) this.ports.set(key, await freePort());
    const env = {
      ...this.env,
      ...(await this.databaseEnv(app)),
      // A cluster's addresses in another order per replica, as the README advises per host: connections spread over the nodes.
      AMQP_URL: rotated(this.brokerUsers ? this.brokerUsers.urls[app] : this.env.AMQP_URL!, replica),
      [`${app.toUpperCase()}_PORT`]: String(this.ports.get(key)),
    };
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', app, 'src', 'main.js')], {
      env,
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => this.output.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => this.output.push(d.toString()));
    // An app that dies while its suite runs says so on the runner's stderr, with its last words:
    // otherwise the suite only sees refused connections or rows that never come.
    child.once('exit', (code, signal) => {
      if (this.stopping.has(child) || this.procs.get(key) !== child) return; // killApp/stop: expected
      const tail = this.logs().slice(-2000);
      this.output.push(`[stack] ${key} exited unexpectedly (code ${code}, signal ${signal})\n`);
      process.stderr.write(`[stack ${this.ns}] ${key} exited unexpectedly (code ${code}, signal ${signal}); last output:\n${tail}\n`);
    });
    this.procs.set(key, child);
    const deadline = Date.now() + this.startTimeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${key} exited with ${child.exitCode}:\n${this.logs().slice(-3000)}`);
      try {
        const r = await fetch(`${this.url(app, replica)}/health`);
        // The app's own answer: another process on the port (it should not be, see ports.ts) must not pass for it.
        if (r.status === 200 && ((await r.json()) as { app?: string }).app === app && child.exitCode === null) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`${key} not healthy within ${this.startTimeoutMs / 1000} s:\n${this.logs().slice(-3000)}`);
  }

  /** SIGKILL: no graceful shutdown, unacked messages go back to the broker. */
  async killApp(app: AppName, signal: NodeJS.Signals = 'SIGKILL', replica = 0): Promise<void> {
    await this.killInstance(instance(app, replica), signal);
  }

  private async killInstance(key: string, signal: NodeJS.Signals): Promise<void> {
    const p = this.procs.get(key);
    if (!p) return;
    if (p.exitCode === null && p.signalCode === null) {
      const exited = new Promise((r) => p.once('exit', r));
      this.stopping.add(p);
      p.kill(signal);
      await exited;
    }
    this.procs.delete(key);
  }

  /** Runs the admin CLI; `env` overrides variables of the stack's environment (e.g. another AMQP_URL). */
  cli(args: string[], stdin?: string, env: Record<string, string> = {}): Promise<CliResult> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'), ...args], {
        env: { ...this.env, ...env },
        cwd: ROOT,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // 'close', not 'exit': 'exit' may come before the last stdout was read (a result line lost,
      // `json` null although the command succeeded).
      child.on('close', (code) => {
        // stdout is the command's result (it may hold a generated password by design); stderr is its log.
        this.output.push(stderr);
        const lines = stdout
          .split('\n')
          .filter((l) => l.length > 0)
          .map((l) => {
            try {
              return JSON.parse(l) as unknown;
            } catch {
              return l;
            }
          });
        const last = lines.at(-1);
        const json = typeof last === 'object' ? last : null;
        resolve({ code: code ?? -1, stdout, stderr, json, lines });
      });
      child.stdin.end(stdin ?? '');
    });
  }

  async createCaller(name: string, allow: string[]): Promise<string> {
    const r = await this.cli(['caller', 'create', name, ...allow.flatMap((g) => ['--allow', g])]);
    if (r.code !== 0) throw new Error(`caller create failed: ${r.stderr}`);
    return r.json.password as string;
  }

  /** The administrator's sign-in (created once), for tests that log in the way a person does (the console). */
  async adminCredentials(): Promise<{ employeeId: string; password: string }> {
    await this.adminToken();
    return { employeeId: this.adminId!, password: ADMIN_PASSWORD };
  }

  /** Creates an administrator (once) and returns a fresh access token. */
  async adminToken(): Promise<string> {
    const password = 'long enough operator passphrase 42';
    if (!this.adminId) {
      const r = await this.cli(['admin', 'create', 'Test Operator', '--password-stdin'], password);
      if (r.code !== 0) throw new Error(`admin create failed: ${r.stderr}`);
      this.adminId = r.json.employeeId as string;
    }
    const res = await fetch(`${this.url('auth')}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ employeeId: this.adminId, password }),
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }
  private adminId?: string;

  /**
   * An employee holding exactly `roles`, logged in. Created as an administrator by the CLI and
   * then given the roles directly in auth's database: a fixture for tests whose subject is what a
   * role may do, not onboarding (which has its own tests).
   */
  async employee(
    roles: string[],
    name = 'Test Employee',
  ): Promise<{ employeeId: string; password: string; token: string; refreshToken: string }> {
    const password = `passphrase for ${randomBytes(6).toString('hex')} only`;
    const r = await this.cli(['admin', 'create', name, '--password-stdin'], password);
    if (r.code !== 0) throw new Error(`admin create failed: ${r.stderr}`);
    const employeeId = r.json.employeeId as string;
    const db = await this.db('auth');
    try {
      await db.query('DELETE FROM employee_role WHERE employee_id = ?', [employeeId]);
      for (const role of roles)
        await db.query('INSERT INTO employee_role (employee_id, role_name, assigned_at, assigned_by) VALUES (?, ?, NOW(3), ?)', [
          employeeId,
          role,
          'test-fixture',
        ]);
    } finally {
      await db.end();
    }
    const tokens = await this.login(employeeId, password);
    return { employeeId, password, token: tokens.accessToken, refreshToken: tokens.refreshToken };
  }

  async login(employeeId: string, password: string): Promise<{ accessToken: string; refreshToken: string }> {
    const res = await fetch(`${this.url('auth')}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ employeeId, password }),
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as { accessToken: string; refreshToken: string };
  }

  async db(app: AppName): Promise<mysql.Connection> {
    return mysql.createConnection({ ...dbOptions(this.databaseUrl), database: `${this.ns}_${app}` });
  }

  /** Every row of every table of every app database, as text (for "no secret stored" checks). */
  async dumpAllTables(): Promise<string> {
    const conn = await mysql.createConnection(dbOptions(this.databaseUrl));
    const parts: string[] = [];
    try {
      const [dbs] = await conn.query<any[]>(`SELECT schema_name AS s FROM information_schema.schemata WHERE schema_name LIKE ?`, [
        `${this.ns}\\_%`,
      ]);
      for (const { s } of dbs) {
        const [tables] = await conn.query<any[]>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ?`, [s]);
        for (const { t } of tables) {
          const [rows] = await conn.query(`SELECT * FROM \`${s}\`.\`${t}\``);
          parts.push(JSON.stringify(rows));
        }
      }
    } finally {
      await conn.end();
    }
    return parts.join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all([...this.procs.keys()].map((key) => this.killInstance(key, 'SIGTERM')));
    // The apps' users and any partner user a test created (`<ns>-partner-*`), in the background of the cleanup below.
    // (`npm start` creates the same `<ns>-<app>` users when rabbitmqctl is there.)
    const users = !rabbitmqctlUnavailable(amqpAddresses(this.amqpUrl))
      ? removeBrokerUsers(`${this.ns}-`).catch((e: Error) => void this.output.push(`[stack] ${e.message}\n`))
      : Promise.resolve();
    const conn = await mysql.createConnection(dbOptions(this.databaseUrl));
    try {
      const [dbs] = await conn.query<any[]>(`SELECT schema_name AS s FROM information_schema.schemata WHERE schema_name LIKE ?`, [
        `${this.ns}\\_%`,
      ]);
      for (const { s } of dbs) await conn.query(`DROP DATABASE \`${s}\``);
    } finally {
      await conn.end();
    }
    // The apps' database accounts (the harness's or those `npm start` made).
    await dropDatabaseAccounts(this.env.DATABASE_URL!, this.ns, ALL_APPS);
    const amqp = await connectAmqp(this.amqpUrl);
    try {
      const queues = [...topologyNames(this.ns).queues, `${this.ns}.eoms`];
      for (const q of queues) {
        const ch = await amqp.createChannel();
        await ch.deleteQueue(q).catch(() => undefined);
        await ch.close().catch(() => undefined);
      }
      for (const x of [`${this.ns}.events`, `${this.ns}.dlx`]) {
        const ch = await amqp.createChannel();
        await ch.deleteExchange(x).catch(() => undefined);
        await ch.close().catch(() => undefined);
      }
    } finally {
      await amqp.close();
    }
    await users;
    for (const port of this.ports.values()) releasePort(port);
  }
}

function instance(app: AppName, replica: number): string {
  return `${app}#${replica}`;
}

/** An AMQP_URL list starting at its `by`-th address (round robin). */
function rotated(amqpUrl: string, by: number): string {
  const list = amqpAddresses(amqpUrl);
  const k = by % list.length;
  return [...list.slice(k), ...list.slice(0, k)].join(',');
}

export async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, stepMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, stepMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
