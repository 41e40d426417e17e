/** The marketing app's strategy contracts: one file per message beside this barrel. */
export * from './evaluate-strategy.dto.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`): evaluation changes nothing. */
export type MarketingStrategyEventPayloads = Record<never, never>;
