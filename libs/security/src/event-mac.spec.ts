import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { canonicalEventJson, EventMac } from './event-mac.js';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };
const PATTERN = 'audit.call.recorded.v1';

const event = {
  id: '6f1c2a8e-3b0d-4c55-9a2e-0d4b5e7f9a10',
  at: '2025-11-23T08:00:00.123Z',
  direction: 'inbound',
  service: 'service',
  caller: 'EOMS',
  callee: 'service',
  pattern: 'service.workorder.withdraw.v1',
  requestId: 'r-1',
  actor: null,
  code: 0,
  ok: true,
  durationMs: 12.345,
  message: null,
  source: 'guest',
  redelivered: false,
  fingerprint: 'ab'.repeat(32),
};

/** What the consumer sees: the sealed object after the wire (JSON). */
const wire = <T>(v: T): Record<string, unknown> => JSON.parse(JSON.stringify(v)) as Record<string, unknown>;

describe('EventMac', () => {
  it('accepts what it sealed, after the wire', () => {
    const mac = new EventMac('crm', { current: k1, previous: [] });
    expect(mac.check(PATTERN, wire(mac.seal(PATTERN, event)))).toEqual({ ok: true, keyId: 'k1' });
  });

  it.each(Object.keys(event))('refuses the event when %s was changed', (field) => {
    const mac = new EventMac('crm', { current: k1, previous: [] });
    const data = wire(mac.seal(PATTERN, event));
    const value = data[field];
    data[field] = typeof value === 'number' ? value + 1 : typeof value === 'boolean' ? !value : value === null ? 'x' : `${String(value)}x`;
    expect(mac.check(PATTERN, data)).toEqual({ ok: false, reason: 'mac invalid' });
  });

  it('refuses an added field, another pattern and another namespace', () => {
    const mac = new EventMac('crm', { current: k1, previous: [] });
    const data = wire(mac.seal(PATTERN, event));
    expect(mac.check(PATTERN, { ...data, extra: 1 })).toEqual({ ok: false, reason: 'mac invalid' });
    expect(mac.check('audit.operation.recorded.v1', data)).toEqual({ ok: false, reason: 'mac invalid' });
    expect(new EventMac('other', { current: k1, previous: [] }).check(PATTERN, data)).toEqual({ ok: false, reason: 'mac invalid' });
  });

  it('refuses a missing, malformed or foreign MAC', () => {
    const mac = new EventMac('crm', { current: k1, previous: [] });
    expect(mac.check(PATTERN, wire(event))).toEqual({ ok: false, reason: 'mac missing' });
    expect(mac.check(PATTERN, { ...wire(event), mac: 'k1.short' })).toEqual({ ok: false, reason: 'mac malformed' });
    expect(mac.check(PATTERN, { ...wire(event), mac: 42 })).toEqual({ ok: false, reason: 'mac malformed' });
    const foreign = new EventMac('crm', { current: k2, previous: [] }).seal(PATTERN, event);
    expect(mac.check(PATTERN, wire(foreign))).toEqual({ ok: false, reason: 'mac key unknown' });
    // Same key id, another key: an attacker who guesses the id still cannot compute the MAC.
    const guessed = new EventMac('crm', { current: { id: 'k1', key: randomBytes(32) }, previous: [] }).seal(PATTERN, event);
    expect(mac.check(PATTERN, wire(guessed))).toEqual({ ok: false, reason: 'mac invalid' });
  });

  it('accepts events sealed with the previous key during a rotation, and seals with the current one', () => {
    const before = new EventMac('crm', { current: k1, previous: [] });
    const during = new EventMac('crm', { current: k2, previous: [k1] });
    const after = new EventMac('crm', { current: k2, previous: [] });
    const old = wire(before.seal(PATTERN, event));
    expect(during.check(PATTERN, old)).toEqual({ ok: true, keyId: 'k1' });
    expect(after.check(PATTERN, old)).toEqual({ ok: false, reason: 'mac key unknown' });
    expect(before.check(PATTERN, wire(during.seal(PATTERN, event)))).toEqual({ ok: false, reason: 'mac key unknown' });
    expect(after.check(PATTERN, wire(during.seal(PATTERN, event)))).toEqual({ ok: true, keyId: 'k2' });
  });

  it('covers nested values whatever their key order, and ignores a stale mac field when sealing', () => {
    const mac = new EventMac('crm', { current: k1, previous: [] });
    const op = { id: 'o1', changes: [{ field: 'status', old: 'open', new: { b: 1, a: [1, undefined] } }], mac: 'stale' };
    const data = wire(mac.seal('audit.operation.recorded.v1', op));
    const reordered = { ...data, changes: [{ new: { a: [1, null], b: 1 }, old: 'open', field: 'status' }] };
    expect(mac.check('audit.operation.recorded.v1', reordered)).toEqual({ ok: true, keyId: 'k1' });
    expect(
      mac.check('audit.operation.recorded.v1', { ...data, changes: [{ field: 'status', old: 'open', new: { a: [1, null], b: 2 } }] }),
    ).toEqual({ ok: false, reason: 'mac invalid' });
  });
});

