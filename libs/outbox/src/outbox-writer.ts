import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventMessage, EventPattern, EventPayloads } from '@crm/contracts';
import { traceHeadersOf, type TraceHeaders } from '@crm/tracing';
import type { OutboxActor, OutboxKind, OutboxMeta } from './outbox-message.entity.js';

/** Set on the transaction's query runner so the relay's commit hook knows there is something to send. */
export const OUTBOX_PENDING = 'crmOutboxPending';
/** Set on the transaction's query runner: the rows its relay publishes straight after the commit (`DirectRow`). */
export const OUTBOX_DIRECT = 'crmOutboxDirect';
/**
 * How long a row published straight after its commit belongs to that publisher: no relay claims it
 * before. A process that dies between the commit and the publish delays those events this long.
 */
export const DIRECT_LEASE_MS = 5_000;
/**
 * Rows of one transaction published that way at most: a larger batch (the SLA scheduler's) leaves
 * the rest to the claim path, so a burst never outlasts its lease and goes out twice.
 */
export const DIRECT_MAX_ROWS = 500;

/** An event row as the relay publishes it, kept in memory from its INSERT to the commit. */
export interface DirectRow {
  id: string;
  pattern: string;
  data: Record<string, unknown>;
  meta: OutboxMeta;
  createdAt: Date;
  /** The query runner's transaction depth at the INSERT: a rolled-back savepoint drops its rows. */
  depth: number;
}

/** Data sources whose relay publishes committed event rows at once (`OutboxRelay` option `direct`). */
const directPublishers = new WeakSet<DataSource>();

/** Marks `dataSource`'s relay as publishing straight after commits (true) or not (false). */
export function publishDirectly(dataSource: DataSource, on: boolean): void {
  if (on) directPublishers.add(dataSource);
  else directPublishers.delete(dataSource);
}

export interface OutboxOptions extends OutboxActor {
  /** The row id: the event's `eventId`, the call's `requestId`. Default: a new uuid. */
  id?: string;
  /**
   * Rows with the same stream key are sent one at a time, oldest first, across replicas: a row
   * waits while an older row of its stream is unsent (being retried included). "Oldest" is insert
   * order, so the writers of one stream must be serialised (e.g. by a lock on the entity's row).
   */
  stream?: string | null;
}

/** One event of a batch (`OutboxWriter.addMany`): a pattern of `EventPayloads` with its payload, and its options. */
export type OutboxEvent<P extends EventPattern = EventPattern> = EventMessage<P> & { options?: OutboxOptions };

/**
 * Rows per multi-row INSERT of a batch, and the statement size (bytes of JSON) at which a chunk is
 * closed early: far below MariaDB's `max_allowed_packet` (16 MiB by default), which a statement
 * must fit in.
 */
export const OUTBOX_INSERT_ROWS = 1000;
export const OUTBOX_INSERT_BYTES = 4 * 1024 * 1024;

const COLUMNS = '(id, kind, stream, target, pattern, data, meta, created_at, attempts, next_attempt_at)';
const PLACEHOLDERS = '(?, ?, ?, ?, ?, ?, ?, ?, 0, ?)';

/** A row's values in `COLUMNS` order (`attempts` is the literal 0). */
type RowValues = [string, OutboxKind, string | null, string | null, string, string, string, Date, Date];

/**
 * Writes messages to the outbox inside the business transaction: they exist if and only if the
 * change committed. Pass the transaction's `EntityManager` (from `dataSource.transaction`).
 */
export class OutboxWriter {
  /** An event for `<ns>.events` with its pattern's payload (`EventPayloads`); returns its id (the `eventId`). */
  async add<P extends EventPattern>(
    manager: EntityManager,
    pattern: P,
    data: EventPayloads[P],
    options: OutboxOptions = {},
  ): Promise<string> {
    const [id] = await this.insert(manager, [row('event', null, pattern, data, options, new Date(), traceHeadersOf())]);
    return id!;
  }

  /**
   * Several events in one go: the same rows as one `add` per event, in the given order, written
   * with one multi-row INSERT (chunked by `OUTBOX_INSERT_ROWS` / `OUTBOX_INSERT_BYTES`). The
   * database numbers rows (`seq`) in the order of the statement's VALUES and the chunks run one
   * after another, so rows of a stream keep their order within the batch. Returns the ids, in order.
   */
  addMany(manager: EntityManager, events: readonly OutboxEvent[]): Promise<string[]> {
    const now = new Date();
    const trace = traceHeadersOf();
    return this.insert(
      manager,
      events.map((e) => row('event', null, e.pattern, e.data, e.options ?? {}, now, trace)),
    );
  }

