import type { AppName } from './naming.js';

export const CALL_RECORDED_V1 = 'audit.call.recorded.v1';

export type CallDirection = 'inbound' | 'outbound';

/** One interface call, as stored by `audit` (SPEC §4.1). Never carries credentials. */
export interface CallEvent {
  /**
   * Random per processing of a delivery (uuid): two calls never share it, whatever id the caller
   * chose. It stays the same when the broker client re-sends the event itself.
   */
  id: string;
  /** ISO-8601 UTC with milliseconds. */
  at: string;
  direction: CallDirection;
  service: AppName;
  caller: string | null;
  callee: string;
  pattern: string | null;
  requestId: string | null;
  actor: string | null;
  code: number;
  ok: boolean;
  durationMs: number;
  message: string | null;
  source: string | null;
  /**
   * The broker's `redelivered` flag of the delivery this event records (a publisher cannot set
   * it); false for outbound calls. Audit keeps a redelivered event only when no row with its
   * fingerprint is stored yet.
   */
  redelivered: boolean;
  /** hex SHA-256 over (service, direction, record id, SHA-256 of the raw body); null for outbound calls. */
  fingerprint: string | null;
  /**
   * W3C trace context of this leg (docs/wire-contract.md, "Trace context"): the trace it belongs to
   * (the caller's `traceparent`, else a new one), its own span and the span it continues (the
   * caller's, or for an outbound call the local span that made it; null at the root of a trace).
   * Null in events of apps older than trace propagation.
   */
  traceId: string | null;
  spanId: string | null;
  parentSpanId: string | null;
  /** `<keyId>.<base64url HMAC>` added by the publisher (libs/security EventMac); see docs/wire-contract.md. */
  mac?: string;
}
