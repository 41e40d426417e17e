/**
 * The audit app's test seam: what the project's own tests and benchmarks may use of its insides
 * (booting the module in-process, writing chained rows as the app would, migrations under test, the
 * call-log query as the HTTP endpoint builds it). Lint lets test/ and scripts/ import this file and
 * no other file of the app; production code never imports it.
 */
export { loadAuditConfig } from './audit.config.js';
export { AuditModule } from './audit.module.js';
export { CallLogSchema1763880500000 } from './call-log/1763880500000-call-log.migration.js';
export { CALL_LOG_LIST, type CallFilterField } from './call-log/call-log.repository.js';
export { CallQueryDto } from './call-log/call-query.dto.js';
export { chainUnchainedRows } from './integrity/chain-backfill.js';
export { ChainKeyring } from './integrity/chain-crypto.js';
export { CALL_LOG } from './integrity/chain-logs.js';
export { AUDIT_PAGE, logFilter, logPageQuery, type LogFilter } from './log-query/log-list.js';
export { OperationLogSchema1763880600000 } from './operation-log/1763880600000-operation-log.migration.js';
