import { createHmac, createSecretKey, hkdfSync, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { MasterKey } from '@crm/config';

/**
 * Field of an event's `data` that carried its MAC in seal v1: `<master key id>.<base64url HMAC-SHA256>`
 * over canonical JSON. Events are sealed over their bytes now (`sealBody`, in a header); v1 is
 * still verified for events published before the upgrade (docs/design.md, "Event MAC v1 and v2").
 */
export const EVENT_MAC_FIELD = 'mac';

/** Domain separation of the byte MAC: a v2 MAC can never be mistaken for a v1 one or another MAC of the key. */
const BODY_MAC_LABEL = 'crm-event-v2\n';
const MAC_TEXT = /^([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{43})$/;

export type EventMacCheck =
  { ok: true; keyId: string } | { ok: false; reason: 'mac missing' | 'mac malformed' | 'mac key unknown' | 'mac invalid' };

/**
 * JSON with object keys sorted at every level and JSON.stringify's own rules for what a value
 * becomes (undefined members dropped, undefined array items null, toJSON honoured), so that the
 * producer's object and what the consumer parses from the wire serialise to the same bytes.
 */
export function canonicalEventJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalEventJson((value as { toJSON: () => unknown }).toJSON());
  }
  if (Array.isArray(value)) return `[${value.map((v) => (dropped(v) ? 'null' : canonicalEventJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const members = Object.keys(o)
      .filter((k) => !dropped(o[k]))
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalEventJson(o[k])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function dropped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/**
 * The event MAC key of one master key (HKDF, like the audit chain key, with a label of its own). A
 * `KeyObject`: with a Buffer key Node 24's createHmac builds one on every call, which cost more
 * than the MAC itself (docs/benchmarks.md, "HMAC keys").
 */
export function deriveEventMacKey(master: MasterKey): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', master.key, Buffer.from('crm-event-mac'), Buffer.from('crm-event-mac-v1'), 32)));
}

/**
 * Authenticates the events the CRM's own apps publish (SPEC §4.1: audit accepts events only from
 * them). Every app derives the same key from `CRM_MASTER_KEY`. The MAC (v2, `sealBody`) covers
 * the namespace and the message body exactly as published — the `{pattern, data}` envelope, so the
 * pattern and every field of `data` — so nothing can be changed and no event can be replayed into
 * another namespace or under another pattern; the receiver checks it before parsing the JSON. v1
 * (`seal`/`check`, a MAC inside `data` over canonical JSON) is still verified for events sealed
 * before the upgrade. During a key rotation events sealed with a key in `CRM_MASTER_KEY_PREVIOUS`
 * still verify.
 */
export class EventMac {
  private readonly keys = new Map<string, KeyObject>();
  private readonly currentId: string;
  private readonly bodyPrefix: Buffer;

  constructor(
    private readonly namespace: string,
    masterKeys: { current: MasterKey; previous: MasterKey[] },
  ) {
    this.currentId = masterKeys.current.id;
    this.bodyPrefix = Buffer.from(`${BODY_MAC_LABEL}${namespace}\n`, 'utf8');
    for (const k of [masterKeys.current, ...masterKeys.previous]) if (!this.keys.has(k.id)) this.keys.set(k.id, deriveEventMacKey(k));
  }

  /** The MAC of a message body as it goes on the wire: `<keyId>.<base64url HMAC-SHA256>` (v2). */
  sealBody(body: Buffer): string {
    return `${this.currentId}.${this.computeBody(this.keys.get(this.currentId) as KeyObject, body).toString('base64url')}`;
  }

  /** Whether `mac` (a header's value, anything) is a v2 MAC of `body` under one of the known keys. */
  checkBody(body: Buffer, mac: unknown): EventMacCheck {
    return this.verify(mac, (key) => this.computeBody(key, body));
  }

  /** v1: `data` with its MAC added (any `mac` it carried is replaced). */
  seal<D extends object>(pattern: string, data: D): D & { mac: string } {
    const { [EVENT_MAC_FIELD]: _ignored, ...rest } = data as Record<string, unknown>;
    const mac = `${this.currentId}.${this.compute(this.keys.get(this.currentId) as KeyObject, pattern, rest).toString('base64url')}`;
    return { ...(rest as D), mac };
  }

  /** v1: whether `data.mac` is the MAC of the rest of `data` under `pattern`. */
  check(pattern: string, data: Record<string, unknown>): EventMacCheck {
    const { [EVENT_MAC_FIELD]: mac, ...rest } = data;
    return this.verify(mac, (key) => this.compute(key, pattern, rest));
  }

  private verify(mac: unknown, expectedWith: (key: KeyObject) => Buffer): EventMacCheck {
    if (mac === undefined || mac === null) return { ok: false, reason: 'mac missing' };
    const m = typeof mac === 'string' ? MAC_TEXT.exec(mac) : null;
    if (!m) return { ok: false, reason: 'mac malformed' };
    const key = this.keys.get(m[1]);
    if (!key) return { ok: false, reason: 'mac key unknown' };
    const given = Buffer.from(m[2], 'base64url');
    const expected = expectedWith(key);
    return given.length === expected.length && timingSafeEqual(given, expected)
      ? { ok: true, keyId: m[1] }
      : { ok: false, reason: 'mac invalid' };
  }

  private computeBody(key: KeyObject, body: Buffer): Buffer {
    return createHmac('sha256', key).update(this.bodyPrefix).update(body).digest();
  }

  private compute(key: KeyObject, pattern: string, rest: Record<string, unknown>): Buffer {
    return createHmac('sha256', key)
      .update(`crm-event-v1\n${this.namespace}\n${pattern}\n${canonicalEventJson(rest)}`, 'utf8')
      .digest();
  }
}