describe('EventMac over the bytes as published (v2)', () => {
  const body = Buffer.from(JSON.stringify({ pattern: PATTERN, data: event }));

  it('accepts the body it sealed, with the MAC as `<keyId>.<base64url HMAC-SHA256>`', () => {
    const mac = new EventMac('crm', { current: k1, previous: [] });
    const sealed = mac.sealBody(body);
    expect(sealed).toMatch(/^k1\.[A-Za-z0-9_-]{43}$/);
    expect(mac.checkBody(body, sealed)).toEqual({ ok: true, keyId: 'k1' });
  });

  it('refuses the body when any one byte was changed', () => {
    const mac = new EventMac('crm', { current: k1, previous: [] });
    const sealed = mac.sealBody(body);
    for (const at of [0, body.indexOf('EOMS'), body.length - 1]) {
      const tampered = Buffer.from(body);
      tampered[at] ^= 0x01;
      expect(mac.checkBody(tampered, sealed)).toEqual({ ok: false, reason: 'mac invalid' });
    }
    expect(mac.checkBody(Buffer.concat([body, Buffer.from(' ')]), sealed)).toEqual({ ok: false, reason: 'mac invalid' });
  });

  it('refuses a body sealed for another namespace, and a v1 MAC of the same event in its place', () => {
    const sealed = new EventMac('other', { current: k1, previous: [] }).sealBody(body);
    const mac = new EventMac('crm', { current: k1, previous: [] });
    expect(mac.checkBody(body, sealed)).toEqual({ ok: false, reason: 'mac invalid' });
    expect(mac.checkBody(body, mac.seal(PATTERN, event).mac)).toEqual({ ok: false, reason: 'mac invalid' });
  });

  it('refuses a missing or malformed MAC and one of an unknown key id, saying which', () => {
    const mac = new EventMac('crm', { current: k1, previous: [] });
    expect(mac.checkBody(body, undefined)).toEqual({ ok: false, reason: 'mac missing' });
    expect(mac.checkBody(body, Buffer.from(mac.sealBody(body)))).toEqual({ ok: false, reason: 'mac malformed' });
    expect(mac.checkBody(body, 'k1.short')).toEqual({ ok: false, reason: 'mac malformed' });
    expect(mac.checkBody(body, new EventMac('crm', { current: k2, previous: [] }).sealBody(body))).toEqual({
      ok: false,
      reason: 'mac key unknown',
    });
  });

  it('accepts a body sealed with the previous key during a rotation', () => {
    const before = new EventMac('crm', { current: k1, previous: [] });
    const during = new EventMac('crm', { current: k2, previous: [k1] });
    const after = new EventMac('crm', { current: k2, previous: [] });
    expect(during.checkBody(body, before.sealBody(body))).toEqual({ ok: true, keyId: 'k1' });
    expect(after.checkBody(body, before.sealBody(body))).toEqual({ ok: false, reason: 'mac key unknown' });
    expect(during.sealBody(body)).toMatch(/^k2\./);
  });
});

describe('canonicalEventJson', () => {
  it('serialises like JSON.stringify with sorted keys', () => {
    const at = new Date('2025-01-01T00:00:00.000Z');
    expect(canonicalEventJson({ b: 1, a: undefined, c: [undefined, 'x'], d: at })).toBe(
      '{"b":1,"c":[null,"x"],"d":"2025-01-01T00:00:00.000Z"}',
    );
    expect(canonicalEventJson('\ud800')).toBe(JSON.stringify('\ud800'));
  });
});
