import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { EventMac } from '@crm/security';
import { EVENT_MAC_HEADER } from '@crm/contracts';
import { openSealedEvent, sealEvent } from './sealed-event.js';

const LIMITS = { maxBytes: 4096, maxDepth: 8 };
const PATTERN = 'service.workorder.dispatched.v1';
const data = { eventId: 'e-1', occurredAt: '2026-11-30T21:00:00.000Z', caller: 'EOMS', employeeId: null, orderNo: 'WO-1' };
const k1 = { id: 'k1', key: randomBytes(32) };
const mac = new EventMac('crm', { current: k1, previous: [] });

describe('sealEvent / openSealedEvent', () => {
  it('publishes the envelope serialised once, its MAC over those bytes in the header, and reads it back as v2', () => {
    const sealed = sealEvent(mac, { pattern: PATTERN, data });
    expect(JSON.parse(sealed.content.toString())).toEqual({ pattern: PATTERN, data });
    expect(sealed.headers[EVENT_MAC_HEADER]).toBe(mac.sealBody(sealed.content));
    expect(openSealedEvent(mac, sealed.content, sealed.headers, LIMITS)).toEqual({ ok: true, pattern: PATTERN, data, seal: 'v2' });
  });

  it('checks the MAC before parsing: a tampered body is refused as unsealed, and what it claimed is kept for the report', () => {
    const sealed = sealEvent(mac, { pattern: PATTERN, data });
    const tampered = Buffer.from(sealed.content.toString().replace('WO-1', 'WO-2'));
    expect(openSealedEvent(mac, tampered, sealed.headers, LIMITS)).toEqual({
      ok: false,
      kind: 'unsealed',
      reason: 'mac invalid',
      pattern: PATTERN,
      data: { ...data, orderNo: 'WO-2' },
    });
    // Not even JSON: the MAC fails first, nothing is claimed.
    expect(openSealedEvent(mac, Buffer.from('{oops'), sealed.headers, LIMITS)).toMatchObject({
      ok: false,
      kind: 'unsealed',
      pattern: null,
    });
  });

  it('refuses a body sealed in another namespace or with an unknown key', () => {
    const other = sealEvent(new EventMac('other', { current: k1, previous: [] }), { pattern: PATTERN, data });
    expect(openSealedEvent(mac, other.content, other.headers, LIMITS)).toMatchObject({
      ok: false,
      kind: 'unsealed',
      reason: 'mac invalid',
    });
    const foreign = sealEvent(new EventMac('crm', { current: { id: 'k9', key: randomBytes(32) }, previous: [] }), {
      pattern: PATTERN,
      data,
    });
    expect(openSealedEvent(mac, foreign.content, foreign.headers, LIMITS)).toMatchObject({ ok: false, reason: 'mac key unknown' });
  });

  it('still reads a v1 event (MAC inside data, sealed before the upgrade), and refuses one without any MAC', () => {
    const v1 = Buffer.from(JSON.stringify({ pattern: PATTERN, data: mac.seal(PATTERN, data) }));
    expect(openSealedEvent(mac, v1, {}, LIMITS)).toEqual({
      ok: true,
      pattern: PATTERN,
      data: { ...data, mac: expect.any(String) },
      seal: 'v1',
    });
    const bare = Buffer.from(JSON.stringify({ pattern: PATTERN, data }));
    expect(openSealedEvent(mac, bare, undefined, LIMITS)).toEqual({
      ok: false,
      kind: 'unsealed',
      reason: 'mac missing',
      pattern: PATTERN,
      data,
    });
  });

  it('a valid v1 MAC does not rescue a body whose v2 header is wrong', () => {
    const v1 = Buffer.from(JSON.stringify({ pattern: PATTERN, data: mac.seal(PATTERN, data) }));
    expect(openSealedEvent(mac, v1, { [EVENT_MAC_HEADER]: 'k1.' + 'A'.repeat(43) }, LIMITS)).toMatchObject({
      ok: false,
      reason: 'mac invalid',
    });
  });

  it('an authenticated body that is not an envelope is refused as malformed, within the limits', () => {
    const deep = Buffer.from(`{"pattern":"${PATTERN}","data":${'['.repeat(20)}${']'.repeat(20)}}`);
    expect(openSealedEvent(mac, deep, { [EVENT_MAC_HEADER]: mac.sealBody(deep) }, LIMITS)).toMatchObject({
      ok: false,
      kind: 'malformed',
      reason: 'body is nested deeper than 8 levels',
    });
  });
});
