/** Result of reading an inbound AMQP body against SPEC §2.1, before any Nest machinery. */
export type ParsedEnvelope =
  | { ok: true; pattern: string; id: string | undefined; data: Record<string, unknown> }
  | { ok: false; reason: string; pattern: string | null; id: string | undefined };

const MAX_PATTERN = 200;

export function parseEnvelope(content: Buffer): ParsedEnvelope {
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
