import { EVENT_MAC_HEADER } from '@crm/contracts';
import { parseEnvelope, type EnvelopeLimits } from './envelope-parser.js';

export type SealCheck = { ok: true; keyId: string } | { ok: false; reason: string };

/** Seals what the CRM publishes (libs/security's EventMac implements it). */
export interface EventSealer {
  /** v2: the MAC of a message body as it goes on the wire. */
  sealBody(body: Buffer): string;
  /** v1, a MAC inside a structured value: still seals the delivery count of a recounted request (delivery-count.ts). */
  seal<D extends object>(pattern: string, data: D): D & { mac: string };
}

/** Checks both seals (libs/security's EventMac implements it). */
export interface EventVerifier {
  checkBody(body: Buffer, mac: unknown): SealCheck;
  check(pattern: string, data: Record<string, unknown>): SealCheck;
}

/** An event ready to publish: its body and the headers that carry its MAC. */
export interface SealedEvent {
  content: Buffer;
  headers: { [EVENT_MAC_HEADER]: string };
}

/**
 * The one way every publisher of events (EventPublisher, the call events of CrmServerRMQ, the
 * benchmarks) turns an envelope into bytes: serialised once, and the MAC taken over exactly those
 * bytes, so the receiver checks it without parsing or re-serialising anything.
 */
export function sealEvent(sealer: Pick<EventSealer, 'sealBody'>, envelope: { pattern: string; data: object }): SealedEvent {
  const content = Buffer.from(JSON.stringify(envelope));
  return { content, headers: { [EVENT_MAC_HEADER]: sealer.sealBody(content) } };
}

export type OpenedEvent =
  | { ok: true; pattern: string; data: Record<string, unknown>; seal: 'v1' | 'v2' }
  | {
      ok: false;
      /** `unsealed`: no valid MAC (not from a CRM app); `malformed`: not a `{pattern, data}` envelope. */
      kind: 'unsealed' | 'malformed';
      reason: string;
      /** What the message claimed, for the refusal's summary; never trusted. */
      pattern: string | null;
      data: Record<string, unknown> | null;
    };

/**
 * The one way every consumer of events (audit's queues, the inboxes) reads one: with the v2 header,
 * the MAC is checked over `content` before any JSON is parsed; without it, the body is parsed and
 * must carry a valid v1 MAC in `data.mac` (events sealed before the upgrade). `limits` bound what
 * is parsed. Never throws.
 */
export function openSealedEvent(
  verifier: EventVerifier,
  content: Buffer,
  headers: Record<string, unknown> | undefined,
  limits: EnvelopeLimits,
): OpenedEvent {
  const mac = headers?.[EVENT_MAC_HEADER];
  if (mac !== undefined) {
    const check = verifier.checkBody(content, mac);
    if (!check.ok) {
      // Parsed only to say what the refused message claimed to be.
      const claimed = parseEnvelope(content, limits);
      return {
        ok: false,
        kind: 'unsealed',
        reason: check.reason,
        pattern: claimed.pattern,
        data: claimed.ok ? claimed.data : null,
      };
    }
  }
  const envelope = parseEnvelope(content, limits);
  if (!envelope.ok) {
    return { ok: false, kind: 'malformed', reason: envelope.reason, pattern: envelope.pattern, data: null };
  }
  if (mac !== undefined) return { ok: true, pattern: envelope.pattern, data: envelope.data, seal: 'v2' };
  const check = verifier.check(envelope.pattern, envelope.data);
  return check.ok
    ? { ok: true, pattern: envelope.pattern, data: envelope.data, seal: 'v1' }
    : { ok: false, kind: 'unsealed', reason: check.reason, pattern: envelope.pattern, data: envelope.data };
}
