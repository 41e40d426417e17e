import { describe, expect, it } from '@jest/globals';
import { parseEnvelope, readCallFields } from './envelope-parser.js';

const b = (s: string) => Buffer.from(s);

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

describe('readCallFields', () => {
  it('reads caller and requestId, bounded, and ignores non-strings', () => {
    expect(readCallFields({ caller: 'EOMS', requestId: 'r1', password: 'p' })).toEqual({ caller: 'EOMS', requestId: 'r1' });
    expect(readCallFields({ caller: 5, requestId: {} })).toEqual({ caller: null, requestId: null });
    expect(readCallFields({ caller: 'x'.repeat(500) }).caller).toHaveLength(64);
    expect(readCallFields(null)).toEqual({ caller: null, requestId: null });
  });
});
