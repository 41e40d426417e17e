import { describe, expect, it } from '@jest/globals';
import { CredentialCache } from './credential-cache.js';

const profile = (validUntil: string) => ({ name: 'EOMS', allow: ['service.*'], sources: null, validUntil });

describe('CredentialCache', () => {
  it('returns the profile only for the exact password remembered', () => {
    const c = new CredentialCache(60_000);
    c.remember('EOMS', 'pw-1', profile('2999-01-01T00:00:00Z'));
    expect(c.lookup('EOMS', 'pw-1')?.name).toBe('EOMS');
    expect(c.lookup('EOMS', 'pw-2')).toBeNull();
    expect(c.lookup('OTHER', 'pw-1')).toBeNull();
  });

  it('keys by source too: a credential remembered for one source is not found for another', () => {
    const c = new CredentialCache(60_000);
    c.remember('EOMS', 'pw-1', profile('2999-01-01T00:00:00Z'), 'eoms-broker');
    expect(c.lookup('EOMS', 'pw-1', 'eoms-broker')?.name).toBe('EOMS');
    expect(c.lookup('EOMS', 'pw-1', 'mallory')).toBeNull();
    expect(c.lookup('EOMS', 'pw-1')).toBeNull();
    // Length-prefixed: moving bytes between source and password gives another key.
    c.remember('EOMS', 'c:pw', profile('2999-01-01T00:00:00Z'), 'ab');
    expect(c.lookup('EOMS', 'pw', 'abc:')).toBeNull();
    expect(c.keyOf('EOMS', 'pw-1', 'a')).not.toBe(c.keyOf('EOMS', 'pw-1', 'b'));
  });

  it('forgets a caller at once when told', () => {
    const c = new CredentialCache(60_000);
    c.remember('EOMS', 'pw-1', profile('2999-01-01T00:00:00Z'));
    c.forget('EOMS');
    expect(c.lookup('EOMS', 'pw-1')).toBeNull();
  });

  it('clear drops everything', () => {
    const c = new CredentialCache(60_000);
    c.remember('A', 'x', profile('2999-01-01T00:00:00Z'));
    c.remember('B', 'y', profile('2999-01-01T00:00:00Z'));
    c.clear();
    expect(c.size).toBe(0);
  });

  it('stops at the credential deadline and after the TTL', () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const c = new CredentialCache(10_000, 4, () => now);
    c.remember('EOMS', 'pw', profile('2030-01-01T00:00:05Z'));
    expect(c.lookup('EOMS', 'pw')).not.toBeNull();
    now += 6_000; // past validUntil, before TTL
    expect(c.lookup('EOMS', 'pw')).toBeNull();
    c.remember('EOMS', 'pw2', profile('2999-01-01T00:00:00Z'));
    now += 11_000; // past TTL
    expect(c.lookup('EOMS', 'pw2')).toBeNull();
  });

  it('keeps both passwords of a rotation overlap', () => {
    const c = new CredentialCache(60_000);
    c.remember('EOMS', 'old', profile('2999-01-01T00:00:00Z'));
    c.remember('EOMS', 'new', profile('2999-01-01T00:00:00Z'));
    expect(c.lookup('EOMS', 'old')).not.toBeNull();
    expect(c.lookup('EOMS', 'new')).not.toBeNull();
  });

  it('does not keep the plaintext anywhere in its state', () => {
    const c = new CredentialCache(60_000);
    c.remember('EOMS', 'very-secret-password', profile('2999-01-01T00:00:00Z'));
    const dump = JSON.stringify([...(c as unknown as { entries: Map<string, unknown> }).entries.entries()]);
    expect(dump).not.toContain('very-secret-password');
  });

  it('caches nothing when the TTL is 0', () => {
    const c = new CredentialCache(0);
    c.remember('EOMS', 'pw', profile('2999-01-01T00:00:00Z'));
    expect(c.lookup('EOMS', 'pw')).toBeNull();
  });
});
