import { describe, expect, it } from '@jest/globals';
import { allowedTransitions, canTransition, isOpen, isReopen, raisedPriority, withinReopenWindow } from './case-state.js';

describe('case state machine', () => {
  it('walks new → assigned → in_progress ⇄ pending_customer → resolved → closed', () => {
    expect(canTransition('new', 'assigned')).toBe(true);
    expect(canTransition('assigned', 'in_progress')).toBe(true);
    expect(canTransition('in_progress', 'pending_customer')).toBe(true);
    expect(canTransition('pending_customer', 'in_progress')).toBe(true);
    expect(canTransition('pending_customer', 'resolved')).toBe(true);
    expect(canTransition('in_progress', 'resolved')).toBe(true);
    expect(canTransition('resolved', 'closed')).toBe(true);
  });

  it('refuses skips and moves backwards, and names what is allowed', () => {
    expect(canTransition('new', 'in_progress')).toBe(false);
    expect(canTransition('new', 'resolved')).toBe(false);
    expect(canTransition('assigned', 'closed')).toBe(false);
    expect(canTransition('in_progress', 'assigned')).toBe(false);
    expect(canTransition('closed', 'resolved')).toBe(false);
    expect(allowedTransitions('in_progress')).toEqual(['pending_customer', 'resolved']);
    expect(allowedTransitions('new')).toEqual(['assigned']);
  });

  it('reopens resolved and closed cases to in_progress only', () => {
    expect(isReopen('resolved', 'in_progress')).toBe(true);
    expect(isReopen('closed', 'in_progress')).toBe(true);
    expect(isReopen('pending_customer', 'in_progress')).toBe(false);
    expect(canTransition('closed', 'in_progress')).toBe(true);
    expect(canTransition('closed', 'assigned')).toBe(false);
  });

  it('reopen window: 168 h after closing is in, 168 h and 1 ms is out', () => {
    const closed = new Date('2026-11-01T00:00:00Z');
    expect(withinReopenWindow(closed, new Date('2026-11-08T00:00:00Z'), 168)).toBe(true);
    expect(withinReopenWindow(closed, new Date('2026-11-08T00:00:00.001Z'), 168)).toBe(false);
    expect(withinReopenWindow(closed, new Date('2026-11-01T00:00:01Z'), 0)).toBe(false);
  });

  it('open states and priority raises', () => {
    expect(['new', 'assigned', 'in_progress', 'pending_customer'].every((s) => isOpen(s as never))).toBe(true);
    expect(isOpen('resolved')).toBe(false);
    expect(raisedPriority('low')).toBe('normal');
    expect(raisedPriority('high')).toBe('urgent');
    expect(raisedPriority('urgent')).toBe('urgent');
  });
});
