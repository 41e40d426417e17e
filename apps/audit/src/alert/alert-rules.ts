import type { AlertConfig } from '../audit.config.js';
import { APP_NAMES, CALLER_VERIFY_V1, ErrorCode, type AlertSeverity } from '@crm/contracts';
import type { StorableCallEvent } from '../call-log/call-event.parser.js';

/** Every rule an alert can come from; the name is part of the deduplication key. */
export type AlertRule =
  | 'auth-failures'
  | 'login-failures'
  | 'caller-disabled-use'
  | 'caller-locked-use'
  | 'caller-expired-use'
  | 'credential-expiring'
  | 'error-rate'
  | 'latency'
  | 'ingest-lag'
  | 'dead-letters'
  | 'log-purged'
  | 'access-review-overdue'
  | 'forged-event';

export const ALERT_RULES: readonly AlertRule[] = [
  'auth-failures',
  'login-failures',
  'caller-disabled-use',
  'caller-locked-use',
  'caller-expired-use',
  'credential-expiring',
  'error-rate',
  'latency',
  'ingest-lag',
  'dead-letters',
  'log-purged',
  'access-review-overdue',
  'forged-event',
];

/** One reason to raise (or add to) an alert. An open alert with the same rule and subject absorbs it. */
export interface AlertTrigger {
  rule: AlertRule;
  severity: AlertSeverity;
  subject: string;
  title: string;
  details: Record<string, unknown>;
  /** How many offending events this trigger stands for. */
  occurrences: number;
  /** When the offending event happened (the call's time, not when audit saw it). */
  at: Date;
  /** The earliest offending event when several were merged into this trigger. */
  firstAt?: Date;
}

/** What the rules read of one call: the columns the alert tail reads from `call_log`. */
export type RuleCall = Pick<
  StorableCallEvent,
  'at' | 'direction' | 'service' | 'caller' | 'callee' | 'pattern' | 'requestId' | 'code' | 'ok' | 'durationMs' | 'source'
>;

/** The windowed counts kept in `alert_counter`; `hits` means what the counter's rule counts. */
export type CounterName = 'auth-failure' | 'login-failure' | 'pattern-error' | 'pattern-latency';

export interface CounterSpec {
  windowMs: number;
  /** Slot width: a sixth of the window, so the sliding window is exact to a sixth. */
  stepMs: number;
}

export const SLOTS_PER_WINDOW = 6;

export function counterSpecs(c: AlertConfig): Record<CounterName, CounterSpec> {
  const spec = (windowMs: number): CounterSpec => ({ windowMs, stepMs: Math.max(1000, Math.ceil(windowMs / SLOTS_PER_WINDOW)) });
  return {
    'auth-failure': spec(c.authWindowMs),
    'login-failure': spec(c.loginWindowMs),
    'pattern-error': spec(c.errorRateWindowMs),
    'pattern-latency': spec(c.latencyWindowMs),
  };
}

export function slotOf(at: Date, spec: CounterSpec): number {
  return Math.floor(at.getTime() / spec.stepMs);
}

/** Slots a rule sums when its latest event fell into `slot`: the window ending there. */
export function windowRange(slot: number): [number, number] {
  return [slot - SLOTS_PER_WINDOW + 1, slot];
}

export interface CounterIncrement {
  counter: CounterName;
  subject: string;
  slot: number;
  total: number;
  hits: number;
}

/** Subjects are cut to the column width rather than refused: an attacker's long name still counts. */
const SUBJECT_WIDTH = 255;
const subjectOf = (s: string) => (s.length > SUBJECT_WIDTH ? s.slice(0, SUBJECT_WIDTH) : s);

/** Codes of the credential checks; they have rules of their own and do not count as errors of a pattern. */
const AUTH_CODES = new Set<number>([
  ErrorCode.CredentialsMissing,
  ErrorCode.InvalidCredentials,
  ErrorCode.CallerDisabled,
  ErrorCode.CallerLocked,
  ErrorCode.CredentialExpired,
  ErrorCode.SourceNotAllowed,
]);

const INACTIVE_CREDENTIAL: ReadonlyMap<number, { rule: AlertRule; state: string }> = new Map([
  [ErrorCode.CallerDisabled, { rule: 'caller-disabled-use' as const, state: 'disabled' }],
  [ErrorCode.CallerLocked, { rule: 'caller-locked-use' as const, state: 'locked' }],
  [ErrorCode.CredentialExpired, { rule: 'caller-expired-use' as const, state: 'expired' }],
]);

