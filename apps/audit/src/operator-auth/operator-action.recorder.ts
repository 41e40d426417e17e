import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { OperationChange } from '@crm/contracts';
import { EventPublisher, OperationLogPublisher } from '@crm/messaging';
import type { Operator } from '@crm/security';

export interface OperatorAction {
  /** What was acted on, e.g. 'call-log', 'operation-log', 'alert', 'backup'. */
  entity: string;
  /** The record's id, or a description of the range acted on. */
  entityId: string;
  /** e.g. 'query', 'export', 'purge', 'acknowledge'. */
  action: string;
  /** The action's parameters (filters, range, format), stored as changes with `old: null`. */
  details?: Record<string, unknown>;
}

/**
 * Records what operators do in the audit app (SPEC §4.3: their queries are themselves recorded).
 * It goes through the broker like every other operation event, so the stored row takes the same
 * ingest path (idempotent, batched, chained) as everyone else's.
 */
@Injectable()
export class OperatorActionRecorder {
  private readonly publisher: OperationLogPublisher;

  constructor(@Inject(EventPublisher) events: EventPublisher) {
    this.publisher = new OperationLogPublisher(events);
  }

  async record(operator: Operator, action: OperatorAction, requestId: string | null = null): Promise<void> {
    const changes: OperationChange[] = Object.entries(action.details ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) => ({ field, old: null, new: value instanceof Date ? value.toISOString() : value }));
    await this.publisher.publish({
      id: randomUUID(),
      at: new Date().toISOString(),
      service: 'audit',
      actorType: 'employee',
      actor: operator.employeeId,
      entity: action.entity,
      entityId: action.entityId.slice(0, 128),
      action: action.action,
      changes,
      requestId,
    });
  }
}
