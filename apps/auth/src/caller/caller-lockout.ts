/**
 * The lockout of SPEC §3.1, counted per (caller name, source) rather than per caller, so that a
 * third party's failures lock only the third party's own pair (docs/credentials.md). Pure
 * functions: the repository applies them under a row lock.
 */
export interface LockoutPolicy {
  /** Failures within the window that lock the pair. */
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** What is kept per (name, source) pair; no row means no failure in the current window. */
export interface LockoutState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

/** The source column's width: longer broker user names are cut (they still get a pair of their own). */
export const SOURCE_WIDTH = 128;

/** The stored form of a source: '' stands for a message without a validated `user_id`. */
export function sourceKey(source: string | null): string {
  return (source ?? '').slice(0, SOURCE_WIDTH);
}

export function isLocked(state: LockoutState | null, now: Date): boolean {
  return !!state?.lockedUntil && state.lockedUntil > now;
}

/**
 * The pair's state after one more failure. A fixed window opens at the first failure; the
 * `maxFailures`-th failure inside it locks the pair for `lockMs` (only when `lockable`: internal
 * callers are counted but never locked). After the window or the lock has ended the count starts
 * over. A failure that raced past the lock check keeps the lock as it is (it is not extended).
 */
export function afterFailure(prev: LockoutState | null, now: Date, policy: LockoutPolicy, lockable: boolean): LockoutState {
  if (prev && isLocked(prev, now)) return { ...prev, failures: prev.failures + 1 };
  const fresh = !prev || prev.lockedUntil !== null || now.getTime() >= prev.windowStartedAt.getTime() + policy.windowMs;
  const next: LockoutState = fresh ? { failures: 1, windowStartedAt: now, lockedUntil: null } : { ...prev, failures: prev.failures + 1 };
  if (lockable && next.failures >= policy.maxFailures) next.lockedUntil = new Date(now.getTime() + policy.lockMs);
  return next;
}

/** When a pair's row stops meaning anything (window over, lock ended) and may be deleted. */
export function expiresAt(state: LockoutState, policy: LockoutPolicy): Date {
  const windowEnd = state.windowStartedAt.getTime() + policy.windowMs;
  return new Date(Math.max(windowEnd, state.lockedUntil?.getTime() ?? 0));
}

/** Whether the state counts at all at `now` (an expired row is the same as no row). */
export function isLive(state: LockoutState, now: Date, policy: LockoutPolicy): boolean {
  return expiresAt(state, policy) > now;
}
