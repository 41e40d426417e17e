import { describe, expect, it } from '@jest/globals';
import { BusinessCalendar, type WorkInterval } from './business-time.js';
import { applyChange, fireDue, nextDue, pendingMarkers, startClock, stateAt, type StartInput } from './sla-clock-state.js';

const ALL_DAY: WorkInterval[] = [{ from: '00:00', to: '24:00' }];
const cal24 = new BusinessCalendar({
  timeZone: 'Asia/Shanghai',
  hours: { sun: ALL_DAY, mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY },
});
const NINE_TO_SIX: WorkInterval[] = [{ from: '09:00', to: '18:00' }];
const office = new BusinessCalendar({
  timeZone: 'Asia/Shanghai',
  hours: { mon: NINE_TO_SIX, tue: NINE_TO_SIX, wed: NINE_TO_SIX, thu: NINE_TO_SIX, fri: NINE_TO_SIX },
});
const T0 = new Date('2026-01-05T02:00:00.000Z'); // Monday 10:00 Shanghai
const after = (ms: number) => new Date(T0.getTime() + ms);
const S = 1000;
const H = 3_600_000;

const input = (o: Partial<StartInput> = {}): StartInput => ({
  caseId: 'c1',
  caseNo: 'CS-1',
  accountId: null,
  priority: 'high',
  category: 'billing',
  status: 'new',
  openedAt: T0,
  resolveBy: null,
  slaPolicyId: 'p1',
  entitlementId: null,
  calendarId: 'cal',
  warningPercent: 80,
  targets: { responseMs: 3 * S, resolutionMs: 60 * S },
  ...o,
});
const noRetarget = () => null;

describe('startClock', () => {
  it('puts the warning at 80 % and the due time at the target on 24x7 (PT3S)', () => {
    const s = startClock(cal24, input());
    expect(s.response.warningAt).toEqual(after(2400));
    expect(s.response.dueAt).toEqual(after(3 * S));
    expect(s.resolution.dueAt).toEqual(after(60 * S));
    expect(s.nextDueAt).toEqual(after(2400));
  });

  it('counts business hours: Monday 10:00 + PT9H resolution is Tuesday 10:00', () => {
    const s = startClock(office, input({ targets: { responseMs: H, resolutionMs: 9 * H } }));
    expect(s.resolution.dueAt.toISOString()).toBe('2026-01-06T02:00:00.000Z');
  });

  it('caps the resolution at resolveBy and pulls its warning before it', () => {
    const s = startClock(cal24, input({ resolveBy: after(10 * S) }));
    expect(s.resolution.dueAt).toEqual(after(10 * S));
    expect(s.resolution.warningAt).toEqual(after(8 * S));
  });
});

describe('pause and resume in pending_customer', () => {
  it('moves the due times by the business time spent paused', () => {
    let s = startClock(cal24, input());
    s = applyChange(s, { caseId: 'c1', at: after(1 * S), status: { from: 'new', to: 'pending_customer' } }, cal24, noRetarget);
    expect(s.pausedAt).toEqual(after(1 * S));
    // The response clock stops on leaving new/assigned; the resolution clock pauses.
    expect(s.response.stoppedAt).toEqual(after(1 * S));
    s = applyChange(s, { caseId: 'c1', at: after(3 * S), status: { from: 'pending_customer', to: 'in_progress' } }, cal24, noRetarget);
    expect(s.pausedAt).toBeNull();
    expect(s.resolution.pausedMs).toBe(2 * S);
    expect(s.resolution.dueAt).toEqual(after(62 * S));
    expect(s.response.dueAt).toEqual(after(3 * S));
  });

  it('does not count a paused weekend twice on business hours: paused Fri 17:00 → Mon 10:00 moves by 2 h', () => {
    const fri17 = new Date('2026-01-09T09:00:00Z');
    let s = startClock(office, input({ openedAt: fri17, status: 'in_progress', targets: { responseMs: H, resolutionMs: 4 * H } }));
    expect(s.resolution.dueAt.toISOString()).toBe('2026-01-12T04:00:00.000Z'); // Mon 12:00
    s = applyChange(s, { caseId: 'c1', at: fri17, status: { from: 'in_progress', to: 'pending_customer' } }, office, noRetarget);
    s = applyChange(
      s,
      { caseId: 'c1', at: new Date('2026-01-12T02:00:00Z'), status: { from: 'pending_customer', to: 'in_progress' } },
      office,
      noRetarget,
    );
    expect(s.resolution.pausedMs).toBe(2 * H);
    expect(s.resolution.dueAt.toISOString()).toBe('2026-01-12T06:00:00.000Z'); // Mon 14:00
  });

  it('holds markers while paused, except those already due when the pause began', () => {
    let s = startClock(cal24, input({ targets: { responseMs: 3 * S, resolutionMs: 4 * S } }));
    s = applyChange(s, { caseId: 'c1', at: after(3500), status: { from: 'new', to: 'pending_customer' } }, cal24, noRetarget);
    // response stopped at 3.5 s (warning 2.4 s, breach 3 s both before it) and resolution paused at 3.5 s (warning 3.2 s before it).
    expect(pendingMarkers(s).map((m) => `${m.target}:${m.kind}`)).toEqual(['response:warning', 'response:breach', 'resolution:warning']);
    expect(stateAt(s, after(100 * S))).toBe('breached');
  });
});

