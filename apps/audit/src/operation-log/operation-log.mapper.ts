import type { OperationChange } from '@crm/contracts';
import type { StorableOperationEvent } from './operation-event.parser.js';
import type { OperationLogRow } from './operation-log.repository.js';

/** One item of `GET /audit/operations`: the fields of SPEC §4.2, as stored. */
export interface OperationLogItem extends Omit<StorableOperationEvent, 'at'> {
  at: string;
}

export function toOperationLogItem(row: OperationLogRow): OperationLogItem {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    service: row.service,
    actorType: row.actor_type,
    actor: row.actor,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    changes: (typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes) as OperationChange[],
    requestId: row.request_id,
  };
}
