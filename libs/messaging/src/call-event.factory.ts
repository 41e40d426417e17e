import { createHash } from 'node:crypto';
import type { AppName, CallDirection, CallEvent } from '@crm/contracts';

/** Same inputs, same id: a redelivered call produces an event the audit store keeps once. */
export function callEventId(service: AppName, direction: CallDirection, key: string): string {
  const h = createHash('sha256').update(`${service}|${direction}|${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function contentKey(content: Buffer): string {
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}

const MAX_MESSAGE = 500;

export function buildCallEvent(e: Omit<CallEvent, 'ok' | 'at'> & { at?: Date }): CallEvent {
  const { at, ...rest } = e;
  return {
    ...rest,
    at: (at ?? new Date()).toISOString(),
    ok: e.code === 0,
    message: e.message === null ? null : e.message.slice(0, MAX_MESSAGE),
  };
}
