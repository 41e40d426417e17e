/** The marketing app's competitor contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type MarketingCompetitorEventPayloads = Record<never, never>;
