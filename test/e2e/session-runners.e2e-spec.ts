import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, type EntitySubscriberInterface, type BeforeQueryEvent } from 'typeorm';
import { dataSourceOptions, dropDatabase, ensureDatabase, GroupCommit, SessionRunners, settledOk } from '@crm/persistence';

/**
 * `SessionRunners` (the capture batches' READ COMMITTED transactions) against the real MariaDB: the
 * level is set once per kept connection instead of before every transaction, it really applies,
 * it never leaks into the pool's other connections, and a kept connection the server killed is
 * replaced without failing a transaction.
 */

const target = {
  databaseUrl: process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306',
  database: `t_${randomBytes(5).toString('hex')}_sessions`,
};
let ds: DataSource;
let other: DataSource;
const statements: string[] = [];

const recorder: EntitySubscriberInterface = {
  beforeQuery(event: BeforeQueryEvent) {
    statements.push(event.query);
  },
};

const level = async (m: { query: DataSource['query'] }) => ((await m.query('SELECT @@tx_isolation AS l')) as { l: string }[])[0]!.l;
const connectionId = async (m: { query: DataSource['query'] }) =>
  Number(((await m.query('SELECT CONNECTION_ID() AS id')) as { id: number }[])[0]!.id);

beforeAll(async () => {
  await ensureDatabase(target);
  ds = new DataSource(dataSourceOptions(target, [], [], 3));
  await ds.initialize();
  ds.subscribers.push(recorder);
  other = new DataSource(dataSourceOptions(target, [], [], 1));
  await other.initialize();
  await ds.query('CREATE TABLE item (id INT NOT NULL PRIMARY KEY, name VARCHAR(32) NOT NULL)');
});

afterAll(async () => {
  await other?.destroy();
  await ds?.destroy();
  await dropDatabase(target);
});

describe('SessionRunners', () => {
  it('sets READ COMMITTED once per kept connection: later transactions send no SET TRANSACTION', async () => {
    const runners = new SessionRunners(ds, 'READ COMMITTED');
    statements.length = 0;
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) seen.push(await runners.transaction((m) => level(m)));
    runners.close();
    expect(seen).toEqual(Array(5).fill('READ-COMMITTED'));
    expect(statements.filter((s) => /^SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED$/.test(s))).toHaveLength(1);
    expect(statements.filter((s) => /SET TRANSACTION/.test(s))).toHaveLength(0);
    expect(statements.filter((s) => s === 'START TRANSACTION')).toHaveLength(5);
    expect(statements.filter((s) => s === 'COMMIT')).toHaveLength(5);
  });

  it('the level really applies: a second read in the transaction sees a row another connection committed meanwhile', async () => {
    const runners = new SessionRunners(ds, 'READ COMMITTED');
    const counts = await runners.transaction(async (m) => {
      const before = ((await m.query('SELECT COUNT(*) AS n FROM item')) as { n: number }[])[0]!.n;
      await other.query('INSERT INTO item VALUES (1, ?)', ['committed elsewhere']);
      const after = ((await m.query('SELECT COUNT(*) AS n FROM item')) as { n: number }[])[0]!.n;
      return [Number(before), Number(after)];
    });
    runners.close();
    expect(counts).toEqual([0, 1]); // REPEATABLE READ would read 0 twice
  });

  it('never hands a connection at READ COMMITTED back to the pool: the other transactions stay at the default level', async () => {
    const runners = new SessionRunners(ds, 'READ COMMITTED');
    const kept = await runners.transaction((m) => connectionId(m));
    // The pool (3 connections) serves plain transactions beside the kept one, and after close().
    const during = await Promise.all(
      Array.from({ length: 6 }, () => ds.transaction(async (m) => ({ id: await connectionId(m), level: await level(m) }))),
    );
    runners.close();
    const after = await Promise.all(
      Array.from({ length: 6 }, () => ds.transaction(async (m) => ({ id: await connectionId(m), level: await level(m) }))),
    );
    for (const t of [...during, ...after]) expect(t.level).toBe('REPEATABLE-READ');
    expect(during.map((t) => t.id)).not.toContain(kept);
    expect(after.map((t) => t.id)).not.toContain(kept); // closed, not returned
  });

  it('replaces a kept connection the server killed: no transaction fails', async () => {
    const runners = new SessionRunners(ds, 'READ COMMITTED');
    const first = await runners.transaction((m) => connectionId(m));
    await other.query(`KILL CONNECTION ${first}`);
    // mysql2 notices the closed socket: give it the turn it needs.
    await new Promise((r) => setTimeout(r, 200));
    const second = await runners.transaction(async (m) => ({ id: await connectionId(m), level: await level(m) }));
    runners.close();
    expect(second.id).not.toBe(first);
    expect(second.level).toBe('READ-COMMITTED');
  });

  it('a transaction that throws is rolled back and its connection kept for the next', async () => {
    const runners = new SessionRunners(ds, 'READ COMMITTED');
    let id = 0;
    await expect(
      runners.transaction(async (m) => {
        id = await connectionId(m);
        await m.query('INSERT INTO item VALUES (2, ?)', ['rolled back']);
        throw new Error('business rule');
      }),
    ).rejects.toThrow('business rule');
    const next = await runners.transaction(async (m) => ({
      id: await connectionId(m),
      rows: (await m.query('SELECT id FROM item WHERE id = 2')) as unknown[],
    }));
    runners.close();
    expect(next).toEqual({ id, rows: [] });
  });

  it("GroupCommit's batches at an isolation level run on kept connections", async () => {
    const ids = new Set<number>();
    const gc = new GroupCommit<number, string>(
      ds,
      async (m, items) => {
        ids.add(await connectionId(m));
        expect(await level(m)).toBe('READ-COMMITTED');
        return items.map((i) => settledOk(`v${i}`));
      },
      { maxBatch: 4, isolation: 'READ COMMITTED' },
    );
    statements.length = 0;
    const values = await Promise.all(Array.from({ length: 12 }, (_, i) => gc.submit(i)));
    gc.close();
    expect(values).toEqual(Array.from({ length: 12 }, (_, i) => `v${i}`));
    expect(ids.size).toBe(1);
    expect(statements.filter((s) => /SET TRANSACTION/.test(s))).toHaveLength(0);
  });
});
