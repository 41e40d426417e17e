/** The marketing app's industry contracts: one file per message beside this barrel. */
export * from './industry.types.js';
export * from './list-industries.dto.js';
export * from './industry-profile.dto.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`): none, the data is read-only. */
export type MarketingIndustryEventPayloads = Record<never, never>;
