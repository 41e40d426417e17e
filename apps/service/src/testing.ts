/**
 * The service app's test seam: what the project's own tests and benchmarks may use of its insides
 * (booting the module in-process, driving the work-order service, a migration under test). Lint
 * lets test/ and scripts/ import this file and no other file of the app; production code never
 * imports it.
 */
export { OutboxMerge1764400100000 } from './database/1764400100000-outbox-merge.migration.js';
export { loadServiceConfig } from './service.config.js';
export { ServiceModule } from './service.module.js';
export { WorkorderService } from './workorder/workorder.service.js';
export { SlaClock } from './sla/sla-clock.js';
export { CalendarService } from './sla/calendar.service.js';
export { SlaPolicyService } from './sla/sla-policy.service.js';
export { SEEDED_ESCALATION_RULE_ID, SEEDED_SUPERVISOR_QUEUE_ID } from './workflow/1765000420000-workflow.migration.js';
export { indexText, detectLanguage, queryTerms } from './knowledge/knowledge-tokenizer.js';
export { articlePostings } from './knowledge/knowledge-ranking.js';
