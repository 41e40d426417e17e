import type { AlertConfig } from '../audit.config.js';
import type { FeedEvent } from './alert-feed.parser.js';
import {
  authFailureOccurrences,
  classifyCall,
  classifyLoginFailure,
  errorRateBreached,
  latencyBreached,
  windowRange,
  type AlertTrigger,
  type CounterIncrement,
  type CounterName,
  type CounterSpec,
} from './alert-rules.js';

/** A windowed count a batch touched: what it added and the latest slot it added to. */
export interface TouchedCounter {
  counter: CounterName;
  subject: string;
  /** Latest slot this batch added to: the window read ends there. */
  slot: number;
  batchTotal: number;
  batchHits: number;
  lastAt: Date;
}

export interface BatchPlan {
  /** Aggregated per (counter, subject, slot): one row of the upsert each. */
  increments: CounterIncrement[];
  touched: TouchedCounter[];
  /** Triggers that need no window (an event that is an alert in itself). */
  triggers: AlertTrigger[];
}

export interface WindowSum {
  total: number;
  hits: number;
}

export const counterKey = (counter: CounterName, subject: string) => `${counter}\u0000${subject}`;

function eventTrigger(e: Exclude<FeedEvent, { kind: 'call' | 'login-failed' }>): AlertTrigger {
  switch (e.kind) {
    case 'caller-expiring':
      return {
        rule: 'credential-expiring',
        severity: 'warning',
        subject: e.caller,
        title: `credential of caller ${e.caller} expires at ${e.expiresAt}`,
        details: { caller: e.caller, expiresAt: e.expiresAt, eventId: e.eventId },
        occurrences: 1,
        at: e.at,
      };
    case 'log-purged':
      return {
        rule: 'log-purged',
        severity: e.forced ? 'critical' : 'warning',
        subject: `${e.log} before ${e.before}`,
        title: `${e.rows} rows purged from the ${e.log} log (before ${e.before})${e.forced ? ', forced without a backup' : ''}${e.employeeId ? ` by ${e.employeeId}` : ''}`,
        details: { log: e.log, before: e.before, rows: e.rows, forced: e.forced, employeeId: e.employeeId, eventId: e.eventId },
        occurrences: 1,
        at: e.at,
      };
    case 'access-review-overdue':
      return {
        rule: 'access-review-overdue',
        severity: 'warning',
        subject: e.employeeId ?? 'access review',
        title: e.employeeId ? `access review of ${e.employeeId} is overdue` : 'an access review is overdue',
        details: { employeeId: e.employeeId, eventId: e.eventId },
        occurrences: 1,
        at: e.at,
      };
  }
}

/** What a batch of feed events adds to the counters, and the triggers that need no window. */
export function planBatch(events: readonly FeedEvent[], config: AlertConfig, specs: Record<CounterName, CounterSpec>): BatchPlan {
  const rows = new Map<string, CounterIncrement>();
  const touched = new Map<string, TouchedCounter>();
  const triggers: AlertTrigger[] = [];
  const add = (inc: CounterIncrement, at: Date) => {
    const rowKey = `${counterKey(inc.counter, inc.subject)}\u0000${inc.slot}`;
    const row = rows.get(rowKey);
    if (row) {
      row.total += inc.total;
      row.hits += inc.hits;
    } else rows.set(rowKey, { ...inc });
    const key = counterKey(inc.counter, inc.subject);
    const t = touched.get(key);
    if (t) {
      t.slot = Math.max(t.slot, inc.slot);
      t.batchTotal += inc.total;
      t.batchHits += inc.hits;
      if (at > t.lastAt) t.lastAt = at;
    } else
      touched.set(key, {
        counter: inc.counter,
        subject: inc.subject,
        slot: inc.slot,
        batchTotal: inc.total,
        batchHits: inc.hits,
        lastAt: at,
      });
  };
  for (const e of events) {
    if (e.kind === 'login-failed') {
      add(classifyLoginFailure(e.employeeId, e.at, specs), e.at);
      continue;
    }
    if (e.kind !== 'call') {
      triggers.push(eventTrigger(e));
      continue;
    }
    const classified = classifyCall(e.call, config, specs);
    triggers.push(...classified.triggers);
    for (const inc of classified.increments) add(inc, e.at);
  }
  return { increments: [...rows.values()], touched: [...touched.values()], triggers };
}

