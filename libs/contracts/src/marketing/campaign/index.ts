/** The marketing app's campaign contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type MarketingCampaignEventPayloads = Record<never, never>;
