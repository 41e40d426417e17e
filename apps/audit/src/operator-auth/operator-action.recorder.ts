import { Inject, Injectable } from '@nestjs/common';
import { ChangeRecorder } from '@crm/outbox';
import type { Operator } from '@crm/security';

/** The actions that only read (`GET /audit/operations?ownReads=false` hides an operator's own). */
export const OPERATOR_READ_ACTIONS: readonly string[] = ['query', 'view'];

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
 * The entry goes through audit's outbox and the broker like every other operation event, so the
 * stored row takes the same ingest path (idempotent, batched, chained) as everyone else's.
 */
@Injectable()
export class OperatorActionRecorder {
  constructor(@Inject(ChangeRecorder) private readonly changes: ChangeRecorder) {}

  async record(operator: Operator, action: OperatorAction, requestId: string | null = null): Promise<void> {
    await this.changes.record(
      null,
      { caller: null, employeeId: operator.employeeId, requestId },
      { entity: action.entity, entityId: action.entityId.slice(0, 128), action: action.action, before: null, after: action.details ?? {} },
    );
  }
}
