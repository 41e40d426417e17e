import { CrmError, ErrorCode } from '@crm/contracts';
import type { SqlQuery } from '@crm/persistence';
import { CALL_LOG_LIST, internalCondition } from '../call-log/call-log.repository.js';
import { logExportQuery, logFilter, type LogList } from '../log-query/log-list.js';
import { OPERATION_LOG_LIST } from '../operation-log/operation-log.repository.js';
import type { ExportQueryDto } from './export-query.dto.js';

const LISTS: Record<ExportQueryDto['log'], LogList<string>> = { calls: CALL_LOG_LIST, operations: OPERATION_LOG_LIST };

/**
 * The export's one SELECT: the query endpoint's filters and time range, oldest first, no LIMIT,
 * with the chain's row hash. Filters of the other log are refused (4220) rather than silently ignored.
 */
export function buildExportQuery(q: ExportQueryDto): SqlQuery {
  const list = LISTS[q.log];
  const other = LISTS[q.log === 'calls' ? 'operations' : 'calls'];
  const given = q as unknown as Record<string, unknown>;
  const foreign = Object.keys(other.filters).filter((f) => !(f in list.filters) && given[f] !== undefined);
  // `internal` is a condition of the call log, not one of its column filters.
  if (q.log === 'operations' && q.internal !== undefined) foreign.push('internal');
  if (foreign.length > 0) {
    throw new CrmError(
      ErrorCode.ValidationFailed,
      'payload failed validation',
      foreign.map((field) => ({ field, reasons: [`${field} does not filter the ${q.log} log`] })),
    );
  }
  const conditions = q.internal === undefined ? [] : [internalCondition(q.internal)];
  return logExportQuery(list, { ...logFilter(q), conditions }, `${list.columns}, row_hash`);
}
