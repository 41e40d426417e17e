/** Result of reading an inbound AMQP body against SPEC §2.1, before any Nest machinery. */
export type ParsedEnvelope =
  | { ok: true; pattern: string; id: string | undefined; data: Record<string, unknown> }
  | { ok: false; reason: string; pattern: string | null; id: string | undefined };

const MAX_PATTERN = 200;

/** Checked on the raw bytes before JSON.parse (docs/wire-contract.md, "Limits"). */
export interface EnvelopeLimits {
  maxBytes: number;
  maxDepth: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

/**
 * Deepest `{`/`[` nesting of a JSON text, counted in one pass over the bytes without recursion, so
 * a 10,000-deep body costs a loop, not a stack. Brackets inside strings do not count; none of the
 * bytes looked at can occur inside a multi-byte UTF-8 sequence. Stops once `limit` is exceeded.
 */
export function jsonDepthExceeds(content: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}

export function parseEnvelope(content: Buffer, limits: EnvelopeLimits): ParsedEnvelope {
  // Refused before parsing: a huge or deeply nested body must cost neither memory nor stack.
  if (content.length > limits.maxBytes) {
    return { ok: false, reason: `body is ${content.length} bytes, more than the ${limits.maxBytes} allowed`, pattern: null, id: undefined };
  }
  if (jsonDepthExceeds(content, limits.maxDepth)) {
    return { ok: false, reason: `body is nested deeper than ${limits.maxDepth} levels`, pattern: null, id: undefined };
  }
  let body: unknown;
  try {
    body = JSON.parse(content.toString('utf8'));
  } catch {
    return { ok: false, reason: 'body is not JSON', pattern: null, id: undefined };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, reason: 'body is not a JSON object', pattern: null, id: undefined };
  }
  const record = body as Record<string, unknown>;
  const id = typeof record.id === 'string' && record.id.length > 0 && record.id.length <= 200 ? record.id : undefined;
  if (record.id !== undefined && id === undefined) {
    return { ok: false, reason: 'id must be a non-empty string of at most 200 characters', pattern: null, id: undefined };
  }
  if (typeof record.pattern !== 'string' || record.pattern.length === 0 || record.pattern.length > MAX_PATTERN) {
    return { ok: false, reason: 'pattern missing or not a string', pattern: null, id };
  }
  if (typeof record.data !== 'object' || record.data === null || Array.isArray(record.data)) {
    return { ok: false, reason: 'data missing or not an object', pattern: record.pattern, id };
  }
  return { ok: true, pattern: record.pattern, id, data: record.data as Record<string, unknown> };
}

/** Fields of `data` the transport may read for the call log; bounded so a caller cannot bloat it. */
export function readCallFields(data: Record<string, unknown> | null): { caller: string | null; requestId: string | null } {
  if (!data) return { caller: null, requestId: null };
  const str = (v: unknown, max: number) => (typeof v === 'string' && v.length > 0 ? v.slice(0, max) : null);
  return { caller: str(data.caller, 64), requestId: str(data.requestId, 128) };
}