  /**
   * A call to `target` (e.g. `eoms`) with this app's stored credentials for it, retried until it
   * is answered; a handler registered with `OutboxRelay.onReply(pattern, …)` sees the answer.
   * Returns its id, which is the call's `requestId` on every attempt.
   */
  async call(
    manager: EntityManager,
    target: string,
    pattern: string,
    payload: Record<string, unknown>,
    options: OutboxOptions = {},
  ): Promise<string> {
    const [id] = await this.insert(manager, [row('call', target, pattern, payload, options, new Date(), traceHeadersOf())]);
    return id!;
  }

  private async insert(m: EntityManager, rows: RowValues[]): Promise<string[]> {
    if (!m.queryRunner?.isTransactionActive) throw new Error('the outbox needs the manager of an open transaction');
    if (rows.length === 0) return [];
    // Events outside any stream go out straight after the commit when this process's relay does
    // that: leased to it until then, so no claim picks them up meanwhile.
    const direct: DirectRow[] = [];
    if (directPublishers.has(m.dataSource)) {
      const until = new Date(Date.now() + DIRECT_LEASE_MS);
      const depth = depthOf(m.queryRunner);
      let room = DIRECT_MAX_ROWS - ((m.queryRunner.data[OUTBOX_DIRECT] as DirectRow[] | undefined)?.length ?? 0);
      for (const r of rows) {
        if (r[1] !== 'event' || r[2] !== null || room-- <= 0) continue;
        r[8] = until;
        const [id, , , , pattern, data, meta, createdAt] = r;
        direct.push({ id, pattern, data: JSON.parse(data), meta: JSON.parse(meta), createdAt, depth });
      }
    }
    // Plain SQL: this runs on every business write, and the query builder is measurably slower.
    for (const chunk of chunks(rows)) {
      await m.query(`INSERT INTO outbox_message ${COLUMNS} VALUES ${chunk.map(() => PLACEHOLDERS).join(', ')}`, chunk.flat());
    }
    if (direct.length) ((m.queryRunner.data[OUTBOX_DIRECT] as DirectRow[] | undefined) ??= []).push(...direct);
    if (direct.length < rows.length) m.queryRunner.data[OUTBOX_PENDING] = true;
    return rows.map((r) => r[0]);
  }
}

/** A query runner's nesting of transactions (TypeORM keeps it on the runner; 1 outside any savepoint). */
export function depthOf(runner: unknown): number {
  return (runner as { transactionDepth?: number }).transactionDepth ?? 1;
}

/** `trace`: the headers of the span active while the row is written (null outside any trace). */
function row(
  kind: OutboxKind,
  target: string | null,
  pattern: string,
  data: object,
  o: OutboxOptions,
  now: Date,
  trace: TraceHeaders | null,
): RowValues {
  const meta: OutboxMeta = { caller: o.caller ?? null, employeeId: o.employeeId ?? null, ...trace };
  return [o.id ?? randomUUID(), kind, o.stream ?? null, target, pattern, storedJson(data), storedJson(meta), now, now];
}

/**
 * JSON the database's JSON check accepts. JSON.stringify writes a lone UTF-16 surrogate (a caller
 * name as sent, say) as a `\udXXX` escape, which MariaDB's JSON_VALID refuses, and the whole change
 * then failed with 5000 (wire fuzz). It becomes U+FFFD, as it does in every utf8 column. The regex
 * consumes escaped backslashes first, so a literal backslash before `ud800` is left alone.
 */
export function storedJson(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes('\\ud')
    ? json.replace(/\\(?:\\|u(d[89a-f][0-9a-f]{2}))/g, (m: string, surrogate: string | undefined) => (surrogate ? '\\ufffd' : m))
    : json;
}

/** Consecutive runs of rows, each at most `OUTBOX_INSERT_ROWS` rows and (but for a single huge row) `OUTBOX_INSERT_BYTES`. */
function chunks(rows: RowValues[]): RowValues[][] {
  const out: RowValues[][] = [];
  let current: RowValues[] = [];
  let bytes = 0;
  for (const r of rows) {
    const size = Buffer.byteLength(r[5]) + Buffer.byteLength(r[6]) + 200;
    if (current.length && (current.length >= OUTBOX_INSERT_ROWS || bytes + size > OUTBOX_INSERT_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(r);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}
