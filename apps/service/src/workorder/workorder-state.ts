import { WORKORDER_STATUS_EVENTS, type WorkorderStatus, type WorkorderStatusEventPattern } from '@crm/contracts';

export type WorkorderAction = 'accept' | 'progress' | 'complete' | 'withdraw' | 'urge';

/**
 * The work-order state machine: dispatched → accepted → in_progress → completed, and withdrawn from
 * any state before completion. Urging does not change the state but needs an open order.
 * Returns the next state, or null when the action is illegal in this state (→ 4090).
 */
export function nextStatus(current: WorkorderStatus, action: WorkorderAction): WorkorderStatus | null {
  switch (action) {
    case 'accept':
      return current === 'dispatched' ? 'accepted' : null;
    case 'progress':
      return current === 'accepted' || current === 'in_progress' ? 'in_progress' : null;
    case 'complete':
      return current === 'accepted' || current === 'in_progress' ? 'completed' : null;
    case 'withdraw':
      return current === 'completed' || current === 'withdrawn' ? null : 'withdrawn';
    case 'urge':
      return current === 'completed' || current === 'withdrawn' ? null : current;
  }
}

/** Routing key of the status event: `service.workorder.<status>.v1` (kebab-case status). */
export function statusEventPattern(status: WorkorderStatus): WorkorderStatusEventPattern {
  return WORKORDER_STATUS_EVENTS[status];
}
