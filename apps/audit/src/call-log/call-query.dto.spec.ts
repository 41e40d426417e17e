import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { CrmError, ErrorCode } from '@crm/contracts';
import { ListCursorCodec } from '@crm/persistence';
import { createValidationPipe } from '@crm/runtime';
import { logFilter } from '../log-query/log-list.js';
import { CALL_LOG_LIST } from './call-log.repository.js';
import { CallHistogramQueryDto, CallQueryDto } from './call-query.dto.js';
import { bucketWidth } from './call-query.service.js';

const pipe = createValidationPipe();
const parse = (query: Record<string, string>) => pipe.transform(query, { type: 'query', metatype: CallQueryDto }) as Promise<CallQueryDto>;
const codec = new ListCursorCodec([randomBytes(32)]);

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
  it('converts query-string text into typed bounds and keeps a cursor the list issued', async () => {
    const cursor = codec.encode(CALL_LOG_LIST, [new Date('2026-01-01T10:00:00.500Z'), 77n]);
    const dto = await parse({
      from: '2026-01-01',
      to: '2026-01-02T00:00:00+08:00',
      code: '0',
      ok: 'false',
      limit: '25',
      cursor,
      caller: 'EOMS',
    });
    expect(logFilter(dto)).toMatchObject({
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-01-01T16:00:00Z'),
      code: 0,
      ok: false,
      caller: 'EOMS',
    });
    expect(dto.limit).toBe(25);
    expect(codec.decode(CALL_LOG_LIST, dto.cursor as string)).toEqual([new Date('2026-01-01T10:00:00.500Z'), 77n]);
  });

  it('filters by trace id (upper case accepted) and refuses anything that is not one', async () => {
    const dto = await parse({ traceId: ' 4BF92F3577B34DA6A3CE929D0E0E4736 ' });
    expect(logFilter(dto)).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
    for (const traceId of ['4bf92f35', 'x'.repeat(32), '4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7']) {
      const e = await failure({ traceId });
      expect(e.code).toBe(ErrorCode.ValidationFailed);
      expect(e.details?.map((d) => d.field)).toEqual(['traceId']);
    }
  });

  it('restores a "+" offset that arrived as a space', async () => {
    const dto = await parse({ from: '2026-01-01T08:00:00 08:00' });
    expect(logFilter(dto).from).toEqual(new Date('2026-01-01T00:00:00Z'));
  });

  it('reports every bad field at once as 4220 with details', async () => {
    const e = await failure({
      limit: '0',
      code: '12abc',
      ok: 'yes',
      direction: 'up',
      from: '2026-01-01T00:00:00',
      cursor: 'c1.x',
      extra: '1',
    });
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

  it('accepts limit 1000 (SPEC §5.1), above the 200 of business lists', async () => {
    expect((await parse({ limit: '1000' })).limit).toBe(1000);
  });

  it('takes internal as a boolean and a sort from the whitelist only', async () => {
    expect(await parse({ internal: 'false', sort: 'durationMs', order: 'asc' })).toMatchObject({
      internal: false,
      sort: 'durationMs',
      order: 'asc',
    });
    const e = await failure({ internal: 'no', sort: 'message', order: 'up' });
    expect(e.details?.map((d) => d.field).sort()).toEqual(['internal', 'order', 'sort']);
  });
});

describe('GET /audit/calls/histogram query', () => {
  const histogram = (query: Record<string, string>) =>
    pipe.transform(query, { type: 'query', metatype: CallHistogramQueryDto }) as Promise<CallHistogramQueryDto>;

  it('takes the call filters and a bucket count of 1 to 240, but no page or sort', async () => {
    expect(await histogram({ pattern: 'service.*', internal: 'false', buckets: '120' })).toMatchObject({
      pattern: 'service.*',
      internal: false,
      buckets: 120,
    });
    for (const bad of [{ buckets: '0' }, { buckets: '241' }, { limit: '10' }, { sort: 'code' }] as Record<string, string>[])
      await expect(histogram(bad)).rejects.toBeInstanceOf(CrmError);
  });

  it('cuts a range into readable bucket widths, at most the count asked for', () => {
    const min = 60_000;
    expect(bucketWidth(15 * min, 60)).toBe(15_000);
    expect(bucketWidth(60 * min, 60)).toBe(min);
    expect(bucketWidth(24 * 60 * min, 60)).toBe(30 * min);
    expect(bucketWidth(7 * 24 * 60 * min, 60)).toBe(3 * 60 * min);
    expect(bucketWidth(365 * 24 * 60 * min, 60)).toBe(7 * 24 * 60 * min);
    expect(bucketWidth(10, 60)).toBe(1000);
  });
});
