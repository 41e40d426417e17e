import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { CrmError, ErrorCode } from '@crm/contracts';
import { ListCursorCodec, type CursorList } from './list-cursor.js';

const calls: CursorList = { name: 'audit.calls', keys: [{ kind: 'time' }, { kind: 'bigint' }] };
const operations: CursorList = { name: 'audit.operations', keys: [{ kind: 'time' }, { kind: 'bigint' }] };
const employees: CursorList = { name: 'auth.employees', keys: [{ kind: 'int' }] };
const codec = new ListCursorCodec([randomBytes(32)]);

function refusal(run: () => unknown): CrmError {
  try {
    run();
  } catch (e) {
    if (e instanceof CrmError) return e;
    throw e;
  }
  throw new Error('expected the cursor to be refused');
}

const expectRefused = (run: () => unknown, reason: RegExp = /nextCursor value returned by this list/) => {
  const e = refusal(run);
  expect(e.code).toBe(ErrorCode.ValidationFailed);
  expect(e.details).toEqual([{ field: 'cursor', reasons: [expect.stringMatching(reason)] }]);
};

/** Re-signs nothing: flips the bytes of a real cursor the way a client editing it would. */
function edit(cursor: string, change: (bytes: Buffer) => void): string {
  const bytes = Buffer.from(cursor, 'base64url');
  change(bytes);
  return bytes.toString('base64url');
}

describe('ListCursorCodec', () => {
  it('round-trips a position exactly, including a seq beyond 2^53, as opaque url-safe text', () => {
    const cursor = codec.encode(calls, [new Date('2026-03-01T10:20:30.456Z'), 9007199254740993n]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('2026');
    expect(codec.decode(calls, cursor)).toEqual([new Date('2026-03-01T10:20:30.456Z'), 9007199254740993n]);
    expect(codec.decode(employees, codec.encode(employees, [100042]))).toEqual([100042]);
    const byDuration: CursorList = { name: 'audit.calls:durationMs:desc', keys: [{ kind: 'number' }, { kind: 'bigint' }] };
    expect(codec.decode(byDuration, codec.encode(byDuration, [12.345678901234567, 9n]))).toEqual([12.345678901234567, 9n]);
  });

  it('refuses a tampered cursor: an edited value, an edited tag, or a value re-encoded without the key', () => {
    const cursor = codec.encode(calls, [new Date('2026-03-01T10:20:30.456Z'), 77n]);
    const body = Buffer.from(cursor, 'base64url');
    const json = body.subarray(1, body.length - 16).toString('utf8');
    const forged = Buffer.concat([Buffer.of(1), Buffer.from(json.replace('"77"', '"78"')), body.subarray(body.length - 16)]).toString(
      'base64url',
    );
    expectRefused(() => codec.decode(calls, forged));
    expectRefused(() =>
      codec.decode(
        calls,
        edit(cursor, (b) => (b[b.length - 1] ^= 1)),
      ),
    );
    expectRefused(() =>
      codec.decode(
        calls,
        edit(cursor, (b) => (b[3] ^= 4)),
      ),
    );
  });

  it('refuses a cursor of another list, even one with the same key kinds', () => {
    const cursor = codec.encode(operations, [new Date('2026-03-01T10:20:30.456Z'), 77n]);
    expect(codec.decode(operations, cursor)).toHaveLength(2);
    expectRefused(() => codec.decode(calls, cursor));
    expectRefused(() => codec.decode(employees, codec.encode({ name: 'auth.callers', keys: [{ kind: 'int' }] }, [5])));
  });

  it('refuses a cursor of another deployment (another key)', () => {
    const other = new ListCursorCodec([randomBytes(32)]);
    expectRefused(() => codec.decode(calls, other.encode(calls, [new Date(0), 1n])));
  });

  it('refuses another version with a reason that says to start again', () => {
    const v2 = edit(codec.encode(calls, [new Date(0), 1n]), (b) => (b[0] = 2));
    expectRefused(() => codec.decode(calls, v2), /another version/);
    expect(ListCursorCodec.isWellFormed(v2)).toBe(false);
  });

  it('refuses what was never a cursor, and the format of the previous call-log cursors', () => {
    const legacy = 'c1.' + Buffer.from('1700000000000.42').toString('base64url');
    for (const raw of ['', 'x', 'nope', '***', 'A'.repeat(600), legacy, '550e8400-e29b-41d4-a716-446655440000'])
      expectRefused(() => codec.decode(calls, raw), /./);
    expect(ListCursorCodec.isWellFormed(legacy)).toBe(false);
    expect(ListCursorCodec.isWellFormed(codec.encode(calls, [new Date(0), 1n]))).toBe(true);
  });

  it('keeps cursors signed under the previous master key valid after a rotation', () => {
    const old = { id: 'k1', key: randomBytes(32) };
    const now = { id: 'k2', key: randomBytes(32) };
    const before = ListCursorCodec.fromMasterKeys('ns1', { current: old, previous: [] }).encode(employees, [7]);
    expect(ListCursorCodec.fromMasterKeys('ns1', { current: now, previous: [old] }).decode(employees, before)).toEqual([7]);
    expectRefused(() => ListCursorCodec.fromMasterKeys('ns1', { current: now, previous: [] }).decode(employees, before));
    expectRefused(() => ListCursorCodec.fromMasterKeys('ns2', { current: old, previous: [] }).decode(employees, before));
  });
});
