import { randomFillSync } from 'node:crypto';

/**
 * Trace and span ids from a pool of random bytes, refilled 8 KiB at a time: the hot path of every
 * call takes one id or two, and one `randomFillSync` per id would cost a system call each. Every
 * byte is used once. All-zero ids are invalid in W3C trace context and are drawn again.
 */
const POOL_BYTES = 8192;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let offset = POOL_BYTES;

function randomHex(bytes: number): string {
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
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
