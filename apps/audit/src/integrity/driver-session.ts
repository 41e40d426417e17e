import type { DataSource, QueryRunner } from 'typeorm';

/** The mysql2 (callback API) pool connection behind a TypeORM query runner. */
export interface DriverConnection {
  threadId: number | null;
  query(sql: string, values: unknown[], callback: (error: Error | null, result: unknown) => void): void;
  query(
    sql: string,
    values?: unknown[],
  ): { stream(options?: { highWaterMark?: number }): NodeJS.ReadableStream & { destroy(error?: Error): void } };
}

/**
 * One pooled connection used with plain SQL. Statements go straight to the driver rather than
 * through `QueryRunner.query`: TypeORM's error logging would print failed statements with all
 * their parameters (row hashes, whole batches) at every retry.
 */
export class DriverSession {
  private constructor(
    private readonly runner: QueryRunner,
    readonly connection: DriverConnection,
  ) {}

  static async open(dataSource: DataSource): Promise<DriverSession> {
    const runner = dataSource.createQueryRunner('master');
    try {
      return new DriverSession(runner, (await runner.connect()) as DriverConnection);
    } catch (error) {
      await runner.release();
      throw error;
    }
  }

  query<T = any>(sql: string, params: unknown[] = []): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      this.connection.query(sql, params, (error, result) => (error ? reject(error) : resolve(result as T))),
    );
  }

  /**
   * Runs `work` in one transaction: READ COMMITTED by default (no gap locks; reads see the latest
   * commits). `repeatable` skips that round trip where it is safe: the chained ingest takes the
   * head lock first, and InnoDB only takes its snapshot at the first plain read, after the lock.
   */
  async transaction<T>(work: () => Promise<T>, isolation: 'read-committed' | 'repeatable' = 'read-committed'): Promise<T> {
    if (isolation === 'read-committed') await this.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
    await this.query('START TRANSACTION');
    try {
      const result = await work();
      await this.query('COMMIT');
      return result;
    } catch (error) {
      await this.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  release(): Promise<void> {
    return this.runner.release();
  }
}

/** Opens a session, runs `work`, always releases it. */
export async function withSession<T>(dataSource: DataSource, work: (s: DriverSession) => Promise<T>): Promise<T> {
  const session = await DriverSession.open(dataSource);
  try {
    return await work(session);
  } finally {
    await session.release();
  }
}
