import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { KeysetQuery, toPage, type KeysetList, type ListPage } from './keyset-query.js';
import { ListCursorCodec } from './list-cursor.js';

interface Row {
  at: Date;
  seq: string;
}

const log: KeysetList<Row> = {
  name: 'test.log',
  keys: [
    { column: 'at', kind: 'time' },
    { column: 'seq', kind: 'bigint' },
  ],
  direction: 'DESC',
  positionOf: (r) => [r.at, BigInt(r.seq)],
};
const codec = new ListCursorCodec([randomBytes(32)]);

/**
 * Applies what the builder generated to rows in memory, the way the database does: the WHERE on
 * the cursor and the ORDER BY the keys. Enough to page through ties the way MariaDB would.
 */
function runPage(rows: Row[], after: readonly unknown[] | undefined, limit: number): Row[] {
  const q = new KeysetQuery(log).after(after as never).page('*', 't', limit);
  const cmp = (a: Row, b: Row) => b.at.getTime() - a.at.getTime() || Number(BigInt(b.seq) - BigInt(a.seq));
  expect(q.sql).toMatch(/ORDER BY at DESC, seq DESC LIMIT \?$/);
  const bound = after === undefined ? () => true : (r: Row) => cmp({ at: after[0] as Date, seq: String(after[1]) }, r) < 0;
  return rows
    .filter(bound)
    .sort(cmp)
    .slice(0, q.params.at(-1) as number);
}

describe('KeysetQuery', () => {
  it('orders on the sort column and the unique tiebreaker, reading limit + 1 rows', () => {
    const q = new KeysetQuery(log).page('seq, at', 'call_log', 100);
    expect(q).toEqual({ sql: 'SELECT seq, at FROM call_log ORDER BY at DESC, seq DESC LIMIT ?', params: [101] });
  });

  it('puts equality filters, then the [from, to) range, then the keyset bound, values only as parameters', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-01-02T00:00:00Z');
    const at = new Date('2026-01-01T12:00:00.123Z');
    const q = new KeysetQuery(log)
      .equal('caller', "EOMS' OR 1=1 --")
      .equal('code', 0)
      .equal('ok', false)
      .equal('actor', undefined)
      .range('at', from, to)
      .after([at, 42n])
      .page('*', 'call_log', 10);
    expect(q.sql).toBe(
      'SELECT * FROM call_log WHERE caller = ? AND code = ? AND ok = ? AND at >= ? AND at < ? AND at <= ? AND (at < ? OR seq < ?) ORDER BY at DESC, seq DESC LIMIT ?',
    );
    expect(q.params).toEqual(["EOMS' OR 1=1 --", 0, false, from, to, at, at, 42n, 11]);
    expect(q.sql).not.toMatch(/OFFSET/i);
  });

  it('bounds an ascending single-key list with > and streams a whole range without a limit', () => {
    const employees: KeysetList<{ id: number }> = {
      name: 'e',
      keys: [{ column: 'n', kind: 'int' }],
      direction: 'ASC',
      positionOf: (r) => [r.id],
    };
    expect(new KeysetQuery(employees).after([7]).page('*', 'employee', 2)).toEqual({
      sql: 'SELECT * FROM employee WHERE n > ? ORDER BY n ASC LIMIT ?',
      params: [7, 3],
    });
    expect(new KeysetQuery(log).range('at', undefined, new Date(0)).all('*', 'call_log', 'ASC').sql).toBe(
      'SELECT * FROM call_log WHERE at < ? ORDER BY at ASC, seq ASC',
    );
  });

  it('pages through rows that tie on the sort column: every row exactly once, in order, with a cursor only while more follow', () => {
    const t1 = new Date('2026-01-01T00:00:01Z');
    const t2 = new Date('2026-01-01T00:00:02Z');
    // Five rows share t2 and three share t1: a page boundary falls inside each tie.
    const rows: Row[] = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ at: n <= 3 ? t1 : t2, seq: String(n) }));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const after: unknown[] | undefined = cursor === null ? undefined : codec.decode(log, cursor);
      const page: ListPage<string> = toPage(log, codec, runPage(rows, after, 3), 3, (r) => r.seq);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(['8', '7', '6', '5', '4', '3', '2', '1']);
    expect(pages).toBe(3);
  });

  it('gives no cursor when the extra row is absent', () => {
    const rows = [{ at: new Date(0), seq: '1' }];
    expect(toPage(log, codec, rows, 1, (r) => r.seq)).toEqual({ items: ['1'], nextCursor: null });
  });

  it('renders the same conditions with named parameters on a TypeORM query builder', () => {
    const calls: Array<[string, ...unknown[]]> = [];
    const qb = {
      andWhere: (...a: unknown[]) => (calls.push(['andWhere', ...a]), qb),
      orderBy: (...a: unknown[]) => (calls.push(['orderBy', ...a]), qb),
      addOrderBy: (...a: unknown[]) => (calls.push(['addOrderBy', ...a]), qb),
      limit: (...a: unknown[]) => (calls.push(['limit', ...a]), qb),
    };
    const at = new Date(5);
    new KeysetQuery(log)
      .equal('e.status', 'active')
      .where("e.name LIKE CONCAT('%', ?, '%')", 'Li')
      .after([at, 3n])
      .applyTo(qb as never, 20);
    expect(calls).toEqual([
      ['andWhere', 'e.status = :keyset_0', { keyset_0: 'active' }],
      ['andWhere', "e.name LIKE CONCAT('%', :keyset_1, '%')", { keyset_1: 'Li' }],
      ['andWhere', 'at <= :keyset_2', { keyset_2: at }],
      ['andWhere', '(at < :keyset_3 OR seq < :keyset_4)', { keyset_3: at, keyset_4: 3n }],
      ['orderBy', 'at', 'DESC'],
      ['addOrderBy', 'seq', 'DESC'],
      ['limit', 21],
    ]);
  });
});
