import type { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FieldError } from '@crm/contracts';
import { flattenValidationErrors } from '@crm/runtime';
import type { InboxEvent } from './inbox-handler.decorator.js';

export type ParsedInboxEvent =
  { ok: true; event: InboxEvent } | { ok: false; reason: string; pattern?: string; eventId?: string; details?: FieldError[] };

/** Producers use UUIDs or hashes; anything printable and short enough for the key is accepted. */
const EVENT_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalString(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/**
 * Reads one delivery of `<ns>.events` (SPEC §2.3 envelope): never throws. A refusal names what is
 * wrong (field names and rules, never field values: events may carry personal data).
 */
/** Checks an event's seal (`data.mac`, SPEC §2.3 / docs/wire-contract.md): null when authentic, else why not. */
export type EventAuthenticator = (pattern: string, data: Record<string, unknown>) => string | null;

export async function parseInboxEvent(
  content: Buffer,
  payloadOf: (pattern: string) => Type<object> | undefined,
  authenticate: EventAuthenticator | null = null,
): Promise<ParsedInboxEvent> {
  let body: unknown;
  try {
    body = JSON.parse(content.toString('utf8'));
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (!isObject(body) || typeof body.pattern !== 'string' || !isObject(body.data))
    return { ok: false, reason: 'not an event envelope {pattern, data}' };
  const { pattern, data } = body;
  // Anyone who can publish to the broker can reach this queue: only events sealed by a CRM app are applied.
  const forged = authenticate?.(pattern, data) ?? null;
  if (forged) return { ok: false, reason: `not sealed by a CRM app (${forged})`, pattern };
  const eventId = typeof data.eventId === 'string' && EVENT_ID.test(data.eventId) ? data.eventId : undefined;
  if (!eventId) return { ok: false, reason: 'data.eventId missing or not 1-128 characters of [A-Za-z0-9._:-]', pattern };
  const occurredAt = typeof data.occurredAt === 'string' && ISO_TIME.test(data.occurredAt) ? new Date(data.occurredAt) : null;
  if (!occurredAt || Number.isNaN(occurredAt.getTime()))
    return { ok: false, reason: 'data.occurredAt missing or not an ISO-8601 time', pattern, eventId };
  const payload = payloadOf(pattern);
  if (!payload) return { ok: false, reason: `no handler for pattern ${pattern}`, pattern, eventId };
  const instance = plainToInstance(payload, data);
  const errors = await validate(instance, { whitelist: true, forbidUnknownValues: true, validationError: { target: false, value: false } });
  if (errors.length) return { ok: false, reason: 'payload failed validation', pattern, eventId, details: flattenValidationErrors(errors) };
  return {
    ok: true,
    event: {
      eventId,
      pattern,
      occurredAt,
      caller: optionalString(data.caller),
      employeeId: optionalString(data.employeeId),
      data: instance,
    },
  };
}
