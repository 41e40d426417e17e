import { OPERATION_RECORDED_V1, type OperationChange, type OperationEvent } from '@crm/contracts';
import type { EventPublisher } from './event-publisher.js';

/** Field names whose values never leave the producer (SPEC §4.2: sensitive fields masked). */
export const SENSITIVE_FIELD = /password|secret|token|hash|ciphertext|pin|otp/i;
export const MASKED = '***';

export interface DiffOptions {
  /** Further field names to mask, matched exactly. */
  mask?: readonly string[];
}

export function isSensitiveField(field: string, mask: readonly string[] = []): boolean {
  return SENSITIVE_FIELD.test(field) || mask.includes(field);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

function plain(value: unknown): unknown {
  if (value === undefined) return null;
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * The changed fields between two versions of a record, old → new, in the order they first appear.
 * `before` null means created, `after` null means deleted. A sensitive field that changed is listed
 * with both values as '***': the log says that it changed, never what it was or became.
 */
export function diffChanges(
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>> | null,
  options: DiffOptions = {},
): OperationChange[] {
  const b = before ?? {};
  const a = after ?? {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const changes: OperationChange[] = [];
  for (const field of fields) {
    const oldValue = b[field];
    const newValue = a[field];
    if (same(oldValue, newValue)) continue;
    if (isSensitiveField(field, options.mask)) {
      changes.push({ field, old: oldValue === undefined || oldValue === null ? null : MASKED, new: newValue === undefined || newValue === null ? null : MASKED });
    } else {
      changes.push({ field, old: plain(oldValue), new: plain(newValue) });
    }
  }
  return changes;
}

/**
 * Publishes operation events (confirmed, persistent) for the audit operation log. Producers that
 * must not lose one write the event to their outbox in the transaction of the change instead, with
 * the same pattern and the event's id as the outbox row id (the relay's eventId).
 */
export class OperationLogPublisher {
  constructor(private readonly events: EventPublisher) {}

  async publish(event: OperationEvent): Promise<void> {
    await this.events.publish(OPERATION_RECORDED_V1, { ...event }, { eventId: event.id, occurredAt: new Date(event.at), caller: event.actorType === 'caller' ? event.actor : null, employeeId: event.actorType === 'employee' ? event.actor : null });
  }
}
