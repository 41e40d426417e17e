import { describe, expect, it } from '@jest/globals';
import { diffChanges } from './change-diff.js';

describe('diffChanges', () => {
  it('lists only changed fields, old → new, in field order', () => {
    expect(diffChanges({ status: 'dispatched', urgeCount: 0, title: 'x' }, { status: 'accepted', urgeCount: 0, title: 'x' })).toEqual([
      { field: 'status', old: 'dispatched', new: 'accepted' },
    ]);
  });

  it('treats a missing side as null (created / deleted records) and dates as ISO text', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(diffChanges(null, { name: 'Li', at })).toEqual([
      { field: 'name', old: null, new: 'Li' },
      { field: 'at', old: null, new: '2026-01-01T00:00:00.000Z' },
    ]);
    expect(diffChanges({ name: 'Li' }, null)).toEqual([{ field: 'name', old: 'Li', new: null }]);
    expect(diffChanges({ at: new Date(at) }, { at })).toEqual([]);
  });

  it('compares nested values by content', () => {
    expect(diffChanges({ roles: ['a'] }, { roles: ['a'] })).toEqual([]);
    expect(diffChanges({ roles: ['a'] }, { roles: ['a', 'b'] })).toEqual([{ field: 'roles', old: ['a'], new: ['a', 'b'] }]);
  });

  it.each(['password', 'passwordHash', 'clientSecret', 'refreshToken', 'hash', 'secretCiphertext', 'pin', 'OTP', 'totpSecret'])(
    'masks %s and never carries its value',
    (field) => {
      const changes = diffChanges({ [field]: 'old-value-123' }, { [field]: 'new-value-456' });
      expect(changes).toEqual([{ field, old: '***', new: '***' }]);
      expect(JSON.stringify(changes)).not.toMatch(/value-/);
    },
  );

  it('masks fields named in options.mask, and shows a sensitive field being set or cleared without its value', () => {
    expect(diffChanges({ phone: '138' }, { phone: '139' }, { mask: ['phone'] })).toEqual([{ field: 'phone', old: '***', new: '***' }]);
    expect(diffChanges({ password: null }, { password: 's3cret' })).toEqual([{ field: 'password', old: null, new: '***' }]);
    expect(diffChanges({ phone: '138' }, { phone: '139' })).toEqual([{ field: 'phone', old: '138', new: '139' }]);
  });

  it('leaves an unchanged sensitive field out', () => {
    expect(diffChanges({ password: 'a', name: 'x' }, { password: 'a', name: 'y' })).toEqual([{ field: 'name', old: 'x', new: 'y' }]);
  });
});
