import { describe, expect, it } from '@jest/globals';
import { retryOnDeadlock } from './retry.js';

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
    await expect(retryOnDeadlock(async () => Promise.reject(Object.assign(new Error('dup'), { code: 'ER_DUP_ENTRY', n: ++n })))).rejects.toThrow('dup');
    expect(n).toBe(1);
  });
});
