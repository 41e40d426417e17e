import { randomFillSync } from 'node:crypto';

/**
 * Trace and span ids from a pool of random hex, refilled 8 KiB of random bytes at a time: the hot
 * path of every call takes an id or two, and one `randomFillSync` (a system call) plus one hex
 * conversion per id would cost several times the slice. Every byte is used once. All-zero ids are
 * invalid in W3C trace context and are drawn again.
 */
const POOL_BYTES = 8192;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let hex = '';
let offset = 0;

function randomHex(bytes: number): string {
  const chars = bytes * 2;
  if (offset + chars > hex.length) {
    hex = randomFillSync(pool).toString('hex');
    offset = 0;
  }
  const id = hex.slice(offset, offset + chars);
  offset += chars;
  return id;
}

const INVALID_TRACE_ID = '0'.repeat(32);
const INVALID_SPAN_ID = '0'.repeat(16);

/** 16 random bytes as 32 lower-case hex digits, never all zero. */
export function newTraceId(): string {
  let id = randomHex(16);
  while (id === INVALID_TRACE_ID) id = randomHex(16);
  return id;
}

/** 8 random bytes as 16 lower-case hex digits, never all zero. */
export function newSpanId(): string {
  let id = randomHex(8);
  while (id === INVALID_SPAN_ID) id = randomHex(8);
  return id;
}

export const TRACE_ID_PATTERN = /^[0-9a-f]{32}$/;
export const SPAN_ID_PATTERN = /^[0-9a-f]{16}$/;

/** A W3C trace id: 32 lower-case hex digits, not all zero. */
export function isTraceId(value: unknown): value is string {
  return typeof value === 'string' && TRACE_ID_PATTERN.test(value) && value !== INVALID_TRACE_ID;
}

/** A W3C span (parent) id: 16 lower-case hex digits, not all zero. */
export function isSpanId(value: unknown): value is string {
  return typeof value === 'string' && SPAN_ID_PATTERN.test(value) && value !== INVALID_SPAN_ID;
}
