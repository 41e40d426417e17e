import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { connectionFields } from './database.js';

/**
 * Least-privilege MariaDB/MySQL accounts (issue 13): each app its own account with rights on its own
 * database only, and no right to change a schema (migrations run before, with the administrator's
 * account). Audit's account may insert and read the two logs but never update or delete them; the
 * retention purge has an account of its own that may. Created and kept in line by `npm start` and
 * the test harness (`provisionDatabaseAccounts` in `@crm/runtime`); docs/design.md, "Database accounts".
 */
export type AccountRole = 'app' | 'retention';

export interface DatabaseAccount {
  /** The app whose database it works on. */
  app: string;
  role: AccountRole;
  user: string;
  database: string;
  /**
   * Where its sealed password is kept: the app's `outbound_credential` row of this name, like the
   * app's other credentials for systems it calls (SPEC §3.2).
   */
  credentialTarget: string;
}

export interface DatabaseGrant {
  privileges: string[];
  /** A table of the account's database; none: the whole database. */
  table?: string;
}

/** audit's logs: written once, never changed; only retention deletes from them. */
export const APPEND_ONLY_TABLES: Readonly<Record<string, readonly string[]>> = { audit: ['call_log', 'operation_log'] };
/** What retention writes besides deleting rows: the purge checkpoint the remaining chain verifies from. */
const RETENTION_INSERT_TABLES = ['chain_checkpoint'];

/** MariaDB accepts user names of 80 characters, MySQL 32. */
const USER_NAME = /^[a-z][a-z0-9_]{0,79}$/;

export function databaseAccount(namespace: string, app: string, role: AccountRole = 'app'): DatabaseAccount {
  const user = role === 'app' ? `${namespace}_${app}` : `${namespace}_${app}_retention`;
  if (!USER_NAME.test(user)) throw new Error(`invalid database account name ${user}`);
  return { app, role, user, database: `${namespace}_${app}`, credentialTarget: role === 'app' ? 'database' : 'database-retention' };
}

/** Every account of an installation: one per app, and audit's retention account. */
export function databaseAccounts(namespace: string, apps: readonly string[]): DatabaseAccount[] {
  return apps.flatMap((app) => [
    databaseAccount(namespace, app),
    ...(APPEND_ONLY_TABLES[app] ? [databaseAccount(namespace, app, 'retention')] : []),
  ]);
}

/**
 * The rights of an account, given the tables its database has now (table grants name existing
 * tables, so they are computed after the migrations). Temporary tables are the only thing an app
 * creates at run time (sales' analysis).
 */
