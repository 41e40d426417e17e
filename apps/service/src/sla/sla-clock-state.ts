import type { SlaTarget } from '@crm/contracts';
import type { BusinessCalendar } from './business-time.js';
import type { CaseClockChange, SlaState } from './sla-clock.js';

/**
 * The rules of a case's SLA clock, pure (no database, no Nest): thresholds from the open time, the
 * target and the business time spent paused; pause/resume/stop/re-target on case changes; which
 * warning/breach markers are pending and when the next one is due.
 *
 * A target's due time is `calendar.add(openedAt, target + pausedMs)`, so a pause moves it by exactly
 * the business time the case spent in `pending_customer`. The warning is at `warningPercent` of the
 * target the same way. A resolution target is never after `resolveBy` (an EOMS deadline).
 */

export type MarkerKind = 'warning' | 'breach';

export interface TargetClock {
  targetMs: number;
  /** Business time this target spent paused (pending_customer, or resolved before a reopen). */
  pausedMs: number;
  /** Met (response given, case resolved): the clock stops; markers due before it still fire. */
  stoppedAt: Date | null;
  warningAt: Date;
  dueAt: Date;
  warningSentAt: Date | null;
  breachedSentAt: Date | null;
}

export interface ClockState {
  caseId: string;
  caseNo: string | null;
  accountId: string | null;
  priority: string;
  category: string;
  caseStatus: string;
  slaPolicyId: string;
  entitlementId: string | null;
  calendarId: string;
  warningPercent: number;
  openedAt: Date;
  resolveBy: Date | null;
  /** Set while the case is in `pending_customer`. */
  pausedAt: Date | null;
  response: TargetClock;
  resolution: TargetClock;
  slaState: SlaState;
  nextDueAt: Date | null;
  version: number;
}

export interface TargetsMs {
  responseMs: number;
  resolutionMs: number;
}

export interface Marker {
  target: SlaTarget;
  kind: MarkerKind;
  at: Date;
}

const PAUSING = 'pending_customer';
/** Statuses in which the response clock still runs (nobody has worked on the case yet). */
const AWAITING_RESPONSE = new Set(['new', 'assigned']);
const DONE = new Set(['resolved', 'closed']);

export function thresholds(
  cal: BusinessCalendar,
  openedAt: Date,
  targetMs: number,
  pausedMs: number,
  warningPercent: number,
  cap: Date | null,
): { warningAt: Date; dueAt: Date } {
  let dueAt = cal.add(openedAt, targetMs + pausedMs);
  let warningAt = cal.add(openedAt, Math.floor((targetMs * warningPercent) / 100) + pausedMs);
  if (cap && dueAt > cap) {
    dueAt = cap;
    const share = new Date(openedAt.getTime() + Math.floor(((cap.getTime() - openedAt.getTime()) * warningPercent) / 100));
    if (warningAt > share) warningAt = share;
  }
  return { warningAt, dueAt };
}

function newTarget(cal: BusinessCalendar, openedAt: Date, targetMs: number, pct: number, cap: Date | null): TargetClock {
  return {
    targetMs,
    pausedMs: 0,
    stoppedAt: null,
    ...thresholds(cal, openedAt, targetMs, 0, pct, cap),
    warningSentAt: null,
    breachedSentAt: null,
  };
}

export interface StartInput {
  caseId: string;
  caseNo: string | null;
  accountId: string | null;
  priority: string;
  category: string;
  status: string;
  openedAt: Date;
  resolveBy: Date | null;
  slaPolicyId: string;
  entitlementId: string | null;
  calendarId: string;
  warningPercent: number;
  targets: TargetsMs;
}

export function startClock(cal: BusinessCalendar, i: StartInput): ClockState {
  const state: ClockState = {
    caseId: i.caseId,
    caseNo: i.caseNo,
    accountId: i.accountId,
    priority: i.priority,
    category: i.category,
    caseStatus: i.status,
    slaPolicyId: i.slaPolicyId,
    entitlementId: i.entitlementId,
    calendarId: i.calendarId,
    warningPercent: i.warningPercent,
    openedAt: i.openedAt,
    resolveBy: i.resolveBy,
    pausedAt: null,
    response: newTarget(cal, i.openedAt, i.targets.responseMs, i.warningPercent, null),
    resolution: newTarget(cal, i.openedAt, i.targets.resolutionMs, i.warningPercent, i.resolveBy),
    slaState: 'ok',
    nextDueAt: null,
    version: 1,
  };
  state.nextDueAt = nextDue(state);
  return state;
}

function retime(s: ClockState, cal: BusinessCalendar, name: SlaTarget): void {
  const t = s[name];
  Object.assign(t, thresholds(cal, s.openedAt, t.targetMs, t.pausedMs, s.warningPercent, name === 'resolution' ? s.resolveBy : null));
}

