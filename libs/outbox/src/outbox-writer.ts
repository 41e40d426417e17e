import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { OperationEvent } from '@crm/contracts';
import { OPERATION_RECORDED_V1 } from '@crm/contracts';
import { OutboxMessageEntity, type OutboxMeta } from './outbox-message.entity.js';

/** Set on the transaction's query runner so the relay's commit hook knows there is something to send. */
export const OUTBOX_PENDING = 'crmOutboxPending';

/**
 * Writes events to the outbox inside the business transaction: the event exists if and only if the
 * change committed. Pass the transaction's `EntityManager` (from `dataSource.transaction`).
 */
export class OutboxWriter {
  async add(manager: EntityManager, pattern: string, data: Record<string, unknown>, meta: OutboxMeta & { id?: string } = {}): Promise<string> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('OutboxWriter.add needs the manager of an open transaction');
    const now = new Date();
    const id = meta.id ?? randomUUID();
    const row: OutboxMessageEntity = {
      id,
      pattern,
      data,
      meta: { caller: meta.caller ?? null, employeeId: meta.employeeId ?? null },
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
    };
    // JSON columns: TypeORM's deep-partial typing cannot see through Record<string, unknown>.
    await manager.getRepository(OutboxMessageEntity).insert(row as never);
    manager.queryRunner.data[OUTBOX_PENDING] = true;
    return id;
  }

  /** An operation-log entry (SPEC §4.2); its `id` becomes the event id, so audit stores it once. */
  addOperation(manager: EntityManager, event: OperationEvent): Promise<string> {
    return this.add(manager, OPERATION_RECORDED_V1, { ...event }, {
      id: event.id,
      caller: event.actorType === 'caller' ? event.actor : null,
      employeeId: event.actorType === 'employee' ? event.actor : null,
    });
  }
}
