/** Envelope of business events on `<ns>.events` (SPEC §2.3). */
export interface EventEnvelope<D extends object = Record<string, unknown>> {
  pattern: string;
  data: D & { eventId: string; occurredAt: string; caller?: string | null; employeeId?: string | null };
}

/** Published by auth whenever a caller's credentials or state change; every app drops its cache entry. */
export const CALLER_CHANGED_V1 = 'auth.caller.changed.v1';
export interface CallerChangedData {
  caller: string;
  reason: 'rotated' | 'disabled' | 'enabled' | 'locked' | 'unlocked' | 'created' | 'expired' | 'updated';
}
