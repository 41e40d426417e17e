import {
  globToLike,
  isGlob,
  KeysetQuery,
  timeBounds,
  type KeyKind,
  type KeysetList,
  type KeyValue,
  type PageSize,
  type SqlQuery,
  type TimeRangeDto,
} from '@crm/persistence';

/** SPEC §5.1: the audit queries take `limit` ≤ 1000 (100 by default), more than business lists. */
export const AUDIT_PAGE: PageSize = { defaultLimit: 100, maxLimit: 1000 };

/** The keys every row of both logs carries: time, then insertion order for ties (BIGINT as string). */
export interface LogKeys {
  at: Date;
  seq: string;
}

export interface LogFilterColumn {
  column: string;
  /** The column leads an (X, at, seq) index of its own. */
  indexed: boolean;
  /** A value with `*` searches with wildcards (`LIKE`, the value's own `%` and `_` escaped); without, it matches exactly. */
  glob?: boolean;
}

/** A column (or expression over one) a page may be sorted on, with `seq` as the tiebreaker. */
export interface LogSortKey {
  /** Column or expression of the table; never client text. A nullable column is wrapped in COALESCE: keyset bounds skip NULLs. */
  column: string;
  kind: KeyKind;
  /** The row property holding the value (default: `column`); NULL reads as the COALESCE default. */
  field?: string;
}

export type SortOrder = 'asc' | 'desc';

/** One audit log (call log, operation log) as a list: newest first on (at, seq). */
export interface LogList<F extends string> extends KeysetList<LogKeys> {
  table: string;
  columns: string;
  /** The plain (at, seq) index. */
  timeIndex: string;
  /** Query field → column, in WHERE order (the leading column of a composite index first). */
  filters: Readonly<Record<F, LogFilterColumn>>;
  /** The sorts a client may ask for, by query name (a whitelist: nothing else reaches ORDER BY). */
  sorts: Readonly<Record<string, LogSortKey>>;
}

const AT: LogSortKey = { column: 'at', kind: 'time' };

export function logList<F extends string>(
  l: Pick<LogList<F>, 'name' | 'table' | 'columns' | 'timeIndex' | 'filters'> & { sorts?: Record<string, LogSortKey> },
): LogList<F> {
  return {
    ...l,
    sorts: { at: AT, ...l.sorts },
    keys: [AT, { column: 'seq', kind: 'bigint' }],
    direction: 'DESC',
    positionOf: (row) => [new Date(row.at), BigInt(row.seq)],
  };
}

function sortValue(key: LogSortKey, row: LogKeys): KeyValue {
  const raw = (row as unknown as Record<string, unknown>)[key.field ?? key.column];
  switch (key.kind) {
    case 'time':
      return new Date(raw as Date);
    case 'bigint':
      return BigInt(raw as string);
    case 'int':
    case 'number':
      return Number(raw);
    case 'string':
      return raw === null || raw === undefined ? '' : String(raw);
  }
}

/**
 * The list in another order: keys (sort column, seq), named after the sort so that a cursor of one
 * order is refused by another. Newest first (`at`, `desc`) is the list itself: its cursors stay valid.
 */
export function sortedBy<F extends string>(list: LogList<F>, sort: string = 'at', order: SortOrder = 'desc'): LogList<F> {
  if (sort === 'at' && order === 'desc') return list;
  const key = list.sorts[sort];
  if (!key) throw new Error(`${list.name}: no sort ${sort}`);
  return {
    ...list,
    name: `${list.name}:${sort}:${order}`,
    keys: [key, { column: 'seq', kind: 'bigint' }],
    direction: order === 'asc' ? 'ASC' : 'DESC',
    positionOf: (row) => [sortValue(key, row), BigInt(row.seq)],
  };
}

/** A condition a feature adds beyond the column filters (built by its repository, values as parameters). */
export interface LogCondition {
  sql: string;
  params: unknown[];
}

/** A validated query's filter values and time bounds; fields that are not the log's filters are ignored. */
export type LogFilter<F extends string> = Partial<Record<F, unknown>> & { from?: Date; to?: Date; conditions?: readonly LogCondition[] };

/** The query DTO's text (from, to) as the bounds a filter takes. */
export function logFilter<F extends string>(q: TimeRangeDto): LogFilter<F> {
  return { ...q, ...timeBounds(q) } as LogFilter<F>;
}

/**
 * The log's equality filters and `[from, to)` on `at`. With an indexed equality filter the plain
 * (at, seq) index is ruled out: MariaDB's ORDER BY … LIMIT heuristic otherwise sometimes prefers
 * walking it backwards and filtering, which costs a scan proportional to the table for a rare value
 * (measured at 1M rows: 12–60 ms instead of 1–3 ms), while an (X, at, seq) index with X fixed reads
 * exactly the page.
 */
function filtered<F extends string>(list: LogList<F>, f: LogFilter<F>): { query: KeysetQuery; indexed: boolean } {
  const query = new KeysetQuery(list);
  let indexed = false;
  for (const [field, { column, indexed: own, glob }] of Object.entries(list.filters) as Array<[F, LogFilterColumn]>) {
    const value = f[field];
    // A wildcard search is a range on the column's index at best (prefix), never an equality that
    // reads the page in (at, seq) order: the optimizer keeps its choice of index.
    if (glob && isGlob(value)) query.where(`${column} LIKE ?`, globToLike(value).like);
    else {
      query.equal(column, value);
      indexed ||= own && value !== undefined;
    }
  }
  for (const c of f.conditions ?? []) query.where(c.sql, ...c.params);
  query.range('at', f.from, f.to);
  return { query, indexed };
}

/** One page, newest first, continuing after the cursor's position (`GET /audit/calls|operations`). */
export function logPageQuery<F extends string>(
  list: LogList<F>,
  f: LogFilter<F>,
  after: readonly KeyValue[] | undefined,
  limit: number,
): SqlQuery {
  const { query, indexed } = filtered(list, f);
  return query.after(after).page(list.columns, list.table + (indexed ? ` IGNORE INDEX (${list.timeIndex})` : ''), limit);
}

/**
 * The filters and range aggregated (`SELECT … GROUP BY …`), e.g. a histogram. No ORDER BY, so no
 * index hint: the optimizer's range choice reads only the matching rows.
 */
export function logAggregateQuery<F extends string>(list: LogList<F>, f: LogFilter<F>, select: SqlQuery, groupBy: string): SqlQuery {
  return filtered(list, f).query.grouped(select, list.table, groupBy);
}

/**
 * The whole range oldest first with no LIMIT (exports): read off an index in order, never sorted,
 * so the first row streams at once however large the range.
 */
export function logExportQuery<F extends string>(list: LogList<F>, f: LogFilter<F>, columns: string): SqlQuery {
  const { query, indexed } = filtered(list, f);
  return query.all(columns, `${list.table} ${indexed ? 'IGNORE' : 'FORCE'} INDEX (${list.timeIndex})`, 'ASC');
}
