import { describe, expect, it } from '@jest/globals';
import { CALL_LOG_LIST } from '../call-log/call-log.repository.js';
import { OPERATION_LOG_LIST } from '../operation-log/operation-log.repository.js';
import { logExportQuery, logPageQuery } from './log-list.js';

const whereOf = (sql: string) => /WHERE (.*) ORDER BY/.exec(sql)?.[1] ?? '';

describe('logPageQuery on the call log', () => {
  it('without filters reads the newest rows, one more than the page', () => {
    const q = logPageQuery(CALL_LOG_LIST, {}, undefined, 100);
    expect(q.sql).not.toContain('WHERE');
    expect(q.sql).toMatch(/FROM call_log ORDER BY at DESC, seq DESC LIMIT \?$/);
    expect(q.params).toEqual([101]);
  });

  it('maps every equality filter to its column, values only as parameters', () => {
    const q = logPageQuery(
      CALL_LOG_LIST,
      {
        caller: 'EOMS',
        callee: 'service',
        service: 'service',
        pattern: "service.workorder.dispatch.v1' OR 1=1 --",
        direction: 'inbound',
        code: 4002,
        ok: false,
        actor: 'E100001',
        requestId: 'r-1',
      },
      undefined,
      10,
    );
    expect(whereOf(q.sql).split(' AND ')).toEqual([
      'request_id = ?',
      'caller = ?',
      'callee = ?',
      'service = ?',
      'pattern = ?',
      'code = ?',
      'ok = ?',
      'actor = ?',
      'direction = ?',
    ]);
    expect(q.sql).not.toContain('OR 1=1');
    expect(q.params).toEqual([
      'r-1',
      'EOMS',
      'service',
      'service',
      "service.workorder.dispatch.v1' OR 1=1 --",
      4002,
      false,
      'E100001',
      'inbound',
      11,
    ]);
  });

  it('keeps ok=false and code=0 (falsy values are filters too)', () => {
    const q = logPageQuery(CALL_LOG_LIST, { code: 0, ok: true }, undefined, 1);
    expect(whereOf(q.sql)).toBe('code = ? AND ok = ?');
    expect(q.params).toEqual([0, true, 2]);
  });

  it('rules out the plain (at, seq) index when an indexed column is fixed', () => {
    for (const f of [
      { caller: 'EOMS' },
      { pattern: 'p' },
      { code: 0 },
      { ok: false },
      { requestId: 'r' },
      { actor: 'E1' },
      { service: 's' },
      { callee: 'c' },
    ]) {
      expect(logPageQuery(CALL_LOG_LIST, f, undefined, 10).sql).toContain('FROM call_log IGNORE INDEX (ix_call_log_at) WHERE');
    }
  });

  it('keeps the (at, seq) index for time ranges and direction alone', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    expect(logPageQuery(CALL_LOG_LIST, {}, undefined, 10).sql).not.toContain('INDEX');
    expect(logPageQuery(CALL_LOG_LIST, { from, direction: 'outbound' }, [from, 1n], 10).sql).not.toContain('INDEX');
  });

  it('bounds time as [from, to)', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-01-02T00:00:00Z');
    const q = logPageQuery(CALL_LOG_LIST, { caller: 'EOMS', from, to }, undefined, 5);
    expect(whereOf(q.sql)).toBe('caller = ? AND at >= ? AND at < ?');
    expect(q.params).toEqual(['EOMS', from, to, 6]);
  });

  it('continues after the cursor with a keyset bound on (at, seq), not an offset', () => {
    const at = new Date('2026-01-01T12:00:00.123Z');
    const q = logPageQuery(CALL_LOG_LIST, { pattern: 'p', code: 0 }, [at, 42n], 100);
    expect(whereOf(q.sql)).toBe('pattern = ? AND code = ? AND at <= ? AND (at < ? OR seq < ?)');
    expect(q.params).toEqual(['p', 0, at, at, 42n, 101]);
    expect(q.sql).not.toMatch(/OFFSET/i);
  });
});

describe('logPageQuery on the operation log', () => {
  it('reads newest first, one row more than the page, with no filter', () => {
    const q = logPageQuery(OPERATION_LOG_LIST, {}, undefined, 10);
    expect(q.sql).toBe(
      'SELECT seq, id, at, service, actor_type, actor, entity, entity_id, action, changes, request_id FROM operation_log ORDER BY at DESC, seq DESC LIMIT ?',
    );
    expect(q.params).toEqual([11]);
  });

  it('maps employee to actor, puts entity before entity_id so the (entity, entity_id, at, seq) index serves it, and binds every value', () => {
    const q = logPageQuery(
      OPERATION_LOG_LIST,
      { entityId: "w' OR 1=1 --", entity: 'workorder', action: 'accept', employee: 'EOMS' },
      undefined,
      5,
    );
    expect(whereOf(q.sql)).toBe('entity = ? AND entity_id = ? AND actor = ? AND action = ?');
    expect(q.params).toEqual(['workorder', "w' OR 1=1 --", 'EOMS', 'accept', 6]);
    expect(q.sql).toContain('FROM operation_log IGNORE INDEX (ix_operation_log_at) WHERE');
  });

  it('ignores fields that are not its filters (the DTO is passed whole)', () => {
    const q = logPageQuery(OPERATION_LOG_LIST, { actor: 'E1', limit: 5, cursor: 'x' } as never, undefined, 5);
    expect(q.sql).not.toContain('WHERE');
  });

  it('continues after the cursor with a keyset bound on (at, seq), never an offset', () => {
    const at = new Date('2026-01-01T12:00:00.123Z');
    const q = logPageQuery(OPERATION_LOG_LIST, { employee: 'E100001' }, [at, 42n], 100);
    expect(whereOf(q.sql)).toBe('actor = ? AND at <= ? AND (at < ? OR seq < ?)');
    expect(q.params).toEqual(['E100001', at, at, 42n, 101]);
  });
});

describe('logExportQuery', () => {
  it('reads oldest first with no limit, forcing the (at, seq) index unless a filter has its own', () => {
    expect(logExportQuery(CALL_LOG_LIST, {}, 'seq').sql).toBe(
      'SELECT seq FROM call_log FORCE INDEX (ix_call_log_at) ORDER BY at ASC, seq ASC',
    );
    expect(logExportQuery(CALL_LOG_LIST, { direction: 'inbound' }, 'seq').sql).toContain('FORCE INDEX');
    expect(logExportQuery(CALL_LOG_LIST, { caller: 'EOMS' }, 'seq').sql).toContain('IGNORE INDEX');
  });
});
