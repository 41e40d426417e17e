/** The sales app's account contracts: one file per message beside this barrel. */

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export type AccountEventPayloads = Record<never, never>;