/** The slot range to read for a touched counter (its window ending at its latest slot). */
export function rangeOf(t: TouchedCounter): [number, number] {
  return windowRange(t.slot);
}

/**
 * The windowed rules, given each touched counter's window sum (this batch included). A pattern
 * rule adds one occurrence per offending call of the batch while the window is in breach.
 */
export function evaluateWindows(touched: readonly TouchedCounter[], sums: ReadonlyMap<string, WindowSum>, c: AlertConfig): AlertTrigger[] {
  const out: AlertTrigger[] = [];
  for (const t of touched) {
    const sum = sums.get(counterKey(t.counter, t.subject)) ?? { total: t.batchTotal, hits: t.batchHits };
    switch (t.counter) {
      case 'auth-failure': {
        const occurrences = authFailureOccurrences(sum.hits, t.batchHits, c.authFailures);
        if (occurrences > 0) {
          out.push({
            rule: 'auth-failures',
            severity: 'critical',
            subject: t.subject,
            title: `${sum.hits} failed authentications by caller ${t.subject} within ${c.authWindowMs / 1000} s`,
            details: { caller: t.subject, failures: sum.hits, threshold: c.authFailures, windowSeconds: c.authWindowMs / 1000 },
            occurrences,
            at: t.lastAt,
          });
        }
        break;
      }
      case 'login-failure': {
        const occurrences = authFailureOccurrences(sum.hits, t.batchHits, c.loginFailures);
        if (occurrences > 0) {
          out.push({
            rule: 'login-failures',
            severity: 'critical',
            subject: t.subject,
            title: `${sum.hits} failed logins for employee ID ${t.subject} within ${c.loginWindowMs / 1000} s`,
            details: { employeeId: t.subject, failures: sum.hits, threshold: c.loginFailures, windowSeconds: c.loginWindowMs / 1000 },
            occurrences,
            at: t.lastAt,
          });
        }
        break;
      }
      case 'pattern-error':
        if (t.batchHits > 0 && errorRateBreached(sum.total, sum.hits, c.errorRatePercent, c.errorRateMinCalls)) {
          out.push({
            rule: 'error-rate',
            severity: 'warning',
            subject: t.subject,
            title: `${Math.round((sum.hits * 100) / sum.total)} % of ${sum.total} calls to ${t.subject} failed within ${c.errorRateWindowMs / 1000} s`,
            details: {
              pattern: t.subject,
              calls: sum.total,
              failed: sum.hits,
              thresholdPercent: c.errorRatePercent,
              minCalls: c.errorRateMinCalls,
              windowSeconds: c.errorRateWindowMs / 1000,
            },
            occurrences: t.batchHits,
            at: t.lastAt,
          });
        }
        break;
      case 'pattern-latency':
        if (t.batchHits > 0 && latencyBreached(sum.total, sum.hits, c.latencyMinCalls)) {
          out.push({
            rule: 'latency',
            severity: 'warning',
            subject: t.subject,
            title: `p95 of ${t.subject} above ${c.latencyP95Ms} ms (${sum.hits} of ${sum.total} calls slower) within ${c.latencyWindowMs / 1000} s`,
            details: {
              pattern: t.subject,
              calls: sum.total,
              slowerThanThreshold: sum.hits,
              p95ThresholdMs: c.latencyP95Ms,
              minCalls: c.latencyMinCalls,
              windowSeconds: c.latencyWindowMs / 1000,
            },
            occurrences: t.batchHits,
            at: t.lastAt,
          });
        }
        break;
    }
  }
  return out;
}
