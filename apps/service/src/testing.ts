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
export { indexText, detectLanguage, queryTerms } from './knowledge/knowledge-tokenizer.js';
export { articlePostings } from './knowledge/knowledge-ranking.js';
