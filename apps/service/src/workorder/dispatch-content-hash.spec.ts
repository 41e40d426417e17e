import { describe, expect, it } from '@jest/globals';
import type { DispatchWorkorderDto } from '@crm/contracts';
import { dispatchContentHash } from './dispatch-content-hash.js';

const base: DispatchWorkorderDto = {
  orderNo: 'EOMS-1',
  type: 'fault',
  title: 'No dial tone',
  description: 'since 08:00',
  priority: 'high',
  customer: { accountNo: 'ACC-1', name: 'Li Lei', phone: '+86 138 0000 0000' },
  deadline: '2026-12-01T12:00:00Z',
  dispatchedAt: '2026-11-23T08:00:00Z',
};

describe('dispatchContentHash', () => {
  it('is stable for the same content and the same instant in another offset', () => {
    expect(dispatchContentHash({ ...base })).toBe(dispatchContentHash(base));
    expect(dispatchContentHash({ ...base, deadline: '2026-12-01T20:00:00+08:00' })).toBe(dispatchContentHash(base));
  });

  it('changes when any field changes', () => {
    const h = dispatchContentHash(base);
    expect(dispatchContentHash({ ...base, title: 'x' })).not.toBe(h);
    expect(dispatchContentHash({ ...base, priority: 'low' })).not.toBe(h);
    expect(dispatchContentHash({ ...base, customer: { ...base.customer, phone: '1' } })).not.toBe(h);
    expect(dispatchContentHash({ ...base, deadline: '2026-12-01T12:00:01Z' })).not.toBe(h);
  });

  it('does not confuse field boundaries', () => {
    expect(dispatchContentHash({ ...base, title: 'ab', description: 'c' })).not.toBe(
      dispatchContentHash({ ...base, title: 'a', description: 'bc' }),
    );
  });
});