describe('stopping', () => {
  it('stops the response clock on the first response and both on resolve; later markers are dropped', () => {
    let s = startClock(cal24, input());
    s = applyChange(s, { caseId: 'c1', at: after(1 * S), responded: true }, cal24, noRetarget);
    expect(pendingMarkers(s).map((m) => m.target)).toEqual(['resolution', 'resolution']);
    s = applyChange(s, { caseId: 'c1', at: after(2 * S), status: { from: 'in_progress', to: 'resolved' } }, cal24, noRetarget);
    expect(pendingMarkers(s)).toEqual([]);
    expect(s.nextDueAt).toBeNull();
    expect(stateAt(s, after(1000 * S))).toBe('ok');
  });

  it('keeps the response clock running from new to assigned', () => {
    const s = applyChange(
      startClock(cal24, input()),
      { caseId: 'c1', at: after(1 * S), status: { from: 'new', to: 'assigned' } },
      cal24,
      noRetarget,
    );
    expect(s.response.stoppedAt).toBeNull();
  });

  it('runs the resolution clock on after a reopen, not counting the time spent resolved', () => {
    let s = startClock(cal24, input());
    s = applyChange(s, { caseId: 'c1', at: after(10 * S), status: { from: 'in_progress', to: 'resolved' } }, cal24, noRetarget);
    s = applyChange(s, { caseId: 'c1', at: after(25 * S), status: { from: 'resolved', to: 'in_progress' } }, cal24, noRetarget);
    expect(s.resolution.stoppedAt).toBeNull();
    expect(s.resolution.dueAt).toEqual(after(75 * S));
  });
});

describe('re-targeting on a priority change', () => {
  it('recomputes the running targets from the open time', () => {
    let s = startClock(cal24, input());
    s = applyChange(s, { caseId: 'c1', at: after(1 * S), priority: 'urgent' }, cal24, () => ({ responseMs: 2 * S, resolutionMs: 20 * S }));
    expect(s.priority).toBe('urgent');
    expect(s.response.dueAt).toEqual(after(2 * S));
    expect(s.resolution.dueAt).toEqual(after(20 * S));
  });
});

describe('fireDue', () => {
  it('fires each marker once, warning then breach, and moves the state ok → warning → breached', () => {
    let s = startClock(cal24, input());
    expect(fireDue(s, after(1000)).fired).toEqual([]);
    let r = fireDue(s, after(2500));
    expect(r.fired.map((m) => `${m.target}:${m.kind}`)).toEqual(['response:warning']);
    expect(r.state.slaState).toBe('warning');
    s = r.state;
    expect(fireDue(s, after(2600)).fired).toEqual([]);
    r = fireDue(s, after(3100));
    expect(r.fired.map((m) => `${m.target}:${m.kind}`)).toEqual(['response:breach']);
    expect(r.state.slaState).toBe('breached');
    expect(nextDue(r.state)).toEqual(after(48 * S)); // resolution warning
  });

  it('reports a warning and a breach found due together (e.g. after a restart) in order', () => {
    const r = fireDue(startClock(cal24, input()), after(5 * S));
    expect(r.fired.map((m) => m.kind)).toEqual(['warning', 'breach']);
  });
});
