import { describe, expect, it } from '@jest/globals';
import { CrmError, ErrorCode } from '@crm/contracts';
import { createValidationPipe } from '@crm/runtime';
import { logFilter } from '../log-query/log-list.js';
import { OperationQueryDto } from './operation-query.dto.js';

describe('GET /audit/operations query → filter', () => {
  const pipe = createValidationPipe();
  const parse = (query: Record<string, string>) =>
    pipe.transform(query, { type: 'query', metatype: OperationQueryDto }) as Promise<OperationQueryDto>;

  it('keeps the filters and converts text to typed bounds', async () => {
    const dto = await parse({
      employee: 'E100001',
      entity: 'workorder',
      entityId: 'w1',
      action: 'accept',
      from: '2026-01-01',
      to: '2026-01-02T00:00:00Z',
      limit: '20',
    });
    expect(logFilter(dto)).toMatchObject({
      employee: 'E100001',
      entity: 'workorder',
      entityId: 'w1',
      action: 'accept',
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-01-02T00:00:00Z'),
    });
    expect(dto.limit).toBe(20);
  });

  it('refuses bad values (limit above 1000, malformed cursor, unknown field) with 4220 and details', async () => {
    let error: unknown;
    try {
      await parse({ limit: '1001', cursor: 'c1.x', actor: 'E1', to: 'tomorrow' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CrmError);
    expect((error as CrmError).code).toBe(ErrorCode.ValidationFailed);
    expect((error as CrmError).details?.map((d) => d.field).sort()).toEqual(['actor', 'cursor', 'limit', 'to']);
  });
});
