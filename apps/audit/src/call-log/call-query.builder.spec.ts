import { describe, expect, it } from '@jest/globals';
import { buildCallLogQuery } from './call-query.builder.js';

const whereOf = (sql: string) => /WHERE (.*) ORDER BY/.exec(sql)?.[1] ?? '';

describe('buildCallLogQuery', () => {
  it('without filters reads the newest rows, one more than the page', () => {
    const q = buildCallLogQuery({ limit: 100 });
    expect(q.sql).not.toContain('WHERE');
    expect(q.sql).toMatch(/ORDER BY at DESC, seq DESC LIMIT \?$/);
    expect(q.params).toEqual([101]);
  });

  it('maps every equality filter to its column, values only as parameters', () => {
    const q = buildCallLogQuery({
      caller: 'EOMS',
      callee: 'service',
      service: 'service',
      pattern: "service.workorder.dispatch.v1' OR 1=1 --",
      direction: 'inbound',
      code: 4002,
      ok: false,
      actor: 'E100001',
      requestId: 'r-1',
      limit: 10,
    });
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
    expect(q.params).toEqual(['r-1', 'EOMS', 'service', 'service', "service.workorder.dispatch.v1' OR 1=1 --", 4002, false, 'E100001', 'inbound', 11]);
  });

  it('keeps ok=false and code=0 (falsy values are filters too)', () => {
    const q = buildCallLogQuery({ code: 0, ok: true, limit: 1 });
    expect(whereOf(q.sql)).toBe('code = ? AND ok = ?');
    expect(q.params).toEqual([0, true, 2]);
  });

  it('rules out the plain (at, seq) index when an indexed column is fixed', () => {
    for (const f of [{ caller: 'EOMS' }, { pattern: 'p' }, { code: 0 }, { ok: false }, { requestId: 'r' }, { actor: 'E1' }, { service: 's' }, { callee: 'c' }]) {
      expect(buildCallLogQuery({ ...f, limit: 10 }).sql).toContain('FROM call_log IGNORE INDEX (ix_call_log_at) WHERE');
    }
  });

  it('keeps the (at, seq) index for time ranges and direction alone', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    expect(buildCallLogQuery({ limit: 10 }).sql).not.toContain('IGNORE INDEX');
    expect(buildCallLogQuery({ from, direction: 'outbound', after: { at: from, seq: 1n }, limit: 10 }).sql).not.toContain('IGNORE INDEX');
  });

  it('bounds time as [from, to)', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-01-02T00:00:00Z');
    const q = buildCallLogQuery({ caller: 'EOMS', from, to, limit: 5 });
    expect(whereOf(q.sql)).toBe('caller = ? AND at >= ? AND at < ?');
    expect(q.params).toEqual(['EOMS', from, to, 6]);
  });

  it('continues after the cursor with a keyset bound on (at, seq), not an offset', () => {
    const at = new Date('2026-01-01T12:00:00.123Z');
    const q = buildCallLogQuery({ pattern: 'p', code: 0, after: { at, seq: 42n }, limit: 100 });
    expect(whereOf(q.sql)).toBe('pattern = ? AND code = ? AND at <= ? AND (at < ? OR seq < ?)');
    expect(q.params).toEqual(['p', 0, at, at, 42n, 101]);
    expect(q.sql).not.toMatch(/OFFSET/i);
  });
});
