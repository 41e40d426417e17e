import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { CursorList, KeyKind, KeyValue, ListCursorCodec } from './list-cursor.js';

export interface SqlQuery {
  sql: string;
  params: unknown[];
}

export interface KeyColumn {
  /** A column or an expression of the FROM clause, e.g. `at`, `e.employee_id`. Never client text. */
  readonly column: string;
  readonly kind: KeyKind;
}

/**
 * A list read page by page in one stable order: the sort column and a unique tiebreaker (or one
 * unique column alone). Its name is bound into every cursor it issues.
 */
export interface KeysetList<Row = never> extends CursorList {
  readonly keys: readonly [KeyColumn] | readonly [KeyColumn, KeyColumn];
  /** Page order; `DESC` is newest first (SPEC §6.0: lists are newest first unless a sort is named). */
  readonly direction: 'ASC' | 'DESC';
  /** The key values of a row: where the next page starts after it. */
  positionOf(row: Row): KeyValue[];
}

/** What every list answers (SPEC §6.0): `{items, nextCursor}`. */
export interface ListPage<Item> {
  items: Item[];
  nextCursor: string | null;
}

/**
 * Builds one list query as keyset pagination: equality and range filters, then a bound on the
 * keys (never an OFFSET, so page 1000 costs what page 1 costs), ordered on the keys, reading
 * `limit + 1` rows so the extra one says whether there is a next page. Values are only ever
 * parameters; column names come from the feature's code.
 */
export class KeysetQuery {
  private readonly conditions: string[] = [];
  private readonly params: unknown[] = [];

  constructor(private readonly list: KeysetList<never>) {}

  /** `column = ?`; an undefined value is no filter (false, 0 and '' are filters). */
  equal(column: string, value: unknown): this {
    if (value !== undefined) this.where(`${column} = ?`, value);
    return this;
  }

  /** `[from, to)`: from inclusive, to exclusive; either bound may be absent. */
  range(column: string, from: unknown, to: unknown): this {
    if (from !== undefined) this.where(`${column} >= ?`, from);
    if (to !== undefined) this.where(`${column} < ?`, to);
    return this;
  }

  /** Any other condition, with `?` placeholders for its values (EXISTS, LIKE …). */
  where(condition: string, ...params: unknown[]): this {
    this.conditions.push(condition);
    this.params.push(...params);
    return this;
  }

  /**
   * Rows after a position in page order. With two keys the sort column is also bounded on its own
   * (`at <= ?`), so the optimizer sees a plain range on the index; the OR only filters.
   */
  after(position: readonly KeyValue[] | undefined): this {
    if (position === undefined) return this;
    const [first, second] = this.list.keys;
    const op = this.list.direction === 'DESC' ? '<' : '>';
    if (!second) return this.where(`${first.column} ${op} ?`, position[0]);
    return this.where(`${first.column} ${op}= ?`, position[0]).where(
      `(${first.column} ${op} ? OR ${second.column} ${op} ?)`,
      position[0],
      position[1],
    );
  }

  /** One page: `SELECT <select> FROM <from> WHERE … ORDER BY <keys> LIMIT limit + 1`. */
  page(select: string, from: string, limit: number): SqlQuery {
    const { sql, params } = this.all(select, from, this.list.direction);
    return { sql: `${sql} LIMIT ?`, params: [...params, limit + 1] };
  }

  /** Every matching row in key order, without a limit (exports stream it). */
  all(select: string, from: string, direction: 'ASC' | 'DESC' = this.list.direction): SqlQuery {
    return { sql: `SELECT ${select} FROM ${from}${this.whereClause()} ORDER BY ${this.orderBy(direction)}`, params: [...this.params] };
  }

  /** The filters aggregated instead of paged (histograms): `SELECT … FROM … WHERE … GROUP BY …`, no keyset bound. */
  grouped(select: SqlQuery, from: string, groupBy: string): SqlQuery {
    return {
      sql: `SELECT ${select.sql} FROM ${from}${this.whereClause()} GROUP BY ${groupBy}`,
      params: [...select.params, ...this.params],
    };
  }

  /** The same page on a TypeORM query builder (entities instead of raw rows). */
  applyTo<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, limit: number): SelectQueryBuilder<T> {
    let n = 0;
    this.conditions.forEach((condition) => {
      const named: Record<string, unknown> = {};
      qb.andWhere(
        condition.replace(/\?/g, () => {
          const name = `keyset_${n}`;
          named[name] = this.params[n++];
          return `:${name}`;
        }),
        named,
      );
    });
    const [first, second] = this.list.keys;
    qb.orderBy(first.column, this.list.direction);
    if (second) qb.addOrderBy(second.column, this.list.direction);
    return qb.limit(limit + 1);
  }

  private whereClause(): string {
    return this.conditions.length ? ` WHERE ${this.conditions.join(' AND ')}` : '';
  }

  private orderBy(direction: 'ASC' | 'DESC'): string {
    return this.list.keys.map((k) => `${k.column} ${direction}`).join(', ');
  }
}

/**
 * Cuts the `limit + 1` rows read to the page, maps them to items (entity → view) and issues the
 * cursor of the page's last row when more follow.
 */
export function toPage<Key, Row extends Key, Item>(
  list: KeysetList<Key>,
  codec: ListCursorCodec,
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
): ListPage<Item> {
  const page = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? codec.encode(list, list.positionOf(page[page.length - 1])) : null;
  return { items: page.map(toItem), nextCursor };
}
