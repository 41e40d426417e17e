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
   * W3C trace id of this leg (docs/wire-contract.md, "Trace context"): the caller's `traceparent`,
   * else a new trace. Null (or absent) in events of apps older than trace propagation.
   */
  traceId: string | null;
  /** This leg's own span id (16 hex digits); null when `traceId` is. */
  spanId: string | null;
  /** The span this leg continues: the caller's for an inbound call, the local call's for an outbound one; null at the root of a trace. */
  parentSpanId: string | null;
  /**
   * Seal v1 of events published before the `x-crm-event-mac` header (libs/security EventMac); new
   * events never carry it. Goes once no queue holds v1 events (docs/design.md, "Event MAC v1 and v2").
   */
  mac?: string;
}
