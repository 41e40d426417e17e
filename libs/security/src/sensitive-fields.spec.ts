import { describe, expect, it } from '@jest/globals';
import { maskEmail, maskIdNumber, maskPhone, SensitiveFields } from './sensitive-fields.js';

interface View {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  idNumber: string | null;
}

const FIELDS = new SensitiveFields<View>(
  {
    phone: { kind: 'phone', permission: 'customer.pii.read' },
    email: { kind: 'email', permission: 'customer.pii.read' },
    idNumber: { kind: 'id-number', permission: 'customer.pii.read' },
  },
  (v) => v.id,
);

const a: View = { id: 'a', name: 'Zhang San', phone: '13800138000', email: 'zhang@example.com', idNumber: '11010519491231002X' };
const b: View = { id: 'b', name: 'Li Si', phone: null, email: 'li@example.com', idNumber: null };

describe('masks', () => {
  it('phone: first 3 and last 4 digits, a +86 prefix dropped', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('+86 138 0013 8000')).toBe('138****8000');
    expect(maskPhone('010-6552 9988')).toBe('010****9988');
    expect(maskPhone('12345')).toBe('****45');
  });

  it('e-mail: the first letter and the domain', () => {
    expect(maskEmail('zhang@example.com')).toBe('z***@example.com');
    expect(maskEmail('not-an-email')).toBe('***');
  });

  it('ID numbers keep the region and the last 4', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });
});

describe('SensitiveFields.protect', () => {
  it('masks every declared field for an actor without the permission, in lists as in single records, and reveals nothing', () => {
    const { items, revealed } = FIELDS.protect([a, b], ['account.read']);
    expect(items).toEqual([
      { id: 'a', name: 'Zhang San', phone: '138****8000', email: 'z***@example.com', idNumber: '110***********002X' },
      { id: 'b', name: 'Li Si', phone: null, email: 'l***@example.com', idNumber: null },
    ]);
    expect(revealed).toEqual({ fields: [], ids: [] });
    // The input views are not changed (they may be used for events).
    expect(a.phone).toBe('13800138000');
  });

  it('shows them to an actor with the permission and names what was revealed (fields with a value, their records)', () => {
    const { items, revealed } = FIELDS.protect([a, b], ['account.read', 'customer.pii.read']);
    expect(items).toEqual([a, b]);
    expect(revealed).toEqual({ fields: ['email', 'idNumber', 'phone'], ids: ['a', 'b'] });
    expect(FIELDS.protect([{ ...b, email: null }], ['customer.pii.read']).revealed).toEqual({ fields: [], ids: [] });
  });
});
