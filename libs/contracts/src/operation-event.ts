import type { AppName } from './naming.js';

export const OPERATION_RECORDED_V1 = 'audit.operation.recorded.v1';

export type OperationActorType = 'employee' | 'caller';

/** One changed field; sensitive fields carry '***' instead of their values. */
export interface OperationChange {
  field: string;
  old: unknown;
  new: unknown;
}

/** One change to business data, as stored by `audit` (SPEC §4.2). */
export interface OperationEvent {
  /** Chosen by the producer (deterministic or a uuid written with the change), so a redelivery is stored once. */
  id: string;
  /** ISO-8601 UTC with milliseconds. */
  at: string;
  service: AppName;
  actorType: OperationActorType;
  /** Employee ID, or the caller's name when a system caller acted. */
  actor: string;
  /** e.g. 'workorder', 'caller', 'employee'. */
  entity: string;
  entityId: string;
  action: string;
  changes: OperationChange[];
  requestId: string | null;
}
