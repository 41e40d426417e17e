import { ALERT_FEED_PATTERNS, CALL_RECORDED_V1 } from '@crm/contracts';
import { parseCallEvent } from '../call-log/call-event.parser.js';
import type { EventAuthenticator } from '../ingest/event-authenticity.js';
import type { RuleCall } from './alert-rules.js';
import { readEventMessage, type MessageParser, type ParsedMessage } from '../ingest/event-message.js';

/**
 * What the rules read: a call from the call log (CallLogAlertTail), or one message of
 * `<ns>.audit.alert-feed`. The feed is no longer bound to call events; one still on it from before
 * the upgrade is read as before.
 */
export type FeedEvent =
  | { kind: 'call'; at: Date; call: RuleCall }
  | { kind: 'caller-expiring'; at: Date; eventId: string; caller: string; expiresAt: string }
  | { kind: 'log-purged'; at: Date; eventId: string; log: string; before: string; rows: number; forced: boolean; employeeId: string | null }
  | { kind: 'access-review-overdue'; at: Date; eventId: string; employeeId: string | null }
  | { kind: 'login-failed'; at: Date; eventId: string; employeeId: string; source: string | null };

export type ParsedFeedEvent = ParsedMessage<FeedEvent>;

const FEED_PATTERNS: readonly string[] = [CALL_RECORDED_V1, ...Object.values(ALERT_FEED_PATTERNS)];

const short = (v: unknown, width = 255): string | null => (typeof v === 'string' && v !== '' ? v.slice(0, width) : null);

function occurredAt(d: Record<string, unknown>): Date {
  const at = typeof d.occurredAt === 'string' ? new Date(d.occurredAt) : new Date(NaN);
  return Number.isNaN(at.getTime()) ? new Date() : at;
}

/**
 * Reads one feed message; never throws. Only events sealed by the CRM's apps count (a forged
 * call event must not raise or hide alerts). A message the rules cannot use is refused with a
 * reason (the consumer dead-letters it to `<ns>.audit.alert-feed.dead`).
 */
export function feedParser(auth: EventAuthenticator): MessageParser<FeedEvent> {
  return (content, properties = {}) => {
    const message = readEventMessage(auth, 'alert-feed', content, properties, FEED_PATTERNS, 'pattern is not one the alert rules read');
    return message.ok ? parseFeedEvent(message.pattern, message.data) : message;
  };
}

export function parseFeedEvent(pattern: string, d: Record<string, unknown>): ParsedFeedEvent {
  const eventId = short(d.eventId, 64) ?? '';
  switch (pattern) {
    case CALL_RECORDED_V1: {
      const parsed = parseCallEvent(d);
      return parsed.ok ? { ok: true, event: { kind: 'call', at: parsed.event.at, call: parsed.event } } : parsed;
    }
    case ALERT_FEED_PATTERNS.callerExpiring: {
      const caller = short(d.caller, 128);
      if (!caller) return { ok: false, reason: 'invalid caller' };
      return {
        ok: true,
        event: { kind: 'caller-expiring', at: occurredAt(d), eventId, caller, expiresAt: short(d.expiresAt, 40) ?? 'unknown' },
      };
    }
    case ALERT_FEED_PATTERNS.logPurged: {
      const log = short(d.log, 32);
      if (!log) return { ok: false, reason: 'invalid log' };
      const rows = typeof d.rows === 'number' && Number.isFinite(d.rows) ? d.rows : 0;
      return {
        ok: true,
        event: {
          kind: 'log-purged',
          at: occurredAt(d),
          eventId,
          log,
          before: short(d.before, 40) ?? 'unknown',
          rows,
          forced: d.forced === true,
          employeeId: short(d.employeeId, 128),
        },
      };
    }
    case ALERT_FEED_PATTERNS.accessReviewOverdue:
      return { ok: true, event: { kind: 'access-review-overdue', at: occurredAt(d), eventId, employeeId: short(d.employeeId, 128) } };
    case ALERT_FEED_PATTERNS.loginFailed: {
      const employeeId = short(d.employeeId, 128);
      if (!employeeId) return { ok: false, reason: 'invalid employeeId' };
      return { ok: true, event: { kind: 'login-failed', at: occurredAt(d), eventId, employeeId, source: short(d.source, 64) } };
    }
    default:
      return { ok: false, reason: `pattern ${pattern} has no reader` };
  }
}
