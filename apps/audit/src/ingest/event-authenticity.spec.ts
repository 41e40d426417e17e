import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { EventMac } from '@crm/security';
import { EventAuthenticator, sanitize } from './event-authenticity.js';

const mac = new EventMac('crm', { current: { id: 'k1', key: randomBytes(32) }, previous: [] });
const sealed = (data: object) =>
  Buffer.from(JSON.stringify({ pattern: 'audit.operation.recorded.v1', data: mac.seal('audit.operation.recorded.v1', data) }));

describe('EventAuthenticator', () => {
  it('checks the AMQP user_id against the trusted publishers when both are there', () => {
    const auth = new EventAuthenticator(mac, ['crm-auth', 'crm-service']);
    expect(auth.open('operations', sealed({ id: 'x' }), { userId: 'crm-service' }).ok).toBe(true);
    expect(auth.open('operations', sealed({ id: 'x' }), {}).ok).toBe(true);
    expect(auth.open('operations', sealed({ id: 'x' }), { userId: 'crm-partner-eoms' })).toMatchObject({
      ok: false,
      forged: { reason: 'publisher not trusted', publisher: 'crm-partner-eoms' },
    });
    expect(new EventAuthenticator(mac, []).open('operations', sealed({ id: 'x' }), { userId: 'anyone' }).ok).toBe(true);
  });

  it('keeps only a bounded, sanitised summary of a forged event', () => {
    const auth = new EventAuthenticator(mac, []);
    const body = Buffer.from(
      JSON.stringify({ pattern: '=HYPERLINK("http://evil.example","x")<script>', data: { service: `${'s'.repeat(200)}\u0000` } }),
    );
    const opened = auth.open('calls', body, { userId: 'guest' });
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.forged).toEqual({
      queue: 'calls',
      reason: 'mac missing',
      publisher: 'guest',
      pattern: '?HYPERLINK??http://evil.example???x???script?',
      service: 's'.repeat(32),
      bytes: body.length,
    });
  });

  it('sanitize cuts, replaces and neutralises formula leads', () => {
    expect(sanitize('a b\nc', 10)).toBe('a?b?c');
    expect(sanitize('x'.repeat(50), 8)).toBe('xxxxxxxx');
    expect(sanitize('+cmd|calc!A0', 20)).toBe('?cmd?calc?A0');
    expect(sanitize('-2+3', 20)).toBe("'-2?3");
    expect(sanitize('@SUM(A1)', 20)).toBe("'@SUM?A1?");
    expect(sanitize(42, 8)).toBeNull();
  });
});
