/** The marketing app's lead contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type MarketingLeadEventPayloads = Record<never, never>;
