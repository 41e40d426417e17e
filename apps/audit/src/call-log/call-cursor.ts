/**
 * Position of the last item of a page in the (at DESC, seq DESC) order. Opaque to clients: a
 * versioned base64url token, so the encoding can change without breaking stored links twice.
 */
export interface CallCursor {
  at: Date;
  /** call_log.seq, kept exact (BIGINT). */
  seq: bigint;
}

const PREFIX = 'c1.';
const BODY = /^(\d{1,15})\.(\d{1,20})$/;
const MAX_SEQ = 18446744073709551615n;
/** DATETIME's upper bound, 9999-12-31T23:59:59.999Z. */
const MAX_TIME = 253402300799999;

export function encodeCursor(c: CallCursor): string {
  return PREFIX + Buffer.from(`${c.at.getTime()}.${c.seq.toString()}`, 'utf8').toString('base64url');
}

/** Returns null for anything that is not a cursor this service issued (the caller answers 4220). */
export function decodeCursor(raw: string): CallCursor | null {
  if (!raw.startsWith(PREFIX) || raw.length > 80) return null;
  const encoded = raw.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return null;
  const match = BODY.exec(Buffer.from(encoded, 'base64url').toString('utf8'));
  if (!match) return null;
  const ms = Number(match[1]);
  const seq = BigInt(match[2]);
  if (ms > MAX_TIME || seq > MAX_SEQ) return null;
  const at = new Date(ms);
  return { at, seq };
}
