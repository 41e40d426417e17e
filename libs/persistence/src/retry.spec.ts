import { describe, expect, it } from '@jest/globals';
import { isDatabaseUnavailable, retryOnDeadlock } from './retry.js';

const deadlock = () => Object.assign(new Error('Deadlock found when trying to get lock'), { driverError: { code: 'ER_LOCK_DEADLOCK' } });

describe('retryOnDeadlock', () => {
  it('runs the transaction again after a deadlock and returns its result', async () => {
    let n = 0;
    await expect(retryOnDeadlock(async () => (++n < 3 ? Promise.reject(deadlock()) : 'ok'))).resolves.toBe('ok');
    expect(n).toBe(3);
  });

  it('gives up after the last attempt with the deadlock', async () => {
    let n = 0;
    await expect(retryOnDeadlock(async () => Promise.reject(Object.assign(deadlock(), { n: ++n })), 2)).rejects.toThrow(/Deadlock/);
    expect(n).toBe(2);
  });

  it('does not retry other errors', async () => {
    let n = 0;
    await expect(
      retryOnDeadlock(async () => Promise.reject(Object.assign(new Error('dup'), { code: 'ER_DUP_ENTRY', n: ++n }))),
    ).rejects.toThrow('dup');
    expect(n).toBe(1);
  });
});

describe('isDatabaseUnavailable', () => {
  it('recognises a refused or lost connection, directly or wrapped by TypeORM', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('Connection lost'), { driverError: { code: 'PROTOCOL_CONNECTION_LOST', fatal: true } }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error("Can't add new command when connection is in closed state"))).toBe(true);
  });

  it('does not take a statement error for an outage', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('dup'), { code: 'ER_DUP_ENTRY' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('no such table'), { driverError: { code: 'ER_NO_SUCH_TABLE' } }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('handler bug'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
