/** The service app's recommendation contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type ServiceRecommendationEventPayloads = Record<never, never>;
