import mysql from 'mysql2/promise';
import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { UpdateDatePrecisionSubscriber } from './update-date.subscriber.js';
import { CallDeadlineSubscriber } from './call-deadline.js';

export interface DatabaseTarget {
  databaseUrl: string;
  database: string;
}

function connectionFields(databaseUrl: string) {
  const u = new URL(databaseUrl);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password || ''),
  };
}

/** Each app owns `<ns>_<app>` and creates it on start (SPEC §5). */
export async function ensureDatabase({ databaseUrl, database }: DatabaseTarget): Promise<void> {
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(database)) throw new Error(`invalid database name ${database}`);
  const conn = await mysql.createConnection({ ...connectionFields(databaseUrl), connectTimeout: 10_000 });
  try {
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
  } as DataSourceOptions;
}
