import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { CallDeadlineExceeded, CallScope, currentCallScope } from './call-deadline.js';
import { GroupCommit, settledError, settledOk, type BatchWriter } from './group-commit.js';

/** A data source whose transactions record what they committed; `fail` decides per attempt. */
function fakeDataSource(fail: (items: readonly number[], attempt: number) => Error | null = () => null) {
  const committed: number[][] = [];
  const attempts: number[][] = [];
  let pending: number[] = [];
  const dataSource = {
    async transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
      pending = [];
      const result = await work({} as EntityManager);
      // What CallDeadlineSubscriber does to the COMMIT of a call past its deadline.
      const error = currentCallScope()?.isExpired
        ? new CallDeadlineExceeded()
        : fail(pending, attempts.filter((a) => a.join() === pending.join()).length);
      attempts.push(pending);
      if (error) throw error;
      committed.push(pending);
      return result;
    },
  } as unknown as DataSource;
  const writer: BatchWriter<number, string> = async (_m, items) => {
    pending = [...items];
    await new Promise((r) => setTimeout(r, 5)); // a commit takes time: others arrive meanwhile
    return items.map((i) => (i < 0 ? settledError(new Error(`item ${i} refused`)) : settledOk(`v${i}`)));
  };
  return { dataSource, writer, committed, attempts };
}

