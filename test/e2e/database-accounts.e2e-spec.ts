import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import mysql from 'mysql2/promise';
import { loadConfig } from '@crm/config';
import { provisionDatabaseAccounts } from '@crm/runtime';
import { SecretBox } from '@crm/security';
import { RawClient } from '../support/raw-client.js';
import { Stack, waitFor, type AppName } from '../support/stack.js';

/**
 * Issue 13, least-privilege database accounts: each app runs under its own MariaDB account with
 * rights on its own database only and no right to change a schema; audit's account may insert and
 * read the call and operation logs but never update or delete them (only the retention account
 * deletes); passwords are generated, sealed with the master key and reused.
 */
jest.setTimeout(180_000);

let stack: Stack;
let client: RawClient;
const opened: mysql.Connection[] = [];

async function as(app: AppName, role: 'app' | 'retention' = 'app'): Promise<mysql.Connection> {
  const conn = await mysql.createConnection({ uri: stack.accountUrl(app, role), database: `${stack.ns}_${app}` });
  opened.push(conn);
  return conn;
}

/** The server's error number when it refuses `sql`, or 0 when it runs it. */
async function refusal(conn: mysql.Connection, sql: string): Promise<number> {
  try {
    await conn.query(sql);
    return 0;
  } catch (error) {
    return (error as { errno: number }).errno;
  }
}

const TABLE_DENIED = 1142;
const DB_DENIED = 1044;

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'service', 'audit'], env: { LOG_LEVEL: 'warn' } });
  client = await RawClient.connect();
  // A call, so both logs have rows to (not) change.
  const password = await stack.createCaller('PROBE', ['service.system.ping.v1']);
  expect(
    (await client.call(stack.queue('service'), 'service.system.ping.v1', { caller: 'PROBE', password, payload: {} })).response?.code,
  ).toBe(0);
  const db = await stack.db('audit');
  try {
    await waitFor(async () => {
      const [[c]] = await db.query<any[]>('SELECT COUNT(*) AS n FROM call_log');
      const [[o]] = await db.query<any[]>('SELECT COUNT(*) AS n FROM operation_log');
      return Number(c.n) > 0 && Number(o.n) > 0;
    });
  } finally {
    await db.end();
  }
}, 240_000);

