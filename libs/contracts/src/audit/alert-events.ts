/** Published by `audit` on `<ns>.events` once per alert (incident), SPEC §4.3. Never carries secrets. */
export const ALERT_RAISED_V1 = 'audit.alert.raised.v1';

export type AlertSeverity = 'info' | 'warning' | 'critical';

export interface AlertRaisedData {
  alertId: string;
  rule: string;
  severity: AlertSeverity;
  /** What the alert is about: a caller, a pattern, a queue, a log, an employee ID. */
  subject: string;
  title: string;
  /** The figures that made the rule fire (counts, thresholds, codes). */
  details: Record<string, unknown>;
  firstSeenAt: string;
}

/**
 * Events from other owners that the alert rules read. Their producers own the contracts; audit
 * only names the routing keys it binds its alert feed to.
 */
export const ALERT_FEED_PATTERNS = {
  callerExpiring: 'auth.caller.expiring.v1',
  logPurged: 'audit.log.purged.v1',
  accessReviewOverdue: 'auth.access-review.overdue.v1',
  loginFailed: 'auth.login.failed.v1',
} as const;
