import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { TableStamps, versionedStamp } from './table-stamps.js';

/** A manager whose query answers the stamps it is given, counting the round trips. */
function manager(inTransaction: boolean, answers: Array<Record<string, unknown> | Error>) {
  const sql: string[] = [];
  const m = {
    queryRunner: inTransaction ? { isTransactionActive: true, data: {} } : undefined,
    query: (q: string) => {
      sql.push(q);
      const next = answers.shift();
      return next instanceof Error ? Promise.reject(next) : Promise.resolve([next]);
    },
  } as unknown as EntityManager;
  return { m, sql };
}

const stamps = () => new TableStamps({ rule: versionedStamp('rule'), queue: versionedStamp('queue') });

describe('TableStamps', () => {
  it('reads every table in one statement, once per transaction', async () => {
    const s = stamps();
    const { m, sql } = manager(true, [{ rule: '3/7', queue: '2/2' }]);
    expect(await s.of(m, 'rule')).toBe('3/7');
    expect(await s.of(m, 'queue')).toBe('2/2');
    expect(await s.of(m, 'rule')).toBe('3/7');
    expect(sql).toHaveLength(1);
    expect(sql[0]).toContain('FROM rule) AS `rule`');
    expect(sql[0]).toContain('FROM queue) AS `queue`');
  });

  it('reads afresh in another transaction and outside any', async () => {
    const s = stamps();
    const a = manager(true, [{ rule: '1', queue: '1' }]);
    const b = manager(true, [{ rule: '2', queue: '1' }]);
    const none = manager(false, [
      { rule: '3', queue: '1' },
      { rule: '4', queue: '1' },
    ]);
    expect(await s.of(a.m, 'rule')).toBe('1');
    expect(await s.of(b.m, 'rule')).toBe('2');
    expect(await s.of(none.m, 'rule')).toBe('3');
    expect(await s.of(none.m, 'rule')).toBe('4');
  });

  it('reads afresh in the next transaction of a kept runner (SessionRunners gives it fresh data)', async () => {
    const s = stamps();
    const { m, sql } = manager(true, [
      { rule: '1', queue: '1' },
      { rule: '2', queue: '1' },
    ]);
    expect(await s.of(m, 'rule')).toBe('1');
    (m.queryRunner as { data: object }).data = {}; // the same runner, its next transaction
    expect(await s.of(m, 'rule')).toBe('2');
    expect(sql).toHaveLength(2);
  });

  it('does not keep a failed read for the rest of the transaction', async () => {
    const s = stamps();
    const { m, sql } = manager(true, [new Error('lock wait timeout'), { rule: '5', queue: '1' }]);
    await expect(s.of(m, 'rule')).rejects.toThrow('lock wait timeout');
    expect(await s.of(m, 'rule')).toBe('5');
    expect(sql).toHaveLength(2);
  });

  it('refuses a table it was not given', async () => {
    const { m } = manager(true, []);
    await expect(stamps().of(m, 'case')).rejects.toThrow('case has no stamp');
  });
});
