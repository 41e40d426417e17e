/**
 * Published by audit when rows of a log were deleted by a purge (an operator's or the retention
 * policy's), so that an alert can be raised about it.
 */
export const AUDIT_LOG_PURGED_V1 = 'audit.log.purged.v1';
export interface AuditLogPurgedData {
  /** `calls` or `operations`. */
  log: 'calls' | 'operations';
  /** ISO-8601: rows stamped before this were purged (the chain's oldest segment up to the first younger row). */
  before: string;
  /** How many rows were deleted. */
  rows: number;
  /** True when rows that no backup covered were deleted on purpose (`force`). */
  forced: boolean;
  /** The operator, or null for the retention policy. */
  employeeId: string | null;
}
