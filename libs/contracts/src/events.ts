/**
 * AMQP header carrying an event's seal: `<keyId>.<base64url HMAC-SHA256>` over a versioned label,
 * the namespace and the body bytes exactly as published (docs/wire-contract.md, "Sealed events").
 */
export const EVENT_MAC_HEADER = 'x-crm-event-mac';

/** Envelope of business events on `<ns>.events` (SPEC §2.3). */
export interface EventEnvelope<D extends object = Record<string, unknown>> {
  pattern: string;
  data: D & { eventId: string; occurredAt: string; caller?: string | null; employeeId?: string | null };
}

/** Published by auth whenever a caller's credentials or state change; every app drops its cache entry. */
export const CALLER_CHANGED_V1 = 'auth.caller.changed.v1';
export interface CallerChangedData {
  caller: string;
  /**
   * `failed`: a wrong password was recorded for this name; caches drop it so the caller's next
   * good call is checked at auth once, which resets its failure counter (success resets).
   */
  reason: 'rotated' | 'disabled' | 'enabled' | 'locked' | 'unlocked' | 'created' | 'expired' | 'updated' | 'failed';
}

/** Published by auth some days before a caller's credentials expire (audit raises an alert). */
export const CALLER_EXPIRING_V1 = 'auth.caller.expiring.v1';
export interface CallerExpiringData {
  caller: string;
  /** ISO-8601. */
  expiresAt: string;
}

/**
 * Published by auth when an employee's sessions end (disabled, logged out everywhere, password
 * reset, roles changed). Every app drops what it remembers about the employee, so a live access
 * token fails on its next use anywhere.
 */
export const EMPLOYEE_SESSIONS_REVOKED_V1 = 'auth.employee.sessions-revoked.v1';
export interface EmployeeSessionsRevokedData {
  employeeId: string;
  reason: 'disabled' | 'logout' | 'password-reset' | 'password-changed' | 'roles-changed' | 'review-revoked' | 'locked';
}
