import type { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FieldError } from '@crm/contracts';
import { flattenValidationErrors } from '@crm/runtime';
import { openSealedEvent, parseEnvelope, type EventVerifier } from '@crm/messaging';
import type { InboxEvent } from './inbox-handler.decorator.js';

export type ParsedInboxEvent =
  { ok: true; event: InboxEvent } | { ok: false; reason: string; pattern?: string; eventId?: string; details?: FieldError[] };

/** Producers use UUIDs or hashes; anything printable and short enough for the key is accepted. */
const EVENT_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

function optionalString(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/**
 * Events can be large (an operation entry diffing a record) but never deeper than a few levels:
 * bounds checked on the bytes before anything is parsed.
 */
const INBOX_LIMITS = { maxBytes: 16 * 1024 * 1024, maxDepth: 64 };

/**
 * Reads one delivery of `<ns>.events` (SPEC §2.3 envelope): never throws. With a verifier (every
 * app's inbox has one) only events sealed by a CRM app are read (openSealedEvent: the MAC over the
 * body is checked before parsing; v1 seals inside `data` still verify). A refusal names what is
 * wrong (field names and rules, never field values: events may carry personal data).
 */
export async function parseInboxEvent(
  content: Buffer,
  headers: Record<string, unknown> | undefined,
  payloadOf: (pattern: string) => Type<object> | undefined,
  verifier: EventVerifier | null = null,
): Promise<ParsedInboxEvent> {
  // Anyone who can publish to the broker can reach this queue: only events sealed by a CRM app are applied.
  const opened = verifier ? openSealedEvent(verifier, content, headers, INBOX_LIMITS) : parseEnvelope(content, INBOX_LIMITS);
  if (!opened.ok) {
    const unsealed = 'kind' in opened && opened.kind === 'unsealed';
    return {
      ok: false,
      reason: unsealed ? `not sealed by a CRM app (${opened.reason})` : opened.reason,
      pattern: opened.pattern ?? undefined,
    };
  }
  const { pattern, data } = opened;
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
