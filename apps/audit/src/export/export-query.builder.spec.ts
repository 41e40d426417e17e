import { describe, expect, it } from '@jest/globals';
import { CrmError, ErrorCode } from '@crm/contracts';
import { buildExportQuery } from './export-query.builder.js';
import type { ExportQueryDto } from './export-query.dto.js';

const q = (fields: Partial<ExportQueryDto>) => ({ log: 'calls', ...fields }) as ExportQueryDto;

describe('buildExportQuery', () => {
  it('reads the whole log oldest first off the (at, seq) index, without a limit', () => {
    const { sql, params } = buildExportQuery(q({}));
    expect(sql).toMatch(/FROM call_log FORCE INDEX \(ix_call_log_at\) ORDER BY at ASC, seq ASC$/);
    expect(sql).not.toMatch(/LIMIT/);
    expect(params).toEqual([]);
  });

  it('applies the query endpoint filters and the [from, to) range', () => {
    const { sql, params } = buildExportQuery(q({ caller: 'EOMS', ok: false, from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' }));
    expect(sql).toContain('IGNORE INDEX (ix_call_log_at) WHERE caller = ? AND ok = ? AND at >= ? AND at < ? ORDER BY at ASC, seq ASC');
    expect(params).toEqual(['EOMS', false, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T00:00:00Z')]);
  });

  it('takes the wildcard searches and the internal-traffic filter of GET /audit/calls', () => {
    const { sql, params } = buildExportQuery(q({ pattern: 'service.workorder.*', internal: false }));
    expect(sql).toContain('WHERE pattern LIKE ? AND (caller IS NULL OR caller NOT IN (?, ?, ?, ?, ?)) ORDER BY at ASC');
    expect(params).toEqual(['service.workorder.%', 'crm-auth', 'crm-marketing', 'crm-sales', 'crm-service', 'crm-audit']);
    try {
      buildExportQuery(q({ log: 'operations', internal: true }));
      throw new Error('expected a refusal');
    } catch (e) {
      expect((e as CrmError).details).toEqual([{ field: 'internal', reasons: ['internal does not filter the operations log'] }]);
    }
  });

  it('maps the operation log filters to their columns', () => {
    const { sql, params } = buildExportQuery(q({ log: 'operations', employee: 'E100001', entity: 'workorder', entityId: 'w1' }));
    expect(sql).toContain(
      'row_hash FROM operation_log IGNORE INDEX (ix_operation_log_at) WHERE entity = ? AND entity_id = ? AND actor = ?',
    );
    expect(params).toEqual(['workorder', 'w1', 'E100001']);
  });

  it('refuses a filter of the other log with 4220 naming it', () => {
    try {
      buildExportQuery(q({ entity: 'workorder', caller: 'EOMS' }));
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(CrmError);
      expect((e as CrmError).code).toBe(ErrorCode.ValidationFailed);
      expect((e as CrmError).details).toEqual([{ field: 'entity', reasons: ['entity does not filter the calls log'] }]);
    }
  });
});
