import { describe, expect, it } from '@jest/globals';
import { jsonDepthExceeds, parseEnvelope as parse, readCallFields, type EnvelopeLimits } from './envelope-parser.js';

const b = (s: string) => Buffer.from(s);
const LIMITS: EnvelopeLimits = { maxBytes: 1024 * 1024, maxDepth: 32 };
const parseEnvelope = (content: Buffer, limits = LIMITS) => parse(content, limits);
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('parseEnvelope', () => {
  it.each([
    ['not json', 'body is not JSON'],
    ['[1,2]', 'body is not a JSON object'],
    ['"str"', 'body is not a JSON object'],
    ['null', 'body is not a JSON object'],
    ['{"id":"1","data":{}}', 'pattern missing or not a string'],
    ['{"pattern":5,"data":{}}', 'pattern missing or not a string'],
    ['{"pattern":"a.b"}', 'data missing or not an object'],
    ['{"pattern":"a.b","data":[]}', 'data missing or not an object'],
    ['{"pattern":"a.b","data":"x"}', 'data missing or not an object'],
    ['{"pattern":"a.b","id":7,"data":{}}', 'id must be a non-empty string of at most 200 characters'],
  ])('rejects %s', (body, reason) => {
    const r = parseEnvelope(b(body));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(reason);
  });

  it('keeps the id of a malformed request so its reply can still be correlated', () => {
    const r = parseEnvelope(b('{"pattern":"a.b","id":"req-1"}'));
    expect(r).toMatchObject({ ok: false, id: 'req-1', pattern: 'a.b' });
  });

  it('accepts requests and one-way calls', () => {
    expect(parseEnvelope(b('{"pattern":"a.b","id":"1","data":{"x":1}}'))).toEqual({ ok: true, pattern: 'a.b', id: '1', data: { x: 1 } });
    expect(parseEnvelope(b('{"pattern":"a.b","data":{}}'))).toEqual({ ok: true, pattern: 'a.b', id: undefined, data: {} });
  });

  it('rejects oversized patterns', () => {
    expect(parseEnvelope(b(JSON.stringify({ pattern: 'x'.repeat(201), data: {} }))).ok).toBe(false);
  });
});

describe('limits checked before parsing', () => {
  it('refuses a body larger than maxBytes without parsing it', () => {
    const body = b(JSON.stringify({ pattern: 'a.b', id: '1', data: { blob: 'x'.repeat(2000) } }));
    const r = parseEnvelope(body, { maxBytes: 1024, maxDepth: 32 });
    expect(r).toEqual({ ok: false, reason: `body is ${body.length} bytes, more than the 1024 allowed`, pattern: null, id: undefined });
    expect(parseEnvelope(body, { maxBytes: body.length, maxDepth: 32 }).ok).toBe(true);
  });

  it('refuses a 10,000-deep body with a clear reason (no RangeError)', () => {
    const body = b(`{"pattern":"a.b","id":"1","data":{"x":${nested(10_000)}}}`);
    expect(parseEnvelope(body)).toMatchObject({ ok: false, reason: 'body is nested deeper than 32 levels' });
  });

  it('counts objects and arrays alike, and accepts exactly the limit', () => {
    // The envelope and data are two levels: 30 more make 32.
    expect(parseEnvelope(b(`{"pattern":"a.b","data":{"x":${nested(30)}}}`)).ok).toBe(true);
    expect(parseEnvelope(b(`{"pattern":"a.b","data":{"x":${nested(31)}}}`)).ok).toBe(false);
    expect(jsonDepthExceeds(b('{"a":{"b":[{"c":1}]}}'), 3)).toBe(true);
    expect(jsonDepthExceeds(b('{"a":{"b":[{"c":1}]}}'), 4)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    const text = '{"pattern":"a.b","data":{"s":"' + '[{'.repeat(100) + ' \\" ' + '[{'.repeat(100) + '"}}';
    expect(JSON.parse(text).data.s).toContain('"');
    expect(parseEnvelope(b(text), { maxBytes: 1 << 20, maxDepth: 2 }).ok).toBe(true);
  });
});

describe('readCallFields', () => {
  it('reads caller and requestId, bounded, and ignores non-strings', () => {
    expect(readCallFields({ caller: 'EOMS', requestId: 'r1', password: 'p' })).toEqual({ caller: 'EOMS', requestId: 'r1' });
    expect(readCallFields({ caller: 5, requestId: {} })).toEqual({ caller: null, requestId: null });
    expect(readCallFields({ caller: 'x'.repeat(500) }).caller).toHaveLength(64);
    expect(readCallFields(null)).toEqual({ caller: null, requestId: null });
  });
});
