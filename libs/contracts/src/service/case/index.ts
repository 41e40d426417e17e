/** The service app's case contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type ServiceCaseEventPayloads = Record<never, never>;
