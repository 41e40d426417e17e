import { describe, expect, it } from '@jest/globals';
import { caseCategoryOf, workorderStepsFor } from './workorder-case-mapping.js';

describe('EOMS mapping', () => {
  it('complaints and faults become cases; a fault with affected accounts is a network fault', () => {
    expect(caseCategoryOf('complaint', false)).toBe('complaint');
    expect(caseCategoryOf('fault', false)).toBe('fault');
    expect(caseCategoryOf('fault', true)).toBe('network-fault');
    expect(caseCategoryOf('installation', false)).toBeNull();
    expect(caseCategoryOf('consultation', false)).toBeNull();
  });

  it('case progress → accept, stage replies, final reply', () => {
    expect(workorderStepsFor('new', 'C1', null)).toEqual([]);
    expect(workorderStepsFor('assigned', 'C1', null)).toEqual([{ action: 'accept' }]);
    expect(workorderStepsFor('in_progress', 'C1', null)).toEqual([
      { action: 'accept' },
      { action: 'progress', note: 'case C1 in progress' },
    ]);
    expect(workorderStepsFor('pending_customer', 'C1', 'asked for the router model')).toEqual([
      { action: 'accept' },
      { action: 'progress', note: 'asked for the router model' },
    ]);
    expect(workorderStepsFor('resolved', 'C1', 'replaced the line card')).toEqual([
      { action: 'accept' },
      { action: 'complete', resolution: 'replaced the line card' },
    ]);
  });
});
