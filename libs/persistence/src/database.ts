import mysql from 'mysql2/promise';
import { DataSource, type DataSourceOptions, type EntitySchema, type MixedList } from 'typeorm';
import { UpdateDatePrecisionSubscriber } from './update-date.subscriber.js';
import { CallDeadlineSubscriber } from './call-deadline.js';

export interface DatabaseTarget {
  databaseUrl: string;
  database: string;
}

export function connectionFields(databaseUrl: string) {
  const u = new URL(databaseUrl);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password || ''),
  };
}

/**
 * Each app owns `<ns>_<app>` and creates it on start (SPEC §5). Only when it is missing: an app's
 * own account (docs/design.md, "Database accounts") may use its database but not create one, and
 * MariaDB checks that right even for `CREATE DATABASE IF NOT EXISTS` on a database that exists.
 */
export async function ensureDatabase({ databaseUrl, database }: DatabaseTarget): Promise<void> {
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(database)) throw new Error(`invalid database name ${database}`);
  const conn = await mysql.createConnection({ ...connectionFields(databaseUrl), connectTimeout: 10_000 });
  try {
    const [found] = await conn.query<mysql.RowDataPacket[]>('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [database]);
    if (found.length === 0)
      await conn.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

export async function dropDatabase({ databaseUrl, database }: DatabaseTarget): Promise<void> {
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(database)) throw new Error(`invalid database name ${database}`);
  const conn = await mysql.createConnection(connectionFields(databaseUrl));
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await conn.end();
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = MixedList<Function | string | EntitySchema>;

/**
 * TypeORM options shared by every app: migrations only (never synchronize), UTC, explicit classes,
 * `updated_at` stamped with milliseconds by every kind of update (UpdateDatePrecisionSubscriber),
 * and the call-deadline subscriber (a call answered 5030 by its deadline never commits afterwards).
 */
export function dataSourceOptions(target: DatabaseTarget, entities: ClassList, migrations: ClassList, poolSize = 10): DataSourceOptions {
  return {
    type: 'mariadb',
    ...connectionFields(target.databaseUrl),
    username: connectionFields(target.databaseUrl).user,
    database: target.database,
    entities,
    migrations,
    subscribers: [UpdateDatePrecisionSubscriber, CallDeadlineSubscriber],
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    timezone: 'Z',
    charset: 'utf8mb4',
    poolSize,
    // Not 'error': TypeORM would print failed SQL with its parameters (hashes, sealed secrets) past our redaction.
    logging: ['migration', 'warn'],
    // mysql2 captures a stack trace for every query to decorate a possible error (3.7 % of the service's
    // CPU under dispatch load, docs/benchmarks.md); our errors are logged with their own error id.
    extra: { trace: false },
  } as DataSourceOptions;
}

/** MariaDB/MySQL refusals of a right the account lacks (1044 database, 1142 table, 1143 column, 1227 privilege). */
export function isAccessDenied(error: unknown): boolean {
  const e = error as { errno?: unknown; driverError?: { errno?: unknown } } | null;
  const errno = e?.driverError?.errno ?? e?.errno;
  return errno === 1044 || errno === 1142 || errno === 1143 || errno === 1227;
}

/**
 * Runs the migrations an initialized data source has pending, if any. With nothing pending it only
 * reads the `migrations` table, so an app's own account — which may not change the schema — starts
 * on a migrated database; with something pending and no right to run it, the error says what to do.
 */
export async function runPendingMigrations(dataSource: DataSource, app: string): Promise<string[]> {
  if (!(await dataSource.showMigrations())) return [];
  try {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } catch (error) {
    if (!isAccessDenied(error)) throw error;
    const database = String(dataSource.options.database);
    throw new Error(
      `${database} has migrations to run and this account may not change its schema: run ` +
        `"node dist/scripts/migrate/main.js ${app}" with the administrator's DATABASE_URL first (npm start does)`,
      { cause: error },
    );
  }
}

/**
 * `node dist/scripts/migrate/main.js <app>`: creates the app's database if needed and runs its
 * pending migrations with the account of `target` (an administrator's), then closes. npm start and
 * the tests run it before giving the app its own account.
 */
export async function migrateDatabase(target: DatabaseTarget, entities: ClassList, migrations: ClassList, app: string): Promise<string[]> {
  await ensureDatabase(target);
  const ds = new DataSource({ ...dataSourceOptions(target, entities, migrations, 1), migrationsRun: false } as DataSourceOptions);
  await ds.initialize();
  try {
    return await runPendingMigrations(ds, app);
  } finally {
    await ds.destroy();
  }
}
