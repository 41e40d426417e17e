import { describe, expect, it } from '@jest/globals';
import { afterFailure, expiresAt, isLive, isLocked, sourceKey, type LockoutPolicy, type LockoutState } from './caller-lockout.js';

const policy: LockoutPolicy = { maxFailures: 5, windowMs: 60_000, lockMs: 900_000 };
const t0 = new Date('2026-11-23T10:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

/** Applies n failures one second apart, starting at `start` ms after t0. */
function fail(n: number, prev: LockoutState | null = null, lockable = true, start = 0): LockoutState | null {
  let s = prev;
  for (let i = 0; i < n; i++) s = afterFailure(s, at(start + i * 1000), policy, lockable);
  return s;
}

describe('caller lockout per (name, source)', () => {
  it('locks at the maxFailures-th failure inside the window, for lockMs', () => {
    const four = fail(4)!;
    expect(four).toEqual({ failures: 4, windowStartedAt: t0, lockedUntil: null });
    expect(isLocked(four, at(4000))).toBe(false);
    const five = afterFailure(four, at(4000), policy, true);
    expect(five.failures).toBe(5);
    expect(five.lockedUntil).toEqual(at(4000 + 900_000));
    expect(isLocked(five, at(5000))).toBe(true);
    expect(isLocked(five, at(4000 + 900_000))).toBe(false);
  });

  it('never locks an internal (not lockable) caller, however many failures', () => {
    const fifty = fail(50, null, false)!;
    expect(fifty.lockedUntil).toBeNull();
    expect(isLocked(fifty, at(50_000))).toBe(false);
    // Still counted (the window started 50 s ago and is 60 s long).
    expect(fifty.failures).toBe(50);
  });

  it('starts over when the window has passed: slow failures never lock', () => {
    let s: LockoutState | null = null;
    for (let i = 0; i < 20; i++) s = afterFailure(s, at(i * 30_000), policy, true);
    expect(s!.lockedUntil).toBeNull();
    expect(s!.failures).toBeLessThan(5);
  });

  it('starts over after a lock ended, and a failure racing the lock does not extend it', () => {
    const locked = fail(5)!;
    const raced = afterFailure(locked, at(5000), policy, true);
    expect(raced.lockedUntil).toEqual(locked.lockedUntil);
    const later = afterFailure(raced, at(4000 + 900_000), policy, true);
    expect(later).toEqual({ failures: 1, windowStartedAt: at(4000 + 900_000), lockedUntil: null });
  });

  it('a row expires when both its window and its lock are over', () => {
    const four = fail(4)!;
    expect(expiresAt(four, policy)).toEqual(at(60_000));
    expect(isLive(four, at(59_999), policy)).toBe(true);
    expect(isLive(four, at(60_000), policy)).toBe(false);
    const five = fail(5)!;
    expect(expiresAt(five, policy)).toEqual(at(4000 + 900_000));
  });

  it('no validated user_id is a source of its own, and long sources are cut to the column', () => {
    expect(sourceKey(null)).toBe('');
    expect(sourceKey('eoms')).toBe('eoms');
    expect(sourceKey('x'.repeat(300))).toHaveLength(128);
  });
});