describe('GroupCommit', () => {
  it('writes a lone item at once, in a batch of its own', async () => {
    const f = fakeDataSource();
    const gc = new GroupCommit(f.dataSource, f.writer, { maxBatch: 10 });
    const started = performance.now();
    await expect(gc.submit(1)).resolves.toBe('v1');
    expect(performance.now() - started).toBeLessThan(1000); // a linger would show here; generous for a loaded machine
    expect(f.committed).toEqual([[1]]);
  });

  it('writes the items that arrive during a batch together in the next one, each getting its own value', async () => {
    const f = fakeDataSource();
    const gc = new GroupCommit(f.dataSource, f.writer, { maxBatch: 10 });
    const values = await Promise.all([1, 2, 3, 4].map((i) => gc.submit(i)));
    expect(values).toEqual(['v1', 'v2', 'v3', 'v4']);
    expect(f.committed).toEqual([[1], [2, 3, 4]]);
  });

  it('never puts more than maxBatch items in one transaction', async () => {
    const f = fakeDataSource();
    const gc = new GroupCommit(f.dataSource, f.writer, { maxBatch: 2 });
    await Promise.all([1, 2, 3, 4, 5].map((i) => gc.submit(i)));
    expect(f.committed).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('fails only the item whose outcome is an error; the rest of its batch commits', async () => {
    const f = fakeDataSource();
    const gc = new GroupCommit(f.dataSource, f.writer, { maxBatch: 10 });
    const results = await Promise.allSettled([1, 2, -3, 4].map((i) => gc.submit(i)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toEqual(new Error('item -3 refused'));
    expect(f.committed).toEqual([[1], [2, -3, 4]]);
  });

  it('runs the whole batch again after a deadlock, keeping nothing twice', async () => {
    const deadlock = Object.assign(new Error('Deadlock found'), { code: 'ER_LOCK_DEADLOCK' });
    const f = fakeDataSource((items, attempt) => (items.length === 3 && attempt === 0 ? deadlock : null));
    const gc = new GroupCommit(f.dataSource, f.writer, { maxBatch: 10 });
    await expect(Promise.all([1, 2, 3, 4].map((i) => gc.submit(i)))).resolves.toEqual(['v1', 'v2', 'v3', 'v4']);
    expect(f.attempts).toEqual([[1], [2, 3, 4], [2, 3, 4]]);
    expect(f.committed).toEqual([[1], [2, 3, 4]]);
  });

  it('isolates an error of the batch as a whole by writing its items one at a time', async () => {
    const refused = new Error("Data too long for column 'title'");
    // The database refuses any transaction that holds item 3.
    const f = fakeDataSource((items) => (items.includes(3) ? refused : null));
    const gc = new GroupCommit(f.dataSource, f.writer, { maxBatch: 10 });
    const results = await Promise.allSettled([1, 2, 3, 4].map((i) => gc.submit(i)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'v1',
      'v2',
      refused.message,
      'v4',
    ]);
    expect(f.committed).toEqual([[1], [2], [4]]);
  });

  it('keeps going after a failed batch: later items are written', async () => {
    const f = fakeDataSource((items) => (items.length === 1 && items[0] === 1 ? new Error('connection lost') : null));
    const gc = new GroupCommit(f.dataSource, f.writer, { maxBatch: 10 });
    await expect(gc.submit(1)).rejects.toThrow('connection lost');
    await expect(gc.submit(2)).resolves.toBe('v2');
  });

  it("commits nothing for a call past its deadline, even in another call's batch; the rest of the batch commits", async () => {
    const f = fakeDataSource();
    const gc = new GroupCommit(f.dataSource, f.writer, { maxBatch: 10 });
    const [a, b, c] = [new CallScope(), new CallScope(), new CallScope()];
    // a's item starts the drain; b's and c's wait for the next batch, and b passes its deadline meanwhile.
    const first = a.run(() => gc.submit(1));
    const late = b.run(() => gc.submit(2));
    const other = c.run(() => gc.submit(3));
    await b.expire();
    const results = await Promise.allSettled([first, late, other]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'v1',
      new CallDeadlineExceeded().message,
      'v3',
    ]);
    expect(f.committed).toEqual([[1], [3]]);
    // The drain belongs to no call: a's deadline passing does not stop later batches.
    await a.expire();
    await expect(c.run(() => gc.submit(4))).resolves.toBe('v4');
  });

  it('refuses a writer that does not answer for every item', async () => {
    const f = fakeDataSource();
    const gc = new GroupCommit<number, string>(f.dataSource, async () => [], { maxBatch: 10 });
    await expect(gc.submit(1)).rejects.toThrow('batch writer returned 0 outcomes for 1 items');
  });

  describe('batches in flight', () => {
    /** Transactions that take 20 ms and record how many overlap, the batches they wrote and the isolation asked for. */
    function overlapping() {
      let open = 0;
      const seen = { maxOpen: 0, batches: [] as number[][], isolation: [] as (string | undefined)[] };
      const dataSource = {
        async transaction<T>(...args: unknown[]): Promise<T> {
          const work = args.at(-1) as (m: EntityManager) => Promise<T>;
          seen.isolation.push(args.length > 1 ? (args[0] as string) : undefined);
          seen.maxOpen = Math.max(seen.maxOpen, ++open);
          try {
            return await work({} as EntityManager);
          } finally {
            open--;
          }
        },
      } as unknown as DataSource;
      const writer: BatchWriter<number, string> = async (_m, items) => {
        seen.batches.push([...items]);
        await new Promise((r) => setTimeout(r, 20));
        return items.map((i) => settledOk(`v${i}`));
      };
      return { dataSource, writer, seen };
    }

    it('writes one batch at a time by default', async () => {
      const f = overlapping();
      const gc = new GroupCommit(f.dataSource, f.writer, { maxBatch: 10 });
      await Promise.all([1, 2, 3, 4, 5].map((i) => gc.submit(i)));
      expect(f.seen.maxOpen).toBe(1);
      expect(f.seen.batches).toEqual([[1], [2, 3, 4, 5]]);
    });

    it('overlaps up to inFlight batches, each taking what waits when it is free, every item once', async () => {
      const f = overlapping();
      const gc = new GroupCommit(f.dataSource, f.writer, { maxBatch: 10, inFlight: 2 });
      const first = await Promise.all([1, 2, 3, 4, 5].map((i) => gc.submit(i)));
      expect(first).toEqual(['v1', 'v2', 'v3', 'v4', 'v5']);
      expect(f.seen.maxOpen).toBe(2);
      // 1 and 2 each found a writer free; 3-5 waited for the first writer to finish.
      expect(f.seen.batches).toEqual([[1], [2], [3, 4, 5]]);
      await Promise.all([6, 7, 8, 9].map((i) => gc.submit(i)));
      expect(f.seen.maxOpen).toBe(2);
      expect(f.seen.batches.flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('opens the transactions at the isolation level asked for', async () => {
      const f = overlapping();
      await new GroupCommit(f.dataSource, f.writer, { maxBatch: 10, isolation: 'READ COMMITTED' }).submit(1);
      await new GroupCommit(f.dataSource, f.writer, { maxBatch: 10 }).submit(2);
      expect(f.seen.isolation).toEqual(['READ COMMITTED', undefined]);
    });

    it('refuses an inFlight that is not a positive integer', () => {
      const f = overlapping();
      expect(() => new GroupCommit(f.dataSource, f.writer, { maxBatch: 10, inFlight: 0 })).toThrow('inFlight');
    });
  });
});
