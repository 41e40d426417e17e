import { describe, expect, it } from '@jest/globals';
import { encodeCursor } from '../call-log/call-cursor.js';
import { createValidationPipe } from '@crm/runtime';
import { CrmError, ErrorCode } from '@crm/contracts';
import { buildOperationLogQuery } from './operation-query.builder.js';
import { OperationQueryDto } from './operation-query.dto.js';
import { toOperationLogFilter } from './operation-query.service.js';

const whereOf = (sql: string) => /WHERE (.*) ORDER BY/.exec(sql)?.[1];

describe('buildOperationLogQuery', () => {
  it('reads newest first, one row more than the page, with no filter', () => {
    const q = buildOperationLogQuery({ limit: 10 });
    expect(q.sql).toBe(
      'SELECT seq, id, at, service, actor_type, actor, entity, entity_id, action, changes, request_id FROM operation_log ORDER BY at DESC, seq DESC LIMIT ?',
    );
    expect(q.params).toEqual([11]);
  });

  it('puts entity before entity_id so the (entity, entity_id, at, seq) index serves it, and binds every value', () => {
    const q = buildOperationLogQuery({ entityId: "w' OR 1=1 --", entity: 'workorder', action: 'accept', actor: 'EOMS', limit: 5 });
    expect(whereOf(q.sql)).toBe('entity = ? AND entity_id = ? AND actor = ? AND action = ?');
    expect(q.params).toEqual(['workorder', "w' OR 1=1 --", 'EOMS', 'accept', 6]);
    expect(q.sql).toContain('FROM operation_log IGNORE INDEX (ix_operation_log_at) WHERE');
  });

  it('keeps the (at, seq) index for a time range alone, bounded as [from, to)', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-01-02T00:00:00Z');
    const q = buildOperationLogQuery({ from, to, limit: 5 });
    expect(q.sql).not.toContain('IGNORE INDEX');
    expect(whereOf(q.sql)).toBe('at >= ? AND at < ?');
    expect(q.params).toEqual([from, to, 6]);
  });

  it('continues after the cursor with a keyset bound on (at, seq), never an offset', () => {
    const at = new Date('2026-01-01T12:00:00.123Z');
    const q = buildOperationLogQuery({ actor: 'E100001', after: { at, seq: 42n }, limit: 100 });
    expect(whereOf(q.sql)).toBe('actor = ? AND at <= ? AND (at < ? OR seq < ?)');
    expect(q.params).toEqual(['E100001', at, at, 42n, 101]);
    expect(q.sql).not.toMatch(/OFFSET/i);
  });
});

describe('GET /audit/operations query → filter', () => {
  const pipe = createValidationPipe();
  const parse = (query: Record<string, string>) => pipe.transform(query, { type: 'query', metatype: OperationQueryDto }) as Promise<OperationQueryDto>;

  it('maps employee to actor and converts text to typed bounds and the cursor', async () => {
    const cursor = encodeCursor({ at: new Date('2026-01-01T10:00:00.500Z'), seq: 7n });
    const dto = await parse({ employee: 'E100001', entity: 'workorder', entityId: 'w1', action: 'accept', from: '2026-01-01', to: '2026-01-02T00:00:00Z', limit: '20', cursor });
    expect(toOperationLogFilter(dto)).toEqual({
      actor: 'E100001',
      entity: 'workorder',
      entityId: 'w1',
      action: 'accept',
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-01-02T00:00:00Z'),
      after: { at: new Date('2026-01-01T10:00:00.500Z'), seq: 7n },
      limit: 20,
    });
    expect(toOperationLogFilter(await parse({})).limit).toBe(100);
  });

  it('refuses bad values (limit above 1000, foreign cursor, unknown field) with 4220 and details', async () => {
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
