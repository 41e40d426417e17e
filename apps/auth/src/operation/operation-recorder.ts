import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OperationChange } from '@crm/contracts';
import { OutboxWriter } from '@crm/outbox';

/** Who made a change: an employee (HTTP, operator token), or a system caller such as the admin CLI. */
export interface Actor {
  type: 'employee' | 'caller';
  id: string;
}

/** The admin CLI acts as the system caller `cli` (it runs with database access, not as an employee). */
export const CLI_ACTOR: Actor = { type: 'caller', id: 'cli' };

export interface OperationEntry {
  entity: 'employee' | 'role' | 'caller' | 'access-review' | 'team';
  entityId: string;
  action: string;
  changes: OperationChange[];
  requestId?: string | null;
}

/**
 * Writes auth's operation-log entries (SPEC §4.2) to the outbox in the transaction of the change,
 * so an entry exists exactly when the change committed. Build `changes` with `diffChanges`.
 */
@Injectable()
export class OperationRecorder {
  constructor(@Inject(OutboxWriter) private readonly outbox: OutboxWriter) {}

  async record(manager: EntityManager, actor: Actor, entry: OperationEntry): Promise<void> {
    await this.outbox.addOperation(manager, {
      id: randomUUID(),
      at: new Date().toISOString(),
      service: 'auth',
      actorType: actor.type,
      actor: actor.id,
      entity: entry.entity,
      entityId: entry.entityId,
      action: entry.action,
      changes: entry.changes,
      requestId: entry.requestId ?? null,
    });
  }
}
