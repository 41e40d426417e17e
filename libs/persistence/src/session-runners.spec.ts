import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { SESSION_RUNNER_IDLE_MS, SessionRunners } from './session-runners.js';

/** Query runners that record their statements and whether their connection was closed. */
function fakeDataSource(options: Record<string, unknown> = { type: 'mariadb' }) {
  const runners: { statements: string[]; destroyed: boolean; released: boolean }[] = [];
  const plain: unknown[] = [];
  const dataSource = {
    options,
    async transaction(...args: unknown[]) {
      plain.push(args[0]);
      return (args[1] as (m: unknown) => Promise<unknown>)({});
    },
    createQueryRunner() {
      const state = { statements: [] as string[], destroyed: false, released: false };
      runners.push(state);
      const runner = {
        isTransactionActive: false,
        manager: {} as { queryRunner?: unknown },
        data: {} as object,
        databaseConnection: { _pool: {}, destroy: () => (state.destroyed = true) },
        connect: async () => undefined,
        query: async (sql: string) => void state.statements.push(sql),
        startTransaction: async () => {
          runner.isTransactionActive = true;
          state.statements.push('START TRANSACTION');
        },
        commitTransaction: async () => {
          runner.isTransactionActive = false;
          state.statements.push('COMMIT');
        },
        rollbackTransaction: async () => {
          runner.isTransactionActive = false;
          state.statements.push('ROLLBACK');
        },
        release: async () => void (state.released = true),
      };
      runner.manager.queryRunner = runner;
      return runner;
    },
  } as unknown as DataSource;
  return { dataSource, runners, plain };
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('SessionRunners', () => {
  it('keeps one runner for transactions one after another, its level set once', async () => {
    const f = fakeDataSource();
    const runners = new SessionRunners(f.dataSource, 'READ COMMITTED');
    for (let i = 0; i < 3; i++) await runners.transaction(async () => i);
    expect(f.runners).toHaveLength(1);
    expect(f.runners[0]!.statements).toEqual([
      'SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED',
      ...Array(3).fill(['START TRANSACTION', 'COMMIT']).flat(),
    ]);
    runners.close();
    expect(f.runners[0]!.destroyed).toBe(true);
  });

  it("gives each transaction fresh runner data (the outbox's rows, TableStamps' per-transaction reads)", async () => {
    const f = fakeDataSource();
    const runners = new SessionRunners(f.dataSource, 'READ COMMITTED');
    const seen: object[] = [];
    for (let i = 0; i < 2; i++)
      await runners.transaction(async (m) => {
        const data = (m as unknown as { queryRunner: { data: Record<string, unknown> } }).queryRunner.data;
        expect(data).toEqual({});
        data.left = 'by this transaction';
        seen.push(data);
      });
    expect(seen[0]).not.toBe(seen[1]);
  });

  it('closes a runner left unused longer than SESSION_RUNNER_IDLE_MS and takes a new one', async () => {
    const f = fakeDataSource();
    const runners = new SessionRunners(f.dataSource, 'READ COMMITTED');
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now);
    await runners.transaction(async () => 1);
    jest.spyOn(Date, 'now').mockReturnValue(now + SESSION_RUNNER_IDLE_MS + 1);
    await runners.transaction(async () => 2);
    expect(f.runners).toHaveLength(2);
    expect(f.runners[0]!.destroyed).toBe(true);
    expect(f.runners[1]!.destroyed).toBe(false);
  });

  it('two transactions at once get a runner each; both are kept', async () => {
    const f = fakeDataSource();
    const runners = new SessionRunners(f.dataSource, 'READ COMMITTED');
    const slow = () => new Promise((r) => setTimeout(r, 5));
    await Promise.all([runners.transaction(slow), runners.transaction(slow)]);
    await Promise.all([runners.transaction(slow), runners.transaction(slow)]);
    expect(f.runners).toHaveLength(2);
    expect(f.runners.every((r) => !r.destroyed)).toBe(true);
  });

  it('a runner whose transaction ends while closing is closed, not kept', async () => {
    const f = fakeDataSource();
    const runners = new SessionRunners(f.dataSource, 'READ COMMITTED');
    const running = runners.transaction(() => new Promise((r) => setTimeout(r, 5)));
    runners.close();
    await running;
    expect(f.runners[0]!.destroyed).toBe(true);
  });

  it("uses the data source's own transactions where the session cannot be kept", async () => {
    for (const options of [{ type: 'postgres' }, { type: 'mariadb', isolationLevel: 'SERIALIZABLE' }]) {
      const f = fakeDataSource(options);
      await new SessionRunners(f.dataSource, 'READ COMMITTED').transaction(async () => 1);
      expect(f.runners).toHaveLength(0);
      expect(f.plain).toEqual(['READ COMMITTED']);
    }
  });
});
