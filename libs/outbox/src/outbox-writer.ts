import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventPattern, EventPayloads } from '@crm/contracts';
import type { OutboxKind, OutboxMeta } from './outbox-message.entity.js';

/** Set on the transaction's query runner so the relay's commit hook knows there is something to send. */
export const OUTBOX_PENDING = 'crmOutboxPending';

export interface OutboxOptions extends OutboxMeta {
  /** The row id: the event's `eventId`, the call's `requestId`. Default: a new uuid. */
  id?: string;
  /**
   * Rows with the same stream key are sent one at a time, oldest first, across replicas: a row
   * waits while an older row of its stream is unsent (being retried included). "Oldest" is insert
   * order, so the writers of one stream must be serialised (e.g. by a lock on the entity's row).
   */
  stream?: string | null;
}

/**
 * Writes messages to the outbox inside the business transaction: they exist if and only if the
 * change committed. Pass the transaction's `EntityManager` (from `dataSource.transaction`).
 */
export class OutboxWriter {
  /** An event for `<ns>.events` with its pattern's payload (`EventPayloads`); returns its id (the `eventId`). */
  add<P extends EventPattern>(manager: EntityManager, pattern: P, data: EventPayloads[P], options: OutboxOptions = {}): Promise<string> {
    return this.insert(manager, 'event', null, pattern, data, options);
  }

  /**
   * A call to `target` (e.g. `eoms`) with this app's stored credentials for it, retried until it
   * is answered; a handler registered with `OutboxRelay.onReply(pattern, …)` sees the answer.
   * Returns its id, which is the call's `requestId` on every attempt.
   */
  call(
    manager: EntityManager,
    target: string,
    pattern: string,
    payload: Record<string, unknown>,
    options: OutboxOptions = {},
  ): Promise<string> {
    return this.insert(manager, 'call', target, pattern, payload, options);
  }

  private async insert(
    m: EntityManager,
    kind: OutboxKind,
    target: string | null,
    pattern: string,
    data: object,
    o: OutboxOptions,
  ): Promise<string> {
    if (!m.queryRunner?.isTransactionActive) throw new Error('the outbox needs the manager of an open transaction');
    const now = new Date();
    const id = o.id ?? randomUUID();
    // Plain SQL: this runs on every business write, and the query builder is measurably slower.
    await m.query(
      'INSERT INTO outbox_message (id, kind, stream, target, pattern, data, meta, created_at, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)',
      [
        id,
        kind,
        o.stream ?? null,
        target,
        pattern,
        JSON.stringify(data),
        JSON.stringify({ caller: o.caller ?? null, employeeId: o.employeeId ?? null }),
        now,
        now,
      ],
    );
    m.queryRunner.data[OUTBOX_PENDING] = true;
    return id;
  }
}