export function grantsFor(account: DatabaseAccount, tables: readonly string[]): DatabaseGrant[] {
  const appendOnly = APPEND_ONLY_TABLES[account.app] ?? [];
  if (account.role === 'retention') {
    return [
      { privileges: ['SELECT'] },
      ...RETENTION_INSERT_TABLES.filter((t) => tables.includes(t)).map((table) => ({ privileges: ['INSERT'], table })),
      ...appendOnly.filter((t) => tables.includes(t)).map((table) => ({ privileges: ['DELETE'], table })),
    ];
  }
  if (appendOnly.length === 0) return [{ privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE TEMPORARY TABLES'] }];
  // Database-wide rights apply to every table, so UPDATE and DELETE are granted table by table.
  return [
    { privileges: ['SELECT', 'INSERT', 'CREATE TEMPORARY TABLES'] },
    ...tables.filter((t) => !appendOnly.includes(t)).map((table) => ({ privileges: ['UPDATE', 'DELETE'], table })),
  ];
}

/** 192 random bits, URL-safe (it goes into a DATABASE_URL as it is). */
export function newDatabasePassword(): string {
  return randomBytes(24).toString('base64url');
}

/** `databaseUrl` with another account. */
export function withDatabaseAccount(databaseUrl: string, user: string, password: string): string {
  const u = new URL(databaseUrl);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

const HOST = /^[A-Za-z0-9.%_:-]{1,255}$/;

/**
 * The administrator's side: creates accounts, sets their passwords and rights. Statements that
 * carry a password never reach an error message or a log (mysql2 puts the statement on its errors).
 */
export class DatabaseAccountAdmin {
  private constructor(
    private readonly conn: mysql.Connection,
    private readonly host: string,
  ) {}

  /** `host`: where the apps connect from, as MariaDB sees it (`%` = anywhere). */
  static async connect(adminUrl: string, host = '%'): Promise<DatabaseAccountAdmin> {
    if (!HOST.test(host)) throw new Error('DATABASE_ACCOUNT_HOST must be a host name, an address or a pattern with % and _');
    return new DatabaseAccountAdmin(await mysql.createConnection({ ...connectionFields(adminUrl), connectTimeout: 10_000 }), host);
  }

  private account(user: string): string {
    return `${this.conn.escape(user)}@${this.conn.escape(this.host)}`;
  }

  private async secret(what: string, sql: string, params: unknown[]): Promise<void> {
    try {
      await this.conn.query(sql, params);
    } catch (error) {
      const e = error as { code?: string; errno?: number };
      // No cause: mysql2 puts the statement, password included, on its error.
      // eslint-disable-next-line preserve-caught-error
      throw new Error(`${what} failed (${e.code ?? 'error'} ${e.errno ?? ''})`.trim());
    }
  }

  async tables(database: string): Promise<string[]> {
    const [rows] = await this.conn.query<mysql.RowDataPacket[]>(
      "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
      [database],
    );
    return rows.map((r) => String(r.t));
  }

  /** Creates the account when missing and sets its password (the same one again on every start). */
  async setPassword(account: DatabaseAccount, password: string): Promise<void> {
    const who = this.account(account.user);
    await this.secret(`creating database account ${account.user}`, `CREATE USER IF NOT EXISTS ${who} IDENTIFIED BY ?`, [password]);
    await this.secret(`setting the password of ${account.user}`, `ALTER USER ${who} IDENTIFIED BY ?`, [password]);
  }

  /**
   * Grants the account its rights on its own database (rights only ever added), and takes back an
   * UPDATE or DELETE on an append-only table from the app's account however it was given.
   */
  async applyGrants(account: DatabaseAccount): Promise<DatabaseGrant[]> {
    const db = this.conn.escapeId(account.database);
    const who = this.account(account.user);
    const grants = grantsFor(account, await this.tables(account.database));
    for (const g of grants) {
      await this.conn.query(`GRANT ${g.privileges.join(', ')} ON ${db}.${g.table ? this.conn.escapeId(g.table) : '*'} TO ${who}`);
    }
    const appendOnly = APPEND_ONLY_TABLES[account.app] ?? [];
    if (account.role === 'app' && appendOnly.length > 0) {
      const [broad] = await this.conn.query<mysql.RowDataPacket[]>(
        "SELECT PRIVILEGE_TYPE AS p FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = ? AND TABLE_SCHEMA = ? AND PRIVILEGE_TYPE IN ('UPDATE', 'DELETE', 'DROP', 'ALTER')",
        [this.grantee(account.user), account.database],
      );
      if (broad.length > 0) await this.conn.query(`REVOKE ${broad.map((r) => String(r.p)).join(', ')} ON ${db}.* FROM ${who}`);
      const [narrow] = await this.conn.query<mysql.RowDataPacket[]>(
        "SELECT TABLE_NAME AS t, PRIVILEGE_TYPE AS p FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE = ? AND TABLE_SCHEMA = ? AND PRIVILEGE_TYPE IN ('UPDATE', 'DELETE', 'DROP', 'ALTER')",
        [this.grantee(account.user), account.database],
      );
      for (const r of narrow.filter((x) => appendOnly.includes(String(x.t))))
        await this.conn.query(`REVOKE ${String(r.p)} ON ${db}.${this.conn.escapeId(String(r.t))} FROM ${who}`);
    }
    return grants;
  }

  /** information_schema's spelling of an account: 'user'@'host'. */
  private grantee(user: string): string {
    return `'${user}'@'${this.host}'`;
  }

  async drop(accounts: readonly DatabaseAccount[]): Promise<void> {
    for (const a of accounts) await this.conn.query(`DROP USER IF EXISTS ${this.account(a.user)}`);
  }

  async close(): Promise<void> {
    await this.conn.end();
  }
}
