import type { OperationActorType, OperationChange } from '@crm/contracts';
import type { OperationLogRow } from './operation-log.repository.js';

/** One item of `GET /audit/operations`: the fields of SPEC §4.2. */
export interface OperationLogItem {
  id: string;
  at: string;
  service: string;
  actorType: OperationActorType;
  actor: string;
  entity: string;
  entityId: string;
  action: string;
  changes: OperationChange[];
  requestId: string | null;
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
