import type { CaseStatus } from '@crm/contracts';

/**
 * The case state machine (SPEC §6.3): new → assigned → in_progress ⇄ pending_customer → resolved
 * → closed, and a reopen of a resolved or closed case back to in_progress within the reopen window.
 * Closing needs `service.case.close.v1` (it takes the satisfaction score); the system closes cases
 * from any open state only for a merge or an EOMS withdraw (`forceClose`).
 */
const NEXT: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['assigned'],
  assigned: ['in_progress'],
  in_progress: ['pending_customer', 'resolved'],
  pending_customer: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return NEXT[from];
}

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return NEXT[from].includes(to);
}

/** A move out of resolved/closed back to work. */
export function isReopen(from: CaseStatus, to: CaseStatus): boolean {
  return (from === 'resolved' || from === 'closed') && to === 'in_progress';
}

export function isOpen(status: CaseStatus): boolean {
  return status !== 'resolved' && status !== 'closed';
}

/**
 * Whether a reopen is still allowed: within `hours` of the moment the case was closed (or, if it
 * was not closed, resolved).
 */
export function withinReopenWindow(since: Date | null, now: Date, hours: number): boolean {
  if (!since) return true;
  return now.getTime() - since.getTime() <= hours * 3_600_000;
}

const RAISE: Readonly<Record<string, string>> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' };

/** One step up (an EOMS urge): low → normal → high → urgent. */
export function raisedPriority<P extends string>(p: P): P {
  return (RAISE[p] ?? p) as P;
}
