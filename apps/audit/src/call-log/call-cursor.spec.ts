import { describe, expect, it } from '@jest/globals';
import { decodeCursor, encodeCursor } from './call-cursor.js';

describe('call cursor', () => {
  it('round-trips the position exactly, including a seq beyond 2^53', () => {
    const c = { at: new Date('2026-03-01T10:20:30.456Z'), seq: 9007199254740993n };
    const decoded = decodeCursor(encodeCursor(c));
    expect(decoded).not.toBeNull();
    expect(decoded?.at.toISOString()).toBe('2026-03-01T10:20:30.456Z');
    expect(decoded?.seq).toBe(9007199254740993n);
  });

  it('is opaque: url-safe text that does not show the timestamp', () => {
    const token = encodeCursor({ at: new Date(0), seq: 1n });
    expect(token).toMatch(/^c1\.[A-Za-z0-9_-]+$/);
    expect(token).not.toContain('1970');
  });

  it.each([
    ['empty', ''],
    ['no prefix', Buffer.from('1.1').toString('base64url')],
    ['not base64url', 'c1.***'],
    ['wrong body', 'c1.' + Buffer.from('hello').toString('base64url')],
    ['negative time', 'c1.' + Buffer.from('-5.1').toString('base64url')],
    ['seq too large', 'c1.' + Buffer.from('1.99999999999999999999').toString('base64url')],
    ['time out of range', 'c1.' + Buffer.from('999999999999999.1').toString('base64url')],
    ['too long', 'c1.' + 'A'.repeat(200)],
  ])('rejects %s', (_name, raw) => {
    expect(decodeCursor(raw)).toBeNull();
  });
});
