import type { AlertRaisedData, AlertSeverity } from '@crm/contracts';
import type { AlertRow, AlertStatus } from './alert.repository.js';

/** One item of `GET /audit/alerts`. */
export interface AlertItem {
  id: string;
  rule: string;
  severity: AlertSeverity;
  status: AlertStatus;
  subject: string;
  title: string;
  details: Record<string, unknown>;
  occurrences: number;
  firstSeenAt: string;
  lastSeenAt: string;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  note: string | null;
  published: boolean;
}

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
const detailsOf = (row: AlertRow) => (typeof row.details === 'string' ? (JSON.parse(row.details) as Record<string, unknown>) : row.details);

export function toAlertItem(row: AlertRow): AlertItem {
  return {
    id: row.id,
    rule: row.rule,
    severity: row.severity,
    status: row.status,
    subject: row.subject,
    title: row.title,
    details: detailsOf(row),
    occurrences: Number(row.occurrences),
    firstSeenAt: new Date(row.first_seen_at).toISOString(),
    lastSeenAt: new Date(row.last_seen_at).toISOString(),
    raisedAt: new Date(row.raised_at).toISOString(),
    acknowledgedAt: iso(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    note: row.ack_note,
    published: row.published_at !== null,
  };
}

/** The event body of `audit.alert.raised.v1` (and the webhook's): what was raised, no secrets. */
export function toAlertRaised(row: AlertRow): AlertRaisedData {
  return {
    alertId: row.id,
    rule: row.rule,
    severity: row.severity,
    subject: row.subject,
    title: row.title,
    details: detailsOf(row),
    firstSeenAt: new Date(row.first_seen_at).toISOString(),
  };
}