afterAll(async () => {
  for (const c of opened) await c.end().catch(() => undefined);
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('least-privilege database accounts', () => {
  it('every app connects under its own account, never as the administrator', async () => {
    const db = await stack.db('auth');
    try {
      const [rows] = await db.query<any[]>(
        'SELECT DISTINCT USER AS user, DB AS db FROM information_schema.PROCESSLIST WHERE DB IN (?) ORDER BY DB, USER',
        [[`${stack.ns}_auth`, `${stack.ns}_service`, `${stack.ns}_audit`]],
      );
      // (this root connection itself sits on <ns>_auth)
      const byApps = rows.filter((r) => r.user !== 'root');
      expect(byApps.map((r) => `${r.db}:${r.user}`)).toEqual([
        `${stack.ns}_audit:${stack.ns}_audit`,
        `${stack.ns}_auth:${stack.ns}_auth`,
        `${stack.ns}_service:${stack.ns}_service`,
      ]);
      expect(rows.filter((r) => r.user === 'root' && r.db !== `${stack.ns}_auth`)).toEqual([]);
    } finally {
      await db.end();
    }
  });

  it("audit's account inserts and reads the logs but cannot UPDATE or DELETE them (nor drop, alter or empty them)", async () => {
    const audit = await as('audit');
    const [[{ n }]] = await audit.query<any[]>('SELECT COUNT(*) AS n FROM call_log');
    expect(Number(n)).toBeGreaterThan(0);
    for (const table of ['call_log', 'operation_log']) {
      expect(await refusal(audit, `UPDATE ${table} SET at = at`)).toBe(TABLE_DENIED);
      expect(await refusal(audit, `DELETE FROM ${table}`)).toBe(TABLE_DENIED);
      expect(await refusal(audit, `TRUNCATE TABLE ${table}`)).toBe(TABLE_DENIED);
      expect(await refusal(audit, `ALTER TABLE ${table} ADD COLUMN x INT`)).toBe(TABLE_DENIED);
      expect(await refusal(audit, `DROP TABLE ${table}`)).toBe(TABLE_DENIED);
    }
    // Its other tables stay writable (alerts are acknowledged, the chain head moves).
    expect(await refusal(audit, 'UPDATE alert SET status = status WHERE 1 = 0')).toBe(0);
    expect(await refusal(audit, 'UPDATE chain_head SET seq = seq WHERE 1 = 0')).toBe(0);
    // Nothing was changed: the chain still verifies.
    const verified = await stack.cli(['audit', 'verify']);
    expect(verified.code).toBe(0);
  });

  it('purges run under a separate retention account: it may delete log rows but not change them or anything else', async () => {
    const retention = await as('audit', 'retention');
    await retention.query('START TRANSACTION');
    expect(await refusal(retention, 'DELETE FROM call_log WHERE seq < 0')).toBe(0);
    expect(await refusal(retention, 'DELETE FROM operation_log WHERE seq < 0')).toBe(0);
    await retention.query('ROLLBACK');
    expect(await refusal(retention, 'UPDATE call_log SET at = at')).toBe(TABLE_DENIED);
    expect(await refusal(retention, 'INSERT INTO call_log (id) VALUES (UUID())')).toBe(TABLE_DENIED);
    expect(await refusal(retention, 'DELETE FROM alert')).toBe(TABLE_DENIED);
    expect(await refusal(retention, 'UPDATE chain_head SET seq = seq')).toBe(TABLE_DENIED);
  });

  it('migrating again (as every npm start does) reports each database up to date, with no warning', async () => {
    const out = await stack.migrate(['auth', 'service', 'audit']);
    for (const app of ['auth', 'service', 'audit']) expect(out).toContain(`${app}: ${stack.ns}_${app} is up to date`);
    // Building each app's module to read its schema once made @nestjs/typeorm warn per app that the default data source was registered again.
    expect(out).not.toMatch(/WARN|already registered/);
  });

  it("an app's account cannot read another app's database", async () => {
    const service = await as('service');
    expect(await refusal(service, `SELECT * FROM \`${stack.ns}_auth\`.caller LIMIT 1`)).toBe(TABLE_DENIED);
    expect(await refusal(service, `SELECT * FROM \`${stack.ns}_audit\`.call_log LIMIT 1`)).toBe(TABLE_DENIED);
    expect(await refusal(service, `USE \`${stack.ns}_auth\``)).toBe(DB_DENIED);
    const auth = await as('auth');
    expect(await refusal(auth, `SELECT * FROM \`${stack.ns}_service\`.work_order LIMIT 1`)).toBe(TABLE_DENIED);
    const audit = await as('audit');
    expect(await refusal(audit, `SELECT * FROM \`${stack.ns}_auth\`.employee LIMIT 1`)).toBe(TABLE_DENIED);
    const [dbs] = await service.query<any[]>('SHOW DATABASES');
    expect(dbs.map((d) => d.Database).filter((d: string) => d !== 'information_schema')).toEqual([`${stack.ns}_service`]);
  });

  it('no app account may change a schema or create a database', async () => {
    const service = await as('service');
    expect(await refusal(service, 'CREATE TABLE intruder (id INT)')).toBe(TABLE_DENIED);
    expect(await refusal(service, 'DROP TABLE work_order')).toBe(TABLE_DENIED);
    expect(await refusal(service, 'ALTER TABLE work_order ADD COLUMN x INT')).toBe(TABLE_DENIED);
    expect(await refusal(service, `CREATE DATABASE \`${stack.ns}_intruder\``)).toBe(DB_DENIED);
    // What it does at run time works: temporary tables included (sales' analysis uses them).
    expect(await refusal(service, 'CREATE TEMPORARY TABLE scratch (id INT)')).toBe(0);
  });

  it("passwords are generated, sealed with the master key in the app's outbound_credential, and in no log", async () => {
    const config = loadConfig(stack.env);
    const box = new SecretBox(config.masterKeys.current, config.masterKeys.previous);
    const passwords: string[] = [];
    for (const [app, role, target] of [
      ['service', 'app', 'database'],
      ['audit', 'app', 'database'],
      ['audit', 'retention', 'database-retention'],
    ] as const) {
      const url = new URL(stack.accountUrl(app, role));
      const password = decodeURIComponent(url.password);
      expect(password.length).toBeGreaterThanOrEqual(32);
      passwords.push(password);
      const db = await stack.db(app);
      try {
        const [[row]] = await db.query<any[]>(
          'SELECT caller, key_id AS keyId, iv, ciphertext, tag FROM outbound_credential WHERE target = ?',
          [target],
        );
        expect(row.caller).toBe(decodeURIComponent(url.username));
        expect(row.keyId).toBe(config.masterKeys.current.id);
        expect(box.open(row, `${app}/${target}`)).toBe(password);
      } finally {
        await db.end();
      }
    }
    expect(new Set(passwords).size).toBe(3);
    const everything = `${await stack.dumpAllTables()}\n${stack.logs()}`;
    for (const p of passwords) expect(everything).not.toContain(p);
  });

  it('provisioning again reuses every account and password; the running apps are untouched', async () => {
    const before = ['auth', 'service', 'audit'].map((a) => stack.accountUrl(a as AppName));
    const again = await provisionDatabaseAccounts({
      config: loadConfig(stack.env),
      apps: ['auth', 'service', 'audit'],
      migrate: async (apps) => void (await stack.migrate(apps)),
      log: () => undefined,
    });
    const accounts = [...again.values()].flat();
    expect(accounts.map((p) => p.created)).toEqual([false, false, false, false]);
    expect((['auth', 'service', 'audit'] as const).map((a) => again.get(a)!.find((p) => p.account.role === 'app')!.url)).toEqual(before);
    for (const app of ['auth', 'service', 'audit'] as const) expect((await fetch(`${stack.url(app)}/health`)).status).toBe(200);
  });

  it('a stored password that no configured key opens is replaced, and the account with it', async () => {
    // marketing is not running here: re-keying its account cannot disturb a live app.
    const provision = (env: NodeJS.ProcessEnv, log: (m: string) => void = () => undefined) =>
      provisionDatabaseAccounts({
        config: loadConfig(env),
        apps: ['marketing'],
        migrate: async (apps) => void (await stack.migrate(apps)),
        log,
      });
    const first = (await provision(stack.env)).get('marketing')![0];
    expect(first.created).toBe(true);
    const messages: string[] = [];
    const otherKey = { ...stack.env, CRM_MASTER_KEY: `k9:${randomBytes(32).toString('base64')}` };
    const second = (await provision(otherKey, (m) => messages.push(m))).get('marketing')![0];
    expect(second.created).toBe(true);
    expect(second.url).not.toBe(first.url);
    expect(messages.join('\n')).toMatch(new RegExp(`stored password of database account ${stack.ns}_marketing does not open`));
    expect(messages.join('\n')).not.toContain(decodeURIComponent(new URL(first.url).password));
    await expect(mysql.createConnection({ uri: first.url })).rejects.toMatchObject({ errno: 1045 });
    const conn = await mysql.createConnection({ uri: second.url });
    await conn.end();
  });
});
