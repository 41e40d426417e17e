import { createHash, randomUUID } from 'node:crypto';
import type { AppName, CallDirection, CallEvent } from '@crm/contracts';

/** A fresh id per recorded call: ids the caller chooses (record `id`, `message_id`) never merge two calls. */
export function newCallEventId(): string {
  return randomUUID();
}

/**
 * What a redelivery of the same message has in common with its first delivery, and what two
 * different calls sharing an id do not: the raw body is part of it. Audit uses it only for events
 * the broker marked as redelivered (docs/design.md, "Audit ingest").
 */
export function callFingerprint(service: AppName, direction: CallDirection, recordKey: string, content: Buffer): string {
  const body = createHash('sha256').update(content).digest('hex');
  return createHash('sha256').update(`${service}|${direction}|${recordKey}|${body}`).digest('hex');
}

const MAX_MESSAGE = 500;

export function buildCallEvent(
  e: Omit<CallEvent, 'ok' | 'at' | 'mac' | 'redelivered' | 'fingerprint' | 'traceId' | 'spanId' | 'parentSpanId'> & {
    at?: Date;
    redelivered?: boolean;
    fingerprint?: string | null;
    /** The leg's span (`@crm/tracing`): its trace, its own id and the span it continues. */
    trace?: { traceId: string; spanId: string; parentSpanId: string | null };
  },
): CallEvent {
  const { at, redelivered, fingerprint, trace, ...rest } = e;
  return {
    ...rest,
    traceId: trace?.traceId ?? null,
    spanId: trace?.spanId ?? null,
    parentSpanId: trace?.parentSpanId ?? null,
    at: (at ?? new Date()).toISOString(),
    ok: e.code === 0,
    message: e.message === null ? null : e.message.slice(0, MAX_MESSAGE),
    redelivered: redelivered ?? false,
    fingerprint: fingerprint ?? null,
  };
}
