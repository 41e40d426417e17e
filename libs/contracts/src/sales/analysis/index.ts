/** The sales app's analysis contracts: one file per message beside this barrel. */
export * from './opportunity-feed.event.js';
export * from './analysis.types.js';
export * from './pipeline-analysis.dto.js';
export * from './win-rate-analysis.dto.js';
export * from './revenue-analysis.dto.js';
export * from './forecast-analysis.dto.js';
export * from './verify-analysis.dto.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`): none, it only reads. */
export type AnalysisEventPayloads = Record<never, never>;
