import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { CrmError } from '@crm/contracts';
import { ListCursorCodec, toPage } from '@crm/persistence';
import { CALL_LOG_LIST, internalCondition } from '../call-log/call-log.repository.js';
import { OPERATION_LOG_LIST, withoutReadsBy } from '../operation-log/operation-log.repository.js';
import { logAggregateQuery, logExportQuery, logPageQuery, sortedBy } from './log-list.js';

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

describe('wildcard searches on the call log', () => {
  it("turns * into LIKE on pattern, caller and request ID, escaping the value's own % and _", () => {
    const q = logPageQuery(CALL_LOG_LIST, { pattern: 'service.workorder*', caller: '*%_*', requestId: 'ord_1*' }, undefined, 10);
    expect(whereOf(q.sql)).toBe('request_id LIKE ? AND caller LIKE ? AND pattern LIKE ?');
    expect(q.params).toEqual(['ord\\_1%', '%\\%\\_%', 'service.workorder%', 11]);
  });

  it('keeps a value without * an exact match, and % or _ without * literal', () => {
    const q = logPageQuery(CALL_LOG_LIST, { pattern: 'service.%', caller: 'EOMS' }, undefined, 10);
    expect(whereOf(q.sql)).toBe('caller = ? AND pattern = ?');
    expect(q.params).toEqual(['EOMS', 'service.%', 11]);
  });

  it('does not force the column index for a wildcard search (it is a range, not an equality)', () => {
    expect(logPageQuery(CALL_LOG_LIST, { pattern: 'service*' }, undefined, 10).sql).not.toContain('INDEX');
    expect(logPageQuery(CALL_LOG_LIST, { pattern: 'service*', code: 0 }, undefined, 10).sql).toContain('IGNORE INDEX (ix_call_log_at)');
  });

  it('leaves wildcards out of the columns that do not take them', () => {
    const q = logPageQuery(CALL_LOG_LIST, { callee: 'serv*' }, undefined, 10);
    expect(whereOf(q.sql)).toBe('callee = ?');
  });
});

describe('conditions beyond the column filters', () => {
  it("hides or keeps only the CRM apps' own callers, NULL callers counting as not internal", () => {
    const q = logPageQuery(CALL_LOG_LIST, { caller: 'EOMS', conditions: [internalCondition(false)] }, undefined, 10);
    expect(whereOf(q.sql)).toBe('caller = ? AND (caller IS NULL OR caller NOT IN (?, ?, ?, ?, ?))');
    expect(q.params).toEqual(['EOMS', 'crm-auth', 'crm-marketing', 'crm-sales', 'crm-service', 'crm-audit', 11]);
    expect(whereOf(logPageQuery(CALL_LOG_LIST, { conditions: [internalCondition(true)] }, undefined, 1).sql)).toBe(
      'caller IN (?, ?, ?, ?, ?)',
    );
  });

  it("hides one operator's reads in the audit app, not their other actions nor anyone else's", () => {
    const q = logPageQuery(OPERATION_LOG_LIST, { conditions: [withoutReadsBy('E100001')] }, undefined, 10);
    expect(whereOf(q.sql)).toBe("NOT (service = 'audit' AND actor_type = 'employee' AND actor = ? AND action IN (?, ?))");
    expect(q.params).toEqual(['E100001', 'query', 'view', 11]);
  });
});

describe('sorted pages of the call log', () => {
  const codec = new ListCursorCodec([randomBytes(32)]);

  it('orders on the whitelisted column with seq as tiebreaker, and continues after it', () => {
    const list = sortedBy(CALL_LOG_LIST, 'durationMs', 'desc');
    expect(logPageQuery(list, {}, undefined, 10).sql).toMatch(/FROM call_log ORDER BY duration_ms DESC, seq DESC LIMIT \?$/);
    const q = logPageQuery(list, { ok: false }, [12.5, 7n], 10);
    expect(whereOf(q.sql)).toBe('ok = ? AND duration_ms <= ? AND (duration_ms < ? OR seq < ?)');
    expect(q.params).toEqual([false, 12.5, 12.5, 7n, 11]);
    const asc = sortedBy(CALL_LOG_LIST, 'caller', 'asc');
    expect(logPageQuery(asc, {}, ['EOMS', 3n], 1).sql).toContain(
      "COALESCE(caller, '') >= ? AND (COALESCE(caller, '') > ? OR seq > ?) ORDER BY COALESCE(caller, '') ASC, seq ASC",
    );
  });

  it('issues cursors from the sort key (NULL as empty text) that another order refuses', () => {
    const list = sortedBy(CALL_LOG_LIST, 'caller', 'asc');
    const rows = [
      { seq: '5', at: new Date(), caller: null },
      { seq: '9', at: new Date(), caller: 'EOMS' },
    ];
    const page = toPage(list, codec, rows, 1, (r) => r.seq);
    expect(codec.decode(list, page.nextCursor!)).toEqual(['', 5n]);
    expect(() => codec.decode(CALL_LOG_LIST, page.nextCursor!)).toThrow(CrmError);
    expect(() => codec.decode(sortedBy(CALL_LOG_LIST, 'caller', 'desc'), page.nextCursor!)).toThrow(CrmError);
  });

  it('is the plain list, with its cursors, for newest first', () => {
    expect(sortedBy(CALL_LOG_LIST)).toBe(CALL_LOG_LIST);
    expect(sortedBy(CALL_LOG_LIST, 'at', 'desc')).toBe(CALL_LOG_LIST);
    expect(logPageQuery(sortedBy(CALL_LOG_LIST, 'at', 'asc'), {}, undefined, 1).sql).toContain('ORDER BY at ASC, seq ASC');
  });

  it('knows no sort outside the whitelist', () => {
    expect(() => sortedBy(CALL_LOG_LIST, 'message; DROP TABLE call_log', 'asc')).toThrow(/no sort/);
  });
});

describe('logAggregateQuery', () => {
  it('groups the filtered range, select parameters first, with no ORDER BY, LIMIT or index hint', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const q = logAggregateQuery(CALL_LOG_LIST, { caller: 'EOMS', from }, { sql: 'x DIV ? AS b, COUNT(*) AS n', params: [60000] }, 'b');
    expect(q.sql).toBe('SELECT x DIV ? AS b, COUNT(*) AS n FROM call_log WHERE caller = ? AND at >= ? GROUP BY b');
    expect(q.params).toEqual([60000, 'EOMS', from]);
  });
});
