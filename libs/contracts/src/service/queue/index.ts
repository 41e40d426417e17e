/** The service app's queue contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type ServiceQueueEventPayloads = Record<never, never>;
