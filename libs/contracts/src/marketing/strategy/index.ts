/** The marketing app's strategy contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type MarketingStrategyEventPayloads = Record<never, never>;
