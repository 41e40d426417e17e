/** The marketing app's industry contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type MarketingIndustryEventPayloads = Record<never, never>;
