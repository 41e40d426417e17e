import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { EVENT_MAC_HEADER } from '@crm/contracts';
import { sealEvent } from '@crm/messaging';
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

  it('accepts an event sealed over its bytes (header) and one sealed v1 before the upgrade; refuses a changed byte as forged', () => {
    const auth = new EventAuthenticator(mac, []);
    const v2 = sealEvent(mac, { pattern: 'audit.operation.recorded.v1', data: { id: 'x', service: 'sales' } });
    expect(auth.open('operations', v2.content, { headers: v2.headers })).toEqual({
      ok: true,
      pattern: 'audit.operation.recorded.v1',
      data: { id: 'x', service: 'sales' },
    });
    expect(auth.open('operations', sealed({ id: 'x' }), { headers: {} }).ok).toBe(true);
    const changed = Buffer.from(v2.content.toString().replace('sales', 'sal3s'));
    expect(auth.open('operations', changed, { headers: v2.headers, userId: 'guest' })).toEqual({
      ok: false,
      reason: 'mac invalid',
      forged: {
        queue: 'operations',
        reason: 'mac invalid',
        publisher: 'guest',
        pattern: 'audit.operation.recorded.v1',
        service: 'sal3s',
        bytes: changed.length,
      },
    });
    // Neither the header nor data.mac: the forged-event alarm's 'mac missing'.
    const bare = Buffer.from(JSON.stringify({ pattern: 'audit.operation.recorded.v1', data: { id: 'x' } }));
    expect(auth.open('operations', bare, { headers: {} })).toMatchObject({ ok: false, forged: { reason: 'mac missing' } });
    expect(auth.open('operations', v2.content, { headers: { [EVENT_MAC_HEADER]: 'k1.nope' } })).toMatchObject({
      ok: false,
      forged: { reason: 'mac malformed' },
    });
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
