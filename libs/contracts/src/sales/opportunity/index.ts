/** The sales app's opportunity contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type OpportunityEventPayloads = Record<never, never>;
