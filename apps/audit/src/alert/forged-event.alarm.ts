import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ForgedEventSummary } from '../ingest/event-authenticity.js';
import { AlertEngine } from './alert-engine.js';
import type { AlertTrigger } from './alert-rules.js';

/** Reports are gathered this long and raised as one upsert per subject: a flood costs one statement a second. */
const FLUSH_MS = 1000;
/** Subjects are (queue, broker user); the broker validates the user, so this bound is never reached honestly. */
const MAX_SUBJECTS = 100;

interface Pending {
  last: ForgedEventSummary;
  count: number;
  firstAt: Date;
  at: Date;
}

/** The `forged-event` alert for one subject. Only the sanitised summary goes into it. */
export function forgedEventTrigger(subject: string, p: Pending): AlertTrigger {
  const s = p.last;
  return {
    rule: 'forged-event',
    severity: 'critical',
    subject,
    title: `audit refused ${p.count} event(s) on its ${s.queue} queue not published by a CRM app (${s.reason})`,
    details: {
      queue: s.queue,
      publisher: s.publisher,
      reason: s.reason,
      pattern: s.pattern,
      service: s.service,
      bytes: s.bytes,
      refused: p.count,
    },
    occurrences: p.count,
    at: p.at,
    firstAt: p.firstAt,
  };
}

/**
 * Raises `forged-event` when an audit queue receives a message without a valid MAC (or from an
 * untrusted broker user). Reports are merged per (queue, publisher) and written at most once a
 * second; an open alert of the same subject absorbs them (occurrences add up).
 */
@Injectable()
export class ForgedEventAlarm implements OnApplicationShutdown {
  private readonly log = new Logger('ForgedEventAlarm');
  private pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | null = null;

  constructor(@Inject(AlertEngine) private readonly engine: Pick<AlertEngine, 'raise'>) {}

  report(summary: ForgedEventSummary): void {
    const subject = `${summary.queue}:${summary.publisher ?? 'unknown publisher'}`;
    const now = new Date();
    const seen = this.pending.get(subject);
    if (seen) {
      seen.count += 1;
      seen.last = summary;
      seen.at = now;
    } else if (this.pending.size < MAX_SUBJECTS) {
      this.pending.set(subject, { last: summary, count: 1, firstAt: now, at: now });
    }
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.engine.raise([...batch].map(([subject, p]) => forgedEventTrigger(subject, p)));
    } catch (error) {
      // Kept for the next round (the refusal itself is already in the log and the metrics).
      for (const [subject, p] of batch) {
        const now = this.pending.get(subject);
        if (now) {
          now.count += p.count;
          now.firstAt = p.firstAt;
        } else if (this.pending.size < MAX_SUBJECTS) this.pending.set(subject, p);
      }
      this.log.warn({ msg: 'forged-event alert not stored yet, retrying', err: (error as Error).message?.slice(0, 200) });
      this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS * 5);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