const CRM_APPS = new Set<string>(APP_NAMES);

/**
 * Whether a call event is the one record of its call the rules should count. An internal call
 * appears twice (outbound at the caller, inbound at the callee): only the inbound leg counts, and
 * an outbound call counts only when the callee is outside the CRM (EOMS), whose side we never see.
 * `auth.caller.verify.v1` carries another caller's check in its payload: its code says nothing
 * about the system caller that asked, so it never counts.
 */
export function countsForRules(e: RuleCall): boolean {
  if (e.pattern === CALLER_VERIFY_V1) return false;
  return e.direction === 'inbound' || !CRM_APPS.has(e.callee);
}

/** A refused `POST /auth/login` (`auth.login.failed.v1`) counts for its employee ID, known or not. */
export function classifyLoginFailure(employeeId: string, at: Date, specs: Record<CounterName, CounterSpec>): CounterIncrement {
  return { counter: 'login-failure', subject: subjectOf(employeeId), slot: slotOf(at, specs['login-failure']), total: 1, hits: 1 };
}

/** A failed call for the error-rate rule: not OK, and not a credential refusal (those have rules of their own). */
export function isFailedCall(e: Pick<RuleCall, 'ok' | 'code'>): boolean {
  return !e.ok && !AUTH_CODES.has(e.code);
}

/** What one call event adds to the counters, and the triggers it raises by itself. */
export function classifyCall(
  e: RuleCall,
  c: AlertConfig,
  specs: Record<CounterName, CounterSpec>,
): { increments: CounterIncrement[]; triggers: AlertTrigger[] } {
  const increments: CounterIncrement[] = [];
  const triggers: AlertTrigger[] = [];
  if (!countsForRules(e)) return { increments, triggers };
  if (e.caller && e.code === ErrorCode.InvalidCredentials) {
    increments.push({
      counter: 'auth-failure',
      subject: subjectOf(e.caller),
      slot: slotOf(e.at, specs['auth-failure']),
      total: 1,
      hits: 1,
    });
  }
  const inactive = INACTIVE_CREDENTIAL.get(e.code);
  if (e.caller && inactive) {
    triggers.push({
      rule: inactive.rule,
      severity: 'warning',
      subject: subjectOf(e.caller),
      title: `caller ${e.caller} used a ${inactive.state} credential`,
      details: { code: e.code, service: e.service, pattern: e.pattern, source: e.source, lastRequestId: e.requestId },
      occurrences: 1,
      at: e.at,
    });
  }
  if (e.pattern) {
    const pattern = subjectOf(e.pattern);
    increments.push({
      counter: 'pattern-error',
      subject: pattern,
      slot: slotOf(e.at, specs['pattern-error']),
      total: 1,
      hits: isFailedCall(e) ? 1 : 0,
    });
    increments.push({
      counter: 'pattern-latency',
      subject: pattern,
      slot: slotOf(e.at, specs['pattern-latency']),
      total: 1,
      hits: e.durationMs > c.latencyP95Ms ? 1 : 0,
    });
  }
  return { increments, triggers };
}

/**
 * Failures by one caller: each failure that finds the window at or above the threshold is one
 * occurrence. `windowCount` already includes this batch's `batchHits` (counted before reading).
 * The threshold-th failure raises the alert; every later one adds an occurrence.
 */
export function authFailureOccurrences(windowCount: number, batchHits: number, threshold: number): number {
  return Math.max(0, Math.min(batchHits, windowCount - threshold + 1));
}

/** Error-rate spike: at least `minCalls` calls in the window and a failed share of `percent` or more. */
export function errorRateBreached(total: number, failed: number, percent: number, minCalls: number): boolean {
  return total >= minCalls && failed * 100 >= percent * total;
}

/**
 * Latency spike: the p95 (nearest rank) of the window's durations is above the threshold. That
 * holds exactly when more than `total - ceil(0.95 × total)` calls were slower than the threshold,
 * so counting slow calls is enough; no durations need to be kept.
 */
export function latencyBreached(total: number, slow: number, minCalls: number): boolean {
  return total >= minCalls && total > 0 && slow > total - Math.ceil(0.95 * total);
}

/** p95 by nearest rank, for unit tests and the benchmark's cross-check. */
export function p95(durations: readonly number[]): number {
  if (durations.length === 0) return 0;
  const sorted = [...durations].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1];
}
