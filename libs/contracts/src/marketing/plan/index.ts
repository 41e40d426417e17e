/** The marketing app's plan contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type MarketingPlanEventPayloads = Record<never, never>;
