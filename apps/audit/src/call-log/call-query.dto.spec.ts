import { describe, expect, it } from '@jest/globals';
import { CrmError, ErrorCode } from '@crm/contracts';
import { createValidationPipe } from '@crm/runtime';
import { encodeCursor } from './call-cursor.js';
import { CallQueryDto } from './call-query.dto.js';
import { toCallLogFilter } from './call-query.service.js';

const pipe = createValidationPipe();
const parse = (query: Record<string, string>) => pipe.transform(query, { type: 'query', metatype: CallQueryDto }) as Promise<CallQueryDto>;

async function failure(query: Record<string, string>): Promise<CrmError> {
  try {
    await parse(query);
  } catch (e) {
    if (e instanceof CrmError) return e;
    throw e;
  }
  throw new Error('expected a validation failure');
}

describe('GET /audit/calls query → filter', () => {
  it('converts query-string text into typed bounds', async () => {
    const cursor = encodeCursor({ at: new Date('2026-01-01T10:00:00.500Z'), seq: 77n });
    const dto = await parse({ from: '2026-01-01', to: '2026-01-02T00:00:00+08:00', code: '0', ok: 'false', limit: '25', cursor, caller: 'EOMS' });
    expect(toCallLogFilter(dto)).toEqual({
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-01-01T16:00:00Z'),
      code: 0,
      ok: false,
      caller: 'EOMS',
      after: { at: new Date('2026-01-01T10:00:00.500Z'), seq: 77n },
      limit: 25,
    });
  });

  it('defaults to 100 items', async () => {
    expect(toCallLogFilter(await parse({})).limit).toBe(100);
  });

  it('restores a "+" offset that arrived as a space', async () => {
    const dto = await parse({ from: '2026-01-01T08:00:00 08:00' });
    expect(toCallLogFilter(dto).from).toEqual(new Date('2026-01-01T00:00:00Z'));
  });

  it('reports every bad field at once as 4220 with details', async () => {
    const e = await failure({ limit: '0', code: '12abc', ok: 'yes', direction: 'up', from: '2026-01-01T00:00:00', cursor: 'c1.x', extra: '1' });
    expect(e.code).toBe(ErrorCode.ValidationFailed);
    expect(e.details?.map((d) => d.field).sort()).toEqual(['code', 'cursor', 'direction', 'extra', 'from', 'limit', 'ok']);
  });

  it.each([
    ['limit', { limit: '1001' }],
    ['to', { from: '2026-01-02T00:00:00Z', to: '2026-01-02T00:00:00Z' }],
    ['caller', { caller: '' }],
    ['requestId', { requestId: 'r'.repeat(256) }],
  ])('refuses a bad %s', async (field, query) => {
    expect((await failure(query)).details?.map((d) => d.field)).toEqual([field]);
  });
});
