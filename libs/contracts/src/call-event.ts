import type { AppName } from './naming.js';

export const CALL_RECORDED_V1 = 'audit.call.recorded.v1';

export type CallDirection = 'inbound' | 'outbound';

/** One interface call, as stored by `audit` (SPEC §4.1). Never carries credentials. */
export interface CallEvent {
  /** Deterministic: a redelivered call yields the same id, so the store keeps it once. */
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
}
