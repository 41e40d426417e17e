import { describe, expect, it } from '@jest/globals';
import { WORKORDER_STATUSES, type WorkorderStatus } from '@crm/contracts';
import { nextStatus, statusEventPattern, type WorkorderAction } from './workorder-state.js';

const table: Record<WorkorderAction, Partial<Record<WorkorderStatus, WorkorderStatus>>> = {
  accept: { dispatched: 'accepted' },
  progress: { accepted: 'in_progress', in_progress: 'in_progress' },
  complete: { accepted: 'completed', in_progress: 'completed' },
  withdraw: { dispatched: 'withdrawn', accepted: 'withdrawn', in_progress: 'withdrawn' },
  urge: { dispatched: 'dispatched', accepted: 'accepted', in_progress: 'in_progress' },
};

describe('work-order state machine', () => {
  for (const action of Object.keys(table) as WorkorderAction[]) {
    for (const status of WORKORDER_STATUSES) {
      const expected = table[action][status] ?? null;
      it(`${action} from ${status} → ${expected ?? 'refused'}`, () => {
        expect(nextStatus(status, action)).toBe(expected);
      });
    }
  }

  it('status events use kebab-case', () => {
    expect(statusEventPattern('in_progress')).toBe('service.workorder.in-progress.v1');
    expect(statusEventPattern('dispatched')).toBe('service.workorder.dispatched.v1');
  });
});
