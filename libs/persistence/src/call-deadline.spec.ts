import { describe, expect, it, jest } from '@jest/globals';
import type { AfterQueryEvent, BeforeQueryEvent, QueryRunner, TransactionStartEvent } from 'typeorm';
import { CallDeadlineExceeded, CallDeadlineSubscriber, CallScope, outsideCall } from './call-deadline.js';

/** A query runner as far as the scope looks at it; `query` records what the scope sends itself. */
function runner() {
  const sent: string[] = [];
  const r = {
    isReleased: false,
    isTransactionActive: true,
    sent,
    query: jest.fn(async (sql: string) => void sent.push(sql)),
  };
  return r as typeof r & QueryRunner;
}

const subscriber = new CallDeadlineSubscriber();
const before = (queryRunner: QueryRunner, query: string) => subscriber.beforeQuery({ queryRunner, query } as BeforeQueryEvent);
const after = (queryRunner: QueryRunner, query: string, success = true) =>
  subscriber.afterQuery({ queryRunner, query, success } as AfterQueryEvent);
const started = (queryRunner: QueryRunner) => subscriber.afterTransactionStart({ queryRunner } as TransactionStartEvent);
const tick = () => new Promise((r) => setImmediate(r));

describe('CallScope: nothing a call writes commits after its deadline (issue 13)', () => {
  it('before the deadline every statement passes; after it only ROLLBACK does', async () => {
    const scope = new CallScope();
    const r = runner();
    scope.run(() => {
      started(r);
      before(r, 'INSERT INTO t VALUES (1)');
      after(r, 'INSERT INTO t VALUES (1)');
    });
    expect(await scope.expire()).toBe(false);
    scope.run(() => {
      expect(() => before(r, 'COMMIT')).toThrow(CallDeadlineExceeded);
      expect(() => before(r, 'INSERT INTO t VALUES (2)')).toThrow(CallDeadlineExceeded);
      expect(() => before(r, 'START TRANSACTION')).toThrow(CallDeadlineExceeded);
      expect(() => before(r, 'ROLLBACK')).not.toThrow();
      expect(() => before(r, 'ROLLBACK TO SAVEPOINT typeorm_1')).not.toThrow();
    });
    // The refusal is the contract's 5030.
    expect(new CallDeadlineExceeded().code).toBe(5030);
  });

  it('statements outside the call (another call, a job the call started) are not touched', async () => {
    const scope = new CallScope();
    await scope.expire();
    const r = runner();
    expect(() => before(r, 'COMMIT')).not.toThrow();
    scope.run(() => outsideCall(() => expect(() => before(r, 'COMMIT')).not.toThrow()));
    new CallScope().run(() => expect(() => before(r, 'COMMIT')).not.toThrow());
  });

  it('rolls back an idle transaction at the deadline, and one busy with a statement when the statement returns', async () => {
    const scope = new CallScope();
    const idle = runner();
    const busy = runner();
    scope.run(() => {
      started(idle);
      started(busy);
      before(busy, 'SELECT SLEEP(5)');
    });
    await scope.expire();
    await tick();
    expect(idle.sent).toEqual(['ROLLBACK']);
    expect(busy.sent).toEqual([]);
    scope.run(() => after(busy, 'SELECT SLEEP(5)'));
    await tick();
    expect(busy.sent).toEqual(['ROLLBACK']);
  });

  it('work shared by several calls (a group commit) stops as soon as one of them passes its deadline', async () => {
    const [a, b] = [new CallScope(), new CallScope()];
    const shared = CallScope.shared([a, b, undefined]);
    const r = runner();
    shared.run(() => {
      started(r);
      expect(() => before(r, 'INSERT INTO t VALUES (1)')).not.toThrow();
      after(r, 'INSERT INTO t VALUES (1)');
    });
    await b.expire();
    await tick();
    expect(r.sent).toEqual(['ROLLBACK']);
    shared.run(() => expect(() => before(r, 'COMMIT')).toThrow(CallDeadlineExceeded));
    // A batch formed after one of its calls expired is refused from its first statement.
    CallScope.shared([a, b]).run(() => expect(() => before(runner(), 'START TRANSACTION')).toThrow(CallDeadlineExceeded));
    // The other call's own work is untouched.
    a.run(() => expect(() => before(runner(), 'COMMIT')).not.toThrow());
  });

  it('waits for a COMMIT already on its way at the deadline and says whether it succeeded', async () => {
    for (const success of [true, false]) {
      const scope = new CallScope();
      const r = runner();
      scope.run(() => {
        started(r);
        before(r, 'COMMIT');
      });
      let settled: boolean | null = null;
      const expiring = scope.expire().then((v) => (settled = v));
      await tick();
      expect(settled).toBeNull();
      scope.run(() => after(r, 'COMMIT', success));
      await expiring;
      expect(settled).toBe(success);
      // A transaction whose COMMIT was on its way is not rolled back by the scope.
      expect(r.sent).toEqual([]);
    }
  });
});
