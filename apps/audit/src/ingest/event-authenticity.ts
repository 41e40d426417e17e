import type { CrmConfig } from '@crm/config';
import { openSealedEvent, type EventVerifier } from '@crm/messaging';
import { EventMac } from '@crm/security';
import type { AuditConfig } from '../audit.config.js';

/**
 * Events are written by the apps, not by partners, but the queues can be reached by anyone with
 * broker access: bounded like requests, with room for an operation entry that diffs a large record.
 */
const INGEST_LIMITS = { maxBytes: 16 * 1024 * 1024, maxDepth: 64 };

/** The audit queues whose events are authenticated. */
export type IngestQueue = 'calls' | 'operations' | 'alert-feed';

/**
 * What audit keeps of an event it refused as not coming from the CRM's apps: a bounded, sanitised
 * summary (for the `forged-event` alert and the log), never the sender's text as sent.
 */
export interface ForgedEventSummary {
  queue: IngestQueue;
  reason: string;
  /** The AMQP `user_id` (validated by RabbitMQ when present), or null. */
  publisher: string | null;
  /** The pattern and the service the message claimed, sanitised and cut. */
  pattern: string | null;
  service: string | null;
  bytes: number;
}

/** Where refused foreign events are reported (ForgedEventAlarm: the `forged-event` alert). */
export interface ForgedEventSink {
  report(summary: ForgedEventSummary): void;
}

export type OpenedEvent =
  { ok: true; pattern: string; data: Record<string, unknown> } | { ok: false; reason: string; forged: ForgedEventSummary };

/** Only a conservative set of characters survives, cut to `width`: no markup, no control characters, no formula lead. */
export function sanitize(value: unknown, width: number): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const clean = value.slice(0, width).replace(/[^A-Za-z0-9._:@/-]/g, '?');
  // '=' and '+' are already replaced; '-' and '@' may still start a spreadsheet formula.
  return /^[-@]/.test(clean) ? `'${clean.slice(0, width - 1)}` : clean;
}

/**
 * Decides whether a message on an audit queue was published by one of the CRM's apps: a valid
 * MAC (EventMac, key derived from the master key; over the body bytes in the `x-crm-event-mac`
 * header, checked before parsing, or v1 inside `data` for events sealed before the upgrade) is
 * required; when AUDIT_TRUSTED_PUBLISHERS is configured and the message carries an AMQP `user_id`
 * (which RabbitMQ checks against the publishing connection's user), that user must be on the list
 * too. The broker's permissions are the first line; this check does not depend on them (anyone
 * with write on `amq.default` can put a message into any queue).
 */
export class EventAuthenticator {
  constructor(
    private readonly mac: EventVerifier,
    private readonly trustedPublishers: readonly string[],
  ) {}

  /** The MAC key comes from the master keys (platform part), the publisher list from audit's part. */
  static fromConfig(config: CrmConfig, audit: AuditConfig): EventAuthenticator {
    return new EventAuthenticator(new EventMac(config.namespace, config.masterKeys), audit.trustedPublishers);
  }

  /** Reads the envelope (the transport's parser) and authenticates it; never throws. */
  open(queue: IngestQueue, content: Buffer, properties: { userId?: unknown; headers?: Record<string, unknown> } = {}): OpenedEvent {
    const publisher = sanitize(properties.userId, 64);
    const refuse = (reason: string, pattern: unknown = null, data: Record<string, unknown> | null = null): OpenedEvent => ({
      ok: false,
      reason,
      forged: { queue, reason, publisher, pattern: sanitize(pattern, 100), service: sanitize(data?.service, 32), bytes: content.length },
    });
    if (this.trustedPublishers.length > 0 && typeof properties.userId === 'string' && !this.trustedPublishers.includes(properties.userId)) {
      return refuse('publisher not trusted');
    }
    // The kit's reader of sealed events (libs/messaging), shared with the inboxes.
    const opened = openSealedEvent(this.mac, content, properties.headers, INGEST_LIMITS);
    if (!opened.ok) return refuse(opened.reason, opened.pattern, opened.data);
    return { ok: true, pattern: opened.pattern, data: opened.data };
  }
}