function stop(s: ClockState, name: SlaTarget, at: Date): void {
  if (!s[name].stoppedAt) s[name].stoppedAt = at;
}

/**
 * The clock after a case change. `retarget` gives the policy's targets for a new priority (null:
 * the policy is gone, targets kept). Order: resume (a pause ends before anything else happens at
 * that moment), reopen, stops, pause, re-target.
 */
export function applyChange(
  before: ClockState,
  change: CaseClockChange,
  cal: BusinessCalendar,
  retarget: (priority: string) => TargetsMs | null,
): ClockState {
  const s: ClockState = { ...before, response: { ...before.response }, resolution: { ...before.resolution } };
  const at = change.at;
  const to = change.status?.to;
  const from = change.status?.from ?? s.caseStatus;

  if (to !== undefined && s.pausedAt && to !== PAUSING) {
    const span = cal.elapsed(s.pausedAt, at);
    for (const name of ['response', 'resolution'] as const)
      if (!s[name].stoppedAt) {
        s[name].pausedMs += span;
        retime(s, cal, name);
      }
    s.pausedAt = null;
  }
  if (to !== undefined && DONE.has(from) && !DONE.has(to) && s.resolution.stoppedAt) {
    // Reopened: the resolution clock runs on; the time spent resolved does not count.
    s.resolution.pausedMs += cal.elapsed(s.resolution.stoppedAt, at);
    s.resolution.stoppedAt = null;
    retime(s, cal, 'resolution');
  }
  if (change.responded || (to !== undefined && !AWAITING_RESPONSE.has(to))) stop(s, 'response', at);
  if (to !== undefined && DONE.has(to)) stop(s, 'resolution', at);
  if (to === PAUSING && !s.pausedAt) s.pausedAt = at;
  if (change.priority !== undefined && change.priority !== s.priority) {
    s.priority = change.priority;
    const targets = retarget(change.priority);
    if (targets) {
      s.response.targetMs = targets.responseMs;
      s.resolution.targetMs = targets.resolutionMs;
      // A stopped target was met or missed already: its thresholds stay as they were.
      for (const name of ['response', 'resolution'] as const) if (!s[name].stoppedAt) retime(s, cal, name);
    }
  }
  if (to !== undefined) s.caseStatus = to;
  s.nextDueAt = nextDue(s);
  return s;
}

/**
 * Markers not sent yet that can still come due: on a running target all; on a stopped (or paused)
 * one only those whose moment had come before it stopped (or paused), so a breach the scheduler
 * had not reached yet is still reported once.
 */
export function pendingMarkers(s: ClockState): Marker[] {
  const out: Marker[] = [];
  for (const target of ['response', 'resolution'] as const) {
    const t = s[target];
    const frozenAt = t.stoppedAt ?? s.pausedAt;
    if (!t.warningSentAt && !t.breachedSentAt && (!frozenAt || t.warningAt <= frozenAt) && t.warningAt < t.dueAt)
      out.push({ target, kind: 'warning', at: t.warningAt });
    if (!t.breachedSentAt && (!frozenAt || t.dueAt <= frozenAt)) out.push({ target, kind: 'breach', at: t.dueAt });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export function nextDue(s: ClockState): Date | null {
  return pendingMarkers(s)[0]?.at ?? null;
}

const RANK: Record<SlaState, number> = { ok: 0, warning: 1, breached: 2 };

/**
 * Marks every pending marker due at `now` sent: answers the new state and the markers to publish
 * (a warning whose breach is due too is still reported, before it).
 */
export function fireDue(before: ClockState, now: Date): { state: ClockState; fired: Marker[] } {
  const fired = pendingMarkers(before).filter((m) => m.at <= now);
  if (!fired.length) return { state: before, fired };
  const s: ClockState = { ...before, response: { ...before.response }, resolution: { ...before.resolution } };
  for (const m of fired) {
    if (m.kind === 'warning') s[m.target].warningSentAt = now;
    else s[m.target].breachedSentAt = now;
    const reached: SlaState = m.kind === 'warning' ? 'warning' : 'breached';
    if (RANK[reached] > RANK[s.slaState]) s.slaState = reached;
  }
  s.nextDueAt = nextDue(s);
  return { state: s, fired };
}

/**
 * The state a case shows at `now`: what was published, or what a running target has reached even
 * if the scheduler has not got to it yet (it will within a tick).
 */
export function stateAt(s: ClockState, now: Date): SlaState {
  let state = s.slaState;
  for (const target of ['response', 'resolution'] as const) {
    const t = s[target];
    const until = t.stoppedAt ?? s.pausedAt ?? now;
    const reached: SlaState = t.dueAt <= until ? 'breached' : t.warningAt <= until ? 'warning' : 'ok';
    if (RANK[reached] > RANK[state]) state = reached;
  }
  return state;
}
