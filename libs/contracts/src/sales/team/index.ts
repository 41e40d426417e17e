/** The sales app's team contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type TeamEventPayloads = Record<never, never>;
