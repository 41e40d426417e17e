/** The service app's recommendation contracts: one file per message beside this barrel. */
export * from './recommendation.types.js';
export * from './list-recommendations.dto.js';
export * from './account-profile-event.dto.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`): none, it only reads. */
export type ServiceRecommendationEventPayloads = Record<never, never>;
