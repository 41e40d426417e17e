import { OPERATION_RECORDED_V1, type OperationActorType, type OperationChange, type OperationEvent } from '@crm/contracts';
import type { EventAuthenticator } from '../ingest/event-authenticity.js';
import { eventIdentity, readEventMessage, type MessageParser, type ParsedMessage } from '../ingest/event-message.js';

/** An operation event as it will be stored: the time parsed, the service any name that fits. */
export interface StorableOperationEvent extends Omit<OperationEvent, 'service' | 'at'> {
  service: string;
  at: Date;
}

export type ParsedOperationEvent = ParsedMessage<StorableOperationEvent>;

/** Column widths of operation_log. Identifying fields longer than this are refused (they would not be found again); requestId is cut. */
export const OPERATION_LOG_WIDTHS = {
  service: 32,
  actor: 128,
  entity: 64,
  entityId: 128,
  action: 64,
  requestId: 255,
} as const;

/** Far beyond any real diff; a bigger one is a producer bug, dead-lettered rather than stored. */
const MAX_CHANGES_BYTES = 256 * 1024;
const ACTOR_TYPES: readonly OperationActorType[] = ['employee', 'caller'];

function name(value: unknown, width: number): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= width ? value : undefined;
}

/**
 * Reads one message of `<ns>.audit.operations`. Producers publish through EventPublisher (directly
 * or via an outbox relay), so the OperationEvent is the envelope's `data`, next to the publisher's
 * eventId/occurredAt/caller/employeeId and its MAC. A message not sealed by one of our apps is
 * refused as forged; anything else unusable is refused with a reason; nothing here throws.
 */
export function operationEventParser(auth: EventAuthenticator): MessageParser<StorableOperationEvent> {
  return (content, properties = {}) => {
    const message = readEventMessage(auth, 'operations', content, properties, [OPERATION_RECORDED_V1]);
    return message.ok ? parseOperationEvent(message.data) : message;
  };
}

export function parseOperationEvent(d: Record<string, unknown>): ParsedOperationEvent {
  const bad = (field: string): ParsedOperationEvent => ({ ok: false, reason: `invalid ${field}` });
  const identity = eventIdentity(d);
  if (!identity.ok) return identity;
  const { id, at } = identity;
  const service = name(d.service, OPERATION_LOG_WIDTHS.service);
  if (!service) return bad('service');
  if (!ACTOR_TYPES.includes(d.actorType as OperationActorType)) return bad('actorType');
  const actor = name(d.actor, OPERATION_LOG_WIDTHS.actor);
  if (!actor) return bad('actor');
  const entity = name(d.entity, OPERATION_LOG_WIDTHS.entity);
  if (!entity) return bad('entity');
  const entityId = name(d.entityId, OPERATION_LOG_WIDTHS.entityId);
  if (!entityId) return bad('entityId');
  const action = name(d.action, OPERATION_LOG_WIDTHS.action);
  if (!action) return bad('action');
  if (!Array.isArray(d.changes)) return bad('changes');
  const changes: OperationChange[] = [];
  for (const c of d.changes as unknown[]) {
    if (typeof c !== 'object' || c === null || typeof (c as { field?: unknown }).field !== 'string') return bad('changes');
    const { field, old, new: now } = c as { field: string; old?: unknown; new?: unknown };
    changes.push({ field, old: old ?? null, new: now ?? null });
  }
  if (JSON.stringify(changes).length > MAX_CHANGES_BYTES) return bad('changes');
  let requestId: string | null = null;
  if (d.requestId !== undefined && d.requestId !== null) {
    if (typeof d.requestId !== 'string') return bad('requestId');
    requestId = d.requestId.slice(0, OPERATION_LOG_WIDTHS.requestId);
  }
  return {
    ok: true,
    event: { id, at, service, actorType: d.actorType as OperationActorType, actor, entity, entityId, action, changes, requestId },
  };
}
